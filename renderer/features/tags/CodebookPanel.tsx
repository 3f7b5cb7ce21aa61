import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { TAG_PALETTE } from '../../../shared/claims/tags';
import type { TagRecord } from '../../../shared/domain/types';
import { useClaims, usePassages, useTags } from '../../db/hooks';
import { countUsage, createTag, deleteTag, describeTag, mergeTags, recolorTag, renameTag, renameTagBranch, restoreTag, type TagUsage } from '../../db/repositories/tags';
import { Icon } from '../../lib/icons';
import { useNotices } from '../../lib/notices';
import { buildTagTree, colourName, flattenTree, usageLabel, type TagNode } from './codebook';
import { InlineTagField } from './InlineTagField';
import { RowToolbar } from './RowToolbar';
import { DeleteTagDialog, MergeTagDialog } from './TagDialogs';
import './tags.css';

export interface CodebookPanelProps {
  caseId: string;
  /** The tag the passage list and the reader are narrowed to, if any. */
  filterTagId: string | null;
  onFilter(tagId: string | null): void;
}

/** What is open in a row; keyed by the node's full name, because a level without a tag has no ID. */
type RowEdit = { name: string; mode: 'rename' | 'describe' | 'colour' };
type Dialog = { kind: 'merge' | 'delete'; tag: TagRecord };

/**
 * The case's codebook: its tags as a `parent/child` tree, each with its colour,
 * how many passages and claims use it, and the actions on it (filter, rename,
 * merge, recolour, describe, delete). Counts come from the same live queries as
 * the rest of the sidebar, so they change the moment a passage is tagged.
 */
export function CodebookPanel({ caseId, filterTagId, onFilter }: CodebookPanelProps) {
  const tags = useTags(caseId);
  const passages = usePassages(caseId);
  const claims = useClaims(caseId);
  const notices = useNotices();
  const headingId = useId();
  const [creating, setCreating] = useState(false);
  const [edit, setEdit] = useState<RowEdit | null>(null);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const newButton = useRef<HTMLButtonElement>(null);
  const returnTo = useRef<HTMLElement | null>(null);

  const usage = useMemo(() => countUsage(passages ?? [], claims ?? []), [passages, claims]);
  const tree = useMemo(() => buildTagTree(tags ?? []), [tags]);

  // A filter on a tag that has gone (deleted, merged, undone elsewhere) would hide everything for no visible reason.
  useEffect(() => {
    if (filterTagId && tags && !tags.some((t) => t.id === filterTagId)) onFilter(null);
  }, [filterTagId, tags, onFilter]);

  /** Remember where focus was, so closing an inline field or dialog puts it back. */
  const open = (next: RowEdit | null) => {
    returnTo.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    setEdit(next);
  };
  const close = () => {
    setEdit(null);
    const back = returnTo.current;
    requestAnimationFrame(() => (back?.isConnected ? back : newButton.current)?.focus());
  };

  const undoDelete = (run: () => Promise<void>) => async () => {
    try {
      await run();
    } catch (e) {
      notices.error((e as Error).message);
    }
  };

  const rowProps: Omit<TagRowProps, 'node' | 'depth'> = {
    caseId,
    usage,
    filterTagId,
    edit,
    canMerge: (tags?.length ?? 0) > 1,
    onFilter,
    onOpen: open,
    onClose: close,
    onDialog: (kind, tag) => setDialog({ kind, tag }),
  };

  return (
    <section className="codebook" aria-labelledby={headingId}>
      <div className="sidebar-heading">
        <h2 id={headingId}>Codebook</h2>
        <button ref={newButton} type="button" className="small" aria-expanded={creating} onClick={() => setCreating(true)}>
          New tag
        </button>
      </div>
      {creating && (
        <InlineTagField
          label="New tag name"
          initial=""
          onCancel={() => {
            setCreating(false);
            newButton.current?.focus();
          }}
          onSubmit={async (name) => {
            await createTag(caseId, name);
            setCreating(false);
            newButton.current?.focus();
          }}
        />
      )}
      {tags && tags.length === 0 && !creating && <p className="muted codebook-empty">No tags yet. Create one here, or type a name into a passage’s Tags field.</p>}
      {tree.length > 0 && (
        <ul className="codebook-tree" aria-labelledby={headingId}>
          {tree.map((node) => (
            <TagRow key={node.tag?.id ?? node.name} node={node} depth={0} {...rowProps} />
          ))}
        </ul>
      )}
      {dialog?.kind === 'merge' && (
        <MergeTagDialog
          tag={dialog.tag}
          targets={flattenTree(tree).filter((t) => t.id !== dialog.tag.id)}
          usage={usage.get(dialog.tag.id)}
          onClose={() => setDialog(null)}
          onMerge={async (intoId) => {
            const from = dialog.tag;
            const into = tags?.find((t) => t.id === intoId);
            await mergeTags(from.id, intoId);
            if (filterTagId === from.id) onFilter(intoId);
            notices.toast(`Merged “${from.name}” into “${into?.name ?? 'the chosen tag'}”.`);
          }}
        />
      )}
      {dialog?.kind === 'delete' && (
        <DeleteTagDialog
          tag={dialog.tag}
          usage={usage.get(dialog.tag.id)}
          onClose={() => {
            setDialog(null);
            requestAnimationFrame(() => {
              if (!document.activeElement || document.activeElement === document.body) newButton.current?.focus();
            });
          }}
          onDelete={async () => {
            const tag = dialog.tag;
            const snapshot = await deleteTag(tag.id);
            if (filterTagId === tag.id) onFilter(null);
            notices.toast(`Deleted tag “${tag.name}”.`, { label: 'Undo', run: undoDelete(() => restoreTag(snapshot)) });
          }}
        />
      )}
    </section>
  );
}

