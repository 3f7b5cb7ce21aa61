/**
 * The languages text recognition (OCR) offers, and their names in the UI's language. Kept apart from
 * ./ocr so the renderer's i18n module can name them without loading the OCR result code.
 */
import { englishText } from '../i18n';

/** A language the user can pick, with its Tesseract code and its data package `@tesseract.js-data/<code>`. */
export interface OcrLanguage {
  code: string;
  /** Its BCP 47 tag, for the name `Intl.DisplayNames` gives it in the UI's language (the catalogue's `ocrLanguages` when it gives none). */
  tag: string;
  /** The language's own name, shown next to the UI's name for it. */
  native?: string;
  /** BCP 47 primary tags this language answers to, for a first guess from the UI locale. */
  tags: readonly string[];
}

export const OCR_LANGUAGES: readonly OcrLanguage[] = [
  { code: 'eng', tag: 'en', tags: ['en'] },
  { code: 'fra', tag: 'fr', native: 'français', tags: ['fr'] },
  { code: 'deu', tag: 'de', native: 'Deutsch', tags: ['de'] },
  { code: 'spa', tag: 'es', native: 'español', tags: ['es'] },
  { code: 'ara', tag: 'ar', native: 'العربية', tags: ['ar'] },
  { code: 'chi_sim', tag: 'zh-Hans', native: '简体中文', tags: ['zh'] },
  { code: 'jpn', tag: 'ja', native: '日本語', tags: ['ja'] },
];

const BY_CODE = new Map(OCR_LANGUAGES.map((l) => [l.code, l]));

export function isOcrLanguage(code: string): boolean {
  return BY_CODE.has(code);
}

/** The catalogue's English is British: lists without a serial comma ("English, French and Arabic"). */
const FORMAT_LOCALES: Record<string, string> = { en: 'en-GB' };

/** A language's name from the catalogue (`ocrLanguages`), for when `Intl.DisplayNames` has none. */
export type LanguageNameFallback = (code: string) => string;

const englishFallback: LanguageNameFallback = (code) => (BY_CODE.has(code) ? englishText({ key: `ocrLanguages.${code}` }) : code);

/**
 * An OCR language's name in `locale`, as it reads inside a sentence ("francés" in Spanish): `Intl.DisplayNames`'
 * where it knows the language, else `fallback`'s. Unknown codes are shown as themselves.
 */
export function ocrLanguageName(code: string, locale = 'en', fallback: LanguageNameFallback = englishFallback): string {
  const language = BY_CODE.get(code);
  if (!language) return code;
  try {
    const name = new Intl.DisplayNames([FORMAT_LOCALES[locale] ?? locale], { type: 'language', fallback: 'none' }).of(language.tag);
    if (name && name.toLowerCase() !== language.tag.toLowerCase()) return name;
  } catch {
    // No display names for this locale: the catalogue's.
  }
  return fallback(code);
}

/** "English and French" ("inglés y francés"): the chosen languages for a sentence in `locale`. */
export function languageNames(codes: readonly string[], locale = 'en', fallback: LanguageNameFallback = englishFallback): string {
  const names = codes.map((code) => ocrLanguageName(code, locale, fallback));
  try {
    return new Intl.ListFormat(FORMAT_LOCALES[locale] ?? locale, { type: 'conjunction' }).format(names);
  } catch {
    return names.join(', ');
  }
}

/** A first guess at the document's language from the user's locales ("fr-CA" → French), else English. */
export function defaultOcrLanguages(locales: readonly string[]): string[] {
  for (const locale of locales) {
    const primary = locale.toLowerCase().split(/[-_]/)[0] ?? '';
    const match = OCR_LANGUAGES.find((l) => l.tags.includes(primary));
    if (match) return [match.code];
  }
  return ['eng'];
}
