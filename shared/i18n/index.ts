/**
 * The message catalogues: one per locale, English first. English is the source of truth for the keys
 * (their TypeScript type is `typeof en`, so `t('a.missing.key')` fails to type-check in the renderer);
 * every other locale must have exactly its keys, with the same {{variables}} and the plural forms its
 * language needs (tests/unit/shared/i18n/catalogues.test.ts).
 *
 * Pure data plus i18next (a pure package), so Electron main builds its menu from the same catalogue
 * as the renderer's UI.
 */
import { createInstance, type i18n, type TFunction } from 'i18next';
import { en } from './en';
import { es } from './es';
import { DEFAULT_LOCALE, LOCALES, type Locale } from './locales';

export { DEFAULT_LOCALE, isLocale, LOCALE_NAMES, LOCALES, matchLocale, type Locale } from './locales';

export type Catalogue = typeof en;
export const CATALOGUES: Record<Locale, Messages<Catalogue>> = { en, es };

/**
 * The shape of a translation of `T`: the same keys, every leaf a string; a plural group (`x_one`,
 * `x_other`) may add the plural forms its language needs beyond English's (`x_many`, …).
 */
export type Messages<T> = { [K in keyof T]: T[K] extends string ? string : Messages<T[K]> } & {
  [K in keyof T as K extends `${infer Base}_other` ? `${Base}_${'zero' | 'two' | 'few' | 'many'}` : never]?: string;
};

/** i18next options both the renderer and main use, so a message renders the same everywhere. */
export const I18N_OPTIONS = {
  fallbackLng: DEFAULT_LOCALE,
  supportedLngs: [...LOCALES],
  // React escapes what it renders, and the main process shows plain text.
  interpolation: { escapeValue: false },
  returnNull: false,
  initAsync: false,
} as const;

export const RESOURCES = Object.fromEntries(LOCALES.map((locale) => [locale, { translation: CATALOGUES[locale] }])) as Record<Locale, { translation: Catalogue }>;

/**
 * A message named by its key, for text made where no translator should be chosen (shared/, workers) and
 * shown by the UI in its language. A variable may itself be a message (a file's name in quotes, a list
 * of pages); `then` is a sentence that follows, after a space. Plain data: it crosses worker boundaries.
 */
export interface MessageRef {
  key: string;
  values?: { [name: string]: string | number | MessageRef };
  then?: MessageRef;
}

/** An error whose words are a catalogue message: `detail` for the UI to show in its language, `message` its English (logs, the CLI). */
export class MessageError extends Error {
  readonly detail: MessageRef;

  constructor(detail: MessageRef) {
    super(englishText(detail));
    this.detail = detail;
  }
}

/** `ref` in the language of `t`. */
export function translateRef(t: TFunction, ref: MessageRef): string {
  const values: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(ref.values ?? {})) values[name] = typeof value === 'object' ? translateRef(t, value) : value;
  const text = (t as unknown as (key: string, values: Record<string, string | number>) => string)(ref.key, values);
  return ref.then ? `${text} ${translateRef(t, ref.then)}` : text;
}

/**
 * Formats beyond i18next's own, for every instance: `{{size, megabytes}}` shows a number of megabytes with
 * one decimal and no grouping ("21.0" in English, "21,0" in Spanish), as size limits are stated.
 */
export function addFormats(instance: i18n): void {
  instance.services.formatter?.add('megabytes', (value: unknown, lng: string | undefined) =>
    new Intl.NumberFormat(lng, { minimumFractionDigits: 1, maximumFractionDigits: 1, useGrouping: false }).format(Number(value)),
  );
}

let englishT: TFunction | undefined;

/** `ref` in English: what an error's `message` or a problem's text carries for logs, the CLI and tests. */
export function englishText(ref: MessageRef): string {
  englishT ??= createTranslator('en');
  return translateRef(englishT, ref);
}

/** A stand-alone translator for one locale (Electron main's menu); the renderer uses its own i18next instance. */
export function createTranslator(locale: Locale): TFunction {
  const instance = createInstance();
  void instance.init({ ...I18N_OPTIONS, lng: locale, resources: RESOURCES });
  addFormats(instance);
  return instance.t;
}

/**
 * A size as people read it, in the language of `t` with `locale`'s digits ("1.5 MB", "1,5 MB"):
 * gigabytes and megabytes with one decimal, kilobytes whole, bytes counted.
 */
export function describeBytes(bytes: number, t: TFunction, locale: string): string {
  const size = (value: number, decimals: number) => new Intl.NumberFormat(locale, { minimumFractionDigits: decimals, maximumFractionDigits: decimals }).format(value);
  const say = t as unknown as (key: string, values: Record<string, string | number>) => string;
  if (bytes >= 1024 ** 3) return say('units.gigabytes', { size: size(bytes / 1024 ** 3, 1) });
  if (bytes >= 1024 ** 2) return say('units.megabytes', { size: size(bytes / 1024 ** 2, 1) });
  if (bytes >= 1024) return say('units.kilobytes', { size: size(Math.round(bytes / 1024), 0) });
  return say('units.bytes', { count: bytes });
}
