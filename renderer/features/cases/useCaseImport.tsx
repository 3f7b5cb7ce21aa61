import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { useNotices } from '../../lib/notices';
import { useModalDialog } from '../../lib/useModalDialog';
import { failureText, t, useTranslation } from '../../i18n';
import { DialogFooter } from '../../lib/DialogFooter';
import type { PickedFile } from '../../platform';
import { CaseImportCancelled, CaseImportFailed, startCaseImport, type CaseImportSession } from './caseImportClient';
import type { CheckedCase, ImportSourceKind } from './caseImportProtocol';

/** Marks on the page's timeline around each import, for benchmarks and the long-task test (User Timing). */
export const IMPORT_MARKS = { start: 'casefile-case-import-start', written: 'casefile-case-import-written' } as const;

interface Pending {
  /** What is being imported, for the dialog: a file name or a backup's date. */
  from: string;
  fresh: CheckedCase[];
  existing: CheckedCase[];
  choose(choice: Choice): void;
}

interface Progress {
  from: string;
  step: 'checking' | 'writing';
  done: number;
  total: number;
}

type Choice = 'copies' | 'skip' | 'cancel';

const taken = (c: CheckedCase) => c.conflict === 'case' || c.conflict === 'records';

/**
 * The one import path for case bundles (the Import case button, a dropped or
 * OS-opened file, Restore from backup). A worker checks the whole file before
 * anything is written; cases already in the profile are never replaced (the
 * person is asked whether to import copies with new IDs), though a case in
 * the Trash makes way for the file's version; then everything is written in
 * one transaction, in chunks, with progress and Cancel. Imports run one at a
 * time. Returns the functions and what to render (dialog and progress).
 */
export function useCaseImport(onImported: (caseId: string) => void): {
  importFiles(files: readonly PickedFile[]): Promise<void>;
  importBackup(from: string, bytes: Uint8Array): Promise<void>;
  dialog: ReactNode;
} {
  const notices = useNotices();
  const [pending, setPending] = useState<Pending | null>(null);
  const [progress, setProgress] = useState<Progress | null>(null);
  const session = useRef<CaseImportSession | null>(null);
  const queue = useRef<Promise<void>>(Promise.resolve());
  // The latest callback, so the functions returned here stay the same from render to render.
  const imported = useRef(onImported);
  imported.current = onImported;

  const run = useCallback(
    async (from: string, kind: ImportSourceKind, bytes: Uint8Array) => {
      const job = startCaseImport();
      session.current = job;
      performance.mark(IMPORT_MARKS.start);
      setProgress({ from, step: 'checking', done: 0, total: 0 });
      try {
        const checked = await job.check(kind, bytes);
        if (!checked.ok) {
          notices.error(t('cases.import.refused', { from, reason: checked.message }));
          return;
        }
        const existing = checked.cases.filter(taken);
        const fresh = checked.cases.filter((c) => !taken(c));
        let copies = false;
        if (existing.length > 0) {
          setProgress(null);
          const choice = await new Promise<Choice>((choose) => setPending({ from, fresh, existing, choose }));
          setPending(null);
          if (choice === 'cancel' || (choice === 'skip' && fresh.length === 0)) {
            notices.toast(t('cases.import.cancelled'));
            return;
          }
          copies = choice === 'copies';
        }
        const total = (copies ? checked.cases : fresh).reduce((n, c) => n + c.records, 0);
        setProgress({ from, step: 'writing', done: 0, total });
        const written = await job.write(copies, (done, all) => setProgress({ from, step: 'writing', done, total: all }));
        performance.mark(IMPORT_MARKS.written);
        notices.clearError();
        const [first] = written.cases;
        const replaced = written.replacedTrash.length > 0 ? ` ${t('cases.import.replacesTrash')}` : '';
        notices.toast((written.cases.length === 1 ? t('cases.import.doneOne', { name: first?.name ?? '', from }) : t('cases.import.doneMany', { count: written.cases.length, from })) + replaced);
        if (first) imported.current(first.id);
      } catch (error) {
        if (error instanceof CaseImportCancelled) notices.toast(error.message);
        else if (error instanceof CaseImportFailed && error.known) notices.error(error.message);
        else notices.error(t('cases.import.storeFailed', { from, reason: failureText(error) }));
      } finally {
        job.close();
        if (session.current === job) session.current = null;
        setProgress(null);
      }
    },
    [notices],
  );

  /** Imports wait for the one before (and its dialog) to finish. */
  const enqueue = useCallback((work: () => Promise<void>) => {
    const next = queue.current.then(work, work);
    queue.current = next;
    return next;
  }, []);

  const importFiles = useCallback(
    async (files: readonly PickedFile[]) => {
      for (const file of files) await enqueue(() => run(t('cases.import.fromFile', { name: file.name }), 'bundle', file.bytes));
    },
    [enqueue, run],
  );

  const importBackup = useCallback((from: string, bytes: Uint8Array) => enqueue(() => run(from, 'backup', bytes)), [enqueue, run]);

  // Leaving (the case list unmounts) stops an import in progress; its transaction is rolled back.
  useEffect(() => () => session.current?.cancel(), []);

  const dialog = (
    <>
      {pending && <ExistingCaseDialog pending={pending} onChoose={pending.choose} />}
      {progress && <ImportProgress progress={progress} onCancel={() => session.current?.cancel()} />}
    </>
  );

  return { importFiles, importBackup, dialog };
}

