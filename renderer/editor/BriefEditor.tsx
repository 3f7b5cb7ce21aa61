import { useEffect, useMemo } from 'react';
import { LexicalComposer, type InitialConfigType } from '@lexical/react/LexicalComposer';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { RichTextPlugin } from '@lexical/react/LexicalRichTextPlugin';
import { ContentEditable } from '@lexical/react/LexicalContentEditable';
import { ListPlugin } from '@lexical/react/LexicalListPlugin';
import { LinkPlugin } from '@lexical/react/LexicalLinkPlugin';
import { TablePlugin } from '@lexical/react/LexicalTablePlugin';
import { MarkdownShortcutPlugin } from '@lexical/react/LexicalMarkdownShortcutPlugin';
import { OnChangePlugin } from '@lexical/react/LexicalOnChangePlugin';
import { LexicalErrorBoundary } from '@lexical/react/LexicalErrorBoundary';
import { CollaborationPlugin } from '@lexical/react/LexicalCollaborationPlugin';
import { LexicalCollaboration } from '@lexical/react/LexicalCollaborationContext';
import type { Provider } from '@lexical/yjs';
import type { Doc } from 'yjs';
import { $getRoot, type EditorState, type SerializedEditorState } from 'lexical';
import { useTranslation } from '../i18n';
import { BRIEF_NODES } from './nodes';
import { BRIEF_TRANSFORMERS } from './markdown';
import { briefTheme } from './theme';
import { normaliseLinkUrl, ToolbarPlugin } from './plugins/ToolbarPlugin';
import { BoundedHistoryPlugin } from './plugins/BoundedHistoryPlugin';
import { BriefToolsPlugin } from './plugins/BriefToolsPlugin';
import { CitationsPlugin } from './plugins/CitationsPlugin';
import { CitationTypeaheadPlugin } from './plugins/CitationTypeaheadPlugin';
import { ClaimMarksPlugin } from './plugins/ClaimMarksPlugin';
import { InsertPassagePlugin } from './plugins/InsertPassagePlugin';
import { RevealTextPlugin, type RevealRequest } from './plugins/RevealTextPlugin';

/**
 * One change of the brief. Serialising a long brief costs milliseconds, so the
 * JSON and plain text are computed only when read (by the autosave, after its
 * debounce), never on the keystroke itself. Editor states are immutable, so
 * reading later gives the state as it was at this change.
 */
export interface BriefChange {
  readonly content: SerializedEditorState;
  readonly plainText: string;
}

function lazyChange(editorState: EditorState): BriefChange {
  let content: SerializedEditorState | undefined;
  let plainText: string | undefined;
  return {
    get content() {
      return (content ??= editorState.toJSON());
    },
    get plainText() {
      return (plainText ??= editorState.read(() => $getRoot().getTextContent()));
    },
  };
}

export interface BriefEditorProps {
  /** Serialised editor state to start from; null for a new, empty brief. */
  initialContent: unknown;
  onChange(change: BriefChange): void;
  onBlur(): void;
  onError(error: Error): void;
  /** Words to find and select in the note (a search result pointing into it). */
  reveal?: RevealRequest | null;
  /** False for a note that may only be read (a read-only team case): no typing, formatting, citing or dropping. */
  editable?: boolean;
  /** Bind to a shared document: the text comes from it, and `initialContent` only seeds it when this device may (`shouldBootstrap`). */
  collab?: BriefCollab;
}

/**
 * A note whose text is shared (a team case): the editor binds to the note's
 * Y.Doc through Lexical's CollaborationPlugin, which also draws the others'
 * cursors with their names and keeps the undo history (only this person's
 * own changes are undone).
 */
export interface BriefCollab {
  /** The note's document name (one binding per mount). */
  id: string;
  /** Gives the note's provider and registers its Y.Doc in the map under `id`. */
  providerFactory(id: string, docs: Map<string, Doc>): Provider;
  /** Whether this device seeds an empty document with `initialContent` (shared/sync/noteSeed.ts). */
  shouldBootstrap: boolean;
  username: string;
  cursorColor: string;
}

