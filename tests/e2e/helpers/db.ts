import type { Page } from '@playwright/test';

/**
 * The rows of some of the app's IndexedDB stores, read through the page as
 * they are stored. Binary fields (a source's original bytes) come back as
 * `{ length, sum }`, so two reads can be compared with `toEqual`.
 */
export async function readStores(page: Page, stores: readonly string[]): Promise<Record<string, unknown[]>> {
  return page.evaluate(async (names) => {
    const open = indexedDB.open('casefile');
    const db: IDBDatabase = await new Promise((resolve, reject) => {
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const plain = (value: unknown): unknown => {
      if (value instanceof Uint8Array) return { length: value.length, sum: value.reduce((a, b) => (a * 31 + b) >>> 0, 7) };
      if (Array.isArray(value)) return value.map(plain);
      if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]));
      return value;
    };
    const out: Record<string, unknown[]> = {};
    for (const name of names) {
      out[name] = await new Promise<unknown[]>((resolve, reject) => {
        const request = db.transaction(name).objectStore(name).getAll();
        request.onsuccess = () => resolve((request.result as unknown[]).map(plain));
        request.onerror = () => reject(request.error);
      });
    }
    db.close();
    return out;
  }, stores);
}
