/**
 * The renderer's messages: one i18next instance, initialised synchronously from the shared catalogues
 * (shared/i18n) before the first render, in the language the user chose in Settings or, by default,
 * the system's (navigator.languages). Components call `useTranslation()` (re-rendered on a language
 * change); code outside React calls `t()`. Keys are typed (./i18next.d.ts).
 */
import i18next from 'i18next';
import { initReactI18next, useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { languageNames, ocrLanguageName } from '../../shared/import/ocrLanguages';
import { addFormats, describeBytes as describeBytesIn, I18N_OPTIONS, isLocale, matchLocale, RESOURCES, translateRef, type Catalogue, type Locale, type MessageRef } from '../../shared/i18n';

export { LOCALE_NAMES, LOCALES, type Locale, type MessageRef } from '../../shared/i18n';
export { Trans, useTranslation } from 'react-i18next';

/** The keys of the messages in `T` that take no variables, as dotted paths. */
type PlainKeys<T, Prefix extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? (T[K] extends `${string}{{${string}` ? never : `${Prefix}${K}`) : PlainKeys<T[K], `${Prefix}${K}.`>;
}[keyof T & string];

/** A key of a message without variables, for data that names one (command titles, pane titles): `t(key)` needs nothing else. */
export type MessageKey = PlainKeys<Catalogue>;

/** What the user chose in Settings: a locale, or whatever the system prefers. */
export type LocalePreference = Locale | 'system';

const PREFERENCE_KEY = 'casefile.locale';

function readPreference(): LocalePreference {
  try {
    const stored = localStorage.getItem(PREFERENCE_KEY);
    return isLocale(stored) ? stored : 'system';
  } catch {
    return 'system';
  }
}

/** The locale the system prefers, among those Casefile has. */
export function systemLocale(): Locale {
  const languages = typeof navigator === 'undefined' ? [] : navigator.languages?.length ? navigator.languages : [navigator.language];
  return matchLocale(languages);
}

function resolve(preference: LocalePreference): Locale {
  return preference === 'system' ? systemLocale() : preference;
}

let preference = readPreference();

void i18next.use(initReactI18next).init({ ...I18N_OPTIONS, lng: resolve(preference), resources: RESOURCES });
addFormats(i18next);

function applyToDocument(locale: string): void {
  if (typeof document !== 'undefined') document.documentElement.lang = locale;
}
applyToDocument(i18next.language);
i18next.on('languageChanged', applyToDocument);

export const i18n = i18next;
export const t = i18next.t.bind(i18next);

/** The locale the UI shows now. */
export function currentLocale(): Locale {
  return isLocale(i18next.language) ? i18next.language : matchLocale([i18next.language]);
}

export function localePreference(): LocalePreference {
  return preference;
}

/** Remember the choice (this device only) and switch the UI to it at once. */
export function setLocalePreference(next: LocalePreference): void {
  preference = next;
  try {
    if (next === 'system') localStorage.removeItem(PREFERENCE_KEY);
    else localStorage.setItem(PREFERENCE_KEY, next);
  } catch {
    // Private modes without storage: the choice holds until the page closes.
  }
  void i18next.changeLanguage(resolve(next));
}

/** Call `listener` with the UI's locale whenever it changes; returns the unsubscribe function. */
export function onLocaleChange(listener: (locale: Locale) => void): () => void {
  const handler = () => listener(currentLocale());
  i18next.on('languageChanged', handler);
  return () => i18next.off('languageChanged', handler);
}

/** A message made outside the renderer (an import error from a worker, a label built in shared/), in the UI's language. */
export function translate(ref: MessageRef): string {
  return translateRef(i18next.t as TFunction, ref);
}

/** The current locale, re-rendering on change. */
export function useLocale(): Locale {
  const { i18n: instance } = useTranslation();
  return isLocale(instance.language) ? instance.language : currentLocale();
}

/** A size in the UI's language, with its decimal separator ("1,5 MB" in Spanish). */
export function describeBytes(bytes: number): string {
  return describeBytesIn(bytes, i18next.t as TFunction, currentLocale());
}

function isMessageRef(value: unknown): value is MessageRef {
  return typeof value === 'object' && value !== null && typeof (value as { key?: unknown }).key === 'string';
}

/** What a failure says, in the UI's language: the message it names (`detail`, made in shared/) when it has one, else its own words. */
export function failureText(failure: unknown): string {
  if (failure instanceof Error) {
    const detail = (failure as Error & { detail?: unknown }).detail;
    return isMessageRef(detail) ? translate(detail) : failure.message;
  }
  return String(failure);
}

/** The OCR languages for a sentence in the UI's language ("inglés y francés"): Intl's names, the catalogue's where it has none. */
export function ocrLanguageNames(codes: readonly string[]): string {
  return languageNames(codes, currentLocale(), catalogueLanguageName);
}

/** One OCR language's name as a label in the UI's language, capitalised as a list item is ("Francés"). */
export function ocrLanguageLabel(code: string): string {
  const locale = currentLocale();
  const name = ocrLanguageName(code, locale, catalogueLanguageName);
  return name.charAt(0).toLocaleUpperCase(locale) + name.slice(1);
}

function catalogueLanguageName(code: string): string {
  return translate({ key: `ocrLanguages.${code}` });
}
