/**
 * Cases this profile may read but not change: a team case joined with a
 * read-only invitation. The sync feature locks and unlocks them; the change
 * log middleware (changeLog.ts), which every write passes, refuses a local
 * write to a locked case's records, so no button, shortcut or drop that a UI
 * check missed can make the local copy drift from the team's. Writes that
 * arrive from the server ('sync'), imports and housekeeping pass.
 *
 * The message comes from whoever locks, so this layer needs no catalogue.
 */
import { RepoError } from './repositories/errors';

const locks = new Map<string, () => string>();

/** Refuse local changes to this case's records from now on, with `message()` as the reason. */
export function lockCase(caseId: string, message: () => string): void {
  locks.set(caseId, message);
}

export function unlockCase(caseId: string): void {
  locks.delete(caseId);
}

/** The refusal for a write to this case, or null when it may be changed. */
export function caseLockError(caseId: string | undefined): RepoError | null {
  const message = caseId === undefined ? undefined : locks.get(caseId);
  return message ? new ReadOnlyCaseError(message()) : null;
}

export function anyCaseLocked(): boolean {
  return locks.size > 0;
}

/** A write refused because the case is read-only here. */
export class ReadOnlyCaseError extends RepoError {
  constructor(message: string) {
    super(message);
    this.name = 'ReadOnlyCaseError';
  }
}

/**
 * Fields of a case's own record that say how this person looks at it, never
 * what the case holds: the source the reader shows and when it was last used
 * (the case list's order). A read-only member may still change these.
 */
export const VIEW_FIELDS: Partial<Record<string, ReadonlySet<string>>> = { cases: new Set(['activeSourceId', 'updatedAt']) };
