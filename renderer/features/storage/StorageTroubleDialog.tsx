import { useEffect, useState } from 'react';
import { flushAll } from '../../lib/flush';
import { collectUnsaved, type UnsavedText } from '../../lib/unsaved';
import { useModalDialog } from '../../lib/useModalDialog';
import { platform } from '../../platform';
import { clearStorageTrouble, currentStorageTrouble, onStorageTrouble, type StorageTrouble } from './trouble';
import './storage.css';

function asFileText(texts: UnsavedText[]): string {
  return texts.map((t) => `${t.title}\n\n${t.text.trim()}\n`).join('\n---\n\n');
}

/** “Brief (unsaved) 2026-03-01 14.05.txt”: never a name an earlier save would overwrite. */
function fileName(texts: UnsavedText[], now = new Date()): string {
  const stamp = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')} ${String(now.getHours()).padStart(2, '0')}.${String(now.getMinutes()).padStart(2, '0')}`;
  const title = (texts.length === 1 ? texts[0]!.title : 'Casefile').replace(/[\\/:*?"<>|]+/g, ' ').trim() || 'Casefile';
  return `${title} (unsaved) ${stamp}.txt`;
}

/**
 * Saving has become impossible: storage is full, or another window took the
 * database. Says so plainly, says what to do, and offers the text typed since the
 * last save to copy or save as a file, so it survives a reload or a cleanup. Put
 * aside with "Not now", it comes back with the next failed save.
 */
export function StorageTroubleDialog() {
  const [state, setState] = useState(currentStorageTrouble);
  const [dismissed, setDismissed] = useState(0);
  const [texts, setTexts] = useState<UnsavedText[]>([]);
  const [done, setDone] = useState('');

  useEffect(
    () =>
      onStorageTrouble(() => {
        setState(currentStorageTrouble());
        setTexts(collectUnsaved());
        setDone('');
      }),
    [],
  );

  const { trouble, reports } = state;
  if (!trouble || dismissed >= reports) return null;
  return <TroubleDialog key={reports} trouble={trouble} texts={texts} done={done} setDone={setDone} onDismiss={() => setDismissed(reports)} />;
}

function TroubleDialog({
  trouble,
  texts,
  done,
  setDone,
  onDismiss,
}: {
  trouble: StorageTrouble;
  texts: UnsavedText[];
  done: string;
  setDone(message: string): void;
  onDismiss(): void;
}) {
  const dialog = useModalDialog();

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(asFileText(texts));
      setDone('Copied. Paste it somewhere safe before you reload.');
    } catch {
      setDone('The text could not be copied here; use Save as file instead.');
    }
  };
  const saveAsFile = async () => {
    try {
      const saved = await platform().saveFile({
        suggestedName: fileName(texts),
        bytes: new TextEncoder().encode(asFileText(texts)),
        mediaType: 'text/plain',
        filters: [{ name: 'Text', extensions: ['txt'] }],
      });
      if (saved) setDone(`Saved as “${saved.name}”.`);
    } catch (error) {
      setDone(`The file could not be saved: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  const tryAgain = async () => {
    await flushAll();
    if (collectUnsaved().length === 0) clearStorageTrouble();
    else setDone('Still not saved: storage is still full.');
  };

  const full = trouble.kind === 'full';
  return (
    <dialog ref={dialog} className="dialog storage-trouble" aria-labelledby="storage-trouble-title" aria-describedby="storage-trouble-text" onClose={onDismiss}>
      <h2 id="storage-trouble-title">{full ? 'Casefile’s storage is full' : 'Casefile’s data was changed in another window'}</h2>
      <div id="storage-trouble-text">
        {full ? (
          <>
            <p>What you typed is still here, but it could not be saved, and nothing was half-written. To make room:</p>
            <ul>
              <li>delete cases or sources you no longer need (Export case keeps a copy first);</li>
              <li>free disk space on this computer{platform().shell === 'web' ? ', or clear the data of other sites in this browser' : ''}.</li>
            </ul>
          </>
        ) : (
          <p>{trouble.message}</p>
        )}
      </div>
      {texts.length > 0 ? (
        <>
          <h3 className="storage-trouble-subhead">Not saved yet</h3>
          {texts.map((t, i) => (
            <div key={i} className="storage-trouble-text" role="region" aria-label={`Unsaved text of “${t.title}”`} tabIndex={0}>
              {t.text}
            </div>
          ))}
        </>
      ) : (
        <p>Everything you typed here has been saved.</p>
      )}
      {done && (
        <p role="status" className="muted">
          {done}
        </p>
      )}
      <div className="dialog-buttons">
        <button type="button" onClick={() => dialog.current?.close()}>
          Not now
        </button>
        {texts.length > 0 && (
          <>
            <button type="button" onClick={() => void copy()}>
              Copy text
            </button>
            <button type="button" onClick={() => void saveAsFile()}>
              Save as file…
            </button>
          </>
        )}
        {full ? (
          <button type="button" className="primary" onClick={() => void tryAgain()}>
            Try again
          </button>
        ) : (
          <button type="button" className="primary" onClick={() => window.location.reload()}>
            Reload
          </button>
        )}
      </div>
    </dialog>
  );
}
