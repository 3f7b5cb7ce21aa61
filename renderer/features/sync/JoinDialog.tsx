import { useState } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from '../../i18n';
import { DialogFooter } from '../../lib/DialogFooter';
import { useNotices } from '../../lib/notices';
import { reasonOf, useFormSubmit } from '../../lib/useFormSubmit';
import { useModalDialog } from '../../lib/useModalDialog';
import { joinCase } from './manager';

/** "Join case…": paste an invitation (textbox "Invitation"), press "Join"; a refusal says why and stores nothing. */
export function JoinDialog({ onJoined, onClose }: { onJoined(caseId: string): void; onClose(): void }) {
  const { t } = useTranslation();
  const dialog = useModalDialog();
  const notices = useNotices();
  const [text, setText] = useState('');
  const { busy, error, onSubmit } = useFormSubmit(
    async () => {
      const joined = await joinCase(text);
      notices.toast(t('sync.joined', { name: joined.name }));
      onJoined(joined.caseId);
      dialog.current?.close();
    },
    (failure) => t('sync.joinFailed', { reason: reasonOf(failure) }),
  );

  return createPortal(
    <dialog ref={dialog} className="dialog" aria-labelledby="join-case-title" aria-describedby="join-case-what" onClose={onClose}>
      <form onSubmit={onSubmit} aria-busy={busy || undefined}>
        <h2 id="join-case-title">{t('sync.joinTitle')}</h2>
        <p id="join-case-what" className="muted">
          {t('sync.joinWhat')}
        </p>
        <label className="field">
          <span>{t('sync.invitation')}</span>
          <textarea value={text} onChange={(e) => setText(e.target.value)} rows={4} spellCheck={false} disabled={busy} aria-invalid={error ? true : undefined} aria-describedby={error ? 'join-error' : undefined} />
        </label>
        {busy && (
          <p className="muted" role="status">
            {t('sync.joining')}
          </p>
        )}
        {error && (
          <p role="alert" id="join-error" className="field-error">
            {error}
          </p>
        )}
        <DialogFooter cancel={{ onClick: () => dialog.current?.close() }} confirm={{ label: t('sync.join'), disabled: busy || text.trim() === '', busy }} />
      </form>
    </dialog>,
    document.body,
  );
}
