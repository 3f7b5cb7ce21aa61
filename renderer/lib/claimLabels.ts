import type { EvidenceSummary } from '../../shared/claims/claims';
import { CLAIM_STATUSES, STANCES } from '../../shared/domain/types';
import type { SuggestionKind } from '../../shared/suggest/suggest';
import { t, type MessageKey } from '../i18n';

/**
 * Names in the UI's language for a fixed list of values, each read from the catalogue when shown (a getter), so a
 * change of language applies at the next render.
 */
export function translatedNames<K extends string>(values: readonly K[], key: (value: K) => MessageKey): Readonly<Record<K, string>> {
  const names = {} as Record<K, string>;
  for (const value of values) Object.defineProperty(names, value, { get: () => t(key(value)), enumerable: true });
  return names;
}

/** Display names of claim statuses. Badges always show this text, never colour alone. */
export const STATUS_LABEL = translatedNames(CLAIM_STATUSES, (status) => `claimLabels.status.${status}`);

/** Display names of evidence stances, as offered in the "Stance" and "Add as" selects. */
export const STANCE_LABEL = translatedNames(STANCES, (stance) => `claimLabels.stance.${stance}`);

/** Short labels for why a sentence was suggested. */
export const KIND_LABEL = translatedNames<SuggestionKind>(['figure', 'money', 'percentage', 'quantity', 'date', 'attribution', 'quote'], (kind) => `suggestions.kind.${kind}`);

/**
 * "2 independent sources": how many different sources support the claim.
 * Shown apart from the evidence label because corroboration is what a
 * fact-checker looks for first, and three quotes from one press release are
 * still one source.
 */
export function independentLabel(summary: Pick<EvidenceSummary, 'independentSources'>): string {
  return t('claimLabels.independent', { count: summary.independentSources });
}

/**
 * "2 support · 1 contradicts · 2 sources" (and "· 1 passage missing" when evidence lost its passage); a claim
 * without evidence reads "No evidence yet".
 */
export function evidenceSummaryLabel(summary: EvidenceSummary): string {
  const parts: string[] = [];
  if (summary.supports > 0) parts.push(t('claimLabels.summary.supports', { count: summary.supports }));
  if (summary.contradicts > 0) parts.push(t('claimLabels.summary.contradicts', { count: summary.contradicts }));
  if (summary.context > 0) parts.push(t('claimLabels.summary.context', { count: summary.context }));
  if (parts.length === 0) parts.push(t('claimLabels.summary.none'));
  else parts.push(t('claimLabels.summary.sources', { count: summary.sources }));
  if (summary.missing > 0) parts.push(t('claimLabels.summary.missing', { count: summary.missing }));
  return parts.join(' · ');
}

/** Time of a status change or creation, in the user's locale, e.g. "3 Nov 2026, 14:05". */
export function formatWhen(at: number): string {
  return new Date(at).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}
