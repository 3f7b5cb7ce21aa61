import type { TFunction } from 'i18next';
import { useMemo, useRef, useState, type FormEvent } from 'react';
import { TAG_PALETTE } from '../../../shared/claims/tags';
import type { TagRecord } from '../../../shared/domain/types';
import { useTagUsage, useTags, type TagUsage } from '../../db/hooks';
import { restoreFromTrash } from '../../db/repositories';
import { createTag, deleteTag, mergeTags, renameTag, updateTag } from '../../db/repositories/tags';
import { failureText, useTranslation } from '../../i18n';
import { Icon } from '../../lib/icons';
import { VirtualList } from '../../lib/VirtualList';
import { InlineConfirm } from '../../lib/InlineConfirm';
import { useNotices } from '../../lib/notices';
import { useCaseReadOnly } from '../../lib/readOnly';
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

function usageLabel(t: TFunction, u: Usage | undefined): string {
  const passages = t('codebook.passages', { count: u?.passages ?? 0 });
  return u?.claims ? `${passages} · ${t('codebook.claims', { count: u.claims })}` : passages;
}

/** The codebook: tags as a `parent/child` tree with counts; filter, create, rename, recolour, describe, merge, delete. */
export function CodebookPanel({ caseId, filterTagId, onFilter }: CodebookPanelProps) {
  const tags = useTags(caseId);
  const usage = useTagUsage(caseId) ?? NO_USAGE;
  const notices = useNotices();
  const { t } = useTranslation();
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<string | null>(null);
  // Filtering by a tag is reading; creating and editing tags change the case.
  const { readOnly, reason } = useCaseReadOnly();


  const editingTag = tags?.find((tag) => tag.id === editing);
  const names = useMemo(() => new Set((tags ?? []).map((tag) => tag.name.toLowerCase())), [tags]);

  return (
    <div className="codebook">
      <div className="sidebar-heading">
        <h2 id="codebook-heading">{t('codebook.heading')}</h2>
        <button type="button" className="small" disabled={readOnly} title={reason} onClick={() => setCreating(true)}>
          {t('codebook.newTag')}
        </button>
      </div>
      {creating && !readOnly && (
        <RenameField
          initial=""
          label={t('codebook.newTagName')}
          onDone={async (name) => {
            setCreating(false);
            if (!name) return;
            try {
              await createTag(caseId, name);
            } catch (error) {
              notices.error(failureText(error));
            }
          }}
        />
      )}
      {tags && tags.length === 0 && !creating && <p className="muted">{t('codebook.empty')}</p>}
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
                aria-label={t('codebook.filter', { name: tag.name, usage: usageLabel(t, usage.get(tag.id)) })}
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
                <button type="button" className="icon" aria-label={t('codebook.edit', { name: tag.name })} disabled={readOnly} title={reason} onClick={() => setEditing(tag.id)}>
                  <Icon name="pencil" />
                </button>
              </span>
            </>
          );
        }}
      />
      {editingTag && !readOnly && (
        <TagDialog
          tag={editingTag}
          others={(tags ?? []).filter((tag) => tag.id !== editingTag.id)}
          usage={usage.get(editingTag.id)}
          onClose={() => setEditing(null)}
          onDeleted={(snapshotRestore) => {
            if (filterTagId === editingTag.id) onFilter(null);
            notices.toast(t('codebook.deleted', { name: editingTag.name }), { label: t('codebook.undo'), run: snapshotRestore });
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
  const { t } = useTranslation();
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
      setError(failureText(e));
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
        <h2 id="tag-dialog-title">{t('codebook.dialogTitle', { name: tag.name })}</h2>
        <p className="muted">{t('codebook.dialogHelp', { usage: usageLabel(t, usage) })}</p>
        <label>
          {t('codebook.name')}
          <input value={name} onChange={(e) => setName(e.target.value)} />
        </label>
        <fieldset className="palette">
          <legend>{t('codebook.colour')}</legend>
          {TAG_PALETTE.map((c, i) => (
            <label key={c} className="swatch" style={{ background: c }}>
              <input type="radio" name="tag-colour" value={c} checked={color === c} onChange={() => setColor(c)} aria-label={t('codebook.colourN', { n: i + 1 })} />
            </label>
          ))}
        </fieldset>
        <label>
          {t('codebook.description')}
          <textarea rows={2} value={description} onChange={(e) => setDescription(e.target.value)} />
        </label>
        {error && (
          <p role="alert" className="field-error">
            {error}
          </p>
        )}
        <DialogFooter cancel={{ onClick: close }} confirm={{ label: t('codebook.save') }} />
        <hr />
        <div className="dialog-row">
          <label>
            {t('codebook.mergeInto')}
            <select value={mergeInto} onChange={(e) => setMergeInto(e.target.value)}>
              <option value="">{t('codebook.chooseTag')}</option>
              {others.map((other) => (
                <option key={other.id} value={other.id}>
                  {other.name}
                </option>
              ))}
            </select>
          </label>
          <button type="button" disabled={!mergeInto} onClick={() => void attempt(() => mergeTags(tag.id, mergeInto))}>
            {t('codebook.merge')}
          </button>
        </div>
        {confirmDelete ? (
          <InlineConfirm
            confirmLabel={t('codebook.deleteTag')}
            label={t('codebook.confirmDeletion')}
            returnFocus={deleteButton}
            onCancel={() => setConfirmDelete(false)}
            onConfirm={() =>
              void attempt(async () => {
                const snapshot = await deleteTag(tag.id);
                onDeleted(() => restoreFromTrash(snapshot));
              })
            }
          >
            {t('codebook.deleteQuestion', { name: tag.name, usage: usageLabel(t, usage) })}
          </InlineConfirm>
        ) : (
          <button type="button" ref={deleteButton} className="danger" onClick={() => setConfirmDelete(true)}>
            {t('codebook.delete')}
          </button>
        )}
      </form>
    </dialog>
  );
}