/** Checking, then writing, with a bar and Cancel; announced politely, so a screen reader hears it without losing its place. */
function ImportProgress({ progress, onCancel }: { progress: Progress; onCancel(): void }) {
  const { t } = useTranslation();
  const percent = progress.total > 0 ? Math.floor((progress.done / progress.total) * 100) : 0;
  return (
    <div className="case-import-progress" role="group" aria-label={t('cases.import.groupLabel')}>
      <p role="status">{progress.step === 'checking' ? t('cases.import.checking', { from: progress.from }) : t('cases.import.writing', { from: progress.from, percent })}</p>
      <progress aria-label={t('cases.import.progressLabel')} max={progress.total || 1} value={progress.step === 'checking' ? undefined : progress.done} />
      <button type="button" className="small" onClick={onCancel}>
        {t('cases.import.cancel')}
      </button>
    </div>
  );
}

/** Asks what to do with cases that are already in the profile. Closing it (Escape) cancels. */
function ExistingCaseDialog({ pending, onChoose }: { pending: Pending; onChoose(choice: Choice): void }) {
  const { t } = useTranslation();
  const dialog = useModalDialog();
  const [choice, setChoice] = useState<Choice>('cancel');
  const primary = useRef<HTMLButtonElement>(null);
  // After showModal (the hook's effect runs first), the primary action (which only adds a copy) has focus.
  useEffect(() => primary.current?.focus(), []);
  const single = pending.existing.length === 1 && pending.fresh.length === 0;
  const first = pending.existing[0];
  const close = (value: Choice) => {
    setChoice(value);
    dialog.current?.close();
  };
  return (
    <dialog ref={dialog} className="dialog" aria-labelledby="existing-case-title" aria-describedby="existing-case-text" onClose={() => onChoose(choice)}>
      <h2 id="existing-case-title">{single ? t('cases.existing.titleOne') : t('cases.existing.titleMany')}</h2>
      <div id="existing-case-text">
        {single && first ? (
          <p>
            {first.conflict === 'case' ? t('cases.existing.caseHere', { name: first.name, from: pending.from }) : t('cases.existing.recordsHere', { name: first.name, from: pending.from })}{' '}
            {t('cases.existing.offerCopy')}
          </p>
        ) : (
          <>
            <p>{t('cases.existing.someHere', { count: pending.existing.length + pending.fresh.length, existing: pending.existing.length, from: pending.from })}</p>
            <ul className="existing-cases">
              {pending.existing.map((e) => (
                <li key={e.id}>{e.name}</li>
              ))}
            </ul>
          </>
        )}
      </div>
      <DialogFooter cancel={{ onClick: () => close('cancel') }} confirm={{ label: single ? t('cases.existing.importCopy') : t('cases.existing.importCopies'), onClick: () => close('copies'), ref: primary }}>
        {!single && pending.fresh.length > 0 && (
          <button type="button" onClick={() => close('skip')}>
            {t('cases.existing.skip')}
          </button>
        )}
      </DialogFooter>
    </dialog>
  );
}
