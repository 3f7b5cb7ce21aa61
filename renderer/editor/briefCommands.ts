/**
 * How the rest of the app writes into the brief without importing the editor:
 * the mounted brief registers itself here, and "Cite in brief" in the reader
 * calls it. One brief is mounted at a time (the open note).
 */
export interface BriefWriter {
  /** Insert a citation at the brief's last caret position (the end when it never had one). */
  insertCitation(passageId: string, claimId?: string): void;
  /** Insert a block quote of the passage's exact text followed by its citation, after the caret's block. */
  insertQuote(passageId: string): void;
  /**
   * Insert a block given as serialised brief JSON (a chronology table, a
   * figure) after the caret's block. Returns false when the JSON is not a
   * node the brief knows.
   */
  insertBlock(json: { type: string } & Record<string, unknown>): boolean;
}

let active: BriefWriter | null = null;

export function registerBriefWriter(writer: BriefWriter): () => void {
  active = writer;
  return () => {
    if (active === writer) active = null;
  };
}

export function briefWriter(): BriefWriter | null {
  return active;
}

/** The drag type of a passage card or evidence item, carrying the passage ID. */
export const PASSAGE_DRAG_TYPE = 'application/x-casefile-passage';
