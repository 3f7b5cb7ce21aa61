/**
 * Batch re-anchoring when a source's text is replaced by a revision.
 *
 * The old and new texts are diffed once. A passage whose span lies in shared
 * text is carried over by that map in O(log n) and checked against its quote;
 * only passages an edit touched are searched for, starting at their mapped
 * position and confined to the text the diff marks as changed (a verbatim copy
 * in unchanged text is some other sentence of the old text, not this passage).
 * The search leaves the neighbourhood only when the diff shows the passage's
 * text was removed from its old place, i.e. it may have moved.
 */
import type { AnchorStatus, TextPositionSelector, TextQuoteSelector } from '../domain/types';
import { diffTexts, keptLength, mapOffset, mapSpan } from './diff';
import { describe, resolve, type ResolveOptions, type TextRange } from './selectors';

export interface PassageAnchor {
  id: string;
  selectors: [TextQuoteSelector, TextPositionSelector];
}

export interface ReanchorResult {
  start: number;
  end: number;
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
  const results = new Map<string, ReanchorResult>();
  const diff = diffTexts(oldText, newText);
  for (const passage of passages) {
    results.set(passage.id, reanchorOne(newText, diff, passage));
  }
  return results;
}

function reanchorOne(newText: string, diff: ReturnType<typeof diffTexts>, passage: PassageAnchor): ReanchorResult {
  const [quote, position] = passage.selectors;
  const exact = quote?.exact;
  if (typeof exact !== 'string' || exact.length === 0) return orphan();
  const start = position?.start;
  const end = position?.end;
  const knownSpan = Number.isInteger(start) && Number.isInteger(end) && (end as number) - (start as number) === exact.length;

  if (knownSpan) {
    const mapped = mapSpan(diff, start as number, end as number);
    if (mapped && newText.startsWith(exact, mapped.start)) {
      return placed(newText, mapped, mapped.start === start ? 'exact' : 'moved');
    }
  }

  // The span was edited (or its stored position is unusable): search for it
  // near where the diff puts it, among the changed regions only.
  // When most of the span is still in place, the passage was edited there, not moved away.
  const options: ResolveOptions = knownSpan
    ? {
        expected: mapOffset(diff, start as number),
        scope: diff.changed,
        widen: 2 * keptLength(diff, start as number, end as number) < exact.length,
      }
    : {};
  const where = resolve(newText, [quote], options);
  if (where.status === 'orphaned') return orphan();
  return placed(newText, where, where.status);
}

function placed(text: string, span: TextRange, status: AnchorStatus): ReanchorResult {
  return { start: span.start, end: span.end, status, selectors: describe(text, span.start, span.end) };
}

function orphan(): ReanchorResult {
  return { start: -1, end: -1, status: 'orphaned' };
}

