import { useEffect, useMemo, useState } from 'react';
import type { ClaimRecord, PassageRecord, SourceRecord } from '../../../shared/domain/types';
import type { Suggestion } from '../../../shared/suggest/suggest';
import { acceptSuggestion } from '../../db/repositories/claims';
import { failureText, useTranslation } from '../../i18n';
import { navigate } from '../../lib/navigation';
import { useNotices } from '../../lib/notices';
import { shortQuote } from '../passages/labels';
import { KIND_LABEL } from '../../lib/claimLabels';

export interface SuggestClaimsProps {
  source: SourceRecord;
  /** The case's passages: a suggestion whose sentence is already a passage can be shown in the reader. */
  passages: readonly PassageRecord[];
  /** The case's claims: suggestions already accepted as claims are not offered again. */
  claims: readonly ClaimRecord[];
  onDone(): void;
}

type Run = { state: 'reading' } | { state: 'failed'; message: string } | { state: 'ready'; list: Suggestion[] };

const spanKey = (start: number, end: number) => `${start}:${end}`;

/**
 * "Suggest claims": sentences of the open source that state figures, money,
 * dates or attributed words, found on the device. The suggester (and the NLP
 * library behind it) is loaded only when asked, so it stays out of the first
 * bundle. Accepting writes a passage and a claim; dismissing hides a
 * suggestion for this run only.
 */
export function SuggestClaims({ source, passages, claims, onDone }: SuggestClaimsProps) {
  const { t } = useTranslation();
  const notices = useNotices();
  const [run, setRun] = useState<Run>({ state: 'reading' });
  const [dismissed, setDismissed] = useState<ReadonlySet<string>>(new Set());
  const [pending, setPending] = useState<string | null>(null);
  const { id: sourceId, revision, text, blocks } = source;

  // Run again only when the text itself changes (a new source or revision), not on metadata edits.
  useEffect(() => {
    let cancelled = false;
    setRun({ state: 'reading' });
    setDismissed(new Set());
    import('../../../shared/suggest/suggest').then(
      ({ suggestClaims }) => !cancelled && setRun({ state: 'ready', list: suggestClaims(text, blocks) }),
      (e: Error) => !cancelled && setRun({ state: 'failed', message: t('suggestions.loadFailed', { reason: e.message }) }),
    );
    return () => {
      cancelled = true;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- text and blocks change only with id or revision
  }, [sourceId, revision]);

  // Live passages of this source by span, and the spans that already back a claim.
  const { passageAt, claimed } = useMemo(() => {
    const passageAt = new Map<string, PassageRecord>();
    for (const p of passages) if (p.sourceId === sourceId && p.anchor !== 'orphaned') passageAt.set(spanKey(p.selectors[1].start, p.selectors[1].end), p);
    const claimed = new Set<string>();
    for (const [key, p] of passageAt) if (claims.some((c) => c.evidence.some((e) => e.passageId === p.id))) claimed.add(key);
    return { passageAt, claimed };
  }, [passages, claims, sourceId]);

  const accept = async (s: Suggestion) => {
    const key = spanKey(s.start, s.end);
    setPending(key);
    try {
      const claim = await acceptSuggestion(source, s);
      notices.toast(t('suggestions.added'), { label: t('suggestions.open'), run: () => navigate({ kind: 'open-claim', claimId: claim.id }) });
    } catch (e) {
      notices.error(t('suggestions.acceptFailed', { reason: failureText(e) }));
    } finally {
      setPending(null);
    }
  };

  const shown = run.state === 'ready' ? run.list.filter((s) => !dismissed.has(spanKey(s.start, s.end)) && !claimed.has(spanKey(s.start, s.end))) : [];
  const hiddenAsClaimed = run.state === 'ready' ? run.list.filter((s) => claimed.has(spanKey(s.start, s.end))).length : 0;

  return (
    <div className="suggestions">
      <div className="claims-toolbar">
        <h3>{t('suggestions.title', { title: shortQuote(source.metadata.title, 50) })}</h3>
        <button type="button" className="small" onClick={onDone}>
          {t('suggestions.done')}
        </button>
      </div>
      {run.state === 'reading' && (
        <p className="muted pad" role="status">
          {t('suggestions.reading')}
        </p>
      )}
      {run.state === 'failed' && (
        <p className="field-error" role="alert">
          {run.message}
        </p>
      )}
      {run.state === 'ready' && (
        <p className="muted small" role="status">
          {shown.length === 0 ? t('suggestions.noMore') : t('suggestions.found', { count: shown.length })}
          {hiddenAsClaimed > 0 ? t('suggestions.claimed', { count: hiddenAsClaimed }) : ''}
        </p>
      )}
      {shown.length > 0 && (
        <ul aria-label={t('suggestions.list')} className="suggestion-list">
          {shown.map((s) => {
            const key = spanKey(s.start, s.end);
            const words = shortQuote(s.statement, 60);
            const passage = passageAt.get(key);
            return (
              <li key={key} className="suggestion">
                {passage ? (
                  <button type="button" className="suggestion-text as-link" title={t('suggestions.showInSource')} onClick={() => navigate({ kind: 'reveal-passage', passageId: passage.id })}>
                    {s.sentence}
                  </button>
                ) : (
                  <p className="suggestion-text">{s.sentence}</p>
                )}
                {s.statement !== s.sentence.replace(/\s+/gu, ' ').trim() && <p className="suggestion-statement">{t('suggestions.asClaim', { statement: s.statement })}</p>}
                <p className="suggestion-meta">
                  {s.kinds.map((kind) => (
                    <span key={kind} className="kind-label">
                      {KIND_LABEL[kind]}
                    </span>
                  ))}
                  {s.claimant && <span className="item-sub">{t('suggestions.claimant', { name: s.claimant })}</span>}
                </p>
                <div className="suggestion-actions">
                  <button type="button" className="small primary" disabled={pending !== null} aria-label={t('suggestions.acceptLabel', { words })} onClick={() => void accept(s)}>
                    {t('suggestions.accept')}
                  </button>
                  <button type="button" className="small" disabled={pending === key} aria-label={t('suggestions.dismissLabel', { words })} onClick={() => setDismissed((d) => new Set(d).add(key))}>
                    {t('suggestions.dismiss')}
                  </button>
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
