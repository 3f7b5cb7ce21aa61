import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { useLexicalEditable } from '@lexical/react/useLexicalEditable';
import {
  $createParagraphNode,
  $getSelection,
  $isRangeSelection,
  $isRootOrShadowRoot,
  CAN_REDO_COMMAND,
  CAN_UNDO_COMMAND,
  COMMAND_PRIORITY_LOW,
  FORMAT_TEXT_COMMAND,
  REDO_COMMAND,
  SELECTION_CHANGE_COMMAND,
  UNDO_COMMAND,
  type LexicalEditor,
} from 'lexical';
import { $createHeadingNode, $createQuoteNode, $isHeadingNode, type HeadingTagType } from '@lexical/rich-text';
import { $isListNode, INSERT_ORDERED_LIST_COMMAND, INSERT_UNORDERED_LIST_COMMAND, ListNode } from '@lexical/list';
import { $isLinkNode, TOGGLE_LINK_COMMAND } from '@lexical/link';
import { $setBlocksType } from '@lexical/selection';
import { $findMatchingParent, $getNearestNodeOfType, mergeRegister } from '@lexical/utils';
import { useTranslation } from '../../i18n';
import { Icon } from '../../lib/icons';

type BlockType = 'paragraph' | 'h1' | 'h2' | 'h3' | 'quote' | 'bullet' | 'number';

/** The block types in the menu's order; each is named by `editor.block.<type>`. */
const BLOCK_TYPES: readonly BlockType[] = ['paragraph', 'h1', 'h2', 'h3', 'quote', 'bullet', 'number'];

interface ToolbarState {
  block: BlockType;
  bold: boolean;
  italic: boolean;
  underline: boolean;
  link: string | null;
  canUndo: boolean;
  canRedo: boolean;
}

const INITIAL: ToolbarState = { block: 'paragraph', bold: false, italic: false, underline: false, link: null, canUndo: false, canRedo: false };

function readSelectionState(): Omit<ToolbarState, 'canUndo' | 'canRedo'> | null {
  const selection = $getSelection();
  if (!$isRangeSelection(selection)) return null;
  const anchor = selection.anchor.getNode();
  const top =
    anchor.getKey() === 'root'
      ? anchor
      : ($findMatchingParent(anchor, (n) => {
          const parent = n.getParent();
          return parent !== null && $isRootOrShadowRoot(parent);
        }) ?? anchor.getTopLevelElementOrThrow());
  let block: BlockType = 'paragraph';
  if ($isListNode(top)) {
    const list = $getNearestNodeOfType(anchor, ListNode) ?? top;
    block = list.getListType() === 'number' ? 'number' : 'bullet';
  } else if ($isHeadingNode(top)) {
    const tag = top.getTag();
    block = tag === 'h1' || tag === 'h2' || tag === 'h3' ? tag : 'h3';
  } else if (top.getType() === 'quote') {
    block = 'quote';
  }
  const linkParent = $findMatchingParent(anchor, $isLinkNode);
  return {
    block,
    bold: selection.hasFormat('bold'),
    italic: selection.hasFormat('italic'),
    underline: selection.hasFormat('underline'),
    link: linkParent && $isLinkNode(linkParent) ? linkParent.getURL() : null,
  };
}

function applyBlock(editor: LexicalEditor, block: BlockType): void {
  if (block === 'bullet') {
    editor.dispatchCommand(INSERT_UNORDERED_LIST_COMMAND, undefined);
    return;
  }
  if (block === 'number') {
    editor.dispatchCommand(INSERT_ORDERED_LIST_COMMAND, undefined);
    return;
  }
  editor.update(() => {
    const selection = $getSelection();
    if (!$isRangeSelection(selection)) return;
    if (block === 'paragraph') $setBlocksType(selection, () => $createParagraphNode());
    else if (block === 'quote') $setBlocksType(selection, () => $createQuoteNode());
    else $setBlocksType(selection, () => $createHeadingNode(block as HeadingTagType));
  });
}

/** Only links a reader can follow safely: http(s) and mailto. Bare domains get https://. */
export function normaliseLinkUrl(raw: string): string | null {
  const trimmed = raw.trim();
  if (!trimmed) return null;
  const candidate = /^[a-z][a-z0-9+.-]*:/i.test(trimmed) ? trimmed : `https://${trimmed}`;
  try {
    const url = new URL(candidate);
    return ['http:', 'https:', 'mailto:'].includes(url.protocol) ? url.href : null;
  } catch {
    return null;
  }
}

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
const MOD = isMac ? '⌘' : 'Ctrl+';

