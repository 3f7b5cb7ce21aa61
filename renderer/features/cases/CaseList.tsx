import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { CaseRecord } from '../../../shared/domain/types';
import { useCases } from '../../db/hooks';
import { BundleFailure } from '../../../shared/bundle/errors';
import { createCase, deleteCase, exportCaseBundle, renameCase, restoreFromTrash } from '../../db/repositories';
import { useNotices } from '../../lib/notices';
import { Icon } from '../../lib/icons';
import { platform } from '../../platform';
import { appVersion } from './appVersion';
import { onBundleImportRequest, requestBundleImport } from './bundleImport';
import { useCaseImport } from './useCaseImport';
import { DAY_MS, ensureDailyBackup, installUpgradeBackup } from './backups';
import { RestoreBackupDialog } from './RestoreBackupDialog';
import { StorageUsage } from '../storage/StorageUsage';
import './cases.css';

// Registered when the app's modules load, before App opens the database, so an upgrade is always preceded by a
// backup, and so a bundle the OS opens while the app is still starting waits for the case list instead of being lost.
installUpgradeBackup();
platform().onOpenFile(requestBundleImport);

export const BUNDLE_FILTER = { name: 'Casefile case bundle', extensions: ['casefile'] };

export interface CaseListProps {
  activeCaseId: string | null;
  onSelect(caseId: string | null): void;
  /** Called before the active case changes, so pending edits are saved first. */
  beforeLeave(): Promise<void>;
}

/**
 * The "Cases" navigation: select, create, rename (F2 or the button), delete
 * with undo, and move cases in and out as `.casefile` bundles (Export case,
 * Import case, and bundles dropped on the window or opened from the OS).
 */
