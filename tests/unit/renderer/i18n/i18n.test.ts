// @vitest-environment jsdom
import { beforeAll, describe, expect, it } from 'vitest';

// The system says Spanish (Latin America) first: the renderer must start in Spanish.
beforeAll(() => {
  Object.defineProperty(navigator, 'languages', { value: ['es-419', 'en'], configurable: true });
});

describe('renderer i18n', () => {
  it('starts in the system’s language, switches on request, remembers the choice and labels the document', async () => {
    const i18n = await import('../../../../renderer/i18n');
    expect(i18n.currentLocale()).toBe('es');
    expect(document.documentElement.lang).toBe('es');
    expect(i18n.t('cases.heading')).toBe('Casos');
    const seen: string[] = [];
    const stop = i18n.onLocaleChange((locale) => seen.push(locale));

    i18n.setLocalePreference('en');
    expect(i18n.t('cases.heading')).toBe('Cases');
    expect(document.documentElement.lang).toBe('en');
    expect(localStorage.getItem('casefile.locale')).toBe('en');
    expect(i18n.localePreference()).toBe('en');

    i18n.setLocalePreference('system');
    expect(localStorage.getItem('casefile.locale')).toBeNull();
    expect(i18n.currentLocale()).toBe('es');
    stop();
    expect(seen).toEqual(['en', 'es']);
  });

  it('types its keys and their variables: a missing key or variable does not compile', async () => {
    const { t } = await import('../../../../renderer/i18n');
    expect(t('cases.deleted', { name: 'Puerto' })).toMatch(/Puerto/);
    // @ts-expect-error — no such message
    expect(t('cases.noSuchMessage')).toBe('cases.noSuchMessage');
    // @ts-expect-error — “Deleted case {{name}}” needs its name
    expect(t('cases.deleted', {})).toMatch(/\{\{name\}\}|“”/);
  });
});
