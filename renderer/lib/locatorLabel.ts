import type { Locator } from '../../shared/domain/types';
import { t } from '../i18n';

/**
 * "p. 2", "para. 7" ("pág. 2", "párr. 7" in Spanish): a passage's locator as the UI shows it, in the UI's
 * language. Exports keep `locatorText` (shared/domain/locator.ts): a citation is written in the brief's
 * citation style, not in the language of whoever exported it.
 */
export function locatorLabel(locator: Locator): string {
  return locator.kind === 'page' ? t('passage.locator.page', { n: locator.value }) : t('passage.locator.paragraph', { n: locator.value });
}
