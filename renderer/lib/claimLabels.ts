import type { EvidenceSummary } from '../../shared/claims/claims';
import type { ClaimStatus, Stance } from '../../shared/domain/types';
import type { SuggestionKind } from '../../shared/suggest/suggest';
import { t } from '../i18n';

/**
 * Display names of claim statuses, in the UI's language (read when shown, so a change of language applies at the
 * next render). Badges always show this text, never colour alone.
 */
export const STATUS_LABEL: Readonly<Record<ClaimStatus, string>> = {
  get unverified() {
    return t('claimLabels.status.unverified');
  },
  get supported() {
    return t('claimLabels.status.supported');
  },
  get disputed() {
    return t('claimLabels.status.disputed');
  },
  get false() {
    return t('claimLabels.status.false');
  },
  get inconclusive() {
    return t('claimLabels.status.inconclusive');
  },
};

/** Display names of evidence stances, as offered in the "Stance" and "Add as" selects (in the UI's language). */
export const STANCE_LABEL: Readonly<Record<Stance, string>> = {
  get supports() {
    return t('claimLabels.stance.supports');
  },
  get contradicts() {
    return t('claimLabels.stance.contradicts');
  },
  get context() {
    return t('claimLabels.stance.context');
  },
};

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
  return t('claimLabels.independent', { count: summary.independentSources });
}

/** Time of a status change or creation, in the user's locale, e.g. "3 Nov 2026, 14:05". */
export function formatWhen(at: number): string {
  return new Date(at).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}
