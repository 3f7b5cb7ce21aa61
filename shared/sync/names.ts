/**
 * Names on the sync server. Every document and blob is namespaced by its case,
 * so the server can check a capability token against the name alone:
 *
 *   case/<caseId>              the case's records (one Y.Doc, see caseDoc.ts)
 *   note/<caseId>/<noteId>     one note's Lexical brief (@lexical/yjs, root "root")
 *   /blobs/<caseId>/<sha256>   immutable bytes addressed by their SHA-256 (HTTP)
 */
import { idSchema } from '../bundle/schema';

/**
 * Case and note IDs follow the bundle's ID rule (letters, digits, "-", "_",
 * "." and ":", starting with a letter or digit): never a "/", which separates
 * the parts of a name, and never a leading dot.
 */
export function isValidId(id: string): boolean {
  return idSchema.safeParse(id).success;
}

/** Lower-case hex SHA-256, the only blob address. */
export const SHA256_PATTERN = /^[0-9a-f]{64}$/u;

/** The root shared type of a note document, the name `@lexical/yjs` binds by default. */
export const NOTE_ROOT = 'root';

function checkId(kind: string, id: string): string {
  if (!isValidId(id)) throw new Error(`Not a valid ${kind} ID for sync: "${id.slice(0, 120)}".`);
  return id;
}

export function caseDocName(caseId: string): string {
  return `case/${checkId('case', caseId)}`;
}

export function noteDocName(caseId: string, noteId: string): string {
  return `note/${checkId('case', caseId)}/${checkId('note', noteId)}`;
}

export type DocAddress = { kind: 'case'; caseId: string } | { kind: 'note'; caseId: string; noteId: string };

/** What a document name addresses, or null when it is not one of ours. */
export function parseDocName(name: string): DocAddress | null {
  const parts = name.split('/');
  if (parts[0] === 'case' && parts.length === 2 && isValidId(parts[1]!)) return { kind: 'case', caseId: parts[1]! };
  if (parts[0] === 'note' && parts.length === 3 && isValidId(parts[1]!) && isValidId(parts[2]!)) {
    return { kind: 'note', caseId: parts[1]!, noteId: parts[2]! };
  }
  return null;
}
