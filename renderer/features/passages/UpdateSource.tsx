import { useCallback, useState, type FormEvent } from 'react';
import { reanchorAll } from '../../../shared/anchoring';
import type { SourceRecord } from '../../../shared/domain/types';
import { applySourceUpdate, locatorAt, planSourceUpdate, undoSourceUpdate, type SourceUpdatePlan } from '../../db/repositories';
import { useModalDialog } from '../../lib/useModalDialog';
import { useNotices } from '../../lib/notices';
import { platform } from '../../platform';
import { draftWithProgress, loadImporter, SOURCE_FILE_FILTERS } from '../sources/useImport';
import { locatorLabel, shortQuote } from './labels';

interface Pending {
  plan: SourceUpdatePlan;
  fileName: string;
}

/** "3 passages" / "1 passage" */
function passages(n: number): string {
  return `${n} ${n === 1 ? 'passage' : 'passages'}`;
}

/** The line the toast shows after an update is applied. */
export function updateSummary(plan: SourceUpdatePlan): string {
  const { placed, moved, fuzzy, orphaned } = plan.counts;
  const parts = [`Updated “${plan.next.metadata.title}” to revision ${plan.next.revision}`, `${passages(placed + moved + fuzzy)} placed`];
  if (fuzzy) parts.push(`${fuzzy} approximately`);
  if (orphaned) parts.push(`${orphaned} orphaned — see Passages`);
  return parts.join(' · ');
}

/**
 * "Update source…": pick the revised file, parse it like any import, and
 * re-anchor every passage against the new text, without writing anything.
 * A dialog then shows how many passages would be placed exactly, moved,
 * placed approximately and orphaned (listing the orphans); only "Apply"
 * stores the new revision, and the toast's Undo puts the previous revision
 * and every passage back as they were.
 */
export function useUpdateSource() {
  const notices = useNotices();
  const [pending, setPending] = useState<Pending | null>(null);

  const start = useCallback(
    async (source: SourceRecord) => {
      try {
        const [file] = await platform().openFiles({ title: `Update “${source.metadata.title}”`, filters: SOURCE_FILE_FILTERS });
        if (!file) return;
        const importer = await loadImporter();
        // Progress, Cancel and the OCR question, as for any import.
        const draft = await draftWithProgress(file.name, (control) => importer.importFile(file.name, file.bytes, control));
        if (!draft) {
          notices.toast(`Update of “${source.metadata.title}” cancelled; nothing changed.`);
          return;
        }
        if (draft.sha256 === source.sha256) {
          notices.toast(`“${file.name}” is the same file as the current version; nothing changed.`);
          return;
        }
        setPending({ plan: await planSourceUpdate(source.id, draft, reanchorAll, locatorAt), fileName: file.name });
      } catch (error) {
        notices.error((error as Error).message);
      }
    },
    [notices],
  );

  const apply = async (plan: SourceUpdatePlan) => {
    const undo = await applySourceUpdate(plan);
    notices.toast(updateSummary(plan), {
      label: 'Undo',
      run: () =>
        undoSourceUpdate(undo).then(
          () => notices.toast(`Restored revision ${undo.previous.revision} of “${undo.previous.metadata.title}” and its passages.`),
          (error: Error) => notices.error(error.message),
        ),
    });
  };

  const dialog = pending ? <UpdateSourceDialog key={pending.plan.next.sha256} pending={pending} onApply={apply} onClose={() => setPending(null)} /> : null;
  return { start, dialog };
}

function UpdateSourceDialog({ pending, onApply, onClose }: { pending: Pending; onApply(plan: SourceUpdatePlan): Promise<void>; onClose(): void }) {
  const dialog = useModalDialog();
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const { plan, fileName } = pending;
  const { placed, moved, fuzzy, orphaned } = plan.counts;
  const total = placed + moved + fuzzy + orphaned;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    setError('');
    try {
      await onApply(plan);
      dialog.current?.close();
    } catch (err) {
      setError(`Nothing was changed. ${(err as Error).message}`);
      setBusy(false);
    }
  };

  const rows: [string, number][] = [
    ['Placed exactly', placed],
    ['Moved', moved],
    ['Placed approximately', fuzzy],
    ['Orphaned', orphaned],
  ];

  return (
    <dialog ref={dialog} className="dialog update-source-dialog" aria-labelledby="update-source-title" aria-describedby="update-source-text" onClose={onClose}>
      <form onSubmit={(e) => void submit(e)}>
        <h2 id="update-source-title">Update “{plan.previous.metadata.title}”</h2>
        <p id="update-source-text" className="muted">
          Replace revision {plan.previous.revision} with “{fileName}” as revision {plan.next.revision}.{' '}
          {total === 0 ? 'This source has no passages to move.' : `Here is where its ${passages(total)} would go. Nothing changes until you apply.`}
        </p>
        {total > 0 && (
          <table className="update-source-counts" aria-label="Passages after the update">
            <tbody>
              {rows.map(([label, n]) => (
                <tr key={label}>
                  <th scope="row">{label}</th>
                  <td>{n}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {plan.orphans.length > 0 && (
          <section aria-labelledby="update-source-orphans">
            <h3 id="update-source-orphans">Would be orphaned</h3>
            <p className="muted small">Their text is not in the new version. They stay in the Passages list with their quote, to attach to new text by hand or delete.</p>
            <ul className="update-source-list">
              {plan.orphans.map((p) => (
                <li key={p.id}>
                  <q>{shortQuote(p.selectors[0].exact, 160)}</q> <span className="muted small">{locatorLabel(p.locator)}</span>
                </li>
              ))}
            </ul>
          </section>
        )}
        {plan.fuzzy.length > 0 && (
          <details className="update-source-fuzzy">
            <summary>Placed approximately ({plan.fuzzy.length})</summary>
            <ul className="update-source-list">
              {plan.fuzzy.map(({ before, after }) => (
                <li key={before.id}>
                  <q>{shortQuote(before.selectors[0].exact, 120)}</q> → <q>{shortQuote(after.selectors[0].exact, 120)}</q>
                </li>
              ))}
            </ul>
          </details>
        )}
        {error && (
          <p role="alert" className="field-error">
            {error}
          </p>
        )}
        <div className="dialog-buttons">
          <button type="button" onClick={() => dialog.current?.close()}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={busy} aria-busy={busy || undefined}>
            Apply
          </button>
        </div>
      </form>
    </dialog>
  );
}
