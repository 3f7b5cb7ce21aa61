/**
 * W3C selectors for a passage, and resolution of stored selectors against a
 * (possibly revised) text.
 *
 * Resolution tries the cheapest evidence first, as the Hypothesis client does
 * (stored position verified against the quote, then exact search, then fuzzy
 * search), but every search starts in a window around the expected position
 * and only then widens, so a long document is not rescanned for every quote.
 * Searches compare skeletons (the text without whitespace, see
 * `skeleton.ts`), so a passage whose paragraph was re-flowed or whose lines
 * were re-wrapped is found as it is, not as an approximation.
 * The rule throughout: never guess. When two places are equally plausible, or
 * the best one is not convincing, the passage is orphaned.
 */
import type { AnchorStatus, PassageSelector, TextPositionSelector, TextQuoteSelector } from '../domain/types';
import { search, type FuzzyMatch } from './fuzzy';
import { anchoredAgreement, candidateScore, contextFit, contextSimilarity } from './score';
import { quoteSpan, sameWords, skeletonOf, squeeze, toSkeleton, type Skeleton } from './skeleton';

/** Characters of context stored on each side of a quote. */
export const CONTEXT_LENGTH = 32;
/** Smallest half-width of the window searched around the expected position. */
export const MIN_WINDOW = 2000;
/** Combined score (see `candidateScore`) a fuzzy candidate must reach. */
export const FUZZY_THRESHOLD = 0.7;
/** A runner-up this close to the best candidate makes the choice a guess. */
const AMBIGUITY_MARGIN = 0.005;
/**
 * Support (mean of the context's edit-distance similarity and its exact
 * agreement read outward, see `bestByContext`) that corroborates a verbatim
 * occurrence.
 */
const CONTEXT_CORROBORATES = 0.5;
/** Weaker support that suffices for the only verbatim occurrence near the expected position. */
const CONTEXT_NEAR_UNIQUE = 0.25;
/**
 * A verbatim quote at least this long that occurs once is evidence on its own,
 * wherever it is (a moved paragraph); shorter phrases recur too easily.
 */
const SELF_EVIDENT_LENGTH = 64;
/** Upper bound on the fuzzy error budget, whatever the quote length. */
export const MAX_ERRORS_CAP = 64;

export interface TextRange {
  start: number;
  end: number;
}

export interface Placement {
  start: number;
  end: number;
  status: AnchorStatus;
}

export interface ResolveOptions {
  /** Where the passage is expected to start now; defaults to the stored position. */
  expected?: number;
  /**
   * Ranges a placement must overlap (default: the whole text); an empty range
   * counts when the placement contains or touches its point. A batch
   * re-anchor passes the regions a diff marks as changed: a quote found wholly
   * inside unchanged text belongs to some other place of the old text, so
   * taking it would be a guess.
   */
  scope?: readonly TextRange[];
  /**
   * Whether to look beyond the window around the expected position (default
   * true). A batch re-anchor turns it off for a passage the diff shows was
   * edited in place: its text is still where it was, so a copy elsewhere would
   * be a look-alike, not the passage.
   */
  widen?: boolean;
}

export const ORPHANED: Readonly<Placement> = Object.freeze({ start: -1, end: -1, status: 'orphaned' });

/**
 * Error budget for a quote of `length` characters: one edit per eight
 * characters, capped. Below eight characters no edit is tolerated, because a
 * short quote with one wrong character matches too much to be evidence.
 */
export function maxErrorsFor(length: number): number {
  return Math.min(MAX_ERRORS_CAP, Math.floor(length / 8));
}

/**
 * Error budget for a quote (as a skeleton): {@link maxErrorsFor} of its length,
 * where a Chinese or Japanese character or a Hangul syllable counts twice. A
 * CJK character carries about as much as a short Latin word, so one edit in
 * eight characters would otherwise tolerate far less change there (a deleted
 * three-character phrase orphans a whole sentence).
 */
export function errorBudget(quote: string): number {
  let weight = quote.length;
  for (let i = 0; i < quote.length; i++) {
    const c = quote.charCodeAt(i);
    if ((c >= 0x2e80 && c <= 0x9fff) || (c >= 0xac00 && c <= 0xd7af) || (c >= 0xf900 && c <= 0xfaff)) weight++;
  }
  return maxErrorsFor(weight);
}

