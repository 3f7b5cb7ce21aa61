import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import type { TagRecord } from '../../../shared/domain/types';
import type { TagUsage } from '../../db/repositories/tags';
import { usageSentence } from './codebook';

/**
 * A modal `<dialog>` with a title and a form. The browser's modal dialog gives
 * the focus trap, Escape and focus return for free; `onClose` fires however it
 * closes. `onSubmit` failing keeps the dialog open with the message in an alert.
 */
function TagModal({ title, children, submitLabel, danger, onSubmit, onClose }: { title: string; children: ReactNode; submitLabel: string; danger?: boolean; onSubmit(): Promise<void>; onClose(): void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const el = dialog.current;
    if (el && !el.open) el.showModal();
  }, []);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    try {
      await onSubmit();
      dialog.current?.close();
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <dialog ref={dialog} className="dialog tag-dialog" aria-labelledby={titleId} onClose={onClose}>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <h2 id={titleId}>{title}</h2>
        {children}
        {error && (
          <p role="alert" className="field-error">
            {error}
          </p>
        )}
        <div className="dialog-buttons">
          <button type="button" onClick={() => dialog.current?.close()}>
            Cancel
          </button>
          <button type="submit" className={danger ? 'danger' : 'primary'} disabled={busy}>
            {submitLabel}
          </button>
        </div>
      </form>
    </dialog>
  );
}

/** Pick the tag that `tag` merges into; says what will happen before anything does. */
export function MergeTagDialog({ tag, targets, usage, onMerge, onClose }: { tag: TagRecord; targets: TagRecord[]; usage: TagUsage | undefined; onMerge(intoId: string): Promise<void>; onClose(): void }) {
  const [into, setInto] = useState('');
  const target = targets.find((t) => t.id === into);
  return (
    <TagModal
      title={`Merge tag “${tag.name}”`}
      submitLabel="Merge"
      onClose={onClose}
      onSubmit={async () => {
        if (!target) throw new Error(`Choose the tag that “${tag.name}” should be merged into.`);
        await onMerge(target.id);
      }}
    >
      <label>
        Merge into
        <select value={into} onChange={(e) => setInto(e.target.value)}>
          <option value="">Choose a tag…</option>
          {targets.map((t) => (
            <option key={t.id} value={t.id}>
              {t.name}
            </option>
          ))}
        </select>
      </label>
      <p className="muted">
        {usageSentence(usage)} {target ? `Everything tagged “${tag.name}” will be tagged “${target.name}” instead, and “${tag.name}” will be removed.` : 'Everything tagged with it moves to the tag you choose, and it is removed.'}
      </p>
    </TagModal>
  );
}

/** Confirm a delete, saying how much the tag is used, so nobody wipes a tag they thought was empty. */
export function DeleteTagDialog({ tag, usage, onDelete, onClose }: { tag: TagRecord; usage: TagUsage | undefined; onDelete(): Promise<void>; onClose(): void }) {
  return (
    <TagModal title={`Delete tag “${tag.name}”?`} submitLabel="Delete" danger onSubmit={onDelete} onClose={onClose}>
      <p>
        Delete tag “{tag.name}”? {usageSentence(usage)}
        {usage?.passages || usage?.claims ? ' They keep their other tags.' : ''}
      </p>
    </TagModal>
  );
}
