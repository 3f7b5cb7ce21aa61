import { useState, type FormEvent } from 'react';
import { useActor } from '../../db/hooks';
import { setActorName } from '../../db/repositories';
import { failureText, useTranslation } from '../../i18n';
import { useModalDialog } from '../../lib/useModalDialog';

/**
 * Who this device writes as: the local actor's name, shown in the header,
 * and a dialog to change it. Everything created, changed or deleted here is
 * stamped with the actor's ID, so a new name shows on all of it at once.
 */
export function YourName() {
  const { t } = useTranslation();
  const actor = useActor();
  const [editing, setEditing] = useState(false);
  if (!actor) return null;
  return (
    <>
      <button type="button" className="small topbar-action" aria-haspopup="dialog" aria-label={t('identity.button', { name: actor.name })} onClick={() => setEditing(true)}>
        {actor.name}
      </button>
      {editing && <YourNameDialog initial={actor.name} onClose={() => setEditing(false)} />}
    </>
  );
}

function YourNameDialog({ initial, onClose }: { initial: string; onClose(): void }) {
  const { t } = useTranslation();
  const dialog = useModalDialog();
  const [name, setName] = useState(initial);
  const [error, setError] = useState('');
  const save = async (e: FormEvent) => {
    e.preventDefault();
    try {
      await setActorName(name);
      dialog.current?.close();
    } catch (failure) {
      setError(failureText(failure));
    }
  };
  return (
    <dialog ref={dialog} className="dialog" aria-labelledby="your-name-title" onClose={onClose}>
      <form onSubmit={(e) => void save(e)}>
        <h2 id="your-name-title">{t('identity.title')}</h2>
        <p id="your-name-help" className="muted">
          {t('identity.help')}
        </p>
        <label>
          {t('identity.title')}
          <input value={name} maxLength={100} aria-describedby="your-name-help" aria-invalid={error ? true : undefined} onChange={(e) => (setName(e.target.value), setError(''))} />
        </label>
        {error && <p role="alert" className="field-error">{error}</p>}
        <div className="dialog-buttons">
          <button type="button" onClick={() => dialog.current?.close()}>
            {t('dialog.cancel')}
          </button>
          <button type="submit" className="primary">
            {t('identity.save')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