/**
 * Build the quote and position selectors for `text.slice(start, end)`.
 * Throws a RangeError naming the problem when the offsets are not a non-empty
 * span inside the text, because such a passage could never be resolved.
 */
export function describe(text: string, start: number, end: number): [TextQuoteSelector, TextPositionSelector] {
  if (!Number.isInteger(start) || !Number.isInteger(end)) {
    throw new RangeError(`Passage offsets must be whole numbers (got ${start}–${end}).`);
  }
  if (start < 0 || end > text.length) {
    throw new RangeError(`Passage ${start}–${end} lies outside the source text (0–${text.length}).`);
  }
  if (end <= start) {
    throw new RangeError(`A passage must contain at least one character (got ${start}–${end}).`);
  }
  return [
    {
      type: 'TextQuoteSelector',
      exact: text.slice(start, end),
      prefix: text.slice(Math.max(0, start - CONTEXT_LENGTH), start),
      suffix: text.slice(end, end + CONTEXT_LENGTH),
    },
    { type: 'TextPositionSelector', start, end },
  ];
}

/** The quote selector among `selectors`, if any. */
export function quoteSelector(selectors: readonly PassageSelector[]): TextQuoteSelector | undefined {
  return selectors.find((s): s is TextQuoteSelector => s.type === 'TextQuoteSelector');
}

/** The position selector among `selectors`, if any. */
export function positionSelector(selectors: readonly PassageSelector[]): TextPositionSelector | undefined {
  return selectors.find((s): s is TextPositionSelector => s.type === 'TextPositionSelector');
}

/**
 * Place one passage in `text`. Never throws: malformed selectors or a quote
 * that cannot be found convincingly give `{status: 'orphaned', start: -1, end: -1}`.
 *
 * 1. 'exact'  — the stored position still holds the quote, in agreeing context.
 * 2. 'moved'  — the quote occurs elsewhere with the same characters (its
 *               whitespace may differ: a re-flowed paragraph), and its
 *               prefix/suffix agree enough to corroborate it (several
 *               occurrences are told apart by that agreement, then by
 *               distance); a long quote that occurs once needs no corroboration.
 * 3. 'fuzzy'  — an approximate occurrence within the error budget whose quote,
 *               context and position together clear the confidence threshold.
 * A quote selector is required: a bare position cannot be verified.
 */
export function resolve(text: string, selectors: readonly PassageSelector[], opts: ResolveOptions = {}): Placement {
  const quote = quoteSelector(selectors);
  if (!quote || typeof quote.exact !== 'string' || quote.exact.length === 0) return { ...ORPHANED };
  const exact = quote.exact;
  const prefix = typeof quote.prefix === 'string' ? quote.prefix : '';
  const suffix = typeof quote.suffix === 'string' ? quote.suffix : '';
  const len = exact.length;

  const pos = positionSelector(selectors);
  // The stored position still holds the quote in its whole stored context: nothing changed around
  // it. Anything less (an edit beside it, or a look-alike that slid under it in repetitive text)
  // is weighed by the search, which compares it with its neighbours.
  if (
    pos &&
    Number.isInteger(pos.start) &&
    pos.start >= 0 &&
    pos.end === pos.start + len &&
    text.startsWith(exact, pos.start) &&
    (prefix.length > 0 ? pos.start >= prefix.length && text.startsWith(prefix, pos.start - prefix.length) : pos.start === 0) &&
    (suffix.length > 0 ? text.startsWith(suffix, pos.end) : pos.end === text.length)
  ) {
    return { start: pos.start, end: pos.end, status: 'exact' };
  }
  const storedStart = pos && Number.isInteger(pos.start) ? pos.start : -1;
  const sk = skeletonFor(text);
  const expected = clamp(Math.round(opts.expected ?? (pos && Number.isFinite(pos.start) ? pos.start : 0)), 0, text.length);
  return locate(sk, { exact, prefix, suffix }, {
    expected: toSkeleton(sk, expected),
    scope: opts.scope?.map((r) => ({ start: toSkeleton(sk, r.start), end: toSkeleton(sk, r.end) })),
    widen: opts.widen,
    storedStart,
  });
}

let lastSkeleton: WeakRef<Skeleton> | undefined;

/**
 * The skeleton of `text`, reusing the last one built while the garbage
 * collector keeps it: an import resolves many passages against one text.
 */
