import { useEffect, useState, type FormEvent } from 'react';
import type { BackupInfo } from '../../../shared/ipc/contract';
import { useModalDialog } from '../../lib/useModalDialog';
import type { BackupHost } from '../../platform';
import { backUpNow } from './backups';
import { currentLocale, describeBytes, failureText, useTranslation } from '../../i18n';
import { DialogFooter } from '../../lib/DialogFooter';

export function formatBackupDate(time: number): string {
  return new Date(time).toLocaleString(currentLocale(), { dateStyle: 'long', timeStyle: 'short' });
}

/**
 * "Restore from backup…": the backups the desktop app keeps (newest first,
 * with date, size and number of cases). Restoring hands the backup's bytes
 * to the case import, which checks all of it off the main thread and never
 * replaces a case that is already here.
 */
export function RestoreBackupDialog({ host, onRestore, onClose }: { host: BackupHost; onRestore(from: string, bytes: Uint8Array): void; onClose(): void }) {
  const { t } = useTranslation();
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
      setError(t('restore.listFailed', { reason: failureText(e) }));
    }
  };
  useEffect(() => {
    void load();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- list once when the dialog opens
  }, []);

  const restore = async (e: FormEvent) => {
    e.preventDefault();
    const info = backups?.find((b) => b.name === chosen);
    if (!info) return setError(t('restore.choose'));
    setBusy('restore');
    setError('');
    try {
      const bytes = await host.read(info.name);
      dialog.current?.close();
      onRestore(t('restore.from', { date: formatBackupDate(info.createdAt) }), bytes);
    } catch (e) {
      setError(t('restore.readFailed', { reason: failureText(e) }));
    } finally {
      setBusy(null);
    }
  };

  const backUp = async () => {
    setBusy('backup');
    setError('');
    try {
      const made = await backUpNow(host, 'manual');
      if (!made) setError(t('restore.nothingToBackUp'));
      await load();
      if (made) setChosen(made.name);
    } catch (e) {
      setError(t('restore.backupFailed', { reason: failureText(e) }));
    } finally {
      setBusy(null);
    }
  };

  return (
    <dialog ref={dialog} className="dialog" aria-labelledby="restore-title" onClose={onClose}>
      <form onSubmit={(e) => void restore(e)}>
        <h2 id="restore-title">{t('restore.title')}</h2>
        <p className="muted">{t('restore.help')}</p>
        {backups === null ? (
          <p aria-busy="true">{t('restore.looking')}</p>
        ) : backups.length === 0 ? (
          <p>{t('restore.none')}</p>
        ) : (
          <fieldset className="backup-fieldset">
            <legend>{t('restore.legend')}</legend>
            <ul className="backup-list">
              {backups.map((b) => (
                <li key={b.name}>
                  <label>
                    <input type="radio" name="backup" value={b.name} checked={chosen === b.name} onChange={() => setChosen(b.name)} />
                    <span>
                      {t('restore.item', { date: formatBackupDate(b.createdAt), count: b.cases, size: describeBytes(b.size) })}
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
        <DialogFooter cancel={{ onClick: () => dialog.current?.close() }} confirm={{ label: t('restore.confirm'), disabled: !chosen || busy !== null, busy: busy === 'restore' }}>
          <button type="button" onClick={() => void backUp()} disabled={busy !== null} aria-busy={busy === 'backup' || undefined}>
            {t('restore.backUpNow')}
          </button>
        </DialogFooter>
      </form>
    </dialog>
  );
}
