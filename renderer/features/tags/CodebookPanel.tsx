import { useMemo, useRef, useState, type FormEvent } from 'react';
import { TAG_PALETTE } from '../../../shared/claims/tags';
import type { TagRecord } from '../../../shared/domain/types';
import { useTagUsage, useTags, type TagUsage } from '../../db/hooks';
import { restoreFromTrash } from '../../db/repositories';
import { createTag, deleteTag, mergeTags, renameTag, updateTag } from '../../db/repositories/tags';
import { Icon } from '../../lib/icons';
import { VirtualList } from '../../lib/VirtualList';
import { InlineConfirm } from '../../lib/InlineConfirm';
import { useNotices } from '../../lib/notices';
import { RenameField } from '../../lib/RenameField';
import { useModalDialog } from '../../lib/useModalDialog';
import { DialogFooter } from '../../lib/DialogFooter';

export interface CodebookPanelProps {
  caseId: string;
  filterTagId: string | null;
  onFilter(tagId: string | null): void;
}

type Usage = { passages: number; claims: number };
const NO_USAGE: TagUsage = new Map();

function usageLabel(u: Usage | undefined): string {
  const p = u?.passages ?? 0;
  const c = u?.claims ?? 0;
  return `${p} passage${p === 1 ? '' : 's'}${c ? ` · ${c} claim${c === 1 ? '' : 's'}` : ''}`;
}

/** The codebook: tags as a `parent/child` tree with counts; filter, create, rename, recolour, describe, merge, delete. */
export function CodebookPanel({ caseId, filterTagId, onFilter }: CodebookPanelProps) {
  const tags = useTags(caseId);
  const usage = useTagUsage(caseId) ?? NO_USAGE;
  const notices = useNotices();
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<string | null>(null);


  const editingTag = tags?.find((t) => t.id === editing);
  const names = useMemo(() => new Set((tags ?? []).map((t) => t.name.toLowerCase())), [tags]);

  return (
    <div className="codebook">
      <div className="sidebar-heading">
        <h2 id="codebook-heading">Codebook</h2>
        <button type="button" className="small" onClick={() => setCreating(true)}>
          New tag
        </button>
      </div>
      {creating && (
        <RenameField
          initial=""
          label="New tag name"
          onDone={async (name) => {
            setCreating(false);
            if (!name) return;
            try {
              await createTag(caseId, name);
            } catch (error) {
              notices.error((error as Error).message);
            }
          }}
        />
      )}
      {tags && tags.length === 0 && !creating && <p className="muted">No tags yet. Add one here or from a passage.</p>}
      <VirtualList
        className="codebook-scroll"
        aria-labelledby="codebook-heading"
        items={tags ?? []}
        itemKey={(tag) => tag.id}
        estimateSize={36}
        itemClassName={(tag) => (tag.id === filterTagId ? 'item active' : 'item')}
        renderItem={(tag) => {
          // Indent under ancestors that exist as tags; otherwise show the full path.
          const parts = tag.name.split('/');
          const ancestors = parts.slice(0, -1).map((_, i) => parts.slice(0, i + 1).join('/')).filter((a) => names.has(a.toLowerCase()));
          const depth = ancestors.length;
          const nearest = ancestors.at(-1);
          const leaf = nearest ? tag.name.slice(nearest.length + 1) : tag.name;
          return (
            <>
              <button
                type="button"
                className="item-main tag-row"
                style={depth ? { marginLeft: `${depth * 0.9}rem` } : undefined}
                aria-pressed={tag.id === filterTagId}
                aria-label={`Filter by tag ${tag.name} (${usageLabel(usage.get(tag.id))})`}
                title={tag.description || undefined}
                onClick={() => onFilter(tag.id === filterTagId ? null : tag.id)}
              >
                <span className="tag-dot" style={{ background: tag.color }} aria-hidden="true" />
                <span className="item-title">{leaf}</span>
                <span className="tag-count" aria-hidden="true">
                  {usage.get(tag.id)?.passages ?? 0}
                </span>
              </button>
              <span className="item-actions">
                <button type="button" className="icon" aria-label={`Edit tag ${tag.name}`} onClick={() => setEditing(tag.id)}>
                  <Icon name="pencil" />
                </button>
              </span>
            </>
          );
        }}
      />
      {editingTag && (
        <TagDialog
          tag={editingTag}
          others={(tags ?? []).filter((t) => t.id !== editingTag.id)}
          usage={usage.get(editingTag.id)}
          onClose={() => setEditing(null)}
          onDeleted={(snapshotRestore) => {
            if (filterTagId === editingTag.id) onFilter(null);
            notices.toast(`Deleted tag “${editingTag.name}”.`, { label: 'Undo', run: snapshotRestore });
          }}
        />
      )}
    </div>
  );
}