function skeletonFor(text: string): Skeleton {
  const last = lastSkeleton?.deref();
  if (last && last.source === text) return last;
  const sk = skeletonOf(text);
  lastSkeleton = new WeakRef(sk);
  return sk;
}

/** What a search for one quote needs, in skeleton offsets. */
export interface LocateOptions {
  /** Where the passage is expected to start now (skeleton offset). */
  expected: number;
  /** Skeleton ranges a placement must overlap (see {@link ResolveOptions.scope}). */
  scope?: readonly TextRange[];
  /** See {@link ResolveOptions.widen}. */
  widen?: boolean;
  /** Raw start of the stored position, or -1: a verbatim find there is 'exact'. */
  storedStart: number;
}

/**
 * Search for a quote in a skeleton: verbatim near the expected position, then
 * fuzzy there, then (unless told not to widen) verbatim and fuzzy in the whole
 * scope. Every candidate is judged against the quote's stored context. The
 * placement is returned in offsets of the skeleton's source text.
 */
export function locate(sk: Skeleton, quote: Pick<TextQuoteSelector, 'exact' | 'prefix' | 'suffix'>, opts: LocateOptions): Placement {
  const exact = squeeze(quote.exact);
  if (exact.length === 0) return { ...ORPHANED };
  const prefix = squeeze(quote.prefix);
  const suffix = squeeze(quote.suffix);
  const text = sk.text;
  const len = exact.length;
  const n = text.length;
  const expected = clamp(opts.expected, 0, n);
  const halfWindow = Math.max(MIN_WINDOW, 4 * len);
  const k = errorBudget(exact);
  const scope = normaliseScope(opts.scope, n, false);
  // Where to look: every scope range widened so any placement overlapping it fits.
  const searchIn = normaliseScope(scope.map((r) => ({ start: r.start - len - k, end: r.end + len + k })), n, true);
  const near = intersect(searchIn, { start: expected - halfWindow, end: expected + len + halfWindow });
  const ctx: SearchContext = { text, exact, prefix, suffix, expected, halfWindow, scope };
  const found = (start: number, end: number, verbatim: boolean): Placement => placement(sk, start, end, verbatim, quote.exact, opts.storedStart);

  // Verbatim near the expected position, within the scope: corroborated by context, or alone
  // there (in scope or not) with some context.
  const window = { start: Math.max(0, expected - halfWindow), end: Math.min(n, expected + len + halfWindow) };
  const inWindow = occurrencesIn(text, exact, window);
  // The only copy near it, with one side of its context intact, when the passage may have moved
  // (the diff shows its old text gone from its old place): evidence enough, even in text the diff
  // matched to some other place of the old text (which then had a twin of it).
  const only = inWindow.length === 1 ? inWindow[0] : undefined;
  if (only !== undefined && opts.widen !== false && sideIntact(ctx, only)) return found(only, only + len, true);
  const nearHits = inWindow.filter((at) => touchesAny(scope, at, at + len));
  const nearBest = bestByContext(ctx, nearHits);
  const nearThreshold = inWindow.length === 1 ? CONTEXT_NEAR_UNIQUE : CONTEXT_CORROBORATES;
  if (nearBest && nearBest.support >= nearThreshold) return found(nearBest.start, nearBest.start + len, true);

  // Fuzzy candidates near the expected position.
  if (k > 0) {
    const best = chooseFuzzy(ctx, fuzzyCandidates(ctx, k, near));
    if (best) return found(best.start, best.end, false);
  }

  if (opts.widen === false) return { ...ORPHANED };

  // Verbatim anywhere in scope: corroborated by context, or long and unique (a moved paragraph).
  const allHits = exactOccurrences(ctx, searchIn);
  const best = bestByContext(ctx, allHits);
  if (best && (best.support >= CONTEXT_CORROBORATES || (allHits.length === 1 && len >= SELF_EVIDENT_LENGTH))) {
    return found(best.start, best.start + len, true);
  }

  // Fuzzy candidates anywhere in scope (skipped when the near window already covered it).
  if (k > 0 && totalLength(searchIn) > totalLength(near)) {
    const far = chooseFuzzy(ctx, fuzzyCandidates(ctx, k, searchIn));
    if (far) return found(far.start, far.end, false);
  }
  return { ...ORPHANED };
}

