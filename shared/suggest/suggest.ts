/**
 * Suggested claims: the sentences of a source that a fact-checker would most
 * likely want to check, found on the device without any network call.
 *
 * A sentence is worth checking when it states something measurable (a count,
 * an amount of money, a percentage, a quantity, a date) or reports somebody's
 * words. Each suggestion keeps exact offsets into the source text, so the UI
 * can highlight it and turn it into a passage with real selectors.
 */
import type { SourceBlock } from '../domain/types';
import { findAttribution } from './attribution';
import { findFacts, type FactKind } from './figures';
import { splitSentences } from './sentences';

export type SuggestionKind = 'figure' | 'money' | 'percentage' | 'quantity' | 'date' | 'attribution' | 'quote';

export interface Suggestion {
  /** Offsets of the sentence in the source text. */
  start: number;
  end: number;
  /** The sentence exactly as it appears in the source: `text.slice(start, end)`. */
  sentence: string;
  /** The sentence reworded as a claim: attribution removed, whitespace tidied. */
  statement: string;
  /** Who makes the claim, when the sentence names them. */
  claimant?: string;
  /** What makes the sentence checkable, in a fixed order. */
  kinds: SuggestionKind[];
  /** 0–1; higher means more worth checking. Figures and attributed statements rank highest. */
  score: number;
}

export interface SuggestOptions {
  /** Keep only the best `limit` suggestions (still returned in text order). */
  limit?: number;
}

const KIND_ORDER: readonly SuggestionKind[] = ['figure', 'money', 'percentage', 'quantity', 'date', 'attribution', 'quote'];
const MEASURABLE: ReadonlySet<FactKind> = new Set(['figure', 'money', 'percentage', 'quantity']);
const MIN_WORDS = 4;

/**
 * Suggest claims in a source's snapshot `text` (split by its `blocks`).
 * Suggestions never overlap and come back in text order; when `limit` cuts
 * the list, the highest-scoring sentences are the ones kept.
 */
export function suggestClaims(text: string, blocks: readonly SourceBlock[], options: SuggestOptions = {}): Suggestion[] {
  const candidates: Suggestion[] = [];
  for (const { start, end } of splitSentences(text, blocks)) {
    const sentence = text.slice(start, end);
    if (sentence.split(/\s+/u).length < MIN_WORDS) continue;
    const suggestion = assess(sentence, start, end);
    if (suggestion) candidates.push(suggestion);
  }

  const kept: Suggestion[] = [];
  const byScore = [...candidates].sort((a, b) => b.score - a.score || a.start - b.start);
  for (const candidate of byScore) {
    if (options.limit !== undefined && kept.length >= options.limit) break;
    if (!kept.some((other) => other.start < candidate.end && candidate.start < other.end)) kept.push(candidate);
  }
  return kept.sort((a, b) => a.start - b.start);
}

function assess(sentence: string, start: number, end: number): Suggestion | undefined {
  const facts = findFacts(sentence);
  const attribution = findAttribution(sentence);
  const found = new Set<SuggestionKind>(facts.map((fact) => fact.kind));
  if (attribution) found.add('attribution');
  if (found.size === 0) return undefined;

  const kinds = KIND_ORDER.filter((kind) => found.has(kind));
  const measurable = facts.filter((fact) => MEASURABLE.has(fact.kind)).length;
  const score = scoreOf(kinds, measurable, attribution?.claimant !== undefined);
  const statement = attribution?.statement ?? sentence.replace(/\s+/gu, ' ').trim();
  const suggestion: Suggestion = { start, end, sentence, statement, kinds, score };
  if (attribution?.claimant !== undefined) suggestion.claimant = attribution.claimant;
  return suggestion;
}

/**
 * Weights: each measurable kind 3, more measurable facts up to +2, a reported
 * statement 2 (+1 when the speaker is named), a quotation 1, a date 1.
 * Normalised by the best realistic total so scores compare across sources.
 */
function scoreOf(kinds: readonly SuggestionKind[], measurableFacts: number, namedSpeaker: boolean): number {
  let raw = 0;
  for (const kind of kinds) {
    if (kind === 'attribution') raw += namedSpeaker ? 3 : 2;
    else if (kind === 'quote' || kind === 'date') raw += 1;
    else raw += 3;
  }
  raw += Math.min(2, Math.max(0, measurableFacts - 1));
  const best = 16;
  return Math.round(Math.min(1, raw / best) * 100) / 100;
}
