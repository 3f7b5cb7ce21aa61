import { briefWriter, PASSAGE_DRAG_TYPE } from '../../editor/briefCommands';
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { evidenceSummary, MAX_STATEMENT_LENGTH, normaliseStatement } from '../../../shared/claims/claims';
import { CLAIM_STATUSES, STANCES, type ClaimRecord, type ClaimStatus, type PassageRecord, type SourceRecord } from '../../../shared/domain/types';
import { useSources } from '../../db/hooks';
import {
  addClaimEvidence,
  deleteClaim,
  MAX_CLAIMANT_LENGTH,
  removeClaimEvidence,
  setClaimStance,
  setClaimStatus,
  updateClaim,
} from '../../db/repositories/claims';
import { restoreFromTrash } from '../../db/repositories';
import { Icon } from '../../lib/icons';
import { navigate } from '../../lib/navigation';
import { useNotices } from '../../lib/notices';
import { OptionSelect } from '../../lib/OptionSelect';
import { useCaseReadOnly } from '../../lib/readOnly';
import { currentLocale, failureText, t as translate, useTranslation } from '../../i18n';
import { useClaimStatusMarker, type ClaimStatusMarker } from '../sync/useClaimStatusMarker';
import { locatorLabel, shortQuote } from '../passages/labels';
import { TagInput } from '../tags/TagInput';
import { EditableField } from './EditableField';
import { EvidencePicker } from './EvidencePicker';
import { evidenceSummaryLabel, formatWhen, independentLabel, STANCE_LABEL, STATUS_LABEL } from '../../lib/claimLabels';

export interface ClaimDetailProps {
  claim: ClaimRecord;
  passages: readonly PassageRecord[];
  onBack(): void;
}

/** A result line shown next to the part of the detail it concerns. */
interface Message {
  text: string;
  ok: boolean;
  at: 'fields' | 'status' | 'evidence' | 'foot';
}

/**
 * "Changed at the same time by …": shown while people's concurrent status changes stand unconfirmed
 * (team cases). Text and a symbol, never colour alone; Confirm status writes a confirmation into the
 * shared log, which clears it for everyone.
 */
function ConcurrentStatus({ marker, shown, disabled, title, onConfirm }: { marker: ClaimStatusMarker; shown: ClaimStatus; disabled: boolean; title: string | undefined; onConfirm(): void }) {
  const { t } = useTranslation();
  const id = useId();
  const name = (n: string | undefined) => n ?? t('claimConflict.someone');
  const names = new Intl.ListFormat(currentLocale(), { type: 'conjunction' }).format(marker.others.map(name));
  return (
    <section className="status-conflict" aria-labelledby={id}>
      <h4 id={id}>
        <span aria-hidden="true">⚠ </span>
        {t('claimConflict.title', { names })}
      </h4>
      <ul>
        {marker.changes.map((c) => (
          <li key={`${c.by}-${c.at}`}>
            {c.mine ? t('claimConflict.changeYou', { status: STATUS_LABEL[c.to], when: formatWhen(c.at) }) : t('claimConflict.change', { name: name(c.name), status: STATUS_LABEL[c.to], when: formatWhen(c.at) })}
          </li>
        ))}
      </ul>
      <p>{t('claimConflict.shown', { status: STATUS_LABEL[marker.changes[marker.changes.length - 1]?.to ?? shown] })}</p>
      <button type="button" className="small" disabled={disabled} title={title} onClick={onConfirm}>
        {t('claimConflict.confirm')}
      </button>
    </section>
  );
}

function validateStatement(text: string): string {
  const statement = normaliseStatement(text);
  if (!statement) return translate('claimDetail.statementEmpty');
  if (statement.length > MAX_STATEMENT_LENGTH) return translate('claimDetail.statementLong', { length: statement.length, max: MAX_STATEMENT_LENGTH });
  return '';
}

function validateClaimant(text: string): string {
  return normaliseStatement(text).length > MAX_CLAIMANT_LENGTH ? translate('claimDetail.claimantLong', { max: MAX_CLAIMANT_LENGTH }) : '';
}

/**
 * One claim in full: its wording and claimant, tags and note, the status with
 * the log of how it changed, and the evidence from every source with its stance.
 */
