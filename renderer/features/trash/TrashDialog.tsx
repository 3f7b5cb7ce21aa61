import { useState } from 'react';
import type { CaseRecord } from '../../../shared/domain/types';
import { useActor, useDeletedCases, useTrash } from '../../db/hooks';
import { emptyTrash, restoreFromTrash, TRASH_RETENTION_DAYS, type TrashItem } from '../../db/repositories';
import { useModalDialog } from '../../lib/useModalDialog';

const KIND: Record<TrashItem['table'], string> = { sources: 'source', passages: 'passage', claims: 'claim', notes: 'note', tags: 'tag' };

const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });

/** "5 minutes ago", "yesterday", "3 weeks ago". */
export function deletedWhen(at: number, now = Date.now()): string {
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

const capital = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);

function deletedLine(at: number, by: string | null): string {
  return `Deleted ${deletedWhen(at)}${by ? ` by ${by}` : ''}`;
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
      setMessage({ text: error instanceof Error ? error.message : String(error), ok: false });
    } finally {
      setBusy(false);
    }
  };

  const restore = (item: TrashItem) =>
    attempt(async () => {
      await restoreFromTrash(item);
      return `Restored ${KIND[item.table]} ${item.table === 'passages' ? item.label : `“${item.label}”`}${item.table === 'sources' && item.detail ? ` ${item.detail}` : ''}.`;
    });

  const restoreCase = (record: CaseRecord) =>
    attempt(async () => {
      await restoreFromTrash({ table: 'cases', id: record.id });
      onOpenCase(record.id);
      dialog.current?.close();
      return `Restored case “${record.name}”.`;
    });

  const empty = () =>
    attempt(async () => {
      const n = await emptyTrash(caseId);
      setConfirming(false);
      return `The Trash is empty: ${n} ${n === 1 ? 'record was' : 'records were'} deleted for good.`;
    });

  const total = (items?.length ?? 0) + (cases?.length ?? 0);
  return (
    <dialog ref={dialog} className="dialog trash-dialog" aria-labelledby="trash-title" aria-describedby="trash-retention" onClose={onClose}>
      <h2 id="trash-title">Trash</h2>
      <p id="trash-retention" className="muted">
        What you delete stays here for {TRASH_RETENTION_DAYS} days, then it is deleted for good. Restoring puts it back where it was, with its links.
      </p>
      <section aria-labelledby="trash-case-heading">
        <h3 id="trash-case-heading">Deleted from “{caseName}”</h3>
        {items === undefined ? (
          <p className="muted">Loading…</p>
        ) : items.length === 0 ? (
          <p className="muted">Nothing from this case is in the Trash.</p>
        ) : (
          <ul className="trash-list" aria-labelledby="trash-case-heading">
            {items.map((item) => (
              <li key={`${item.table}:${item.id}`}>
                <span className="trash-item">
                  <span className="trash-label">{item.label}</span>
                  <span className="trash-detail">
                    {[capital(KIND[item.table]), item.detail].filter(Boolean).join(' ')} · {deletedLine(item.deletedAt, item.deletedBy)}
                  </span>
                </span>
                <button type="button" className="small" disabled={busy} aria-label={`Restore ${KIND[item.table]} ${item.table === 'passages' ? item.label : `“${item.label}”`}`} onClick={() => void restore(item)}>
                  Restore
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>
      {cases !== undefined && cases.length > 0 && (
        <section aria-labelledby="trash-cases-heading">
          <h3 id="trash-cases-heading">Deleted cases</h3>
          <ul className="trash-list" aria-labelledby="trash-cases-heading">
            {cases.map((record) => (
              <li key={record.id}>
                <span className="trash-item">
                  <span className="trash-label">{record.name}</span>
                  <span className="trash-detail">Case · {deletedLine(record.deletedAt ?? 0, record.deletedBy && record.deletedBy === actor?.id ? actor.name : null)}</span>
                </span>
                <button type="button" className="small" disabled={busy} aria-label={`Restore case “${record.name}”`} onClick={() => void restoreCase(record)}>
                  Restore
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
            Delete everything in the Trash for good? That is {total} {total === 1 ? 'item' : 'items'}; this cannot be undone.
          </p>
          <div className="dialog-buttons">
            <button type="button" autoFocus onClick={() => setConfirming(false)}>
              Cancel
            </button>
            <button type="button" className="danger" disabled={busy} onClick={() => void empty()}>
              Delete for good
            </button>
          </div>
        </div>
      ) : (
        <div className="dialog-buttons">
          <button type="button" className="danger" disabled={total === 0 || busy} onClick={() => setConfirming(true)}>
            Empty trash
          </button>
          <button type="button" onClick={() => dialog.current?.close()}>
            Close
          </button>
        </div>
      )}
    </dialog>
  );
}
