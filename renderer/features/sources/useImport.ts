import { useMemo } from 'react';
import { ImportError, OcrNeeded } from '../../../shared/import/errors';
import { SUPPORTED_EXTENSIONS } from '../../../shared/import/detect';
import type { ImportedSourceDraft } from '../../../shared/import/draft';
import { isCancellation, type ImportControl } from '../../../shared/import/progress';
import type { OcrChoice } from '../../import/importPdf';
import { storageErrorRef } from '../../db';
import { addSource, findSourceBySha, RepoError, setActiveSource } from '../../db/repositories';
import { failureText, t, translate } from '../../i18n';
import { useNotices, type NoticesApi } from '../../lib/notices';
import { platform, type PickedFile } from '../../platform';
import { askOcr, startJob } from './importActivity';

/** The import pipeline (Readability, DOMPurify, marked) loads on first use, not at start-up. */
export const loadImporter = () => import('../../import/importFile');

/** The file chooser's filter, named in the UI's language when the chooser opens. */
export const sourceFileFilters = () => [{ name: t('sourceImport.filter'), extensions: SUPPORTED_EXTENSIONS.map((e) => e.replace(/^\./, '')) }];

/** An import failure in the UI's language: the catalogue's message when the error names one, else its own words. */
export function importErrorText(error: ImportError): string {
  return error.detail ? translate(error.detail) : error.message;
}

/** Where an import failure goes: the app's error notice by default, or a dialog's own message line. */
type ReportError = (message: string) => void;

/** What every pipeline call gets: Cancel and progress, and the user's OCR choice once asked. */
export type DraftControl = ImportControl & { ocr?: OcrChoice };

/** Thrown when the user cancelled while the page was still being fetched: nothing is stored or reported. */
class ImportCancelled extends Error {}

/**
 * Make a draft with progress and Cancel in the status line. When the file
 * has pages only OCR can read, the user is asked (languages, or leave them
 * out) and the import runs again with that answer. Resolves null when the
 * user cancelled at any point.
 */
export async function draftWithProgress(label: string, make: (control: DraftControl) => Promise<ImportedSourceDraft>, parent?: AbortSignal): Promise<ImportedSourceDraft | null> {
  const job = startJob(label, parent);
  const control: DraftControl = { signal: job.signal, onProgress: job.report };
  try {
    let draft: ImportedSourceDraft;
    try {
      draft = await make(control);
    } catch (error) {
      if (!(error instanceof OcrNeeded)) throw error;
      job.report({ message: t('sourceImport.waiting') });
      const choice = await askOcr(label, importErrorText(error), error.offer, job.signal);
      if (!choice || job.signal.aborted) return null;
      draft = await make({ ...control, ocr: choice });
    }
    // A pipeline that finished its last step after Cancel was pressed still stores nothing.
    return job.signal.aborted ? null : draft;
  } catch (error) {
    if (isCancellation(error) || error instanceof ImportCancelled || job.signal.aborted) return null;
    throw error;
  } finally {
    job.finish();
  }
}

/** Import sources into a case, in a component (see {@link sourceImporter}). */
export function useImport(caseId: string | null) {
  const notices = useNotices();
  return useMemo(() => sourceImporter(caseId, notices), [caseId, notices]);
}

/**
 * Import sources into a case: from the file chooser, a drop, a paste or a web
 * address. Parsing and validation happen before anything is written; a bad
 * file gets a specific message and leaves the case as it was. Long imports
 * show progress and can be cancelled; nothing is stored after Cancel. Plain
 * functions, so commands (Import source, from a menu or a shortcut) use them too.
 */
export function sourceImporter(caseId: string | null, notices: NoticesApi) {
  const store = async (label: string, makeDraft: (control: DraftControl) => Promise<ImportedSourceDraft>, report: ReportError = notices.error, parent?: AbortSignal): Promise<boolean> => {
    if (!caseId) {
      report(t('sourceImport.noCase'));
      return false;
    }
    let draft: ImportedSourceDraft | null;
    try {
      draft = await draftWithProgress(label, makeDraft, parent);
    } catch (error) {
      report(error instanceof ImportError ? importErrorText(error) : t('sourceImport.failed', { label, reason: failureText(error) }));
      return false;
    }
    if (!draft) {
      // A dialog that was closed says nothing more; a Cancel in the status line is confirmed.
      if (!parent?.aborted) notices.toast(t('sourceImport.cancelled', { label }));
      return false;
    }
    let record;
    try {
      const existing = await findSourceBySha(caseId, draft.sha256);
      if (existing) {
        await setActiveSource(caseId, existing.id);
        notices.toast(t('sourceImport.alreadyHere', { label, title: existing.metadata.title }));
        return true;
      }
      // One transaction: the source and its original file are stored together or not at all.
      record = await addSource(caseId, draft);
    } catch (error) {
      report(error instanceof RepoError ? failureText(error) : t('sourceImport.notStored', { label, reason: translate(storageErrorRef(error)) }));
      return false;
    }
    notices.clearError();
    const hidden = draft.importReport?.hidden?.count ?? 0;
    const sentences: string[] = [t('sourceImport.imported', { title: record.metadata.title })];
    if (hidden > 0) sentences.push(t('sourceImport.hiddenLeftOut', { count: hidden }));
    if (draft.note) sentences.push(draft.note);
    notices.toast(sentences.join(' '));
    return true;
  };

  const importPicked = async (files: PickedFile[]) => {
    for (const file of files) await store(file.name, async (control) => (await loadImporter()).importFile(file.name, file.bytes, control));
  };

  /**
   * Ask for files, then import them. Resolves once they are chosen: their import has its own progress and Cancel,
   * and the Import source command (Ctrl+O) can choose more while it runs.
   */
  const chooseAndImport = async () => {
    let files: PickedFile[];
    try {
      files = await platform().openFiles({ title: t('sourceImport.pickTitle'), filters: sourceFileFilters(), multiple: true });
    } catch (error) {
      notices.error(t('sourceImport.openFailed', { reason: failureText(error) }));
      return;
    }
    importPicked(files).catch((error: unknown) => notices.error(t('sourceImport.pickedFailed', { reason: failureText(error) })));
  };

  const importText = (text: string) => store(t('sourceImport.pastedLabel'), async (control) => (await loadImporter()).importPastedText(text, control));

  /**
   * Import the page at `address`: fetched by the host, then read like a file.
   * Failures go to `report` (the URL dialog shows them in place); an aborted
   * `signal` (the dialog was cancelled) drops the result unstored. The host
   * refuses loopback and private addresses unless `allowLocalNetwork`.
   */
  const importUrl = (address: string, report: ReportError, signal?: AbortSignal, opts: { allowLocalNetwork?: boolean } = {}) =>
    store(
      address.trim(),
      async (control) => {
        const importer = await import('../../import/importUrl');
        const url = importer.checkWebAddress(address);
        const page = await platform().fetchUrl(url, { allowLocalNetwork: opts.allowLocalNetwork ?? false });
        if (control.signal?.aborted) throw new ImportCancelled();
        const draft = await importer.importFetchedPage(url, page, control);
        if (control.signal?.aborted) throw new ImportCancelled();
        return draft;
      },
      report,
      signal,
    );

  return { chooseAndImport, importPicked, importText, importUrl };
}
