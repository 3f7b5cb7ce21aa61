/**
 * ClaimReview JSON-LD (issue 14, acceptance 6): every property Google's
 * fact-check markup requires, and a rating that follows the claim's status
 * on the scale the user set.
 */
import { describe, expect, it } from 'vitest';
import { buildClaimReviews, checkScale, ClaimReviewError, DEFAULT_RATING_SCALE, missingClaimReviewProperties, parseRatingScale, renderClaimReviews } from '../../../../shared/export/claimReview';
import { loadCase } from './helpers';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON-LD read back as loose data
type Loose = Record<string, any>;

const options = { pageUrl: 'https://factcheck.example/2024/pier-9', publisher: 'Ellery Fact Desk', datePublished: '2024-03-20', scale: DEFAULT_RATING_SCALE };

function twoClaims() {
  const data = loadCase();
  const claims = data.claims.map((c, i) => ({ ...c, status: i === 0 ? ('supported' as const) : ('false' as const), claimant: i === 0 ? 'Ellery Harbour Customs Authority' : 'Tomas Reyes' }));
  return { ...data, claims };
}

describe('ClaimReview export', () => {
  it('writes one ClaimReview per claim with every required property', () => {
    const data = twoClaims();
    const reviews = buildClaimReviews(data.claims, data.passages, data.sources, { ...options, claimantKind: (name) => (/authority/i.test(name) ? 'Organization' : 'Person') });
    expect(reviews).toHaveLength(2);
    for (const review of reviews) expect(missingClaimReviewProperties(review)).toEqual([]);
    const [first, second] = reviews as Loose[];
    expect(first).toMatchObject({
      '@context': 'https://schema.org',
      '@type': 'ClaimReview',
      claimReviewed: data.claims[0]!.statement,
      url: `https://factcheck.example/2024/pier-9#claim-${data.claims[0]!.id}`,
      author: { '@type': 'Organization', name: 'Ellery Fact Desk' },
      itemReviewed: { '@type': 'Claim', author: { '@type': 'Organization', name: 'Ellery Harbour Customs Authority' }, datePublished: '2024-03-05' },
      reviewRating: { '@type': 'Rating', ratingValue: 5, bestRating: 5, worstRating: 1, alternateName: 'True' },
    });
    expect(first!.itemReviewed.appearance[0]).toEqual({ '@type': 'CreativeWork', url: 'https://gazette.example/2024/03/05/pier-9-seizure', headline: 'Forty tonnes of tobacco seized at Pier 9' });
    expect(second).toMatchObject({ itemReviewed: { author: { '@type': 'Person', name: 'Tomas Reyes' } }, reviewRating: { ratingValue: 1, alternateName: 'False' } });
    const parsed = JSON.parse(renderClaimReviews(reviews)) as unknown[];
    expect(parsed).toHaveLength(2);
  });

  it('follows the status on a scale the user edited', () => {
    const data = twoClaims();
    const scale = { bestRating: 7, worstRating: 0, steps: { ...DEFAULT_RATING_SCALE.steps, false: { ratingValue: 0, alternateName: 'Pants on fire' } } };
    const [, review] = buildClaimReviews(data.claims, data.passages, data.sources, { ...options, scale }) as Loose[];
    expect(review!.reviewRating).toEqual({ '@type': 'Rating', ratingValue: 0, bestRating: 7, worstRating: 0, alternateName: 'Pants on fire' });
    const disputed = buildClaimReviews([{ ...data.claims[0]!, status: 'disputed' }], data.passages, data.sources, options)[0] as Loose;
    expect(disputed.reviewRating.alternateName).toBe('Disputed');
  });

  it('leaves out unverified claims and refuses what cannot make valid markup', () => {
    const data = twoClaims();
    expect(buildClaimReviews([{ ...data.claims[0]!, status: 'unverified' }, data.claims[1]!], data.passages, data.sources, options)).toHaveLength(1);
    expect(() => buildClaimReviews(data.claims.map((c) => ({ ...c, status: 'unverified' as const })), data.passages, data.sources, options)).toThrow(/No claim has a verdict/);
    expect(() => buildClaimReviews(data.claims, data.passages, data.sources, { ...options, pageUrl: 'not a url' })).toThrow(ClaimReviewError);
    expect(() => buildClaimReviews(data.claims, data.passages, data.sources, { ...options, publisher: ' ' })).toThrow(/organisation/);
    expect(checkScale({ ...DEFAULT_RATING_SCALE, steps: { ...DEFAULT_RATING_SCALE.steps, supported: { ratingValue: 9, alternateName: 'True' } } })).toEqual({ key: 'claimReviewError.stepRange', values: { status: { key: 'claimLabels.status.supported' }, worst: 1, best: 5 } });
    expect(parseRatingScale({ bestRating: 'x' })).toEqual(DEFAULT_RATING_SCALE);
  });

  it('the checker names what is missing', () => {
    expect(missingClaimReviewProperties({ '@context': 'https://schema.org', '@type': 'ClaimReview', claimReviewed: 'x' })).toEqual(expect.arrayContaining(['url', 'author.name', 'reviewRating.alternateName', 'itemReviewed.author.name']));
  });
});
