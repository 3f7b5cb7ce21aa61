/**
 * schema.org ClaimReview for fact-checkers: one review per claim, as JSON-LD
 * that search engines read from a fact-check page (Google's "Fact Check"
 * structured data).
 *
 * The claim's status becomes a rating on a scale the user sees and edits
 * (which words and numbers each status stands for); claims still
 * "unverified" have no verdict and are left out. The claimant becomes the
 * claim's author (a Person or, when it names an organisation, an
 * Organization), the source of its first evidence gives `datePublished` and
 * `appearance`.
 */
import type { ClaimRecord, ClaimStatus, PassageRecord, SourceRecord } from '../domain/types';
import { MessageError, type MessageRef } from '../i18n';

export interface RatingStep {
  ratingValue: number;
  /** The verdict in words ("False", "Mostly true"): Google shows this. */
  alternateName: string;
}

/** How statuses map to ratings. Unverified has no verdict. */
export interface RatingScale {
  bestRating: number;
  worstRating: number;
  steps: Record<Exclude<ClaimStatus, 'unverified'>, RatingStep>;
}

export const DEFAULT_RATING_SCALE: RatingScale = {
  bestRating: 5,
  worstRating: 1,
  steps: {
    supported: { ratingValue: 5, alternateName: 'True' },
    inconclusive: { ratingValue: 3, alternateName: 'Unproven' },
    disputed: { ratingValue: 2, alternateName: 'Disputed' },
    false: { ratingValue: 1, alternateName: 'False' },
  },
};

export const RATED_STATUSES = ['supported', 'inconclusive', 'disputed', 'false'] as const;

export interface ClaimReviewOptions {
  /** The address of the published fact-check page; each review's url is it plus `#claim-<id>`. */
  pageUrl: string;
  /** Who reviewed: the fact-checking organisation. */
  publisher: string;
  /** ISO date of the review ("YYYY-MM-DD"). */
  datePublished: string;
  scale: RatingScale;
  /** Whether a claimant names an organisation (from the Entities pane); default: a person. */
  claimantKind?: (claimant: string) => 'Person' | 'Organization';
}

/** A problem with the options or the scale, worded for the person exporting. */
export class ClaimReviewError extends MessageError {
  override name = 'ClaimReviewError';
}

function reviewRef(key: string, values?: MessageRef['values']): MessageRef {
  return { key: `claimReviewError.${key}`, ...(values ? { values } : {}) };
}

type JsonLd = Record<string, unknown>;

/** Check a scale a person edited: numbers in order, a word for every status. */
export function checkScale(scale: RatingScale): MessageRef | null {
  const { bestRating, worstRating } = scale;
  if (!Number.isFinite(bestRating) || !Number.isFinite(worstRating) || bestRating <= worstRating) return reviewRef('bestAboveWorst');
  for (const status of RATED_STATUSES) {
    const step = scale.steps[status];
    if (!step || step.alternateName.trim() === '') return reviewRef('stepName', { status: { key: `claimLabels.status.${status}` }, example: DEFAULT_RATING_SCALE.steps[status].alternateName });
    if (!Number.isFinite(step.ratingValue) || step.ratingValue < worstRating || step.ratingValue > bestRating) {
      return reviewRef('stepRange', { status: { key: `claimLabels.status.${status}` }, worst: worstRating, best: bestRating });
    }
  }
  return null;
}

function isoDate(parts: readonly (number | undefined)[] | undefined): string | undefined {
  if (!parts || !Number.isInteger(parts[0])) return undefined;
  const [y, m, d] = parts;
  return [String(y).padStart(4, '0'), m ? String(m).padStart(2, '0') : undefined, m && d ? String(d).padStart(2, '0') : undefined].filter(Boolean).join('-');
}

/**
 * The JSON-LD document: an array of ClaimReview objects (one per rated
 * claim) with the `@context` on each, as Google accepts in one script tag.
 * Throws `ClaimReviewError` when there is nothing to export or the options
 * cannot make valid markup.
 */