function TagDialog({
  tag,
  others,
  usage,
  onClose,
  onDeleted,
}: {
  tag: TagRecord;
  others: TagRecord[];
  usage: Usage | undefined;
  onClose(): void;
  onDeleted(undo: () => Promise<void>): void;
}) {
  const dialog = useModalDialog();
  const [name, setName] = useState(tag.name);
  const [color, setColor] = useState(tag.color);
  const [description, setDescription] = useState(tag.description);
  const [mergeInto, setMergeInto] = useState('');
  const [confirmDelete, setConfirmDelete] = useState(false);
  const deleteButton = useRef<HTMLButtonElement>(null);
  const [error, setError] = useState('');


  const close = () => dialog.current?.close();
  const attempt = async (fn: () => Promise<void>) => {
    try {
      setError('');
      await fn();
      close();
    } catch (e) {
      setError((e as Error).message);
    }
  };

  const save = (e: FormEvent) => {
    e.preventDefault();
    void attempt(async () => {
      if (name.trim() !== tag.name) await renameTag(tag.id, name);
      if (color !== tag.color || description !== tag.description) await updateTag(tag.id, { color, description });
    });
  };

  return (
    <dialog ref={dialog} className="dialog" aria-labelledby="tag-dialog-title" onClose={onClose}>
      <form onSubmit={save} noValidate>
        <h2 id="tag-dialog-title">Tag “{tag.name}”</h2>
        <p className="muted">Used by {usageLabel(usage)}. Use “parent/child” names for a hierarchy; renaming a parent renames its children.</p>
        <label>
          Name
          <input value={name} onChange={(e) => setName(e.target.value)} />
        </label>
        <fieldset className="palette">
          <legend>Colour</legend>
          {TAG_PALETTE.map((c, i) => (
            <label key={c} className="swatch" style={{ background: c }}>
              <input type="radio" name="tag-colour" value={c} checked={color === c} onChange={() => setColor(c)} aria-label={`Colour ${i + 1}`} />
            </label>
          ))}
        </fieldset>
        <label>
          Description
          <textarea rows={2} value={description} onChange={(e) => setDescription(e.target.value)} />
        </label>
        {error && (
          <p role="alert" className="field-error">
            {error}
          </p>
        )}
        <DialogFooter cancel={{ onClick: close }} confirm={{ label: 'Save tag' }} />
        <hr />
        <div className="dialog-row">
          <label>
            Merge into
            <select value={mergeInto} onChange={(e) => setMergeInto(e.target.value)}>
              <option value="">Choose a tag…</option>
              {others.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.name}
                </option>
              ))}
            </select>
          </label>
          <button type="button" disabled={!mergeInto} onClick={() => void attempt(() => mergeTags(tag.id, mergeInto))}>
            Merge
          </button>
        </div>
        {confirmDelete ? (
          <InlineConfirm
            confirmLabel="Delete tag"
            label="Confirm deletion"
            returnFocus={deleteButton}
            onCancel={() => setConfirmDelete(false)}
            onConfirm={() =>
              void attempt(async () => {
                const snapshot = await deleteTag(tag.id);
                onDeleted(() => restoreFromTrash(snapshot));
              })
            }
          >
            Delete tag “{tag.name}”? It is used by {usageLabel(usage)}. They keep their other tags.
          </InlineConfirm>
        ) : (
          <button type="button" ref={deleteButton} className="danger" onClick={() => setConfirmDelete(true)}>
            Delete…
          </button>
        )}
      </form>
    </dialog>
  );
}
