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
