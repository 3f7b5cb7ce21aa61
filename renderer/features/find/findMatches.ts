import { foldString, foldText, originalRange, type FoldedText } from '../../../shared/text/fold';

/** More matches than this are not painted (a one-letter query in a long report); the count says so. */
export const MAX_FIND_MATCHES = 5000;

export interface FindResult {
  matches: Array<{ start: number; end: number }>;
  /** True when there were more than MAX_FIND_MATCHES matches. */
  capped: boolean;
}

let cached: { text: string; folded: FoldedText } | null = null;

/** The folded form of a source text, kept for the last text asked about (the one in the reader). */
function folded(text: string): FoldedText {
  if (cached?.text !== text) cached = { text, folded: foldText(text) };
  return cached.folded;
}

/**
 * Every occurrence of `query` in `text`, ignoring case and diacritics (as
 * browsers' find does: "cafe" finds "Café"), as offsets into `text`.
 * Whitespace in the query matches any run of whitespace, so a phrase that
 * wraps across a line break is still found. Matches do not overlap.
 */
export function findMatches(text: string, query: string, limit = MAX_FIND_MATCHES): FindResult {
  const needle = foldString(query.trim());
  if (!needle) return { matches: [], capped: false };
  const hay = folded(text);
  const parts = needle.split(/\s+/).map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const pattern = new RegExp(parts.join('\\s+'), 'g');
  const matches: Array<{ start: number; end: number }> = [];
  for (const m of hay.text.matchAll(pattern)) {
    if (matches.length === limit) return { matches, capped: true };
    matches.push(originalRange(hay, m.index, m.index + m[0].length));
  }
  return { matches, capped: false };
}