/** A placement in source offsets for skeleton span [start, end) of `sk`. */
function placement(sk: Skeleton, start: number, end: number, verbatim: boolean, exact: string, storedStart: number): Placement {
  const span = quoteSpan(sk, start, end, exact);
  return { start: span.start, end: span.end, status: verbatim ? verbatimStatus(sk.source, span, exact, storedStart) : 'fuzzy' };
}

/**
 * The status of a placement whose skeleton is the quote's: 'exact' only when
 * the very characters, whitespace included, are back at the stored position;
 * 'moved' for the same words elsewhere or laid out differently (a re-flowed
 * paragraph, a re-wrapped line); 'fuzzy' when the spacing changed the words
 * themselves ("in to" → "into").
 */
export function verbatimStatus(text: string, span: TextRange, exact: string, storedStart: number): AnchorStatus {
  if (span.end - span.start === exact.length && text.startsWith(exact, span.start)) return span.start === storedStart ? 'exact' : 'moved';
  return sameWords(text.slice(span.start, span.end), exact) ? 'moved' : 'fuzzy';
}

interface SearchContext {
  /** The skeleton text searched, and the quote and its context as skeletons. */
  text: string;
  exact: string;
  prefix: string;
  suffix: string;
  expected: number;
  halfWindow: number;
  /** Sorted, merged ranges a placement must overlap. */
  scope: readonly TextRange[];
}

function clamp(x: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, x));
}

/**
 * Sorted copy of `ranges`, clipped to the text, with overlapping ranges merged
 * (and touching ones too when `joinTouching`, so a search never splits text
 * that is contiguous). Zero-length ranges are kept: they mark deletion points.
 */
function normaliseScope(ranges: readonly TextRange[] | undefined, n: number, joinTouching: boolean): TextRange[] {
  if (!ranges) return [{ start: 0, end: n }];
  const clipped = ranges
    .map((r) => ({ start: clamp(Math.floor(r.start), 0, n), end: clamp(Math.ceil(r.end), 0, n) }))
    .filter((r) => r.end >= r.start)
    .sort((a, b) => a.start - b.start || a.end - b.end);
  const merged: TextRange[] = [];
  for (const r of clipped) {
    const last = merged[merged.length - 1];
    if (last && (r.start < last.end || (joinTouching && r.start === last.end))) last.end = Math.max(last.end, r.end);
    else merged.push({ ...r });
  }
  return merged;
}

/**
 * Whether [start, end) overlaps one of the sorted, disjoint `ranges`. A
 * zero-length range (a point where text was removed) counts when it lies
 * within or at the edge of the span, since the removed text was there. With
 * `abut`, a span that only touches a range counts too: an edit that runs up
 * to a passage's edge (a word added right after it) leaves the best
 * approximate match just outside the changed text. A verbatim occurrence that
 * only touches changed text is unchanged text, so it does not get that slack.
 */
function touchesAny(ranges: readonly TextRange[], start: number, end: number, abut = false): boolean {
  let lo = 0;
  let hi = ranges.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const r = ranges[mid];
    if (!r) break;
    const loose = abut || r.start === r.end;
    if (loose ? r.end < start : r.end <= start) lo = mid + 1;
    else if (loose ? r.start > end : r.start >= end) hi = mid - 1;
    else return true;
  }
  return false;
}

function intersect(ranges: readonly TextRange[], window: TextRange): TextRange[] {
  const out: TextRange[] = [];
  for (const r of ranges) {
    const start = Math.max(r.start, window.start);
    const end = Math.min(r.end, window.end);
    if (end > start) out.push({ start, end });
  }
  return out;
}

function totalLength(ranges: readonly TextRange[]): number {
  return ranges.reduce((sum, r) => sum + (r.end - r.start), 0);
}

/** Start offsets of every verbatim occurrence of `exact` in `text` within `window`. */
function occurrencesIn(text: string, exact: string, window: TextRange): number[] {
  const hay = text.slice(window.start, window.end);
  const out: number[] = [];
  for (let i = hay.indexOf(exact); i >= 0; i = hay.indexOf(exact, i + 1)) out.push(window.start + i);
  return out;
}

/** Most verbatim occurrences scored; beyond this a quote is hopelessly common, so only the nearest count. */
const MAX_OCCURRENCES = 1000;

