/**
 * Batch re-anchoring when a source's text is replaced by a revision.
 *
 * The old and new texts are diffed once (`diff.ts`: whitespace-blind,
 * content-defined chunks, so it holds for any script and any re-flow). A
 * passage whose characters lie in one shared run is carried over by that map
 * in O(log n), and kept only when its stored context agrees there too. The
 * others (an edit touched them, or their context no longer agrees) are
 * searched for, starting at their mapped position and confined to the text
 * the diff marks as changed: a verbatim copy in unchanged text is some other
 * sentence of the old text, not this passage. The search leaves the
 * neighbourhood only when the diff shows the passage's text was removed from
 * its old place, i.e. it may have moved.
 */
import type { AnchorStatus, TextPositionSelector, TextQuoteSelector } from '../domain/types';
import { diffTexts, keptSkeletonLength, mapSkeletonOffset, mapSkeletonSpan, type TextDiff } from './diff';
import { describe, locate, resolve, verbatimStatus, type TextRange } from './selectors';
import { quoteSpan, squeeze, toSkeleton } from './skeleton';

export interface PassageAnchor {
  id: string;
  selectors: [TextQuoteSelector, TextPositionSelector];
}

export interface ReanchorResult {
  start: number;
  end: number;
  /**
   * 'exact': the same characters at the same offsets; 'moved': the same
   * characters elsewhere, or re-spaced (whitespace re-flowed); 'fuzzy': found
   * with some characters changed; 'orphaned': not placed.
   */
  status: AnchorStatus;
  /** Fresh selectors against the new text; absent when the passage is orphaned. */
  selectors?: [TextQuoteSelector, TextPositionSelector];
}

/**
 * Re-anchor every passage of a source from `oldText` to `newText`. Returns one
 * entry per passage id; never throws for malformed selectors (they come back
 * orphaned). Deterministic: the same inputs give the same map.
 */
export function reanchorAll(oldText: string, newText: string, passages: readonly PassageAnchor[]): Map<string, ReanchorResult> {
  const diff = diffTexts(oldText, newText);
  // In text order, so the tables the passages are looked up in are read front to back, not at random.
  const order = passages.map((_, i) => i);
  const startOf = (i: number): number => {
    const s = passages[i]?.selectors?.[1]?.start;
    return typeof s === 'number' && Number.isFinite(s) ? s : -1;
  };
  order.sort((x, y) => startOf(x) - startOf(y) || x - y);
  const placed = new Array<ReanchorResult>(passages.length);
  for (const i of order) placed[i] = reanchorOne(diff, passages[i] as PassageAnchor);
  const results = new Map<string, ReanchorResult>();
  passages.forEach((p, i) => results.set(p.id, placed[i] as ReanchorResult));
  return results;
}

function reanchorOne(diff: TextDiff, passage: PassageAnchor): ReanchorResult {
  const [quote, position] = passage.selectors;
  const exact = quote?.exact;
  if (typeof exact !== 'string' || exact.length === 0) return orphan();
  const prefix = typeof quote.prefix === 'string' ? quote.prefix : '';
  const suffix = typeof quote.suffix === 'string' ? quote.suffix : '';
  const start = position?.start;
  const end = position?.end;
  const oldText = diff.old.source;
  const newText = diff.new.source;
  // The stored position is usable when it holds the quote in the old text.
  const knownSpan =
    Number.isInteger(start) && Number.isInteger(end) && (end as number) - (start as number) === exact.length && oldText.startsWith(exact, start as number);
  if (!knownSpan) return settle(newText, resolve(newText, [{ ...quote, exact, prefix, suffix }]));

  const a = toSkeleton(diff.old, start as number);
  const b = toSkeleton(diff.old, end as number);
  if (b <= a) return orphan(); // a quote of whitespace only says nothing
  const mapped = mapSkeletonSpan(diff, a, b);
  // The diff's placement holds the quote (checked, not assumed).
  const holds = mapped !== undefined && sameUnits(diff.old.codes, a, b, diff.new.codes, mapped.start);
  if (holds && contextAgrees(diff.new.text, mapped, squeeze(prefix), squeeze(suffix))) {
    const span = quoteSpan(diff.new, mapped.start, mapped.end, exact);
    return placed(newText, span, verbatimStatus(newText, span, exact, start as number));
  }

  // The span was edited, or edits on both sides leave the diff's placement
  // uncorroborated: search near where the diff puts it, among the changed
  // regions (and that placement) only. When most of the span is still in
  // place, the passage was edited there, not moved away.
  const where = locate(diff.new, { exact, prefix, suffix }, {
    expected: mapSkeletonOffset(diff, a),
    scope: holds ? [...diff.changed, mapped] : diff.changed,
    widen: 2 * keptSkeletonLength(diff, a, b) < b - a,
    storedStart: start as number,
  });
  return settle(newText, where);
}

/**
 * Whether the stored context (as skeletons) agrees with the text around a
 * mapped span, read outward character by character: one side intact (an edit
 * may run right up to the other), or half of both together.
 */
function contextAgrees(text: string, span: TextRange, prefix: string, suffix: string): boolean {
  let n = 0;
  while (n < prefix.length && span.start - 1 - n >= 0 && text.charCodeAt(span.start - 1 - n) === prefix.charCodeAt(prefix.length - 1 - n)) n++;
  let m = 0;
  while (m < suffix.length && span.end + m < text.length && text.charCodeAt(span.end + m) === suffix.charCodeAt(m)) m++;
  // A side is intact when all of it agrees; an empty side only where the text really ends.
  const before = prefix.length > 0 ? n === prefix.length : span.start === 0;
  const after = suffix.length > 0 ? m === suffix.length : span.end === text.length;
  return before || after || 2 * (n + m) >= prefix.length + suffix.length;
}

/** Whether a[from, to) equals b from `at` on. */
function sameUnits(a: Uint16Array, from: number, to: number, b: Uint16Array, at: number): boolean {
  if (at + (to - from) > b.length) return false;
  for (let i = from, j = at; i < to; i++, j++) if (a[i] !== b[j]) return false;
  return true;
}

function settle(text: string, where: { start: number; end: number; status: AnchorStatus }): ReanchorResult {
  return where.status === 'orphaned' ? orphan() : placed(text, where, where.status);
}

function placed(text: string, span: TextRange, status: AnchorStatus): ReanchorResult {
  return { start: span.start, end: span.end, status, selectors: describe(text, span.start, span.end) };
}

function orphan(): ReanchorResult {
  return { start: -1, end: -1, status: 'orphaned' };
}
