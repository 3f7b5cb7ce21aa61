import { useEffect, useRef, useState, type FormEvent } from 'react';
import { offerPages } from '../../../shared/import/errors';
import { defaultOcrLanguages, OCR_LANGUAGES } from '../../../shared/import/ocr';
import { getMeta, setMeta } from '../../db/repositories';
import { ocrLanguageLabel, useTranslation } from '../../i18n';
import { useModalDialog } from '../../lib/useModalDialog';
import type { OcrQuestion } from './importActivity';

/** The languages last chosen, offered again next time. */
const LANGUAGES_KEY = 'ocrLanguages';

/**
 * "Recognise text (OCR)": asked when a file has pages only OCR can read — a
 * scan, an image, or a text layer that does not read as text. The message
 * names the pages and why; the user picks the document's languages (each one
 * loads only when chosen), or imports the file without those pages, or
 * cancels. Nothing is stored until the import finishes.
 */
export function OcrDialog({ question }: { question: OcrQuestion }) {
  const dialog = useModalDialog();
  const { t } = useTranslation();
  const [languages, setLanguages] = useState<string[] | null>(null);
  const [error, setError] = useState('');
  const answered = useRef(false);
  const pages = offerPages(question.offer);
  const canLeaveOut = !question.offer.image && pages.length < question.offer.pageCount;

  useEffect(() => {
    let live = true;
    void getMeta<string[]>(LANGUAGES_KEY)
      .catch(() => undefined)
      .then((saved) => {
        const known = saved?.filter((code) => OCR_LANGUAGES.some((l) => l.code === code));
        if (live) setLanguages(known?.length ? known : defaultOcrLanguages(navigator.languages));
      });
    return () => {
      live = false;
    };
  }, []);

  const answer = (choice: Parameters<OcrQuestion['answer']>[0]) => {
    answered.current = true;
    question.answer(choice);
    dialog.current?.close();
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!languages?.length) {
      setError(t('ocr.chooseLanguage'));
      return;
    }
    void setMeta(LANGUAGES_KEY, languages).catch(() => undefined);
    answer({ languages });
  };

  const toggle = (code: string, on: boolean) => {
    setError('');
    setLanguages((current) => {
      const next = new Set(current ?? []);
      if (on) next.add(code);
      else next.delete(code);
      return OCR_LANGUAGES.map((l) => l.code).filter((c) => next.has(c));
    });
  };

  return (
    <dialog
      ref={dialog}
      className="dialog ocr-dialog"
      aria-labelledby="ocr-title"
      aria-describedby="ocr-message"
      onClose={() => {
        if (!answered.current) question.answer(null);
      }}
    >
      <form onSubmit={submit} noValidate>
        <h2 id="ocr-title">{t('ocr.title')}</h2>
        <p id="ocr-message">{question.message}</p>
        <fieldset className="ocr-languages" aria-describedby={error ? 'ocr-error' : 'ocr-help'}>
          <legend>{t('ocr.languages')}</legend>
          {OCR_LANGUAGES.map((l) => (
            <label key={l.code} className="checkbox">
              <input type="checkbox" checked={languages?.includes(l.code) ?? false} disabled={languages === null} onChange={(e) => toggle(l.code, e.target.checked)} />
              <span>{ocrLanguageLabel(l.code)}</span>
              {l.native && (
                <span className="muted" lang={l.tags[0]}>
                  {l.native}
                </span>
              )}
            </label>
          ))}
        </fieldset>
        <p id="ocr-help" className="muted">
          {t('ocr.help')}
        </p>
        {error && (
          <p id="ocr-error" role="alert" className="field-error">
            {error}
          </p>
        )}
        <div className="dialog-buttons">
          <button type="button" onClick={() => answer(null)}>
            {t('ocr.cancel')}
          </button>
          {canLeaveOut && (
            <button type="button" onClick={() => answer('leave-out')}>
              {t('ocr.leaveOut', { count: pages.length })}
            </button>
          )}
          <button type="submit" className="primary" disabled={languages === null}>
            {t('ocr.recognise')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
