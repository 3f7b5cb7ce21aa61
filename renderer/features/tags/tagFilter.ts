/**
 * The codebook's tag filter: clicking a tag shows only its passages (and its children's) in the reader and
 * the passage list. One filter, for the open case only: switching case clears it.
 */
import { useCallback, useSyncExternalStore } from 'react';

let filter: { caseId: string; tagId: string } | null = null;
const listeners = new Set<() => void>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function setTagFilter(caseId: string, tagId: string | null): void {
  filter = tagId ? { caseId, tagId } : null;
  for (const listener of [...listeners]) listener();
}

/** The tag filtering `caseId`'s passages (null: none), and the setter. */
export function useTagFilter(caseId: string): [string | null, (tagId: string | null) => void] {
  const current = useSyncExternalStore(subscribe, () => filter);
  const set = useCallback((tagId: string | null) => setTagFilter(caseId, tagId), [caseId]);
  return [current?.caseId === caseId ? current.tagId : null, set];
}
