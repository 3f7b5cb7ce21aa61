import { describe, expect, it } from 'vitest';
import { CATALOGUES, createTranslator, LOCALES, matchLocale, type Locale } from '../../../../shared/i18n';

type Tree = { [key: string]: string | Tree };

/** Every message as `dotted.key → text`. */
function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    if (typeof value === 'string') out.set(`${prefix}${key}`, value);
    else for (const [k, v] of flatten(value, `${prefix}${key}.`)) out.set(k, v);
  }
  return out;
}

const PLURAL = /_(zero|one|two|few|many|other)$/;
const variables = (text: string) => [...text.matchAll(/\{\{\s*([\w.]+)\s*(?:,[^}]*)?\}\}/g)].map((m) => m[1]).sort();

/** Keys with their plural suffix removed, and the plural forms each has. */
function groups(messages: Map<string, string>): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const key of messages.keys()) {
    const base = key.replace(PLURAL, '');
    const forms = out.get(base) ?? new Set<string>();
    const form = PLURAL.exec(key)?.[1];
    if (form) forms.add(form);
    out.set(base, forms);
  }
  return out;
}

const english = flatten(CATALOGUES.en as unknown as Tree);

describe('message catalogues', () => {
  it.each(LOCALES.filter((l) => l !== 'en'))('%s has exactly the messages of English, each with the same variables', (locale: Locale) => {
    const messages = flatten(CATALOGUES[locale] as unknown as Tree);
    const mine = groups(messages);
    const theirs = groups(english);
    expect([...mine.keys()].sort()).toEqual([...theirs.keys()].sort());
    for (const [key, text] of messages) {
      const base = key.replace(PLURAL, '');
      const englishText = english.get(key) ?? english.get(`${base}_other`);
      expect(englishText, `${locale}: ${key} has no English counterpart`).toBeDefined();
      expect(variables(text), `${locale}: ${key}`).toEqual(variables(englishText!));
      expect(text.trim(), `${locale}: ${key} is empty`).not.toBe('');
    }
  });

  it.each(LOCALES)('%s gives every plural message exactly the plural forms its language has', (locale: Locale) => {
    const categories = new Set(new Intl.PluralRules(locale).resolvedOptions().pluralCategories);
    for (const [key, forms] of groups(flatten(CATALOGUES[locale] as unknown as Tree))) {
      if (forms.size === 0) continue;
      expect([...forms].sort(), `${locale}: ${key}`).toEqual([...categories].sort());
    }
  });

  it('translates with plurals and variables, falling back to nothing untranslated', () => {
    const es = createTranslator('es');
    expect(es('palette.status.results', { count: 1 })).toBe('1 resultado');
    expect(es('palette.status.results', { count: 4 })).toBe('4 resultados');
    expect(es('palette.status.results', { count: 1_000_000 })).toBe('1000000 de resultados');
    expect(createTranslator('en')('cases.deleted', { name: 'Harbour' })).toBe('Deleted case “Harbour”.');
  });

  it('picks the locale from the system’s preferences by language', () => {
    expect(matchLocale(['es-419', 'en-US'])).toBe('es');
    expect(matchLocale(['fr-FR', 'es-ES'])).toBe('es');
    expect(matchLocale(['fr-FR', 'de'])).toBe('en');
    expect(matchLocale([])).toBe('en');
  });
});
