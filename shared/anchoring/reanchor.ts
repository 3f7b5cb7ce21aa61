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
import { contextFit } from './score';
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
  // The diff's placement holds the quote (checked, not assumed) ...
  const holds = mapped !== undefined && sameUnits(diff.old.codes, a, b, diff.new.codes, mapped.start);
  let rivals: TextRange[] = [];
  if (holds) {
    // ... and its surroundings agree, unless a look-alike nearby agrees clearly better.
    const verdict = judgeMapped(diff.new.text, mapped, squeeze(exact), squeeze(prefix), squeeze(suffix));
    const better = clearWinner(verdict);
    if (better || (verdict.confirmed && !contested(verdict))) {
      const span = quoteSpan(diff.new, (better ?? mapped).start, (better ?? mapped).end, exact);
      return placed(newText, span, verbatimStatus(newText, span, exact, start as number));
    }
    rivals = [mapped, ...verdict.rivals.map((r) => r.span)];
  }

  // The span was edited, or the diff's placement is in doubt: search near
  // where the diff puts it, among the changed regions (and the places in
  // doubt) only. When most of the span is still in place, the passage was
  // edited there, not moved away.
  const where = locate(diff.new, { exact, prefix, suffix }, {
    expected: mapSkeletonOffset(diff, a),
    scope: rivals.length > 0 ? [...diff.changed, ...rivals] : diff.changed,
    widen: 2 * keptSkeletonLength(diff, a, b) < b - a,
    storedStart: start as number,
  });
  return settle(newText, where);
}

/** How far either side of a mapped placement to look for a look-alike that agrees better with the stored context. */
const RIVAL_WINDOW = 2000;
/** Characters of context by which a look-alike must out-agree the diff's placement (and any other) to replace it. */
const CLEAR_MARGIN = 8;

interface Rival {
  span: TextRange;
  /** Stored context characters agreeing, read outward. */
  agree: number;
  /** All of one stored side agrees (an empty side: the text ends there too). */
  intact: boolean;
}

interface MappedVerdict {
  confirmed: boolean;
  agree: number;
  rivals: Rival[];
}

/**
 * Judge the diff's placement of a quote (all as skeletons) by its stored
 * context, read outward character by character. Confirmed: one side intact
 * (an edit may run right up to the other; an empty side is intact where the
 * text ends too), or half of both together. Unless both sides are intact,
 * verbatim look-alikes near it that agree with more of the context are
 * returned as rivals: in repeated text the diff may have paired the passage
 * with a twin.
 */
function judgeMapped(text: string, span: TextRange, quote: string, prefix: string, suffix: string): MappedVerdict {
  const own = contextFit(text, span.start, span.end, prefix, suffix);
  if (own.before && own.after) return { confirmed: true, agree: own.agree, rivals: [] };
  const confirmed = own.before || own.after || 2 * own.agree >= prefix.length + suffix.length;
  const rivals: Rival[] = [];
  const from = Math.max(0, span.start - RIVAL_WINDOW);
  const hay = text.slice(from, Math.min(text.length, span.end + RIVAL_WINDOW));
  for (let i = hay.indexOf(quote); i >= 0; i = hay.indexOf(quote, i + 1)) {
    const at = { start: from + i, end: from + i + quote.length };
    if (at.start === span.start) continue;
    const fit = contextFit(text, at.start, at.end, prefix, suffix);
    if (fit.agree > own.agree) rivals.push({ span: at, agree: fit.agree, intact: fit.before || fit.after });
  }
  return { confirmed, agree: own.agree, rivals };
}

/** The rival that out-agrees the diff's placement and every other rival by a clear margin, with one side intact. */
function clearWinner(v: MappedVerdict): TextRange | undefined {
  let best: Rival | undefined;
  let second = v.agree;
  for (const r of v.rivals) {
    if (!best || r.agree > best.agree) {
      if (best) second = Math.max(second, best.agree);
      best = r;
    } else {
      second = Math.max(second, r.agree);
    }
  }
  return best && best.intact && best.agree >= second + CLEAR_MARGIN ? best.span : undefined;
}

/** Whether some rival agrees clearly better than the diff's placement, though not clearly enough to win: the search decides. */
function contested(v: MappedVerdict): boolean {
  return v.rivals.some((r) => r.agree >= v.agree + CLEAR_MARGIN);
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
