import { createHeadlessEditor } from '@lexical/headless';
import { createYjsBinding, syncLexicalUpdateToYjs, type Provider } from '@lexical/yjs';
import { $createParagraphNode, $createTextNode, $getRoot, type LexicalEditor } from 'lexical';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { brief, citation, heading, list, paragraph, quote, text, TEXT_FORMAT } from '../../../../shared/brief/build';
import { BRIEF_NODES } from '../../../../renderer/editor/nodes';
import { isUnseeded, seedSharedNote, SharedNoteReader, sharedNoteState } from '../../../../renderer/editor/sharedNoteState';

const NO_PRESENCE = { awareness: { getLocalState: () => null, setLocalState: () => undefined, getStates: () => new Map(), on: () => undefined, off: () => undefined } } as unknown as Provider;

/** An editor writing into `doc` as a member's live editor does (the collaboration plugin's direction Lexical → Yjs). */
function writer(doc: Y.Doc): LexicalEditor {
  const editor = createHeadlessEditor({ namespace: 'writer', nodes: [...BRIEF_NODES], onError: (e) => { throw e; } });
  const binding = createYjsBinding({ editor, id: 'w', doc, docMap: new Map([['w', doc]]) });
  editor.registerUpdateListener(({ prevEditorState, editorState, dirtyElements, dirtyLeaves, normalizedNodes, tags }) => {
    syncLexicalUpdateToYjs(binding, NO_PRESENCE, prevEditorState, editorState, dirtyElements, dirtyLeaves, normalizedNodes, tags);
  });
  return editor;
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('sharedNoteState: a note document read as the brief editor stores it', () => {
  it('gives the text, formats and citations a member wrote, as their editor holds them', async () => {
    const doc = new Y.Doc();
    const editor = writer(doc);
    const json = brief(
      heading('h2', text('What was found')),
      paragraph(text('Officials reported '), text('3.2 tonnes', TEXT_FORMAT.bold), citation('p-haul'), text('.')),
      quote(text('detained across three provinces'), citation('p-detained', 'claim-1')),
      list('bullet', [[text('First point')], [text('Second point')]]),
    );
    editor.setEditorState(editor.parseEditorState(JSON.stringify(json)));
    await settle();
    expect(doc.get('root', Y.XmlText).length).toBeGreaterThan(0);

    // Read from another device's copy of the document: only the updates travel.
    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
    const state = await sharedNoteState(other);
    expect(state.plainText).toBe(editor.getEditorState().read(() => $getRoot().getTextContent()));
    expect(state.plainText).toContain('Officials reported 3.2 tonnes');
    expect(state.content).toEqual(editor.getEditorState().toJSON());
  });

  it('follows later edits, and reads an empty document as an empty note', async () => {
    const doc = new Y.Doc();
    expect((await sharedNoteState(doc)).plainText).toBe('');
    const editor = writer(doc);
    editor.update(() => $getRoot().append($createParagraphNode().append($createTextNode('First line.'))));
    await settle();
    expect((await sharedNoteState(doc)).plainText).toBe('First line.');
    editor.update(() => $getRoot().append($createParagraphNode().append($createTextNode('Added later.'))));
    await settle();
    expect((await sharedNoteState(doc)).plainText).toBe('First line.\n\nAdded later.');
  });
});

describe('seedSharedNote: a seeder writes a note it has not opened into its empty document', () => {
  it('gives a document that reads back as the stored state, and that a live editor shows', async () => {
    const doc = new Y.Doc();
    expect(isUnseeded(doc)).toBe(true);
    const json = brief(heading('h2', text('Leads')), paragraph(text('The harbourmaster kept '), text('a second ledger', TEXT_FORMAT.italic), citation('p-ledger'), text('.')));
    const stored = (() => {
      const editor = createHeadlessEditor({ namespace: 'stored', nodes: [...BRIEF_NODES], onError: (e) => { throw e; } });
      editor.setEditorState(editor.parseEditorState(JSON.stringify(json)));
      return editor.getEditorState().toJSON();
    })();
    await seedSharedNote(doc, stored);
    expect(isUnseeded(doc)).toBe(false);
    // Another member's copy, from the updates alone.
    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
    const state = await sharedNoteState(other);
    expect(state.content).toEqual(stored);
    expect(state.plainText).toBe('Leads\n\nThe harbourmaster kept a second ledger.');
  });
});

describe('SharedNoteReader: a note document followed update by update', () => {
  it('reads what the writer holds after each change, from the updates alone', async () => {
    const doc = new Y.Doc();
    const editor = writer(doc);
    editor.update(() => $getRoot().append($createParagraphNode().append($createTextNode('First line.'))));
    await settle();
    const reader = new SharedNoteReader(doc);
    doc.on('update', (update: Uint8Array) => reader.apply(update));
    expect((await reader.read()).plainText).toBe('First line.');
    editor.update(() => $getRoot().append($createParagraphNode().append($createTextNode('Second line.'))));
    await settle();
    editor.update(() => $getRoot().getFirstChildOrThrow().remove());
    await settle();
    const state = await reader.read();
    expect(state.plainText).toBe('Second line.');
    expect(state.content).toEqual(editor.getEditorState().toJSON());
    reader.dispose();
  });
});
