import { newId } from '../../../shared/domain/ids';
import { NOTE_SCHEMA_VERSION, type NoteRecord } from '../../../shared/domain/types';
import { getDb } from '../db';
import { RepoError } from './errors';

/** Node types that carry meaning even without text (a citation alone is not "empty"). */
const CONTENTFUL_LEAVES = new Set(['citation', 'image', 'horizontalrule']);

function hasContentfulLeaf(node: unknown): boolean {
  if (!node || typeof node !== 'object') return false;
  const n = node as { type?: unknown; children?: unknown; root?: unknown };
  if (typeof n.type === 'string' && CONTENTFUL_LEAVES.has(n.type)) return true;
  if (n.root) return hasContentfulLeaf(n.root);
  return Array.isArray(n.children) && n.children.some(hasContentfulLeaf);
}

/** Empty means no visible text and no contentful node: what a cleared or failed-to-load editor produces. */
export function isEmptyNote(content: unknown, plainText: string): boolean {
  return plainText.trim() === '' && !hasContentfulLeaf(content);
}

export async function createNote(caseId: string, title: string, now = Date.now()): Promise<NoteRecord> {
  const db = getDb();
  return db.transaction('rw', db.notes, async () => {
    const last = await db.notes.where('[caseId+order]').between([caseId, -Infinity], [caseId, Infinity]).last();
    const note: NoteRecord = {
      id: newId(),
      caseId,
      title: title.trim() || 'Untitled note',
      content: null,
      schemaVersion: NOTE_SCHEMA_VERSION,
      plainText: '',
      createdAt: now,
      updatedAt: now,
      order: (last?.order ?? -1) + 1,
    };
    await db.notes.add(note);
    return note;
  });
}

export async function renameNote(id: string, title: string): Promise<void> {
  const clean = title.replace(/\s+/g, ' ').trim();
  if (!clean) throw new RepoError('A note needs a title.');
  const changed = await getDb().notes.update(id, { title: clean, updatedAt: Date.now() });
  if (!changed) throw new RepoError('That note no longer exists.');
}

export type SaveNoteResult = { saved: true; note: NoteRecord } | { saved: false; reason: 'empty-over-nonempty' | 'missing' };

/**
 * Store a note's editor state. An empty document never replaces a non-empty
 * stored one unless the caller says the user cleared it on purpose.
 */
export async function saveNoteContent(
  id: string,
  change: { content: unknown; plainText: string },
  opts: { allowEmpty?: boolean; now?: number } = {},
): Promise<SaveNoteResult> {
  const db = getDb();
  const now = opts.now ?? Date.now();
  return db.transaction('rw', db.notes, db.cases, async (): Promise<SaveNoteResult> => {
    const stored = await db.notes.get(id);
    if (!stored) return { saved: false, reason: 'missing' };
    if (!opts.allowEmpty && isEmptyNote(change.content, change.plainText) && !isEmptyNote(stored.content, stored.plainText)) {
      return { saved: false, reason: 'empty-over-nonempty' };
    }
    const note: NoteRecord = { ...stored, content: change.content, plainText: change.plainText, schemaVersion: NOTE_SCHEMA_VERSION, updatedAt: now };
    await db.notes.put(note);
    await db.cases.update(stored.caseId, { updatedAt: now });
    return { saved: true, note };
  });
}
