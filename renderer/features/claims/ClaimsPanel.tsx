import { useEffect, useMemo, useRef, useState } from 'react';
import { evidenceSummary, filterClaims } from '../../../shared/claims/claims';
import { CLAIM_STATUSES, type ClaimStatus, type SourceRecord } from '../../../shared/domain/types';
import { useClaims, usePassages, useTags } from '../../db/hooks';
import { useTranslation } from '../../i18n';
import { useCommandService } from '../../lib/commands';
import { onNavigate } from '../../lib/navigation';
import { OptionSelect } from '../../lib/OptionSelect';
import { useCaseReadOnly } from '../../lib/readOnly';
import { VirtualList } from '../../lib/VirtualList';
import { shortQuote } from '../passages/labels';
import { useClaimsChangedAtSameTime } from '../sync/useClaimStatusMarker';
import { ClaimDetail } from './ClaimDetail';
import { evidenceSummaryLabel, independentLabel, STATUS_LABEL } from '../../lib/claimLabels';
import { SuggestClaims } from './SuggestClaims';
import './claims.css';

export interface ClaimsPanelProps {
  caseId: string;
  /** The source open in the reader: "Suggest claims" reads it. `undefined` while loading. */
  activeSource: SourceRecord | null | undefined;
}

/** `seen` is the claims list current when the claim was asked for, to tell "not loaded yet" from "gone". */
type View = { kind: 'list' } | { kind: 'claim'; id: string; seen: unknown } | { kind: 'suggest' };

/**
 * The "Claims" region: every claim of the case with its status and how much
 * independent evidence backs it, filters by status, tag and words, the claim
 * detail, and on-device suggestions for the open source. Other panes open a
 * claim here through `navigate({ kind: 'open-claim' })`.
 */
