/**
 * "Export ClaimReview": the case's claims as schema.org ClaimReview JSON-LD
 * for a fact-check page. The dialog asks for what the markup needs and the
 * case does not know (the page's address, the publisher, the review date)
 * and shows the rating scale — which verdict and number each status stands
 * for — for the person to read and change. Everything is remembered per
 * case.
 */
import { safeFileStem } from '../../../shared/domain/fileName';
import { useEffect, useId, useMemo, useState } from 'react';
import { buildEntities, claimantEntity } from '../../../shared/entities/entities';
import {
  buildClaimReviews,
  checkScale,
  ClaimReviewError,
  DEFAULT_RATING_SCALE,
  parseRatingScale,
  RATED_STATUSES,
  renderClaimReviews,
  type RatingScale,
} from '../../../shared/export/claimReview';
import type { ClaimRecord, PassageRecord, SourceRecord } from '../../../shared/domain/types';
import { useEntityMerges } from '../../db/hooks';
import { getMeta, setMeta } from '../../db/repositories';
import { failureText, translate, useTranslation } from '../../i18n';
import { useModalDialog } from '../../lib/useModalDialog';
import { useNotices } from '../../lib/notices';
import { platform } from '../../platform';
import { STATUS_LABEL } from '../../lib/claimLabels';
import { useCaseExtraction } from '../extraction/extraction';

interface Settings {
  pageUrl: string;
  publisher: string;
  scale: RatingScale;
}

const settingsKey = (caseId: string) => `claimReview:${caseId}`;

function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

export interface ClaimReviewDialogProps {
  caseId: string;
  caseName: string;
  claims: readonly ClaimRecord[];
  passages: readonly PassageRecord[];
  sources: readonly SourceRecord[];
  onClose(): void;
}

