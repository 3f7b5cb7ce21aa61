import type { Locator } from './types';

/** "para. 7" / "p. 2": a passage's locator as the app, its notes and its exports show it. */
export function locatorText(locator: Locator): string {
  return locator.kind === 'page' ? `p. ${locator.value}` : `para. ${locator.value}`;
}
