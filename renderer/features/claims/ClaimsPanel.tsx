import { useEffect, useMemo, useState } from 'react';
import { evidenceSummary, filterClaims, summaryLabel } from '../../../shared/claims/claims';
import { CLAIM_STATUSES, type ClaimStatus, type SourceRecord } from '../../../shared/domain/types';
import { useClaims, usePassages, useTags } from '../../db/hooks';
import { onNavigate } from '../../lib/navigation';
import { OptionSelect } from '../../lib/OptionSelect';
import { ClaimDetail } from './ClaimDetail';
import { SuggestClaims } from './SuggestClaims';
import { STATUS_LABEL } from './status';

export interface ClaimsPanelProps {
  caseId: string;
  activeSource: SourceRecord | null | undefined;
}

/** The Claims region: the case's claims with status and evidence counts, filters, detail, and suggestions. */
export function ClaimsPanel({ caseId, activeSource }: ClaimsPanelProps) {
  const claims = useClaims(caseId);
  const passages = usePassages(caseId);
  const tags = useTags(caseId);
  const [openId, setOpenId] = useState<string | null>(null);
  const [status, setStatusFilter] = useState<ClaimStatus | ''>('');
  const [tagId, setTagId] = useState('');
  const [suggesting, setSuggesting] = useState(false);

  useEffect(() => onNavigate((r) => r.kind === 'open-claim' && (setSuggesting(false), setOpenId(r.claimId))), []);
  useEffect(() => setOpenId(null), [caseId]);

  const passagesById = useMemo(() => new Map((passages ?? []).map((p) => [p.id, p])), [passages]);
  const shown = useMemo(
    () => filterClaims(claims ?? [], { statuses: status ? [status] : undefined, tagIds: tagId ? [tagId] : undefined }),
    [claims, status, tagId],
  );
  const open = claims?.find((c) => c.id === openId);

  return (
    <section className="claims" aria-label="Claims">
      {open ? (
        <ClaimDetail claim={open} onBack={() => setOpenId(null)} />
      ) : suggesting && activeSource ? (
        <SuggestClaims source={activeSource} onDone={() => setSuggesting(false)} />
      ) : (
        <>
          <div className="claims-toolbar">
            <label>
              <span className="visually-hidden">Filter by status</span>
              <OptionSelect aria-label="Filter by status" value={status} options={CLAIM_STATUSES} labels={STATUS_LABEL} emptyLabel="All statuses" onValue={setStatusFilter} />
            </label>
            <label>
              <span className="visually-hidden">Filter by tag</span>
              <select aria-label="Filter by tag" value={tagId} onChange={(e) => setTagId(e.target.value)}>
                <option value="">All tags</option>
                {(tags ?? []).map((t) => (
                  <option key={t.id} value={t.id}>
                    {t.name}
                  </option>
                ))}
              </select>
            </label>
            <button type="button" className="small" disabled={!activeSource} onClick={() => setSuggesting(true)} title="Find sentences with figures, dates and attributed statements in the open source">
              Suggest claims
            </button>
          </div>
          {claims === undefined ? (
            <p className="muted pad">Loading…</p>
          ) : shown.length === 0 ? (
            <p className="muted pad">{claims.length ? 'No claim matches these filters.' : 'No claims yet. Select a statement in the source and choose “New claim”, or use “Suggest claims”.'}</p>
          ) : (
            <ul className="claim-list" aria-label="Claims in this case">
              {shown.map((claim) => {
                const summary = evidenceSummary(claim, passagesById);
                return (
                  <li key={claim.id}>
                    <button type="button" className="claim-row" onClick={() => setOpenId(claim.id)}>
                      <span className={`status-badge status-${claim.status}`}>{STATUS_LABEL[claim.status]}</span>
                      <span className="claim-statement">{claim.statement}</span>
                      <span className="item-sub">
                        {claim.claimant ? `${claim.claimant} · ` : ''}
                        {summaryLabel(summary)} · {summary.independentSources} independent source{summary.independentSources === 1 ? '' : 's'}
                      </span>
                    </button>
                  </li>
                );
              })}
            </ul>
          )}
        </>
      )}
    </section>
  );
}
