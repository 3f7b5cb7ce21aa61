import { numberCitations } from '../../../shared/brief/citations';
import { newId } from '../../../shared/domain/ids';
import { NOTE_SCHEMA_VERSION, type NoteRecord } from '../../../shared/domain/types';
import { getDb } from '../db';
import { allOf, isLive, liveCase, liveNotes } from '../live';
import { RepoError, repoRef } from './errors';
import { tombstone, type TrashRef } from './tombstones';

/** Leaves that are only text layout; every other leaf (a citation, an image, a rule) is content. */
const TEXT_LEAVES = new Set(['text', 'linebreak', 'tab']);

/** Whether a serialised Lexical node (or a whole editor state) holds anything a person would miss. */
function hasContent(node: unknown): boolean {
  if (!node || typeof node !== 'object') return false;
  const n = node as { type?: unknown; text?: unknown; children?: unknown; root?: unknown };
  if (n.root !== undefined) return hasContent(n.root);
  if (Array.isArray(n.children)) return n.children.some(hasContent);
  if (n.type === 'text') return typeof n.text === 'string' && n.text.trim() !== '';
  return typeof n.type === 'string' && !TEXT_LEAVES.has(n.type);
}

/**
 * Empty means no visible text and no non-text node: what a cleared, still
 * loading or failed-to-load editor produces. A lone citation is not empty.
 */
export function isEmptyNote(content: unknown, plainText: string): boolean {
  return plainText.trim() === '' && !hasContent(content);
}

/**
 * An editor state as JSON without the fields an editor on screen works out for
 * itself from the text and the caret (a block's `direction`, the `textFormat`
 * and `textStyle` new text would take), which a headless editor leaves unset:
 * the same note read by a mirror and saved by an editor compares equal.
 */
const DERIVED_FIELDS = new Set(['direction', 'textFormat', 'textStyle']);
function editorStateKey(content: unknown): string {
  return JSON.stringify(content, (key, value: unknown) => (DERIVED_FIELDS.has(key) ? undefined : value));
}

/** A title with its whitespace runs collapsed and trimmed. */
const clean = (title: string) => title.replace(/\s+/g, ' ').trim();

/**
 * A new note at the end of the case's list; a blank title becomes `untitled`, the default name in the
 * UI's language, which the caller passes in (this layer chooses no language).
 */
export async function createNote(caseId: string, title: string, untitled: string, now = Date.now()): Promise<NoteRecord> {
  const chosen = clean(title) || clean(untitled);
  if (!chosen) throw new RepoError(repoRef('noteTitle'));
  const db = getDb();
  return db.transaction('rw', db.notes, db.cases, async () => {
    if (!(await liveCase(caseId))) throw new RepoError(repoRef('caseGoneNote'));
    // After every note of the case, those in the Trash included, so a restored one keeps its own place.
    const orders = ((await allOf('notes', caseId).keys()) as unknown as [string, number, number][]).map((key) => key[2]);
    const note: NoteRecord = {
      id: newId(),
      caseId,
      title: chosen,
      content: null,
      schemaVersion: NOTE_SCHEMA_VERSION,
      plainText: '',
      createdAt: now,
      updatedAt: now,
      order: Math.max(-1, ...orders) + 1,
    };
    await db.notes.add(note);
    await db.cases.update(caseId, { updatedAt: now });
    return note;
  });
}

/**
 * Rename a note; the title is trimmed and may not be empty. The note's
 * `updatedAt` tracks its content, so a rename leaves it alone (an open
 * editor's next save must not look stale); the case is touched instead.
 */
export async function renameNote(id: string, title: string, now = Date.now()): Promise<void> {
  const cleaned = clean(title);
  if (!cleaned) throw new RepoError(repoRef('noteTitle'));
  const db = getDb();
  await db.transaction('rw', db.notes, db.cases, async () => {
    const note = await db.notes.get(id);
    if (!note || !isLive(note)) throw new RepoError(repoRef('noteGone'));
    await db.notes.update(id, { title: cleaned });
    await db.cases.update(note.caseId, { updatedAt: now });
  });
}

export type SaveNoteResult =
  | { saved: true; note: NoteRecord }
  | { saved: false; reason: 'empty-over-nonempty' | 'stale' | 'unchanged'; note: NoteRecord }
  | { saved: false; reason: 'missing' };

/** What an editor hands to {@link saveNoteContent}. */
export interface NoteContentChange {
  /** The editor state (`editorState.toJSON()`). */
  content: unknown;
  /** Its visible text, for search and the empty check. */
  plainText: string;
  /**
   * The `updatedAt` of the stored note this change was edited from. When the
   * stored note is newer (another window saved it), the save is refused as
   * 'stale' instead of silently discarding the other window's work.
   */
  baseUpdatedAt?: number;
}

