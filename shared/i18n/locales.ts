/** The locales Casefile speaks, and how one is chosen from the system's preferences. No catalogues here: the IPC contract imports it. */
export const LOCALES = ['en', 'es'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'en';

/** Each language's name in itself, for the language setting. */
export const LOCALE_NAMES: Record<Locale, string> = { en: 'English', es: 'Español' };

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/**
 * The first supported locale among the user's preferred languages (BCP 47 tags, most wanted first:
 * `navigator.languages`, Electron's `app.getPreferredSystemLanguages()`), by primary language:
 * "es-419" and "es-ES" both pick Spanish. English when none is supported.
 */
export function matchLocale(preferred: readonly string[]): Locale {
  for (const tag of preferred) {
    const language = tag.toLowerCase().split(/[-_]/)[0];
    if (isLocale(language)) return language;
  }
  return DEFAULT_LOCALE;
}
