/**
 * Requests inside the cases feature: "start renaming this case" (after New case, from whichever place
 * ran it), and the recently opened cases (for the palette), kept on this device.
 */

type RenameListener = (caseId: string) => void;
const renameListeners = new Set<RenameListener>();

export function requestRename(caseId: string): void {
  for (const listener of [...renameListeners]) listener(caseId);
}

export function onRenameRequest(listener: RenameListener): () => void {
  renameListeners.add(listener);
  return () => renameListeners.delete(listener);
}

const RECENT_KEY = 'casefile.recentCases';
export const MAX_RECENT = 8;

/** Case ids, most recently opened first. */
export function recentCaseIds(): string[] {
  try {
    const stored = JSON.parse(localStorage.getItem(RECENT_KEY) ?? '[]') as unknown;
    return Array.isArray(stored) ? stored.filter((id): id is string => typeof id === 'string').slice(0, MAX_RECENT) : [];
  } catch {
    return [];
  }
}

export function recordRecentCase(caseId: string): void {
  const next = [caseId, ...recentCaseIds().filter((id) => id !== caseId)].slice(0, MAX_RECENT);
  try {
    localStorage.setItem(RECENT_KEY, JSON.stringify(next));
  } catch {
    // No storage (private mode): the palette simply lists no recent cases.
  }
}
