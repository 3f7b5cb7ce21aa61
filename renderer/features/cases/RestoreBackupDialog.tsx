import { useEffect, useState, type FormEvent } from 'react';
import type { BackupInfo } from '../../../shared/ipc/contract';
import { useModalDialog } from '../../lib/useModalDialog';
import type { BackupHost } from '../../platform';
import { backUpNow } from './backups';

export function formatBackupDate(time: number): string {
  return new Date(time).toLocaleString(undefined, { dateStyle: 'long', timeStyle: 'short' });
}

function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/**
 * "Restore from backup…": the backups the desktop app keeps (newest first,
 * with date, size and number of cases). Restoring hands the backup's bytes
 * to the case import, which checks all of it off the main thread and never
 * replaces a case that is already here.
 */
export function RestoreBackupDialog({ host, onRestore, onClose }: { host: BackupHost; onRestore(from: string, bytes: Uint8Array): void; onClose(): void }) {
  const dialog = useModalDialog();
  const [backups, setBackups] = useState<BackupInfo[] | null>(null);
  const [chosen, setChosen] = useState<string>('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState<'restore' | 'backup' | null>(null);

  const load = async () => {
    try {
      const list = await host.list();
      setBackups(list);
      setChosen((current) => (list.some((b) => b.name === current) ? current : (list[0]?.name ?? '')));
    } catch (e) {
      setBackups([]);
      setError(`The backups could not be listed: ${e instanceof Error ? e.message : String(e)}`);
    }
  };
  useEffect(() => {
    void load();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- list once when the dialog opens
  }, []);

  const restore = async (e: FormEvent) => {
    e.preventDefault();
    const info = backups?.find((b) => b.name === chosen);
    if (!info) return setError('Choose a backup to restore.');
    setBusy('restore');
    setError('');
    try {
      const bytes = await host.read(info.name);
      dialog.current?.close();
      onRestore(`the backup of ${formatBackupDate(info.createdAt)}`, bytes);
    } catch (e) {
      setError(`The backup could not be read: ${e instanceof Error ? e.message : String(e)} Nothing was changed.`);
    } finally {
      setBusy(null);
    }
  };

  const backUp = async () => {
    setBusy('backup');
    setError('');
    try {
      const made = await backUpNow(host, 'manual');
      if (!made) setError('There are no cases to back up.');
      await load();
      if (made) setChosen(made.name);
    } catch (e) {
      setError(`The backup failed: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      setBusy(null);
    }
  };

  return (
    <dialog ref={dialog} className="dialog" aria-labelledby="restore-title" onClose={onClose}>
      <form onSubmit={(e) => void restore(e)}>
        <h2 id="restore-title">Restore from backup</h2>
        <p className="muted">Casefile backs up every case once a day and before it updates its data, and keeps the last 7 backups. Restoring adds the backup’s cases; a case you still have is never replaced.</p>
        {backups === null ? (
          <p aria-busy="true">Looking for backups…</p>
        ) : backups.length === 0 ? (
          <p>There are no backups yet.</p>
        ) : (
          <fieldset className="backup-fieldset">
            <legend>Backups, newest first</legend>
            <ul className="backup-list">
              {backups.map((b) => (
                <li key={b.name}>
                  <label>
                    <input type="radio" name="backup" value={b.name} checked={chosen === b.name} onChange={() => setChosen(b.name)} />
                    <span>
                      {formatBackupDate(b.createdAt)} — {b.cases} {b.cases === 1 ? 'case' : 'cases'}, {formatSize(b.size)}
                    </span>
                  </label>
                </li>
              ))}
            </ul>
          </fieldset>
        )}
        {error && (
          <p role="alert" className="field-error">
            {error}
          </p>
        )}
        <div className="dialog-buttons">
          <button type="button" onClick={() => void backUp()} disabled={busy !== null} aria-busy={busy === 'backup' || undefined}>
            Back up now
          </button>
          <button type="button" onClick={() => dialog.current?.close()}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={!chosen || busy !== null} aria-busy={busy === 'restore' || undefined}>
            Restore
          </button>
        </div>
      </form>
    </dialog>
  );
}
