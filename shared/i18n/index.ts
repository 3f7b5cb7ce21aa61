/**
 * The message catalogues: one per locale, English first. English is the source of truth for the keys
 * (their TypeScript type is `typeof en`, so `t('a.missing.key')` fails to type-check in the renderer);
 * every other locale must have exactly its keys, with the same {{variables}} and the plural forms its
 * language needs (tests/unit/shared/i18n/catalogues.test.ts).
 *
 * Pure data plus i18next (a pure package), so Electron main builds its menu from the same catalogue
 * as the renderer's UI.
 */
import { createInstance, type TFunction } from 'i18next';
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

/** A stand-alone translator for one locale (Electron main's menu); the renderer uses its own i18next instance. */
export function createTranslator(locale: Locale): TFunction {
  const instance = createInstance();
  void instance.init({ ...I18N_OPTIONS, lng: locale, resources: RESOURCES });
  return instance.t;
}
