/**
 * Pending edits that must reach the database before the user leaves a view:
 * each open editor registers its flush here, and navigation, `visibilitychange`,
 * `pagehide` and quit call `flushAll()`.
 */
const flushers = new Set<() => Promise<void>>();

export function registerFlusher(flush: () => Promise<void>): () => void {
  flushers.add(flush);
  return () => flushers.delete(flush);
}

export async function flushAll(): Promise<void> {
  await Promise.allSettled([...flushers].map((flush) => flush()));
}

/** Save pending edits whenever the page may go away (hidden, closed, navigated from). Returns the uninstall function. */
export function flushWhenLeaving(target: Window = window): () => void {
  const onHide = () => void flushAll();
  const onVisibility = () => target.document.visibilityState === 'hidden' && onHide();
  target.document.addEventListener('visibilitychange', onVisibility);
  target.addEventListener('pagehide', onHide);
  target.addEventListener('beforeunload', onHide);
  return () => {
    target.document.removeEventListener('visibilitychange', onVisibility);
    target.removeEventListener('pagehide', onHide);
    target.removeEventListener('beforeunload', onHide);
  };
}
