import { useEffect, useState } from 'react';
import { CLOSED_BY_OTHER_WINDOW } from '../../db';
import { failureText, t as translate, useTranslation } from '../../i18n';
import { flushAll } from '../../lib/flush';
import { collectUnsaved, type UnsavedText } from '../../lib/unsaved';
import { useModalDialog } from '../../lib/useModalDialog';
import { platform } from '../../platform';
import { clearStorageTrouble, currentStorageTrouble, onStorageTrouble, type StorageTrouble } from './trouble';
import './storage.css';

function asFileText(texts: UnsavedText[]): string {
  return texts.map((text) => `${text.title}\n\n${text.text.trim()}\n`).join('\n---\n\n');
}

/** “Brief (unsaved) 2026-03-01 14.05.txt”: never a name an earlier save would overwrite. */
function fileName(texts: UnsavedText[], now = new Date()): string {
  const stamp = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')} ${String(now.getHours()).padStart(2, '0')}.${String(now.getMinutes()).padStart(2, '0')}`;
  const title = (texts.length === 1 ? texts[0]!.title : 'Casefile').replace(/[\\/:*?"<>|]+/g, ' ').trim() || 'Casefile';
  return translate('storage.unsavedFile', { title, stamp });
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
  const { t } = useTranslation();
  const dialog = useModalDialog();

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(asFileText(texts));
      setDone(t('storage.copied'));
    } catch {
      setDone(t('storage.copyFailed'));
    }
  };
  const saveAsFile = async () => {
    try {
      const saved = await platform().saveFile({
        suggestedName: fileName(texts),
        bytes: new TextEncoder().encode(asFileText(texts)),
        mediaType: 'text/plain',
        filters: [{ name: t('storage.textFilter'), extensions: ['txt'] }],
      });
      if (saved) setDone(t('storage.savedAs', { name: saved.name }));
    } catch (error) {
      setDone(t('storage.saveFailed', { reason: failureText(error) }));
    }
  };
  const tryAgain = async () => {
    await flushAll();
    if (collectUnsaved().length === 0) clearStorageTrouble();
    else setDone(t('storage.stillFull'));
  };

  const full = trouble.kind === 'full';
  return (
    <dialog ref={dialog} className="dialog storage-trouble" aria-labelledby="storage-trouble-title" aria-describedby="storage-trouble-text" onClose={onDismiss}>
      <h2 id="storage-trouble-title">{full ? t('storage.fullTitle') : t('storage.closedTitle')}</h2>
      <div id="storage-trouble-text">
        {full ? (
          <>
            <p>{t('storage.fullText')}</p>
            <ul>
              <li>{t('storage.fullDelete')}</li>
              <li>{platform().shell === 'web' ? t('storage.fullDiskWeb') : t('storage.fullDisk')}</li>
            </ul>
          </>
        ) : (
          // The database's own message is English; the one it sends is this one.
          <p>{trouble.message === CLOSED_BY_OTHER_WINDOW ? t('storage.closedText') : trouble.message}</p>
        )}
      </div>
      {texts.length > 0 ? (
        <>
          <h3 className="storage-trouble-subhead">{t('storage.notSavedYet')}</h3>
          {texts.map((text, i) => (
            <div key={i} className="storage-trouble-text" role="region" aria-label={t('storage.unsavedText', { title: text.title })} tabIndex={0}>
              {text.text}
            </div>
          ))}
        </>
      ) : (
        <p>{t('storage.allSaved')}</p>
      )}
      {done && (
        <p role="status" className="muted">
          {done}
        </p>
      )}
      <div className="dialog-buttons">
        <button type="button" onClick={() => dialog.current?.close()}>
          {t('storage.notNow')}
        </button>
        {texts.length > 0 && (
          <>
            <button type="button" onClick={() => void copy()}>
              {t('storage.copy')}
            </button>
            <button type="button" onClick={() => void saveAsFile()}>
              {t('storage.saveAsFile')}
            </button>
          </>
        )}
        {full ? (
          <button type="button" className="primary" onClick={() => void tryAgain()}>
            {t('storage.tryAgain')}
          </button>
        ) : (
          <button type="button" className="primary" onClick={() => window.location.reload()}>
            {t('storage.reload')}
          </button>
        )}
      </div>
    </dialog>
  );
}
