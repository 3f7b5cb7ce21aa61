import { useState, type FormEvent } from 'react';
import { createPortal } from 'react-dom';
import type { Role } from '../../../shared/sync/token';
import { useCase } from '../../db/hooks';
import { failureText, useTranslation } from '../../i18n';
import { DialogFooter } from '../../lib/DialogFooter';
import { useNotices } from '../../lib/notices';
import { useModalDialog } from '../../lib/useModalDialog';
import { caseSync, inviteTo, shareCase, stopSharing, useSyncState } from './manager';

const DEFAULT_SERVER = '127.0.0.1:1234';

/**
 * "Share case…": put the open case on a sync server (textbox "Server address"), then make invitations
 * (read-write or read-only) shown in the read-only textbox "Invitation"; "Stop sharing" disconnects the
 * case and keeps the local copy.
 */
export function ShareDialog({ caseId, onClose }: { caseId: string; onClose(): void }) {
  const { t } = useTranslation();
  const dialog = useModalDialog();
  const notices = useNotices();
  const record = useCase(caseId);
  const state = useSyncState(caseId);
  const shared = state !== null;
  const [server, setServer] = useState(DEFAULT_SERVER);
  const [role, setRole] = useState<Role>('rw');
  const [invitation, setInvitation] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');

  const invite = async (asRole: Role) => {
    setInvitation('');
    try {
      setInvitation(await inviteTo(caseId, asRole));
    } catch (failure) {
      setError(t('sync.inviteFailed', { reason: failureText(failure) }));
    }
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    setError('');
    try {
      if (!shared) {
        try {
          await shareCase(caseId, server);
        } catch (failure) {
          setError(t('sync.shareFailed', { reason: failureText(failure) }));
          return;
        }
      }
      await invite(role);
    } finally {
      setBusy(false);
    }
  };

  const stop = async () => {
    setBusy(true);
    try {
      await stopSharing(caseId);
      notices.toast(t('sync.stopped', { name: record?.name ?? '' }));
      dialog.current?.close();
    } finally {
      setBusy(false);
    }
  };

  const link = caseSync(caseId);
  return createPortal(
    <dialog ref={dialog} className="dialog" aria-labelledby="share-case-title" aria-describedby="share-case-what" onClose={onClose}>
      <form onSubmit={(e) => void submit(e)} aria-busy={busy || undefined}>
        <h2 id="share-case-title">{t('sync.shareTitle')}</h2>
        <p id="share-case-what" className="muted">
          {record ? t('sync.shareWhat', { name: record.name }) : t('common.loading')}
        </p>
        {!shared && (
          <label className="field">
            <span>{t('sync.server')}</span>
            <input type="text" value={server} onChange={(e) => setServer(e.target.value)} aria-describedby="share-server-help" autoComplete="url" spellCheck={false} disabled={busy} />
            <span id="share-server-help" className="choice-help">
              {t('sync.serverHelp')}
            </span>
          </label>
        )}
        {shared && link && <p className="muted">{t('sync.sharedOn', { server: link.server })}</p>}
        <fieldset className="format-choices" disabled={busy}>
          <legend>{t('sync.role')}</legend>
          {(['rw', 'ro'] as const).map((r) => (
            <label className="choice" key={r}>
              <input
                type="radio"
                name="invite-role"
                value={r}
                checked={role === r}
                onChange={() => {
                  setRole(r);
                  if (shared) void invite(r);
                }}
              />
              <span className="choice-title">{t(r === 'rw' ? 'sync.roleRw' : 'sync.roleRo')}</span>
            </label>
          ))}
        </fieldset>
        {invitation && (
          <label className="field">
            <span>{t('sync.invitation')}</span>
            <textarea readOnly value={invitation} rows={4} aria-describedby="share-invitation-help" onFocus={(e) => e.currentTarget.select()} spellCheck={false} />
            <span id="share-invitation-help" className="choice-help">
              {t('sync.invitationHelp')}
            </span>
          </label>
        )}
        {busy && (
          <p className="muted" role="status">
            {t('sync.sharing')}
          </p>
        )}
        {error && (
          <p role="alert" className="field-error">
            {error}
          </p>
        )}
        <DialogFooter cancel={{ label: t('sync.close'), onClick: () => dialog.current?.close() }} confirm={{ label: shared ? t('sync.newInvitation') : t('sync.share'), disabled: busy || !record, busy }}>
          {shared && (
            <button type="button" onClick={() => void stop()} disabled={busy}>
              {t('sync.stop')}
            </button>
          )}
        </DialogFooter>
      </form>
    </dialog>,
    document.body,
  );
}
