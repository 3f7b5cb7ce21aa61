/**
 * Who seeds a note's shared document (`note/<caseId>/<noteId>`) with the text
 * the note had before its case was shared.
 *
 * A Yjs insert is not a compare-and-set: two devices that both find the
 * document empty and both write the stored text leave it there twice. So
 * exactly one member may ever seed a given note, decided from facts every
 * device reads the same way (the note's author, the case's members), and
 * only after the document has loaded locally and synced with the server
 * (the editor checks emptiness at the provider's `sync`):
 *
 * - the note's author seeds it (a note made in a shared case is seeded, empty,
 *   by the device that made it);
 * - a note whose author is not a member of the case (written before sharing by
 *   someone who never joined, a note from a bundle, a note with no author) is
 *   seeded by the member who shared the case from this device;
 * - a read-only member never seeds (the server would drop the write anyway).
 *
 * Everyone else waits for the text to arrive. One person working in two tabs
 * of the same profile is one member: both tabs may find the document empty
 * at the same moment, the only way left to duplicate the first text.
 */
export interface NoteSeedFacts {
  /** This device's actor ID. */
  me: string;
  /** The note's `createdBy`, if it has one. */
  noteAuthor: string | undefined;
  /** True when this device shared the case (rather than joined it). */
  sharedHere: boolean;
  /** The actor IDs in the case document's `members`. */
  members: ReadonlySet<string>;
  readOnly: boolean;
}

export function seedsNote({ me, noteAuthor, sharedHere, members, readOnly }: NoteSeedFacts): boolean {
  if (readOnly) return false;
  if (noteAuthor === me) return true;
  return sharedHere && (noteAuthor === undefined || !members.has(noteAuthor));
}