interface TagRowProps {
  node: TagNode;
  depth: number;
  caseId: string;
  usage: Map<string, TagUsage>;
  filterTagId: string | null;
  edit: RowEdit | null;
  canMerge: boolean;
  onFilter(tagId: string | null): void;
  onOpen(edit: RowEdit): void;
  onClose(): void;
  onDialog(kind: Dialog['kind'], tag: TagRecord): void;
}

/** One level of the tree: the tag's row, whatever inline editor is open on it, then its children. */
function TagRow(props: TagRowProps) {
  const { node, depth, caseId, usage, filterTagId, edit, canMerge, onFilter, onOpen, onClose, onDialog } = props;
  const { tag } = node;
  const mode = edit?.name === node.name ? edit.mode : null;
  const pressed = !!tag && tag.id === filterTagId;
  const toggle = (m: RowEdit['mode']) => (mode === m ? onClose() : onOpen({ name: node.name, mode: m }));

  return (
    <li className="codebook-item">
      <div className={pressed ? 'codebook-row active' : 'codebook-row'} style={{ paddingLeft: `${0.4 + depth * 1}rem` }}>
        <span className={tag ? 'tag-swatch' : 'tag-swatch tag-swatch-none'} style={tag ? { background: tag.color } : undefined} aria-hidden="true" />
        {tag ? (
          <button type="button" className="codebook-name" aria-pressed={pressed} aria-label={`Filter by tag ${tag.name}`} title={tag.description || `Show only passages tagged “${tag.name}”`} onClick={() => onFilter(pressed ? null : tag.id)}>
            {node.label}
          </button>
        ) : (
          <span className="codebook-name codebook-level">{node.label}</span>
        )}
        {tag && <span className="codebook-count">{usageLabel(usage.get(tag.id))}</span>}
        <RowToolbar label={`Actions for tag ${node.name}`} className="codebook-actions">
          <button type="button" className="icon" aria-label={`Rename tag ${node.name}`} aria-expanded={mode === 'rename'} title="Rename" onClick={() => toggle('rename')}>
            <Icon name="pencil" size={14} />
          </button>
          {tag && (
            <>
              <button type="button" className="icon" aria-label={`Merge tag ${tag.name}…`} aria-haspopup="dialog" title={canMerge ? 'Merge into another tag' : 'There is no other tag to merge into'} disabled={!canMerge} onClick={() => onDialog('merge', tag)}>
                <Icon name="merge" size={14} />
              </button>
              <button type="button" className="icon" aria-label={`Colour of tag ${tag.name}`} aria-expanded={mode === 'colour'} title="Colour" onClick={() => toggle('colour')}>
                <Icon name="palette" size={14} />
              </button>
              <button type="button" className="icon" aria-label={`Describe tag ${tag.name}`} aria-expanded={mode === 'describe'} title="Describe" onClick={() => toggle('describe')}>
                <Icon name="note" size={14} />
              </button>
              <button type="button" className="icon" aria-label={`Delete tag ${tag.name}`} aria-haspopup="dialog" title="Delete" onClick={() => onDialog('delete', tag)}>
                <Icon name="trash" size={14} />
              </button>
            </>
          )}
        </RowToolbar>
      </div>
      {tag?.description && mode !== 'describe' && (
        <p className="codebook-description" style={{ paddingLeft: `${1.45 + depth * 1}rem` }}>
          {tag.description}
        </p>
      )}
      {mode && (
        <div className="codebook-editor" style={{ marginLeft: `${0.4 + depth * 1}rem` }}>
          {mode === 'rename' && (
            <InlineTagField
              label={`New name for tag ${node.name}`}
              initial={node.name}
              onCancel={onClose}
              onSubmit={async (text) => {
                if (text.trim() !== node.name) await (tag ? renameTag(tag.id, text) : renameTagBranch(caseId, node.name, text));
                onClose();
              }}
            />
          )}
          {mode === 'describe' && tag && (
            <InlineTagField
              label={`Description of tag ${tag.name}`}
              initial={tag.description}
              multiline
              onCancel={onClose}
              onSubmit={async (text) => {
                await describeTag(tag.id, text);
                onClose();
              }}
            />
          )}
          {mode === 'colour' && tag && <ColourPicker tag={tag} onClose={onClose} />}
        </div>
      )}
      {node.children.length > 0 && (
        <ul>
          {node.children.map((child) => (
            <TagRow key={child.tag?.id ?? child.name} {...props} node={child} depth={depth + 1} />
          ))}
        </ul>
      )}
    </li>
  );
}

