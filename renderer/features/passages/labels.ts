
/** "para. 7" or "p. 2": how a locator reads in lists and cards, in the UI's language. */
export { locatorLabel } from '../../lib/locatorLabel';

/** A quote shortened for a list, on a word boundary. */
export function shortQuote(text: string, max = 140): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${cut.slice(0, space > max * 0.6 ? space : max)}…`;
}
