/**
 * Scoring of candidate placements for a quote: how much the surrounding text
 * still looks like the stored prefix/suffix, how close the candidate is to the
 * expected position, and one combined confidence used to accept or reject a
 * fuzzy match. Weights follow the Hypothesis client's judgement that the quote
 * itself dominates, context breaks ties between look-alikes, and position is
 * only a last nudge.
 */
import { editDistance } from './fuzzy';

/** Relative weights of quote, prefix, suffix and position in the combined score. */
const WEIGHT = { quote: 50, prefix: 20, suffix: 20, position: 2 } as const;
const WEIGHT_TOTAL = WEIGHT.quote + WEIGHT.prefix + WEIGHT.suffix + WEIGHT.position;

/**
 * Similarity in [0, 1] between the stored prefix and the text just before
 * `start`. An empty stored prefix means the passage began the document: a
 * candidate at offset 0 agrees fully, anywhere else is neutral evidence (text
 * may have been inserted before it), not counter-evidence.
 */
export function prefixSimilarity(text: string, start: number, prefix: string): number {
  if (prefix.length === 0) return start === 0 ? 1 : 0.5;
  return similarity(text.slice(Math.max(0, start - prefix.length), start), prefix);
}

/** Mirror image of {@link prefixSimilarity} for the text after `end`. */
export function suffixSimilarity(text: string, end: number, suffix: string): number {
  if (suffix.length === 0) return end === text.length ? 1 : 0.5;
  return similarity(text.slice(end, end + suffix.length), suffix);
}

/** 1 − normalised edit distance; 1 means identical. */
function similarity(actual: string, stored: string): number {
  if (actual === stored) return 1;
  return Math.max(0, 1 - editDistance(actual, stored) / Math.max(actual.length, stored.length));
}

/** Average of prefix and suffix agreement for a candidate span. */
export function contextSimilarity(text: string, start: number, end: number, prefix: string, suffix: string): number {
  return (prefixSimilarity(text, start, prefix) + suffixSimilarity(text, end, suffix)) / 2;
}

export interface CandidateScoreInput {
  text: string;
  start: number;
  end: number;
  errors: number;
  quoteLength: number;
  prefix: string;
  suffix: string;
  expected: number;
  /** Distance at which position evidence falls to zero. */
  positionScale: number;
}

/**
 * Combined confidence in [0, 1] that a candidate is the passage. With the
 * error budget at one eighth of the quote, the quote term alone can reach at
 * most 50/92 ≈ 0.54, so a candidate passes the acceptance threshold only when
 * its surroundings also agree: this is what stops a look-alike sentence
 * elsewhere from being taken for an edited passage.
 */
export function candidateScore(c: CandidateScoreInput): number {
  const quote = 1 - c.errors / Math.max(1, c.quoteLength);
  const prefix = prefixSimilarity(c.text, c.start, c.prefix);
  const suffix = suffixSimilarity(c.text, c.end, c.suffix);
  const position = Math.max(0, 1 - Math.abs(c.start - c.expected) / Math.max(1, c.positionScale));
  return (WEIGHT.quote * quote + WEIGHT.prefix * prefix + WEIGHT.suffix * suffix + WEIGHT.position * position) / WEIGHT_TOTAL;
}

/**
 * Share in [0, 1] of the stored context that agrees character for character
 * outward from the candidate's edges. Stricter than {@link contextSimilarity}:
 * in repetitive text a copy a few characters off still looks similar by edit
 * distance, but its context stops agreeing at once when read outward from the
 * quote. Used to tell verbatim occurrences apart.
 */
export function anchoredAgreement(text: string, start: number, end: number, prefix: string, suffix: string): number {
  // A side without stored context is where the passage began or ended the text. It weighs as much as the
  // other side, and agrees whole when the candidate is at that edge too (as prefixSimilarity counts it):
  // otherwise an edit just past a passage that opens the text would leave it no evidence at all.
  const prefixWeight = prefix.length || suffix.length;
  const suffixWeight = suffix.length || prefix.length;
  const total = prefixWeight + suffixWeight;
  if (total === 0) return 1;
  const fit = contextFit(text, start, end, prefix, suffix);
  const edges = (prefix.length === 0 && fit.before ? prefixWeight : 0) + (suffix.length === 0 && fit.after ? suffixWeight : 0);
  return (fit.agree + edges) / total;
}

/** How the stored context fits around a span, read outward character by character. */
export interface ContextFit {
  /** Characters of prefix and suffix that agree, both sides together. */
  agree: number;
  /** All of the prefix agrees; an empty prefix where the span starts the text (the passage began it, and still does). */
  before: boolean;
  /** All of the suffix agrees; an empty suffix where the span ends the text. */
  after: boolean;
}

export function contextFit(text: string, start: number, end: number, prefix: string, suffix: string): ContextFit {
  let n = 0;
  while (n < prefix.length && start - 1 - n >= 0 && text.charCodeAt(start - 1 - n) === prefix.charCodeAt(prefix.length - 1 - n)) n++;
  let m = 0;
  while (m < suffix.length && end + m < text.length && text.charCodeAt(end + m) === suffix.charCodeAt(m)) m++;
  return {
    agree: n + m,
    before: prefix.length > 0 ? n === prefix.length : start === 0,
    after: suffix.length > 0 ? m === suffix.length : end === text.length,
  };
}