/** Start offsets of verbatim occurrences inside `ranges` that overlap the scope (the nearest few if very many). */
function exactOccurrences(ctx: SearchContext, ranges: readonly TextRange[]): number[] {
  const { text, exact } = ctx;
  const hits: number[] = [];
  for (const r of ranges) {
    // Search a slice, so a miss costs the range, not the rest of the document.
    const hay = r.start === 0 && r.end === text.length ? text : text.slice(r.start, r.end);
    for (let i = hay.indexOf(exact); i >= 0; i = hay.indexOf(exact, i + 1)) {
      const at = r.start + i;
      if (touchesAny(ctx.scope, at, at + exact.length)) hits.push(at);
    }
  }
  if (hits.length <= MAX_OCCURRENCES) return hits;
  return hits
    .sort((a, b) => Math.abs(a - ctx.expected) - Math.abs(b - ctx.expected) || a - b)
    .slice(0, MAX_OCCURRENCES);
}


/** Whether all of the stored prefix or all of the stored suffix agrees around a verbatim occurrence at `start` (see `contextFit`). */
function sideIntact(ctx: SearchContext, start: number): boolean {
  const fit = contextFit(ctx.text, start, start + ctx.exact.length, ctx.prefix, ctx.suffix);
  return fit.before || fit.after;
}

/**
 * How distance trades against context when choosing among verbatim
 * occurrences. An edit of n characters beside a passage shifts it by about n
 * and costs it up to n/64 of context agreement (two 32-character sides), so
 * distance is charged at half that rate (context stays the stronger evidence),
 * up to a cap: beyond it, context alone decides between far occurrences.
 */
const DISTANCE_RATE = 1 / (4 * CONTEXT_LENGTH);
const DISTANCE_CAP = CONTEXT_LENGTH;

/**
 * Choose among verbatim occurrences by their support (the mean of the
 * edit-distance similarity of the context and the stricter anchored
 * agreement) less the distance charge; ties go to the nearest, then the
 * earliest. Reports the winner's support, which the caller compares against
 * its acceptance thresholds.
 */
function bestByContext(ctx: SearchContext, starts: readonly number[]): { start: number; support: number } | undefined {
  let best: { start: number; support: number; score: number; distance: number } | undefined;
  for (const start of starts) {
    const context = contextSimilarity(ctx.text, start, start + ctx.exact.length, ctx.prefix, ctx.suffix);
    const distance = Math.abs(start - ctx.expected);
    const anchored = anchoredAgreement(ctx.text, start, start + ctx.exact.length, ctx.prefix, ctx.suffix);
    const support = (context + anchored) / 2;
    const score = support - DISTANCE_RATE * Math.min(distance, DISTANCE_CAP);
    if (!best || score > best.score || (score === best.score && distance < best.distance)) best = { start, support, score, distance };
  }
  return best && { start: best.start, support: best.support };
}

function fuzzyCandidates(ctx: SearchContext, k: number, ranges: readonly TextRange[]): FuzzyMatch[] {
  return ranges
    .flatMap((r) => search(ctx.text, ctx.exact, k, r.start, r.end))
    .filter((m) => touchesAny(ctx.scope, m.start, m.end, m.errors > 0));
}

/**
 * Pick the best-scoring approximate candidate, or none when it misses the
 * threshold, is verbatim after all (see the comment inside), or a separate
 * candidate scores within the ambiguity margin of it.
 */
function chooseFuzzy(ctx: SearchContext, candidates: readonly FuzzyMatch[]): TextRange | undefined {
  const scored = candidates.map((m) => ({
    m,
    score: candidateScore({
      text: ctx.text,
      start: m.start,
      end: m.end,
      errors: m.errors,
      quoteLength: ctx.exact.length,
      prefix: ctx.prefix,
      suffix: ctx.suffix,
      expected: ctx.expected,
      positionScale: 2 * ctx.halfWindow,
    }),
  }));
  scored.sort((a, b) => b.score - a.score || a.m.start - b.m.start);
  const top = scored[0];
  // A verbatim candidate on top was already judged, and turned down, by the verbatim rules.
  if (!top || top.score < FUZZY_THRESHOLD || top.m.errors === 0) return undefined;
  const rival = scored.find((s) => s !== top && (s.m.end <= top.m.start || s.m.start >= top.m.end));
  if (rival && rival.score >= top.score - AMBIGUITY_MARGIN) return undefined;
  return { start: top.m.start, end: top.m.end };
}
