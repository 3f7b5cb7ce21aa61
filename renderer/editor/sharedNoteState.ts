/**
 * A shared note's text as the brief editor would store it, read from the
 * note's Y.Doc without an editor on screen: the stored copy of a note that
 * others change while this member has it closed (search, export and citations
 * read that copy) follows the team's text this way.
 *
 * @lexical/yjs's binding only turns document *changes* into editor updates, so
 * the document's whole state is replayed as one change into a fresh document
 * bound to a headless editor with the brief's nodes, and later updates follow. Transforms are skipped as
 * the collaboration plugin skips them, so this is the state a live editor
 * bound to the same document holds.
 */
import { createHeadlessEditor } from '@lexical/headless';
import { createYjsBinding, syncLexicalUpdateToYjs, syncYjsChangesToLexical, type Provider } from '@lexical/yjs';
import { $getRoot, type SerializedEditorState } from 'lexical';
import * as Y from 'yjs';
import { nextTask } from '../../shared/lib/nextTask';
import { BRIEF_NODES } from './nodes';

export interface SharedNoteState {
  content: SerializedEditorState;
  plainText: string;
}

/** A provider for a binding that never shows cursors: no one is present in a headless editor. */
const NO_PRESENCE = {
  awareness: { getLocalState: () => null, setLocalState: () => undefined, setLocalStateField: () => undefined, getStates: () => new Map(), on: () => undefined, off: () => undefined },
} as unknown as Provider;

/**
 * A note document's text kept as the brief editor would hold it, for as long
 * as the document is followed: the document's state is replayed once into a
 * fresh document bound to a headless editor, and after that each update is
 * applied as it comes, so reading after a small change costs the change and a
 * serialisation, not the whole document again.
 */
export class SharedNoteReader {
  private failure: Error | null = null;
  private readonly editor = createHeadlessEditor({
    namespace: 'casefile-brief',
    nodes: [...BRIEF_NODES],
    onError: (error) => {
      this.failure ??= error;
    },
  });
  private readonly replica = new Y.Doc();
  private readonly shared: Y.XmlText;
  private readonly observer = (events: Y.YEvent<Y.XmlText>[], transaction: Y.Transaction) => {
    syncYjsChangesToLexical(this.binding, NO_PRESENCE, events as never, transaction.origin instanceof Y.UndoManager, () => undefined);
  };
  private readonly binding;

  constructor(doc: Y.Doc) {
    this.binding = createYjsBinding({ editor: this.editor, id: 'replica', doc: this.replica, docMap: new Map([['replica', this.replica]]) });
    this.shared = this.binding.root.getSharedType() as Y.XmlText;
    this.shared.observeDeep(this.observer as never);
    this.apply(Y.encodeStateAsUpdate(doc));
  }

  /** An update of the followed document (as its `update` event gives it). */
  apply(update: Uint8Array): void {
    Y.applyUpdate(this.replica, update);
  }

  /** The text as it stands after the updates applied so far. */
  async read(): Promise<SharedNoteState> {
    // Lexical commits updates in a microtask, and an empty root gets its paragraph in a second update.
    await nextTask();
    if (this.failure) throw this.failure;
    const state = this.editor.getEditorState();
    return { content: state.toJSON(), plainText: state.read(() => $getRoot().getTextContent()) };
  }

  dispose(): void {
    this.shared.unobserveDeep(this.observer as never);
    this.replica.destroy();
  }
}

/** The editor state of a note document (`doc` is only read), once. */
export async function sharedNoteState(doc: Y.Doc): Promise<SharedNoteState> {
  const reader = new SharedNoteReader(doc);
  try {
    return await reader.read();
  } finally {
    reader.dispose();
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
    await nextTask();
  } finally {
    off();
  }
}
