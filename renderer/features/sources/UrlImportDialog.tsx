import { useEffect, useRef, useState, type FormEvent } from 'react';
import { getMeta, setMeta } from '../../db/repositories';
import { useTranslation } from '../../i18n';
import { useModalDialog } from '../../lib/useModalDialog';
import { DialogFooter } from '../../lib/DialogFooter';

export interface UrlImportDialogProps {
  /** Fetch and store the page; failures are reported through `report`. Resolves true once stored. */
  importUrl(address: string, report: (message: string) => void, signal: AbortSignal, opts: { allowLocalNetwork: boolean }): Promise<boolean>;
  onClose(): void;
}

/** The "Allow local network addresses" setting, kept with the app's other settings. */
export const ALLOW_LOCAL_NETWORK_KEY = 'allowLocalNetwork';

/**
 * "Import from URL…": one address field. The page is fetched by the host and
 * stored as a frozen snapshot; a failure is shown here, next to the address,
 * so it can be corrected. Cancelling while the page loads drops the result.
 */
export function UrlImportDialog({ importUrl, onClose }: UrlImportDialogProps) {
  const dialog = useModalDialog();
  const { t } = useTranslation();
  const [address, setAddress] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const [allowLocal, setAllowLocal] = useState(false);
  const pending = useRef<AbortController | null>(null);

  useEffect(() => {
    let live = true;
    void getMeta<boolean>(ALLOW_LOCAL_NETWORK_KEY).then((value) => live && setAllowLocal(value === true));
    return () => {
      live = false;
    };
  }, []);

  const toggleAllowLocal = (value: boolean) => {
    setAllowLocal(value);
    void setMeta(ALLOW_LOCAL_NETWORK_KEY, value).catch(() => setError(t('urlImport.settingNotSaved')));
  };

  // Closing the dialog any way (Cancel, Escape, unmount) abandons a fetch in flight.
  useEffect(() => () => pending.current?.abort(), []);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    const controller = new AbortController();
    pending.current = controller;
    setError('');
    setBusy(true);
    let failure = '';
    const stored = await importUrl(address, (message) => (failure = message), controller.signal, { allowLocalNetwork: allowLocal });
    if (controller.signal.aborted) return;
    pending.current = null;
    setBusy(false);
    if (stored) dialog.current?.close();
    else setError(failure);
  };

  return (
    <dialog
      ref={dialog}
      className="dialog"
      aria-labelledby="url-import-title"
      aria-describedby="url-import-help"
      onClose={() => {
        pending.current?.abort();
        onClose();
      }}
    >
      <form onSubmit={(e) => void submit(e)} noValidate>
        <h2 id="url-import-title">{t('urlImport.title')}</h2>
        <p id="url-import-help" className="muted">
          {t('urlImport.help')}
        </p>
        <label>
          {t('urlImport.address')}
          <input
            type="url"
            value={address}
            onChange={(e) => setAddress(e.target.value)}
            placeholder="https://"
            autoComplete="url"
            spellCheck={false}
            required
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? 'url-import-error' : undefined}
          />
        </label>
        <label className="inline">
          <input type="checkbox" checked={allowLocal} onChange={(e) => toggleAllowLocal(e.target.checked)} aria-describedby="url-import-local-help" />
          {t('urlImport.allowLocal')}
        </label>
        <p id="url-import-local-help" className="muted url-import-note">
          {t('urlImport.allowLocalHelp')}
        </p>
        {busy && (
          <p className="muted" role="status">
            {t('urlImport.fetching')}
          </p>
        )}
        {error && (
          <p id="url-import-error" role="alert" className="field-error">
            {error}
          </p>
        )}
        <DialogFooter cancel={{ onClick: () => dialog.current?.close() }} confirm={{ label: t('urlImport.import'), disabled: busy }} />
      </form>
    </dialog>
  );
}