const validateUrl = (url: string) => normaliseLinkUrl(url) !== null;

/** Follows `editable` after mount: a case can turn read-only (or back) while its note is open. */
function EditablePlugin({ editable }: { editable: boolean }) {
  const [editor] = useLexicalComposerContext();
  useEffect(() => editor.setEditable(editable), [editor, editable]);
  return null;
}

/**
 * A shared note's changes, its first text included. Lexical's OnChangePlugin skips an update whose previous
 * state was empty, which for a shared note (it starts empty) is the text arriving from its document: the
 * stored copy that search and export read would then keep older text until someone typed.
 */
function SharedChangePlugin({ onChange }: { onChange(editorState: EditorState): void }) {
  const [editor] = useLexicalComposerContext();
  useEffect(
    () =>
      editor.registerUpdateListener(({ editorState, dirtyElements, dirtyLeaves }) => {
        if (dirtyElements.size > 0 || dirtyLeaves.size > 0) onChange(editorState);
      }),
    [editor, onChange],
  );
  return null;
}

/**
 * The Lexical brief. Mount it with a `key` of the note's id: the stored state is
 * read once at mount, and the parent owns saving (autosave) from `onChange`.
 */
export function BriefEditor({ initialContent, onChange, onBlur, onError, reveal = null, editable = true, collab }: BriefEditorProps) {
  const { t } = useTranslation();
  const initialConfig = useMemo<InitialConfigType>(
    () => ({
      namespace: 'casefile-brief',
      theme: briefTheme,
      nodes: [...BRIEF_NODES],
      onError,
      // A shared note starts empty (null: not even a paragraph) and takes its text from the document.
      editorState: collab ? null : initialContent ? JSON.stringify(initialContent) : undefined,
      editable,
    }),
    // Read once per mount; the parent remounts with a new key for another note.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [],
  );

  const handleChange = (editorState: EditorState) => onChange(lazyChange(editorState));

  const editor = (
    <LexicalComposer initialConfig={initialConfig}>
      <EditablePlugin editable={editable} />
      <ToolbarPlugin />
      <BriefToolsPlugin />
      <div className="brief-scroll">
        <RichTextPlugin
          contentEditable={
            <ContentEditable
              className="brief-editable"
              aria-label={t('panes.brief')}
              aria-multiline
              // Lexical takes a note that may only be read out of the tab order; it is still there to read.
              tabIndex={editable ? undefined : 0}
              onBlur={onBlur}
              aria-placeholder={t('editor.placeholderShort')}
              placeholder={<div className="brief-placeholder" aria-hidden="true">{t('editor.placeholder')}</div>}
            />
          }
          ErrorBoundary={LexicalErrorBoundary}
        />
      </div>
      {collab ? (
        <CollaborationPlugin
          id={collab.id}
          providerFactory={collab.providerFactory}
          shouldBootstrap={collab.shouldBootstrap}
          initialEditorState={initialContent ? JSON.stringify(initialContent) : undefined}
          username={collab.username}
          cursorColor={collab.cursorColor}
        />
      ) : (
        <BoundedHistoryPlugin />
      )}
      <CitationsPlugin />
      <ClaimMarksPlugin />
      <CitationTypeaheadPlugin />
      <InsertPassagePlugin />
      <RevealTextPlugin request={reveal} />
      <ListPlugin />
      <TablePlugin hasCellMerge={false} hasCellBackgroundColor={false} />
      <LinkPlugin validateUrl={validateUrl} />
      <MarkdownShortcutPlugin transformers={BRIEF_TRANSFORMERS} />
      {collab ? <SharedChangePlugin onChange={handleChange} /> : <OnChangePlugin onChange={handleChange} ignoreSelectionChange />}
    </LexicalComposer>
  );
  return collab ? <LexicalCollaboration>{editor}</LexicalCollaboration> : editor;
}