export function ClaimsPanel({ caseId, activeSource }: ClaimsPanelProps) {
  const claims = useClaims(caseId);
  const passages = usePassages(caseId);
  const tags = useTags(caseId);
  const commands = useCommandService();
  const { t } = useTranslation();
  const { readOnly, reason } = useCaseReadOnly();
  const [view, setView] = useState<View>({ kind: 'list' });
  const [status, setStatus] = useState<ClaimStatus | ''>('');
  const changedAtSameTime = useClaimsChangedAtSameTime(caseId);
  const [tagId, setTagId] = useState('');
  const [text, setText] = useState('');
  const returnTo = useRef<string | null>(null);
  const list = useRef<HTMLUListElement>(null);
  const latest = useRef(claims);
  latest.current = claims;

  useEffect(() => onNavigate((r) => r.kind === 'open-claim' && setView({ kind: 'claim', id: r.claimId, seen: latest.current })), []);
  // Filters and the open claim belong to one case.
  useEffect(() => {
    setView({ kind: 'list' });
    setStatus('');
    setTagId('');
    setText('');
  }, [caseId]);
  // A tag deleted from the codebook can no longer filter.
  useEffect(() => {
    if (tagId && tags && !tags.some((tag) => tag.id === tagId)) setTagId('');
  }, [tagId, tags]);

  const passagesById = useMemo(() => new Map((passages ?? []).map((p) => [p.id, p])), [passages]);
  const shown = useMemo(
    () => filterClaims(claims ?? [], { statuses: status ? [status] : undefined, tagIds: tagId ? [tagId] : undefined, text }),
    [claims, status, tagId, text],
  );
  const open = view.kind === 'claim' ? claims?.find((c) => c.id === view.id) : undefined;

  // Back in the list, keyboard focus returns to the claim that was open.
  useEffect(() => {
    if (view.kind !== 'list' || !returnTo.current) return;
    list.current?.querySelector<HTMLElement>(`[data-claim-id="${CSS.escape(returnTo.current)}"]`)?.focus();
    returnTo.current = null;
  }, [view]);

  const showList = () => setView({ kind: 'list' });
  const openClaim = (id: string) => {
    returnTo.current = id;
    setView({ kind: 'claim', id, seen: claims });
  };

  let body;
  if (view.kind === 'claim' && open) {
    body = <ClaimDetail key={open.id} claim={open} passages={passages ?? []} onBack={showList} />;
  } else if (view.kind === 'claim') {
    // Either the live query has not caught up with a claim created a moment ago, or it was deleted.
    const gone = claims !== undefined && claims !== view.seen;
    body = (
      <div className="pad">
        <p className="muted" role="status">
          {gone ? t('claimsPanel.gone') : t('claimsPanel.opening')}
        </p>
        <button type="button" className="small" onClick={showList}>
          {t('claimsPanel.back')}
        </button>
      </div>
    );
  } else if (view.kind === 'suggest' && activeSource) {
    body = <SuggestClaims source={activeSource} passages={passages ?? []} claims={claims ?? []} onDone={showList} />;
  } else {
    body = (
      <>
        <div className="claims-toolbar">
          <OptionSelect aria-label={t('claimsPanel.filterStatus')} value={status} options={CLAIM_STATUSES} labels={STATUS_LABEL} emptyLabel={t('claimsPanel.allStatuses')} onValue={setStatus} />
          <select aria-label={t('claimsPanel.filterTag')} value={tagId} onChange={(e) => setTagId(e.target.value)}>
            <option value="">{t('claimsPanel.allTags')}</option>
            {(tags ?? []).map((tag) => (
              <option key={tag.id} value={tag.id}>
                {tag.name}
              </option>
            ))}
          </select>
          <input type="search" aria-label={t('claimsPanel.search')} placeholder={t('claimsPanel.search')} value={text} onChange={(e) => setText(e.target.value)} />
          <button
            type="button"
            className="small"
            disabled={!activeSource || readOnly}
            onClick={() => setView({ kind: 'suggest' })}
            title={reason ?? (activeSource ? t('claimsPanel.suggestHint', { title: shortQuote(activeSource.metadata.title, 60) }) : t('claimsPanel.suggestNeedsSource'))}
          >
            {t('claimsPanel.suggest')}
          </button>
          <button type="button" className="small" aria-haspopup="dialog" disabled={!claims?.length} onClick={() => void commands.run('export-claimreview')}>
            {t('claimsPanel.exportClaimReview')}
          </button>
        </div>
        {claims === undefined ? (
          <p className="muted pad">{t('claimsPanel.loading')}</p>
        ) : shown.length === 0 ? (
          <p className="muted pad">
            {claims.length ? t('claimsPanel.noMatch') : t('claimsPanel.none')}
          </p>
        ) : (
          <>
            {shown.length < claims.length && (
              <p className="muted small" role="status">
                {t('claimsPanel.showing', { shown: shown.length, total: claims.length })}
              </p>
            )}
            <VirtualList
              className="claims-scroll"
              listClassName="claim-list"
              aria-label={t('claimsPanel.list')}
              listRef={list}
              items={shown}
              itemKey={(claim) => claim.id}
              estimateSize={96}
              renderItem={(claim) => {
                const summary = evidenceSummary(claim, passagesById);
                return (
                  <button type="button" className="claim-row" data-claim-id={claim.id} onClick={() => openClaim(claim.id)}>
                    <span className={`status-badge status-${claim.status}`}>{STATUS_LABEL[claim.status]}</span>
                    {changedAtSameTime.has(claim.id) && <span className="claim-concurrent">{t('claimConflict.badge')}</span>}
                    <span className="claim-statement">{claim.statement}</span>
                    {claim.claimant && <span className="claim-claimant">{claim.claimant}</span>}
                    <span className="claim-evidence">
                      {evidenceSummaryLabel(summary)} · <strong className="independent">{independentLabel(summary)}</strong>
                    </span>
                  </button>
                );
              }}
            />
          </>
        )}
      </>
    );
  }

  return (
    <section className="claims" aria-label={t('claimsPanel.region')}>
      {body}
    </section>
  );
}