export function ClaimReviewDialog({ caseId, caseName, claims, passages, sources, onClose }: ClaimReviewDialogProps) {
  // A claimant the Entities pane knows as an organisation is written as one; anyone else as a person.
  const extraction = useCaseExtraction(sources as SourceRecord[]);
  const merges = useEntityMerges(caseId);
  const entities = useMemo(() => buildEntities({ sources: extraction.entities, merges: merges ?? [], tags: [], claims: [] }), [extraction.entities, merges]);
  const claimantKind = (claimant: string): 'Person' | 'Organization' => {
    const kind = claimantEntity(claimant, entities)?.kind;
    return kind === 'organization' || kind === 'place' ? 'Organization' : 'Person';
  };
  const { t } = useTranslation();
  const dialog = useModalDialog();
  const notices = useNotices();
  const [settings, setSettings] = useState<Settings | null>(null);
  const [date, setDate] = useState(today);
  const [problem, setProblem] = useState<string | null>(null);
  const errorId = useId();

  useEffect(() => {
    let live = true;
    void getMeta<Partial<Settings>>(settingsKey(caseId)).then((stored) => {
      if (!live) return;
      setSettings({
        pageUrl: typeof stored?.pageUrl === 'string' ? stored.pageUrl : '',
        publisher: typeof stored?.publisher === 'string' ? stored.publisher : '',
        scale: parseRatingScale(stored?.scale),
      });
    });
    return () => {
      live = false;
    };
  }, [caseId]);

  const rated = claims.filter((c) => c.status !== 'unverified').length;

  const save = async () => {
    if (!settings) return;
    const scaleProblem = checkScale(settings.scale);
    if (scaleProblem) return setProblem(translate(scaleProblem));
    let json: string;
    try {
      json = renderClaimReviews(buildClaimReviews([...claims], passages, sources, { pageUrl: settings.pageUrl, publisher: settings.publisher, datePublished: date, scale: settings.scale, claimantKind }));
    } catch (error) {
      return setProblem(error instanceof ClaimReviewError ? translate(error.detail) : t('claimReview.buildFailed', { reason: failureText(error) }));
    }
    setProblem(null);
    await setMeta(settingsKey(caseId), settings);
    const safe = safeFileStem(caseName, 'case', 'hyphenated');
    const saved = await platform().saveFile({
      suggestedName: `${safe}-claimreview.jsonld`,
      bytes: new TextEncoder().encode(json),
      mediaType: 'application/ld+json',
      filters: [{ name: 'JSON-LD', extensions: ['jsonld', 'json'] }],
    });
    if (!saved) return;
    notices.toast(t('claimReview.saved', { count: rated, name: saved.name }));
    dialog.current?.close();
  };

  const setStep = (status: (typeof RATED_STATUSES)[number], patch: Partial<RatingScale['steps'][typeof status]>) =>
    setSettings((s) => (s ? { ...s, scale: { ...s.scale, steps: { ...s.scale.steps, [status]: { ...s.scale.steps[status], ...patch } } } } : s));

  return (
    <dialog ref={dialog} className="dialog claimreview-dialog" aria-labelledby="claimreview-title" onClose={onClose}>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <h2 id="claimreview-title">{t('claimReview.title')}</h2>
        <p className="small">{t('claimReview.intro', { rated, total: claims.length })}</p>
        {settings && (
          <>
            <label className="field">
              {t('claimReview.pageUrl')}
              <input type="url" required value={settings.pageUrl} placeholder="https://…" onChange={(e) => setSettings({ ...settings, pageUrl: e.target.value })} aria-describedby={problem ? errorId : undefined} />
            </label>
            <label className="field">
              {t('claimReview.publisher')}
              <input value={settings.publisher} onChange={(e) => setSettings({ ...settings, publisher: e.target.value })} />
            </label>
            <label className="field">
              {t('claimReview.date')}
              <input type="date" value={date} onChange={(e) => setDate(e.target.value)} />
            </label>
            <fieldset className="rating-scale">
              <legend>{t('claimReview.scale')}</legend>
              <div className="rating-bounds">
                <label>
                  {t('claimReview.worst')}
                  <input type="number" value={settings.scale.worstRating} onChange={(e) => setSettings({ ...settings, scale: { ...settings.scale, worstRating: Number(e.target.value) } })} />
                </label>
                <label>
                  {t('claimReview.best')}
                  <input type="number" value={settings.scale.bestRating} onChange={(e) => setSettings({ ...settings, scale: { ...settings.scale, bestRating: Number(e.target.value) } })} />
                </label>
              </div>
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('claimReview.status')}</th>
                    <th scope="col">{t('claimReview.verdict')}</th>
                    <th scope="col">{t('claimReview.rating')}</th>
                  </tr>
                </thead>
                <tbody>
                  {RATED_STATUSES.map((status) => (
                    <tr key={status}>
                      <th scope="row">{STATUS_LABEL[status]}</th>
                      <td>
                        <input aria-label={t('claimReview.verdictFor', { status: STATUS_LABEL[status] })} value={settings.scale.steps[status].alternateName} onChange={(e) => setStep(status, { alternateName: e.target.value })} />
                      </td>
                      <td>
                        <input type="number" aria-label={t('claimReview.ratingFor', { status: STATUS_LABEL[status] })} value={settings.scale.steps[status].ratingValue} onChange={(e) => setStep(status, { ratingValue: Number(e.target.value) })} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <button type="button" className="small" onClick={() => setSettings({ ...settings, scale: JSON.parse(JSON.stringify(DEFAULT_RATING_SCALE)) as RatingScale })}>
                {t('claimReview.reset')}
              </button>
            </fieldset>
          </>
        )}
        {problem && (
          <p id={errorId} className="field-error" role="alert">
            {problem}
          </p>
        )}
        <div className="dialog-buttons">
          <button type="button" onClick={() => dialog.current?.close()}>
            {t('dialog.cancel')}
          </button>
          <button type="submit" className="primary" disabled={!settings}>
            {t('claimReview.save')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