export function buildClaimReviews(
  claims: readonly ClaimRecord[],
  passages: readonly Pick<PassageRecord, 'id' | 'sourceId'>[],
  sources: readonly Pick<SourceRecord, 'id' | 'metadata' | 'importedAt'>[],
  options: ClaimReviewOptions,
): JsonLd[] {
  let page: URL;
  try {
    page = new URL(options.pageUrl.trim());
  } catch {
    throw new ClaimReviewError(reviewRef('pageUrl'));
  }
  if (page.protocol !== 'https:' && page.protocol !== 'http:') throw new ClaimReviewError(reviewRef('pageScheme'));
  if (options.publisher.trim() === '') throw new ClaimReviewError(reviewRef('publisher'));
  if (!/^\d{4}-\d{2}-\d{2}$/.test(options.datePublished)) throw new ClaimReviewError(reviewRef('date'));
  const scaleProblem = checkScale(options.scale);
  if (scaleProblem) throw new ClaimReviewError(scaleProblem);
  const rated = claims.filter((claim) => claim.status !== 'unverified');
  if (rated.length === 0) throw new ClaimReviewError(reviewRef('noVerdict'));

  const passageSource = new Map(passages.map((p) => [p.id, p.sourceId]));
  const sourcesById = new Map(sources.map((s) => [s.id, s]));
  const publisher = { '@type': 'Organization', name: options.publisher.trim() };
  return rated.map((claim) => {
    const step = options.scale.steps[claim.status as Exclude<ClaimStatus, 'unverified'>];
    const evidenceSources = claim.evidence.map((item) => sourcesById.get(passageSource.get(item.passageId) ?? '')).filter((s): s is NonNullable<typeof s> => s !== undefined);
    const first = evidenceSources[0];
    const claimant = claim.claimant.trim();
    const itemReviewed: JsonLd = {
      '@type': 'Claim',
      author: { '@type': claimant ? (options.claimantKind?.(claimant) ?? 'Person') : 'Organization', name: claimant || (first?.metadata['container-title'] ?? first?.metadata.publisher ?? 'Unknown') },
      datePublished: isoDate(first?.metadata.issued?.['date-parts']?.[0]) ?? new Date(claim.createdAt).toISOString().slice(0, 10),
    };
    const appearances = [...new Map(evidenceSources.filter((s) => s.metadata.URL).map((s) => [s.metadata.URL!, s])).values()].map((s) => ({
      '@type': 'CreativeWork',
      url: s.metadata.URL,
      headline: s.metadata.title,
    }));
    if (appearances.length > 0) {
      itemReviewed.appearance = appearances;
      itemReviewed.firstAppearance = appearances[0];
    }
    const url = new URL(`#claim-${encodeURIComponent(claim.id)}`, page.href);
    return {
      '@context': 'https://schema.org',
      '@type': 'ClaimReview',
      url: url.href,
      claimReviewed: claim.statement,
      datePublished: options.datePublished,
      author: publisher,
      itemReviewed,
      reviewRating: {
        '@type': 'Rating',
        ratingValue: step.ratingValue,
        bestRating: options.scale.bestRating,
        worstRating: options.scale.worstRating,
        alternateName: step.alternateName.trim(),
      },
    };
  });
}

/** The JSON-LD file: pretty-printed, ending with a newline. */
export function renderClaimReviews(reviews: readonly JsonLd[]): string {
  return `${JSON.stringify(reviews.length === 1 ? reviews[0] : reviews, null, 2)}\n`;
}

/**
 * The properties Google's fact-check markup requires of each ClaimReview,
 * and those it recommends that we always write; returns what is missing,
 * as dotted paths ("reviewRating.alternateName").
 */
export function missingClaimReviewProperties(review: JsonLd): string[] {
  const required = [
    'claimReviewed',
    'url',
    'author.name',
    'reviewRating.alternateName',
    'reviewRating.ratingValue',
    'reviewRating.bestRating',
    'reviewRating.worstRating',
    'itemReviewed.author.name',
    'itemReviewed.datePublished',
    'datePublished',
  ];
  const get = (path: string): unknown => path.split('.').reduce<unknown>((value, key) => (value && typeof value === 'object' ? (value as JsonLd)[key] : undefined), review);
  const missing = required.filter((path) => {
    const value = get(path);
    return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
  });
  if (review['@type'] !== 'ClaimReview') missing.unshift('@type');
  if (review['@context'] !== 'https://schema.org') missing.unshift('@context');
  return missing;
}

/** Read a stored scale back, field by field; anything malformed takes the default. */
export function parseRatingScale(value: unknown): RatingScale {
  const scale: RatingScale = JSON.parse(JSON.stringify(DEFAULT_RATING_SCALE)) as RatingScale;
  if (!value || typeof value !== 'object') return scale;
  const v = value as Partial<RatingScale>;
  if (typeof v.bestRating === 'number') scale.bestRating = v.bestRating;
  if (typeof v.worstRating === 'number') scale.worstRating = v.worstRating;
  for (const status of RATED_STATUSES) {
    const step = v.steps?.[status];
    if (step && typeof step.ratingValue === 'number' && typeof step.alternateName === 'string') scale.steps[status] = { ratingValue: step.ratingValue, alternateName: step.alternateName };
  }
  return checkScale(scale) === null ? scale : JSON.parse(JSON.stringify(DEFAULT_RATING_SCALE)) as RatingScale;
}
