import { useMemo, useState } from 'react';
import { evidenceSummary, summaryLabel } from '../../../shared/claims/claims';
import { CLAIM_STATUSES, STANCES, type ClaimRecord, type ClaimStatus, type Stance } from '../../../shared/domain/types';
import { useCase, usePassages, useSources } from '../../db/hooks';
import { addClaimEvidence, deleteClaim, removeClaimEvidence, restoreClaim, setClaimStance, setClaimStatus, updateClaim } from '../../db/repositories/claims';
import { Icon } from '../../lib/icons';
import { OptionSelect } from '../../lib/OptionSelect';
import { navigate } from '../../lib/navigation';
import { useNotices } from '../../lib/notices';
import { locatorLabel, shortQuote } from '../annotate/labels';
import { TagInput } from '../tags/TagInput';
import { STANCE_LABEL, STATUS_LABEL } from './status';

const when = (t: number) => new Date(t).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' });

/** One claim: statement, claimant, tags, note, status with its history, and evidence from any source. */
export function ClaimDetail({ claim, onBack }: { claim: ClaimRecord; onBack(): void }) {
  const notices = useNotices();
  const owner = useCase(claim.caseId);
  const passages = usePassages(claim.caseId);
  const sources = useSources(owner?.id);
  const [statement, setStatement] = useState(claim.statement);
  const [claimant, setClaimant] = useState(claim.claimant);
  const [note, setNote] = useState(claim.note);
  const [nextStatus, setNextStatus] = useState<ClaimStatus>(claim.status);
  const [reason, setReason] = useState('');
  const [error, setError] = useState('');
  const [query, setQuery] = useState('');
  const [stance, setStance] = useState<Stance>('supports');

  const passagesById = useMemo(() => new Map((passages ?? []).map((p) => [p.id, p])), [passages]);
  const sourcesById = useMemo(() => new Map((sources ?? []).map((s) => [s.id, s])), [sources]);
  const summary = evidenceSummary(claim, passagesById);
  const attached = new Set(claim.evidence.map((e) => e.passageId));
  const candidates = (passages ?? [])
    .filter((p) => !attached.has(p.id))
    .filter((p) => {
      const q = query.trim().toLowerCase();
      return !q || p.selectors[0].exact.toLowerCase().includes(q) || (sourcesById.get(p.sourceId)?.metadata.title.toLowerCase().includes(q) ?? false);
    })
    .slice(0, 8);

  const run = async (fn: () => Promise<unknown>) => {
    try {
      setError('');
      await fn();
    } catch (e) {
      setError((e as Error).message);
    }
  };
  const saveFields = () =>
    run(async () => {
      if (statement !== claim.statement || claimant !== claim.claimant || note !== claim.note) await updateClaim(claim.id, { statement, claimant, note });
    });

  return (
    <div className="claim-detail">
      <div className="claim-detail-head">
        <button type="button" className="small" onClick={() => void saveFields().then(onBack)}>
          ← Back to claims
        </button>
        <span className={`status-badge status-${claim.status}`}>{STATUS_LABEL[claim.status]}</span>
      </div>
      <label className="field">
        Statement
        <textarea rows={3} value={statement} onChange={(e) => setStatement(e.target.value)} onBlur={() => void saveFields()} />
      </label>
      <label className="field">
        Claimant
        <input value={claimant} placeholder="Who said it?" onChange={(e) => setClaimant(e.target.value)} onBlur={() => void saveFields()} />
      </label>
      <TagInput caseId={claim.caseId} value={claim.tags} onChange={(tags) => void run(() => updateClaim(claim.id, { tags }))} />
      <label className="field">
        Note
        <textarea rows={2} value={note} onChange={(e) => setNote(e.target.value)} onBlur={() => void saveFields()} />
      </label>
      {error && (
        <p role="alert" className="field-error">
          {error}
        </p>
      )}

      <h3>Status</h3>
      <div className="status-change">
        <label>
          Status
          <OptionSelect value={nextStatus} options={CLAIM_STATUSES} labels={STATUS_LABEL} onValue={(v) => v && setNextStatus(v)} />
        </label>
        <label>
          Reason
          <input value={reason} placeholder="Optional" onChange={(e) => setReason(e.target.value)} />
        </label>
        <button
          type="button"
          disabled={nextStatus === claim.status}
          onClick={() => void run(async () => (await setClaimStatus(claim.id, nextStatus, reason), setReason('')))}
        >
          Change status
        </button>
      </div>
      <section aria-label="Status history" className="status-log">
        {claim.statusLog.length === 0 ? (
          <p className="muted small">Unverified since {when(claim.createdAt)}.</p>
        ) : (
          <ol>
            {[...claim.statusLog].reverse().map((entry) => (
              <li key={entry.at}>
                <time dateTime={new Date(entry.at).toISOString()}>{when(entry.at)}</time>: {STATUS_LABEL[entry.from]} → {STATUS_LABEL[entry.to]}
                {entry.reason ? ` — ${entry.reason}` : ''}
              </li>
            ))}
          </ol>
        )}
      </section>

      <h3>Evidence</h3>
      <p className="muted small">
        {summaryLabel(summary)} · {summary.independentSources} independent source{summary.independentSources === 1 ? '' : 's'}
      </p>
      <ul className="evidence-list" aria-label="Evidence">
        {claim.evidence.map((e) => {
          const p = passagesById.get(e.passageId);
          const source = p ? sourcesById.get(p.sourceId) : undefined;
          return (
            <li key={e.passageId} className={`evidence stance-${e.stance}`}>
              {p ? (
                <button type="button" className="evidence-quote" onClick={() => navigate({ kind: 'reveal-passage', passageId: p.id })}>
                  “{shortQuote(p.selectors[0].exact, 220)}”
                </button>
              ) : (
                <span className="missing">Missing passage (deleted)</span>
              )}
              <span className="item-sub">
                {source?.metadata.title ?? 'Unknown source'}
                {p ? ` · ${locatorLabel(p.locator)}` : ''}
                {p?.anchor === 'orphaned' ? ' · orphaned' : ''}
              </span>
              <div className="evidence-actions">
                <label>
                  <span className="visually-hidden">Stance</span>
                  <OptionSelect aria-label="Stance" value={e.stance} options={STANCES} labels={STANCE_LABEL} onValue={(v) => v && void run(() => setClaimStance(claim.id, e.passageId, v))} />
                </label>
                <button type="button" className="icon" aria-label="Remove evidence" onClick={() => void run(() => removeClaimEvidence(claim.id, e.passageId))}>
                  <Icon name="close" />
                </button>
              </div>
            </li>
          );
        })}
      </ul>

      <details className="add-evidence">
        <summary>Add evidence</summary>
        <div className="add-evidence-row">
          <label className="field">
            Find a passage
            <input type="search" value={query} onChange={(e) => setQuery(e.target.value)} placeholder="Words from the quote or the source title" />
          </label>
          <label className="field">
            As
            <OptionSelect aria-label="Add as" value={stance} options={STANCES} labels={STANCE_LABEL} onValue={(v) => v && setStance(v)} />
          </label>
        </div>
        <ul className="candidates" aria-label="Passages to add">
          {candidates.map((p) => (
            <li key={p.id}>
              <button type="button" onClick={() => void run(() => addClaimEvidence(claim.id, p.id, stance))} aria-label={`Add as ${STANCE_LABEL[stance].toLowerCase()}: ${shortQuote(p.selectors[0].exact, 60)}`}>
                “{shortQuote(p.selectors[0].exact, 120)}” <span className="item-sub">{sourcesById.get(p.sourceId)?.metadata.title}</span>
              </button>
            </li>
          ))}
          {candidates.length === 0 && <li className="muted small">No other passages match. Highlight one in any source first.</li>}
        </ul>
      </details>

      <div className="claim-detail-foot">
        <button
          type="button"
          className="danger"
          onClick={() =>
            void run(async () => {
              const removed = await deleteClaim(claim.id);
              onBack();
              notices.toast('Claim deleted.', { label: 'Undo', run: () => restoreClaim(removed) });
            })
          }
        >
          Delete claim
        </button>
      </div>
    </div>
  );
}
