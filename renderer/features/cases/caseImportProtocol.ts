/** Messages between the page and the case import worker (caseImport.worker.ts). */
import type { MessageRef } from '../../../shared/i18n';

/** What to read: one `.casefile` bundle, or a backup holding several. */
export type ImportSourceKind = 'bundle' | 'backup';

/** A checked case, as the page needs it to ask the person and to report. */
export interface CheckedCase {
  id: string;
  name: string;
  /** 'case' / 'records': already in the profile (only a copy can be imported); 'trash': replaces the copy in the Trash. */
  conflict: 'case' | 'records' | 'trash' | null;
  records: number;
}

export type ToImportWorker =
  | { type: 'check'; kind: ImportSourceKind; bytes: Uint8Array }
  /** Write what was checked: with `copies`, cases already here come in with new IDs; without, they are skipped. */
  | { type: 'write'; copies: boolean }
  | { type: 'cancel' };

export type FromImportWorker =
  | { type: 'checked'; cases: CheckedCase[] }
  | { type: 'refused'; message: string; detail?: MessageRef }
  | { type: 'progress'; done: number; total: number }
  | { type: 'written'; cases: { id: string; name: string }[]; replacedTrash: string[] }
  | { type: 'cancelled' }
  /** `known`: a refusal of the repositories, whose message stands alone; otherwise a storage failure to explain. */
  | { type: 'failed'; message: string; detail?: MessageRef; known: boolean };
