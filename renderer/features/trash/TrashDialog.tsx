import { useState } from 'react';
import type { CaseRecord } from '../../../shared/domain/types';
import { useActor, useDeletedCases, useTrash } from '../../db/hooks';
import { emptyTrash, restoreFromTrash, TRASH_RETENTION_DAYS, type TrashItem } from '../../db/repositories';
import { currentLocale, failureText, t, translate, useTranslation } from '../../i18n';
import { useModalDialog } from '../../lib/useModalDialog';

/** "5 minutes ago", "yesterday", "3 weeks ago" (in the UI's language). */
export function deletedWhen(at: number, now = Date.now()): string {
  const relative = new Intl.RelativeTimeFormat(currentLocale(), { numeric: 'auto' });
  const seconds = Math.round((at - now) / 1000);
  const steps: [Intl.RelativeTimeFormatUnit, number][] = [
    ['second', 60],
    ['minute', 60],
    ['hour', 24],
    ['day', 7],
    ['week', 5],
  ];
  let value = seconds;
  for (const [unit, size] of steps) {
    if (Math.abs(value) < size) return relative.format(value, unit);
    value = Math.round(value / size);
  }
  return relative.format(value, 'month');
}

function deletedLine(at: number, by: string | null): string {
  return by ? t('trash.deletedBy', { when: deletedWhen(at), name: by }) : t('trash.deleted', { when: deletedWhen(at) });
}

export interface TrashDialogProps {
  caseId: string;
  caseName: string;
  onOpenCase(caseId: string): void;
  onClose(): void;
}

/**
 * The Trash: what was deleted from the open case (a source stands for the
 * passages deleted with it), and deleted cases. Each line restores with its
 * links; "Empty trash" deletes everything in it for good, after a
 * confirmation with a visible Cancel. Items go by themselves after
 * TRASH_RETENTION_DAYS days.
 */
export function TrashDialog({ caseId, caseName, onOpenCase, onClose }: TrashDialogProps) {
  const { t } = useTranslation();
  const dialog = useModalDialog();
  const items = useTrash(caseId);
  const cases = useDeletedCases();
  const actor = useActor();
  const [confirming, setConfirming] = useState(false);
  const [message, setMessage] = useState<{ text: string; ok: boolean } | null>(null);
  const [busy, setBusy] = useState(false);

  const attempt = async (work: () => Promise<string>) => {
    setBusy(true);
    setMessage(null);
    try {
      setMessage({ text: await work(), ok: true });
    } catch (error) {
      setMessage({ text: failureText(error), ok: false });
    } finally {
      setBusy(false);
    }
  };

  const restore = (item: TrashItem) =>
    attempt(async () => {
      await restoreFromTrash(item);
      return item.table === 'sources' && item.detail ? t('trash.restoredWith.sources', { label: item.label, detail: translate(item.detail) }) : t(`trash.restored.${item.table}`, { label: item.label });
    });

  const restoreCase = (record: CaseRecord) =>
    attempt(async () => {
      await restoreFromTrash({ table: 'cases', id: record.id });
      onOpenCase(record.id);
      dialog.current?.close();
      return t('trash.restored.cases', { label: record.name });
    });

  const empty = () =>
    attempt(async () => {
      const n = await emptyTrash(caseId);
      setConfirming(false);
      return t('trash.emptied', { count: n });
    });

  const total = (items?.length ?? 0) + (cases?.length ?? 0);
  return (
    <dialog ref={dialog} className="dialog trash-dialog" aria-labelledby="trash-title" aria-describedby="trash-retention" onClose={onClose}>
      <h2 id="trash-title">{t('trash.title')}</h2>
      <p id="trash-retention" className="muted">
        {t('trash.retention', { count: TRASH_RETENTION_DAYS })}
      </p>
      <section aria-labelledby="trash-case-heading">
        <h3 id="trash-case-heading">{t('trash.fromCase', { name: caseName })}</h3>
        {items === undefined ? (
          <p className="muted">{t('common.loading')}</p>
        ) : items.length === 0 ? (
          <p className="muted">{t('trash.nothing')}</p>
        ) : (
          <ul className="trash-list" aria-labelledby="trash-case-heading">
            {items.map((item) => (
              <li key={`${item.table}:${item.id}`}>
                <span className="trash-item">
                  <span className="trash-label">{item.label}</span>
                  <span className="trash-detail">
                    {item.detail ? t(`trash.kindWithDetail.${item.table}`, { detail: translate(item.detail) }) : t(`trash.kind.${item.table}`)} · {deletedLine(item.deletedAt, item.deletedBy)}
                  </span>
                </span>
                <button type="button" className="small" disabled={busy} aria-label={t(`trash.restore.${item.table}`, { label: item.label })} onClick={() => void restore(item)}>
                  {t('trash.restoreButton')}
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>
      {cases !== undefined && cases.length > 0 && (
        <section aria-labelledby="trash-cases-heading">
          <h3 id="trash-cases-heading">{t('trash.deletedCases')}</h3>
          <ul className="trash-list" aria-labelledby="trash-cases-heading">
            {cases.map((record) => (
              <li key={record.id}>
                <span className="trash-item">
                  <span className="trash-label">{record.name}</span>
                  <span className="trash-detail">{t('trash.kind.cases')} · {deletedLine(record.deletedAt ?? 0, record.deletedBy && record.deletedBy === actor?.id ? actor.name : null)}</span>
                </span>
                <button type="button" className="small" disabled={busy} aria-label={t('trash.restore.cases', { label: record.name })} onClick={() => void restoreCase(record)}>
                  {t('trash.restoreButton')}
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
      {message && (
        <p className={message.ok ? 'trash-message' : 'trash-message error'} role={message.ok ? 'status' : 'alert'}>
          {message.text}
        </p>
      )}
      {confirming ? (
        <div className="confirm" role="group" aria-labelledby="trash-confirm-text">
          <p id="trash-confirm-text">
            {t('trash.confirm', { count: total })}
          </p>
          <div className="dialog-buttons">
            <button type="button" autoFocus onClick={() => setConfirming(false)}>
              {t('dialog.cancel')}
            </button>
            <button type="button" className="danger" disabled={busy} onClick={() => void empty()}>
              {t('trash.deleteForGood')}
            </button>
          </div>
        </div>
      ) : (
        <div className="dialog-buttons">
          <button type="button" className="danger" disabled={total === 0 || busy} onClick={() => setConfirming(true)}>
            {t('trash.empty')}
          </button>
          <button type="button" onClick={() => dialog.current?.close()}>
            {t('dialog.close')}
          </button>
        </div>
      )}
    </dialog>
  );
}