/** The brief's formatting toolbar: block type, inline marks, link, undo/redo. */
export function ToolbarPlugin() {
  const { t } = useTranslation();
  const [editor] = useLexicalComposerContext();
  // A note the person may only read (a read-only team case): the formatting controls are off too.
  const off = !useLexicalEditable();
  const [state, setState] = useState<ToolbarState>(INITIAL);
  const [linkOpen, setLinkOpen] = useState(false);
  const [linkDraft, setLinkDraft] = useState('');
  const [linkError, setLinkError] = useState('');
  const linkInput = useRef<HTMLInputElement>(null);

  const refresh = useCallback(() => {
    const next = readSelectionState();
    // Same state, same object: typing inside one paragraph re-renders nothing.
    if (next) setState((s) => ((Object.keys(next) as (keyof typeof next)[]).every((k) => s[k] === next[k]) ? s : { ...s, ...next }));
  }, []);

  useEffect(
    () =>
      mergeRegister(
        editor.registerUpdateListener(({ editorState }) => editorState.read(refresh)),
        editor.registerCommand(SELECTION_CHANGE_COMMAND, () => (refresh(), false), COMMAND_PRIORITY_LOW),
        editor.registerCommand(CAN_UNDO_COMMAND, (canUndo) => (setState((s) => ({ ...s, canUndo })), false), COMMAND_PRIORITY_LOW),
        editor.registerCommand(CAN_REDO_COMMAND, (canRedo) => (setState((s) => ({ ...s, canRedo })), false), COMMAND_PRIORITY_LOW),
      ),
    [editor, refresh],
  );

  useEffect(() => {
    if (linkOpen) linkInput.current?.focus();
  }, [linkOpen]);

  const openLink = () => {
    setLinkDraft(state.link ?? '');
    setLinkError('');
    setLinkOpen(true);
  };

  const submitLink = (event: FormEvent) => {
    event.preventDefault();
    if (!linkDraft.trim()) {
      editor.dispatchCommand(TOGGLE_LINK_COMMAND, null);
      setLinkOpen(false);
      editor.focus();
      return;
    }
    const url = normaliseLinkUrl(linkDraft);
    if (!url) {
      setLinkError(t('editor.linkInvalid'));
      return;
    }
    editor.dispatchCommand(TOGGLE_LINK_COMMAND, { url, rel: 'noopener noreferrer' });
    setLinkOpen(false);
    editor.focus();
  };

  return (
    <div className="brief-toolbar" role="toolbar" aria-label={t('editor.toolbar')}>
      <label className="visually-hidden" htmlFor="brief-block-type">
        {t('editor.blockType')}
      </label>
      <select
        id="brief-block-type"
        disabled={off}
        value={state.block}
        onChange={(e) => {
          applyBlock(editor, e.target.value as BlockType);
          editor.focus();
        }}
      >
        {BLOCK_TYPES.map((b) => (
          <option key={b} value={b}>
            {t(`editor.block.${b}`)}
          </option>
        ))}
      </select>
      <span className="toolbar-sep" aria-hidden="true" />
      <button type="button" disabled={off} aria-pressed={state.bold} title={t('editor.boldHint', { key: `${MOD}B` })} aria-label={t('editor.bold')} onClick={() => editor.dispatchCommand(FORMAT_TEXT_COMMAND, 'bold')}>
        <b>B</b>
      </button>
      <button type="button" disabled={off} aria-pressed={state.italic} title={t('editor.italicHint', { key: `${MOD}I` })} aria-label={t('editor.italic')} onClick={() => editor.dispatchCommand(FORMAT_TEXT_COMMAND, 'italic')}>
        <i>I</i>
      </button>
      <button type="button" disabled={off} aria-pressed={state.underline} title={t('editor.underlineHint', { key: `${MOD}U` })} aria-label={t('editor.underline')} onClick={() => editor.dispatchCommand(FORMAT_TEXT_COMMAND, 'underline')}>
        <u>U</u>
      </button>
      <button type="button" disabled={off} aria-pressed={state.link !== null} aria-expanded={linkOpen} title={t('editor.link')} aria-label={t('editor.link')} onClick={openLink}>
        <Icon name="link" />
      </button>
      <span className="toolbar-sep" aria-hidden="true" />
      <button type="button" disabled={off || !state.canUndo} title={t('editor.undoHint', { key: `${MOD}Z` })} aria-label={t('editor.undo')} onClick={() => editor.dispatchCommand(UNDO_COMMAND, undefined)}>
        <Icon name="undo" />
      </button>
      <button type="button" disabled={off || !state.canRedo} title={t('editor.redoHint', { key: isMac ? '⇧⌘Z' : 'Ctrl+Y' })} aria-label={t('editor.redo')} onClick={() => editor.dispatchCommand(REDO_COMMAND, undefined)}>
        <Icon name="redo" />
      </button>
      {linkOpen && (
        <form className="link-form" onSubmit={submitLink} onKeyDown={(e) => e.key === 'Escape' && (setLinkOpen(false), editor.focus())}>
          <label htmlFor="brief-link-url">{t('editor.linkAddress')}</label>
          <input id="brief-link-url" ref={linkInput} value={linkDraft} onChange={(e) => setLinkDraft(e.target.value)} placeholder="https://…" aria-invalid={linkError ? true : undefined} aria-describedby={linkError ? 'brief-link-error' : undefined} />
          <button type="submit">{linkDraft.trim() ? t('editor.linkApply') : t('editor.linkRemove')}</button>
          <button type="button" onClick={() => (setLinkOpen(false), editor.focus())}>
            {t('dialog.cancel')}
          </button>
          {linkError && (
            <span id="brief-link-error" role="alert" className="field-error">
              {linkError}
            </span>
          )}
        </form>
      )}
    </div>
  );
}