export function ClaimDetail({ claim, passages, onBack }: ClaimDetailProps) {
  const notices = useNotices();
  const { readOnly, reason: readOnlyReason } = useCaseReadOnly();
  const { t } = useTranslation();
  const marker = useClaimStatusMarker(claim.caseId, claim.id);
  const sources = useSources(claim.caseId);
  const [nextStatus, setNextStatus] = useState<ClaimStatus>(claim.status);
  const [reason, setReason] = useState('');
  const [message, setMessage] = useState<Message | null>(null);
  const invalid = useRef(new Set<string>());
  const heading = useRef<HTMLHeadingElement>(null);
  const ids = useId();

  useEffect(() => heading.current?.focus(), []);
  useEffect(() => setNextStatus(claim.status), [claim.status]);

  const passagesById = useMemo(() => new Map(passages.map((p) => [p.id, p])), [passages]);
  const sourcesById = useMemo(() => new Map((sources ?? []).map((s): [string, SourceRecord] => [s.id, s])), [sources]);
  const summary = evidenceSummary(claim, passagesById);
  const citeInBrief = (passageId: string) => {
    const writer = briefWriter();
    if (!writer) {
      setMessage({ text: t('claimDetail.noBrief'), ok: false, at: 'evidence' });
      return;
    }
    writer.insertCitation(passageId, claim.id);
    setMessage({ text: t('claimDetail.cited'), ok: true, at: 'evidence' });
  };

  const attempt = async (at: Message['at'], run: () => Promise<unknown>, done?: string) => {
    try {
      await run();
      setMessage(done ? { text: done, ok: true, at } : null);
    } catch (e) {
      setMessage({ text: failureText(e), ok: false, at });
    }
  };
  const note = (at: Message['at']) =>
    message?.at === at ? (
      <p role={message.ok ? 'status' : 'alert'} className={message.ok ? 'claims-ok' : 'field-error'}>
        {message.text}
      </p>
    ) : null;

  const validity = (field: string) => (valid: boolean) => {
    if (valid) invalid.current.delete(field);
    else invalid.current.add(field);
    // Once every field is fixed or restored, the "fix the field first" warning no longer applies.
    if (invalid.current.size === 0) setMessage((m) => (m?.at === 'fields' && !m.ok ? null : m));
  };

  const back = () => {
    if (invalid.current.size > 0) {
      setMessage({ text: t('claimDetail.fixFirst'), ok: false, at: 'fields' });
      document.querySelector<HTMLElement>('.claim-detail [aria-invalid="true"]')?.focus();
      return;
    }
    onBack();
  };

  const confirmStatus = () => (marker ? attempt('status', marker.confirm, t('claimConflict.confirmed', { status: STATUS_LABEL[claim.status] })) : undefined);

  const changeStatus = () =>
    attempt('status', async () => {
      await setClaimStatus(claim.id, nextStatus, reason);
      setReason('');
    }, t('claimDetail.statusChanged', { status: STATUS_LABEL[nextStatus] }));

  const removeEvidence = (passageId: string) =>
    attempt('evidence', async () => {
      const item = claim.evidence.find((e) => e.passageId === passageId);
      await removeClaimEvidence(claim.id, passageId);
      if (item) {
        notices.toast(t('claimDetail.evidenceRemoved'), {
          label: t('common.undo'),
          run: () => addClaimEvidence(claim.id, item.passageId, item.stance).then(() => undefined, (e: Error) => notices.error(e.message)),
        });
      }
    });

  const remove = () =>
    attempt('foot', async () => {
      const snapshot = await deleteClaim(claim.id);
      onBack();
      notices.toast(t('claimDetail.deleted'), { label: t('common.undo'), run: () => restoreFromTrash(snapshot).catch((e: Error) => notices.error(e.message)) });
    });

  return (
    <article className="claim-detail" aria-labelledby={`${ids}-title`}>
      <div className="claim-detail-head">
        <button type="button" className="small" onClick={back}>
          {t('claimDetail.back')}
        </button>
        <span className={`status-badge status-${claim.status}`}>{STATUS_LABEL[claim.status]}</span>
      </div>
      <h2 id={`${ids}-title`} ref={heading} tabIndex={-1} className="claim-detail-title">
        {shortQuote(claim.statement, 90)}
      </h2>

      <EditableField
        label={t('claimDetail.statement')}
        value={claim.statement}
        multiline
        submitOnEnter
        validate={validateStatement}
        onValidity={validity('statement')}
        onSave={async (statement) => (await updateClaim(claim.id, { statement })).statement}
      />
      <EditableField
        label={t('claimDetail.claimant')}
        value={claim.claimant}
        submitOnEnter
        placeholder={t('claimDetail.claimantPlaceholder')}
        validate={validateClaimant}
        onValidity={validity('claimant')}
        onSave={async (claimant) => (await updateClaim(claim.id, { claimant })).claimant}
      />
      {claim.claimant.trim() !== '' && (
        <button type="button" className="small claimant-entity" aria-label={t('claimDetail.showInEntitiesLabel', { name: claim.claimant })} onClick={() => navigate({ kind: 'open-entity', claimant: claim.claimant })}>
          {t('claimDetail.showInEntities')}
        </button>
      )}
      <TagInput caseId={claim.caseId} value={claim.tags} onChange={(tags) => void attempt('fields', () => updateClaim(claim.id, { tags }))} />
      <EditableField label={t('claimDetail.note')} value={claim.note} multiline placeholder={t('claimDetail.notePlaceholder')} onSave={async (note) => (await updateClaim(claim.id, { note })).note} />

      {note('fields')}

      <h3>{t('claimDetail.statusHeading')}</h3>
      {marker && <ConcurrentStatus marker={marker} shown={claim.status} disabled={readOnly} title={readOnlyReason} onConfirm={() => void confirmStatus()} />}
      <div className="status-change">
        <label className="claims-field">
          {t('claimDetail.status')}
          <OptionSelect value={nextStatus} options={CLAIM_STATUSES} labels={STATUS_LABEL} disabled={readOnly} title={readOnlyReason} onValue={(v) => v && setNextStatus(v)} />
        </label>
        <label className="claims-field grow">
          {t('claimDetail.reason')}
          <input
            value={reason}
            disabled={readOnly}
            title={readOnlyReason}
            placeholder={t('claimDetail.reasonPlaceholder')}
            onChange={(e) => setReason(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && nextStatus !== claim.status && !readOnly) void changeStatus();
            }}
          />
        </label>
        <button type="button" disabled={readOnly || nextStatus === claim.status} title={readOnlyReason} onClick={() => void changeStatus()}>
          {t('claimDetail.changeStatus')}
        </button>
      </div>
      {note('status')}
      <section aria-labelledby={`${ids}-log`} className="status-log">
        <h4 id={`${ids}-log`}>{t('claimDetail.history')}</h4>
        <ol>
          <li>
            <time dateTime={new Date(claim.createdAt).toISOString()}>{formatWhen(claim.createdAt)}</time>: {t('claimDetail.created', { status: STATUS_LABEL.unverified })}
          </li>
          {claim.statusLog.map((entry, i) => (
            <li key={`${entry.at}-${i}`}>
              <time dateTime={new Date(entry.at).toISOString()}>{formatWhen(entry.at)}</time>: {STATUS_LABEL[entry.from]} → {STATUS_LABEL[entry.to]}
              {entry.reason ? <span className="status-reason"> — {entry.reason}</span> : null}
            </li>
          ))}
        </ol>
      </section>

      <h3>{t('claimDetail.evidenceHeading')}</h3>
      <p className="evidence-summary">
        <span>{evidenceSummaryLabel(summary)}</span>
        <strong className="independent">{independentLabel(summary)}</strong>
      </p>
      {claim.evidence.length > 0 && (
        <ul className="evidence-list" aria-label={t('claimDetail.evidenceList')}>
          {claim.evidence.map((item) => {
            const passage = passagesById.get(item.passageId);
            const source = passage ? sourcesById.get(passage.sourceId) : undefined;
            const quote = passage ? shortQuote(passage.selectors[0].exact, 60) : t('claimDetail.missingQuote');
            return (
              <li key={item.passageId} className={`evidence stance-${item.stance}`}>
                {passage ? (
                  <button
                    type="button"
                    className="evidence-quote"
                    title={t('claimDetail.showQuote')}
                    draggable
                    onDragStart={(e) => {
                      e.dataTransfer.setData(PASSAGE_DRAG_TYPE, passage.id);
                      e.dataTransfer.effectAllowed = 'copy';
                    }}
                    onClick={() => navigate({ kind: 'reveal-passage', passageId: passage.id })}
                  >
                    “<bdi>{shortQuote(passage.selectors[0].exact, 240)}</bdi>”
                  </button>
                ) : (
                  <span className="evidence-missing">{t('claimDetail.deletedPassage')}</span>
                )}
                {passage && (
                  <span className="item-sub">
                    {source?.metadata.title ?? t('claimDetail.unknownSource')} · {locatorLabel(passage.locator)}
                    {passage.anchor === 'orphaned' ? t('claimDetail.orphaned') : ''}
                  </span>
                )}
                <div className="evidence-actions">
                  <OptionSelect aria-label={t('claimDetail.stance')} value={item.stance} options={STANCES} labels={STANCE_LABEL} disabled={readOnly} title={readOnlyReason} onValue={(v) => v && void attempt('evidence', () => setClaimStance(claim.id, item.passageId, v))} />
                  {passage && (
                    <button type="button" className="small" aria-label={t('claimDetail.citeLabel', { quote })} title={readOnlyReason ?? t('claimDetail.citeHint')} disabled={readOnly} onClick={() => citeInBrief(passage.id)}>
                      {t('claimDetail.cite')}
                    </button>
                  )}
                  <button type="button" className="icon" aria-label={t('claimDetail.removeLabel', { quote })} title={readOnlyReason ?? t('claimDetail.removeHint')} disabled={readOnly} onClick={() => void removeEvidence(item.passageId)}>
                    <Icon name="close" />
                  </button>
                </div>
              </li>
            );
          })}
        </ul>
      )}

      {!readOnly && (
        <details className="add-evidence">
          <summary>{t('claimDetail.addEvidence')}</summary>
          <EvidencePicker claim={claim} passages={passages} sources={sources ?? []} onResult={(text, ok) => setMessage({ text, ok, at: 'evidence' })} />
        </details>
      )}
      {note('evidence')}

      <div className="claim-detail-foot">
        <button type="button" className="danger" disabled={readOnly} title={readOnlyReason} onClick={() => void remove()}>
          <Icon name="trash" /> {t('claimDetail.delete')}
        </button>
      </div>
      {note('foot')}
    </article>
  );
}
