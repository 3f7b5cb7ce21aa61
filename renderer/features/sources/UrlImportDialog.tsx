import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useModalDialog } from '../../lib/useModalDialog';
import { DialogFooter } from '../../lib/DialogFooter';

export interface UrlImportDialogProps {
  /** Fetch and store the page; failures are reported through `report`. Resolves true once stored. */
  importUrl(address: string, report: (message: string) => void, signal: AbortSignal): Promise<boolean>;
  onClose(): void;
}

/**
 * "Import from URL…": one address field. The page is fetched by the host and
 * stored as a frozen snapshot; a failure is shown here, next to the address,
 * so it can be corrected. Cancelling while the page loads drops the result.
 */
export function UrlImportDialog({ importUrl, onClose }: UrlImportDialogProps) {
  const dialog = useModalDialog();
  const [address, setAddress] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const pending = useRef<AbortController | null>(null);

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
    const stored = await importUrl(address, (message) => (failure = message), controller.signal);
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
        <h2 id="url-import-title">Import from URL</h2>
        <p id="url-import-help" className="muted">
          Casefile fetches the page once and keeps a fixed snapshot of its text, with the address and the time it was fetched. Web pages, PDF and
          Word documents can be imported.
        </p>
        <label>
          Address
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
        {busy && (
          <p className="muted" role="status">
            Fetching the page…
          </p>
        )}
        {error && (
          <p id="url-import-error" role="alert" className="field-error">
            {error}
          </p>
        )}
        <DialogFooter cancel={{ onClick: () => dialog.current?.close() }} confirm={{ label: 'Import', disabled: busy }} />
      </form>
    </dialog>
  );
}
