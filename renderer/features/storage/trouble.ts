/**
 * When Casefile cannot store what the person types: storage is full, or another
 * window took the database (an upgrade). One app-wide state, shown by
 * StorageTroubleDialog, reported by the editors' saves and by the database.
 */
import { CLOSED_BY_OTHER_WINDOW, STORAGE_FULL_MESSAGE, isClosedError, isQuotaError, onDatabaseClosed } from '../../db';

export type StorageTrouble = { kind: 'full' | 'closed'; message: string };

let current: StorageTrouble | null = null;
const listeners = new Set<(trouble: StorageTrouble | null) => void>();
/** Bumped on every report, so a dialog the person put aside comes back on the next failure. */
let reports = 0;

function emit(): void {
  for (const listener of listeners) listener(current);
}

export function currentStorageTrouble(): { trouble: StorageTrouble | null; reports: number } {
  return { trouble: current, reports };
}

export function onStorageTrouble(listener: (trouble: StorageTrouble | null) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function reportStorageTrouble(trouble: StorageTrouble): void {
  // A closed database stays closed: "full" cannot replace it.
  if (current?.kind === 'closed' && trouble.kind !== 'closed') return;
  current = trouble;
  reports++;
  emit();
}

/** Storage works again (a save went through after "full"). A closed database never clears. */
export function clearStorageTrouble(): void {
  if (!current || current.kind === 'closed') return;
  current = null;
  emit();
}

/** Report a failed save if storage is why; true when it was. */
export function reportSaveFailure(error: unknown): boolean {
  if (isClosedError(error)) {
    reportStorageTrouble({ kind: 'closed', message: CLOSED_BY_OTHER_WINDOW });
    return true;
  }
  if (isQuotaError(error)) {
    reportStorageTrouble({ kind: 'full', message: STORAGE_FULL_MESSAGE });
    return true;
  }
  return false;
}

// Another window upgrading the database is told at once, before any save fails.
onDatabaseClosed((message) => reportStorageTrouble({ kind: 'closed', message }));
