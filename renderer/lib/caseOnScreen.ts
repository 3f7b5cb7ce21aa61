/**
 * Whether the open case is on screen: the workspace says so once the records its panes show first (the
 * case's sources, the open source, its passages, claims and tags) are loaded and rendered. Work the user
 * does not see at once — the search index's feed, which reads every source's text and every passage of
 * the case again — waits for it, so it does not compete with the first paint of a big case.
 */
import { afterPaint } from './afterPaint';

let onScreen: string | null = null;
const waiting = new Set<{ caseId: string; ready(): void }>();

/** Called by the workspace when `caseId`'s first screen is rendered (null: no case, or one still loading). */
export function markCaseOnScreen(caseId: string | null): void {
  onScreen = caseId;
  if (caseId === null) return;
  for (const entry of [...waiting]) if (entry.caseId === caseId) entry.ready();
}

/**
 * Run `task` in a task of its own after the first frame that shows `caseId` is painted (at once, after a
 * paint, when it is already on screen). If the workspace never says so within `fallbackMs` (a case that
 * cannot be shown), it runs anyway. Returns a function that cancels it if it has not started.
 */
export function whenCaseOnScreen(caseId: string, task: () => void, fallbackMs = 10_000): () => void {
  let cancelPaint: (() => void) | null = null;
  const entry = {
    caseId,
    ready() {
      waiting.delete(entry);
      clearTimeout(fallback);
      cancelPaint ??= afterPaint(task);
    },
  };
  const fallback = setTimeout(() => entry.ready(), fallbackMs);
  if (onScreen === caseId) entry.ready();
  else waiting.add(entry);
  return () => {
    waiting.delete(entry);
    clearTimeout(fallback);
    cancelPaint?.();
  };
}
