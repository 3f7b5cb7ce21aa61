import type { EvidenceSummary } from '../../shared/claims/claims';
import type { ClaimStatus, Stance } from '../../shared/domain/types';
import type { SuggestionKind } from '../../shared/suggest/suggest';

/** Display names of claim statuses. Badges always show this text, never colour alone. */
export const STATUS_LABEL: Record<ClaimStatus, string> = {
  unverified: 'Unverified',
  supported: 'Supported',
  disputed: 'Disputed',
  false: 'False',
  inconclusive: 'Inconclusive',
};

/** Display names of evidence stances, as offered in the "Stance" and "Add as" selects. */
export const STANCE_LABEL: Record<Stance, string> = { supports: 'Supports', contradicts: 'Contradicts', context: 'Context' };

/** What a stance means in a sentence ("Added as contradicting evidence."). */
export const STANCE_PHRASE: Record<Stance, string> = { supports: 'supporting', contradicts: 'contradicting', context: 'context' };

/** Short labels for why a sentence was suggested. */
export const KIND_LABEL: Record<SuggestionKind, string> = {
  figure: 'figure',
  money: 'money',
  percentage: 'percentage',
  quantity: 'quantity',
  date: 'date',
  attribution: 'attributed',
  quote: 'quote',
};

/**
 * "2 independent sources": how many different sources support the claim.
 * Shown apart from the evidence label because corroboration is what a
 * fact-checker looks for first, and three quotes from one press release are
 * still one source.
 */
export function independentLabel(summary: Pick<EvidenceSummary, 'independentSources'>): string {
  const n = summary.independentSources;
  return `${n} independent source${n === 1 ? '' : 's'}`;
}

/** Time of a status change or creation, in the user's locale, e.g. "3 Nov 2026, 14:05". */
export function formatWhen(at: number): string {
  return new Date(at).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}
