/**
 * A shared note's text as the brief editor would store it, read from the
 * note's Y.Doc without an editor on screen: the stored copy of a note that
 * others change while this member has it closed (search, export and citations
 * read that copy) follows the team's text this way.
 *
 * @lexical/yjs's binding only turns document *changes* into editor updates, so
 * the document's whole state is replayed as one change into a fresh document
 * bound to a headless editor with the brief's nodes. Transforms are skipped as
 * the collaboration plugin skips them, so this is the state a live editor
 * bound to the same document holds.
 */
import { createHeadlessEditor } from '@lexical/headless';
import { createYjsBinding, syncLexicalUpdateToYjs, syncYjsChangesToLexical, type Provider } from '@lexical/yjs';
import { $getRoot, type SerializedEditorState } from 'lexical';
import * as Y from 'yjs';
import { BRIEF_NODES } from './nodes';

export interface SharedNoteState {
  content: SerializedEditorState;
  plainText: string;
}

/** A provider for a binding that never shows cursors: no one is present in a headless editor. */
const NO_PRESENCE = {
  awareness: { getLocalState: () => null, setLocalState: () => undefined, setLocalStateField: () => undefined, getStates: () => new Map(), on: () => undefined, off: () => undefined },
} as unknown as Provider;

/** The editor state of a note document (`doc` is only read). */
export async function sharedNoteState(doc: Y.Doc): Promise<SharedNoteState> {
  let failure: Error | null = null;
  const editor = createHeadlessEditor({
    namespace: 'casefile-brief',
    nodes: [...BRIEF_NODES],
    onError: (error) => {
      failure ??= error;
    },
  });
  const replica = new Y.Doc();
  const binding = createYjsBinding({ editor, id: 'replica', doc: replica, docMap: new Map([['replica', replica]]) });
  const shared = binding.root.getSharedType();
  const observer = (events: Y.YEvent<Y.XmlText>[], transaction: Y.Transaction) => {
    syncYjsChangesToLexical(binding, NO_PRESENCE, events as never, transaction.origin instanceof Y.UndoManager, () => undefined);
  };
  shared.observeDeep(observer as never);
  try {
    Y.applyUpdate(replica, Y.encodeStateAsUpdate(doc));
    // Lexical commits updates in a microtask, and an empty root gets its paragraph in a second update.
    await new Promise<void>((resolve) => setTimeout(resolve, 0));
    if (failure) throw failure;
    const state = editor.getEditorState();
    return { content: state.toJSON(), plainText: state.read(() => $getRoot().getTextContent()) };
  } finally {
    shared.unobserveDeep(observer as never);
    replica.destroy();
  }
}

/** Whether a note document holds no text yet (nobody has seeded it). */
export function isUnseeded(doc: Y.Doc): boolean {
  return doc.get('root', Y.XmlText).length === 0;
}

/**
 * Write a note's stored state into its empty document, as the collaboration
 * plugin's bootstrap does when the seeder opens the note: here for a seeder
 * who has not opened it, so the others do not see it empty until they do.
 * The caller checks the seeding rule (shared/sync/noteSeed.ts) and that the
 * document is still empty.
 */
export async function seedSharedNote(doc: Y.Doc, content: SerializedEditorState): Promise<void> {
  const editor = createHeadlessEditor({
    namespace: 'casefile-brief',
    nodes: [...BRIEF_NODES],
    onError: (error) => {
      throw error;
    },
  });
  const binding = createYjsBinding({ editor, id: 'seed', doc, docMap: new Map([['seed', doc]]) });
  const off = editor.registerUpdateListener(({ prevEditorState, editorState, dirtyElements, dirtyLeaves, normalizedNodes, tags }) => {
    syncLexicalUpdateToYjs(binding, NO_PRESENCE, prevEditorState, editorState, dirtyElements, dirtyLeaves, normalizedNodes, tags);
  });
  try {
    editor.setEditorState(editor.parseEditorState(JSON.stringify(content)));
    await new Promise<void>((resolve) => setTimeout(resolve, 0));
  } finally {
    off();
  }
}