/**
 * Store a note's editor state. Refused, with the stored note returned so the
 * caller can show it: an empty document over a non-empty stored one (unless
 * the caller says the person cleared it on purpose, `allowEmpty`), and a
 * change based on an older version than the one stored (`baseUpdatedAt`).
 * With `skipUnchanged`, the same text and state as stored is not written again.
 */
export async function saveNoteContent(id: string, change: NoteContentChange, opts: { allowEmpty?: boolean; skipUnchanged?: boolean; now?: number } = {}): Promise<SaveNoteResult> {
  const db = getDb();
  return db.transaction('rw', db.notes, db.cases, async (): Promise<SaveNoteResult> => {
    const stored = await db.notes.get(id);
    if (!stored || !isLive(stored)) return { saved: false, reason: 'missing' };
    if (change.baseUpdatedAt !== undefined && stored.updatedAt > change.baseUpdatedAt) return { saved: false, reason: 'stale', note: stored };
    if (!opts.allowEmpty && isEmptyNote(change.content, change.plainText) && !isEmptyNote(stored.content, stored.plainText)) {
      return { saved: false, reason: 'empty-over-nonempty', note: stored };
    }
    // A copy read again from a shared note (a mirror) is mostly what is stored: no new version for it.
    if (opts.skipUnchanged && stored.plainText === change.plainText && editorStateKey(stored.content) === editorStateKey(change.content)) {
      return { saved: false, reason: 'unchanged', note: stored };
    }
    // Always later than the stored version, even within one millisecond, so every save
    // makes a new version and a change based on the old one is recognised as stale.
    const now = Math.max(opts.now ?? Date.now(), stored.updatedAt + 1);
    const note: NoteRecord = { ...stored, content: change.content, plainText: change.plainText, schemaVersion: NOTE_SCHEMA_VERSION, updatedAt: now };
    await db.notes.put(note);
    await db.cases.update(stored.caseId, { updatedAt: now });
    return { saved: true, note };
  });
}

/** Make one of a case's notes its brief: the note the brief pane opens first and the export dialog exports. */
export async function setCaseBrief(caseId: string, noteId: string, now = Date.now()): Promise<void> {
  const db = getDb();
  await db.transaction('rw', db.notes, db.cases, async () => {
    const note = await db.notes.get(noteId);
    if (!note || !isLive(note) || note.caseId !== caseId) throw new RepoError(repoRef('noteGone'));
    const changed = await db.cases.update(caseId, { briefNoteId: noteId, updatedAt: now });
    if (!changed) throw new RepoError(repoRef('caseGone'));
  });
}

/** Where a passage is cited: each note that cites it, with the passage's citation number there and how often it appears. */
export interface PassageCitationPlace {
  noteId: string;
  title: string;
  n: number;
  count: number;
}

export async function findPassageCitations(caseId: string, passageId: string): Promise<PassageCitationPlace[]> {
  const notes = await liveNotes(caseId).toArray();
  const places: PassageCitationPlace[] = [];
  for (const note of notes) {
    const { numberOf, occurrences } = numberCitations(note.content);
    const n = numberOf.get(passageId);
    if (n !== undefined) places.push({ noteId: note.id, title: note.title, n, count: occurrences.filter((o) => o.passageId === passageId).length });
  }
  return places;
}

/**
 * Move a note to the Trash. A case keeps at least one live note; deleting the
 * brief makes the first remaining note the brief, and restoring the note
 * makes it the brief again unless another note was chosen meanwhile.
 */
export async function deleteNote(id: string, now = Date.now()): Promise<TrashRef> {
  const db = getDb();
  return db.transaction('rw', db.notes, db.cases, async () => {
    const note = await db.notes.get(id);
    if (!note || !isLive(note)) throw new RepoError(repoRef('noteGone'));
    const others = (await liveNotes(note.caseId).toArray()).filter((n) => n.id !== id);
    if (others.length === 0) throw new RepoError(repoRef('lastNote'));
    const record = await db.cases.get(note.caseId);
    const successor = record?.briefNoteId === id ? others[0]!.id : null;
    const deletion = newId();
    await tombstone('notes', [note], { deletion, now, unlinked: () => (successor ? { brief: { successor } } : undefined) });
    await db.cases.update(note.caseId, { updatedAt: now, ...(successor ? { briefNoteId: successor } : {}) });
    return { table: 'notes', id, deletion };
  });
}