/** The ten palette colours as a radio group; a choice applies at once (it is easy to choose again), Escape or Done closes. */
function ColourPicker({ tag, onClose }: { tag: TagRecord; onClose(): void }) {
  const [error, setError] = useState('');
  // Shown checked at once; the live query confirms it a moment later (or the effect puts the stored colour back).
  const [chosen, setChosen] = useState(tag.color);
  useEffect(() => setChosen(tag.color), [tag.color]);
  const group = useRef<HTMLFieldSetElement>(null);
  useEffect(() => {
    group.current?.querySelector<HTMLInputElement>('input:checked, input')?.focus();
  }, []);
  return (
    <fieldset
      ref={group}
      className="codebook-palette"
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          e.stopPropagation();
          onClose();
        }
      }}
    >
      <legend>Colour of tag {tag.name}</legend>
      <div className="codebook-swatches">
        {TAG_PALETTE.map((color) => (
          <label key={color} className="codebook-swatch" style={{ background: color }} title={colourName(color)}>
            <input
              type="radio"
              name={`tag-colour-${tag.id}`}
              value={color}
              aria-label={colourName(color)}
              checked={chosen === color}
              onChange={() => {
                setError('');
                setChosen(color);
                recolorTag(tag.id, color).catch((e: Error) => {
                  setChosen(tag.color);
                  setError(e.message);
                });
              }}
            />
          </label>
        ))}
        <button type="button" className="small" onClick={onClose}>
          Done
        </button>
      </div>
      {error && (
        <p role="alert" className="field-error">
          {error}
        </p>
      )}
    </fieldset>
  );
}