export function CaseList({ activeCaseId, onSelect, beforeLeave }: CaseListProps) {
  const cases = useCases();
  const notices = useNotices();
  const [renaming, setRenaming] = useState<string | null>(null);
  const [busy, setBusy] = useState<'export' | 'import' | null>(null);

  const openImported = async (id: string) => {
    await beforeLeave();
    onSelect(id);
  };
  const { importFiles, importBackup, dialog: importDialog } = useCaseImport((id) => void openImported(id));
  const backups = platform().backups;
  const [restoring, setRestoring] = useState(false);

  // The daily backup (desktop): now if the newest is a day old, then checked every hour while Casefile runs.
  useEffect(() => {
    if (!backups) return;
    const check = () =>
      ensureDailyBackup(backups).catch((error: unknown) => {
        notices.error(`Casefile could not back up your cases: ${error instanceof Error ? error.message : String(error)}`);
      });
    void check();
    const timer = setInterval(() => void check(), DAY_MS / 24);
    return () => clearInterval(timer);
  }, [backups, notices]);

  // Bundles dropped on the window or opened from the operating system.
  useEffect(() => onBundleImportRequest((file) => void importFiles([file])), [importFiles]);

  const exportActive = async (includeOriginals = true) => {
    const record = cases?.find((c) => c.id === activeCaseId);
    if (!record) {
      notices.error('Open the case you want to export first.');
      return;
    }
    setBusy('export');
    try {
      await beforeLeave();
      const { fileName, bytes } = await exportCaseBundle(record.id, { includeOriginals, appVersion: await appVersion() });
      const saved = await platform().saveFile({ suggestedName: fileName, bytes, mediaType: 'application/x-casefile+zip', filters: [BUNDLE_FILTER] });
      if (saved) notices.toast(`Exported “${record.name}” as ${saved.name}${includeOriginals ? '' : ' (without the original files)'}.`);
    } catch (error) {
      if (error instanceof BundleFailure && error.code === 'too-large' && includeOriginals) {
        notices.error(`“${record.name}” could not be exported: ${error.message}`);
        notices.toast('The original files make this case too large for one bundle.', { label: 'Export without original files', run: () => exportActive(false) });
      } else {
        notices.error(`“${record.name}” could not be exported: ${error instanceof Error ? error.message : String(error)}`);
      }
    } finally {
      setBusy(null);
    }
  };

  const chooseAndImport = async () => {
    setBusy('import');
    try {
      const files = await platform().openFiles({ title: 'Import case', filters: [BUNDLE_FILTER] });
      await importFiles(files);
    } catch (error) {
      notices.error(`The case could not be imported: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      setBusy(null);
    }
  };

  // The desktop File menu's Import case…, Export case… and Restore from backup….
  const menuActions = useRef({ exportActive, chooseAndImport });
  menuActions.current = { exportActive, chooseAndImport };
  useEffect(
    () =>
      platform().onMenu((command) => {
        if (command === 'import-case') void menuActions.current.chooseAndImport();
        if (command === 'export-case') void menuActions.current.exportActive();
        if (command === 'restore-backup' && backups) setRestoring(true);
      }),
    [backups],
  );

  const select = async (id: string) => {
    if (id === activeCaseId) return;
    await beforeLeave();
    onSelect(id);
  };

  const create = async () => {
    await beforeLeave();
    const record = await createCase(nextCaseName(cases ?? []));
    onSelect(record.id);
    setRenaming(record.id);
  };

  const remove = async (record: CaseRecord) => {
    await beforeLeave();
    const snapshot = await deleteCase(record.id);
    if (record.id === activeCaseId) {
      const next = (cases ?? []).find((c) => c.id !== record.id);
      onSelect(next?.id ?? null);
    }
    notices.toast(`Deleted case “${record.name}”.`, {
      label: 'Undo',
      run: async () => {
        await restoreFromTrash(snapshot);
        onSelect(record.id);
      },
    });
  };

  return (
    <nav className="case-list" aria-labelledby="cases-heading">
      <div className="sidebar-heading">
        <h2 id="cases-heading">Cases</h2>
        <button type="button" className="small" onClick={() => void create()}>
          New case
        </button>
      </div>
      <div className="case-bundle-actions" role="group" aria-label="Case files">
        <button type="button" className="small" disabled={!activeCaseId || busy !== null} aria-busy={busy === 'export' || undefined} onClick={() => void exportActive()} title="Save the open case, with its original files, as a .casefile bundle">
          Export case
        </button>
        <button type="button" className="small" disabled={busy !== null} aria-busy={busy === 'import' || undefined} onClick={() => void chooseAndImport()} title="Add a case from a .casefile bundle">
          Import case
        </button>
        {backups && (
          <button type="button" className="small" onClick={() => setRestoring(true)}>
            Restore from backup…
          </button>
        )}
      </div>
      {importDialog}
      {restoring && backups && <RestoreBackupDialog host={backups} onClose={() => setRestoring(false)} onRestore={(from, bytes) => void importBackup(from, bytes)} />}
      {cases === undefined ? (
        <p className="muted">Loading…</p>
      ) : cases.length === 0 ? (
        <p className="muted">No cases yet. Create one to start.</p>
      ) : (
        <ul>
          {cases.map((record) => (
            <li key={record.id} className={record.id === activeCaseId ? 'item active' : 'item'}>
              {renaming === record.id ? (
                <RenameField
                  initial={record.name}
                  label={`Name of case “${record.name}”`}
                  onDone={async (name) => {
                    setRenaming(null);
                    if (name === null || name === record.name) return;
                    try {
                      await renameCase(record.id, name);
                    } catch (error) {
                      notices.error((error as Error).message);
                    }
                  }}
                />
              ) : (
                <>
                  <button
                    type="button"
                    className="item-main"
                    aria-current={record.id === activeCaseId ? 'page' : undefined}
                    onClick={() => void select(record.id)}
                    onKeyDown={(e) => {
                      if (e.key === 'F2') setRenaming(record.id);
                    }}
                  >
                    {record.name}
                  </button>
                  <span className="item-actions">
                    <button type="button" className="icon" aria-label={`Rename case “${record.name}”`} title="Rename (F2)" onClick={() => setRenaming(record.id)}>
                      <Icon name="pencil" />
                    </button>
                    <button type="button" className="icon" aria-label={`Delete case “${record.name}”`} title="Delete" onClick={() => void remove(record)}>
                      <Icon name="trash" />
                    </button>
                  </span>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      <StorageUsage />
    </nav>
  );
}

function nextCaseName(cases: CaseRecord[]): string {
  const names = new Set(cases.map((c) => c.name));
  if (!names.has('Untitled case')) return 'Untitled case';
  let n = 2;
  while (names.has(`Untitled case ${n}`)) n++;
  return `Untitled case ${n}`;
}

/** An inline text field: Enter saves, Escape cancels, blur saves. `null` means cancelled. */
export function RenameField({ initial, label, onDone }: { initial: string; label: string; onDone(name: string | null): void }) {
  const [value, setValue] = useState(initial);
  const [error, setError] = useState('');
  const input = useRef<HTMLInputElement>(null);
  const finished = useRef(false);
  useEffect(() => {
    input.current?.focus();
    input.current?.select();
  }, []);
  const finish = (name: string | null) => {
    if (finished.current) return;
    if (name !== null && !name.trim()) {
      setError('A name cannot be empty.');
      return;
    }
    finished.current = true;
    onDone(name === null ? null : name.trim());
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    finish(value);
  };
  return (
    <form className="rename-form" onSubmit={submit}>
      <input
        ref={input}
        aria-label={label}
        value={value}
        maxLength={200}
        onChange={(e) => (setValue(e.target.value), setError(''))}
        onBlur={() => finish(value.trim() ? value : null)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.preventDefault();
            finish(null);
          }
        }}
        aria-invalid={error ? true : undefined}
      />
      {error && (
        <span role="alert" className="field-error">
          {error}
        </span>
      )}
    </form>
  );
}
