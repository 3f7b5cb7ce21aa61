import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import type { BundleData } from '../../../shared/bundle/format';
import { RepoError, asCopy, bundleConflict, readCaseBundle, writeImportedCases } from '../../db/repositories';
import { storageErrorMessage } from '../../db/db';
import { useNotices } from '../../lib/notices';
import { useModalDialog } from '../../lib/useModalDialog';
import { t, useTranslation } from '../../i18n';
import type { PickedFile } from '../../platform';
import { DialogFooter } from '../../lib/DialogFooter';

interface Pending {
  /** What is being imported, for the dialog: a file name or a backup's date. */
  from: string;
  fresh: BundleData[];
  existing: { data: BundleData; kind: 'case' | 'records' }[];
}

/**
 * The one import path for case bundles (the Import case button, a dropped or
 * OS-opened file, Restore from backup): every bundle is fully checked before
 * anything is written; cases already in the profile are never replaced, the
 * user is asked whether to import copies with new IDs; then everything is
 * written in one transaction. Returns the functions and the dialog to render.
 */
export function useCaseImport(onImported: (caseId: string) => void): {
  importFiles(files: readonly PickedFile[]): Promise<void>;
  importCases(from: string, cases: readonly BundleData[]): Promise<void>;
  dialog: ReactNode;
} {
  const notices = useNotices();
  const [pending, setPending] = useState<Pending | null>(null);
  // The latest callback, so the functions returned here stay the same from render to render.
  const imported = useRef(onImported);
  imported.current = onImported;

  const write = useCallback(
    async (from: string, cases: BundleData[]) => {
      if (cases.length === 0) return;
      try {
        const stored = await writeImportedCases(cases);
        notices.clearError();
        notices.toast(stored.length === 1 ? t('cases.import.doneOne', { name: stored[0]?.name ?? '', from }) : t('cases.import.doneMany', { count: stored.length, from }));
        const first = stored[0];
        if (first) imported.current(first.id);
      } catch (error) {
        notices.error(error instanceof RepoError ? error.message : t('cases.import.storeFailed', { from, reason: storageErrorMessage(error) }));
      }
    },
    [notices],
  );

  const importCases = useCallback(
    async (from: string, cases: readonly BundleData[]) => {
      const fresh: BundleData[] = [];
      const existing: Pending['existing'] = [];
      for (const data of cases) {
        const kind = await bundleConflict(data);
        if (kind === null) fresh.push(data);
        else existing.push({ data, kind });
      }
      if (existing.length === 0) await write(from, fresh);
      else setPending({ from, fresh, existing });
    },
    [write],
  );

  const importFiles = useCallback(
    async (files: readonly PickedFile[]) => {
      for (const file of files) {
        const result = await readCaseBundle(file.bytes);
        if (!result.ok) {
          notices.error(t('cases.import.refused', { name: file.name, reason: result.error.message }));
          continue;
        }
        await importCases(t('cases.import.fromFile', { name: file.name }), [result.data]);
      }
    },
    [importCases, notices],
  );

  const dialog = pending ? (
    <ExistingCaseDialog
      pending={pending}
      onChoose={(choice) => {
        setPending(null);
        if (choice === 'copies') void write(pending.from, [...pending.fresh, ...pending.existing.map((e) => asCopy(e.data))]);
        else if (choice === 'skip') void write(pending.from, pending.fresh);
        else notices.toast(t('cases.import.cancelled'));
      }}
    />
  ) : null;

  return { importFiles, importCases, dialog };
}

type Choice = 'copies' | 'skip' | 'cancel';

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
            {first.kind === 'case' ? t('cases.existing.caseHere', { name: first.data.case.name, from: pending.from }) : t('cases.existing.recordsHere', { name: first.data.case.name, from: pending.from })}{' '}
            {t('cases.existing.offerCopy')}
          </p>
        ) : (
          <>
            <p>{t('cases.existing.someHere', { count: pending.existing.length + pending.fresh.length, existing: pending.existing.length, from: pending.from })}</p>
            <ul className="existing-cases">
              {pending.existing.map((e) => (
                <li key={e.data.case.id}>{e.data.case.name}</li>
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
