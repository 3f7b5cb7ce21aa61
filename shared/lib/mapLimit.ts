/**
 * `fn` over `items`, at most `limit` at a time, results in the items' order.
 * For network fetches: one at a time leaves the line idle between a response
 * and the next request, all at once floods a server and the browser's
 * per-host connection pool alike. A rejection rejects the whole call once the
 * calls in flight settle, as `Promise.all` would, without starting new ones.
 */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  let failure: { error: unknown } | null = null;
  const worker = async () => {
    while (failure === null && next < items.length) {
      const i = next++;
      try {
        out[i] = await fn(items[i]!, i);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  if (failure !== null) throw (failure as { error: unknown }).error;
  return out;
}
