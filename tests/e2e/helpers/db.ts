import type { Page } from '@playwright/test';

export type Tables = Record<string, Record<string, unknown>[]>;

/** Every object store of the app's IndexedDB, read raw (no app code), as JSON plus its SHA-256. */
export async function dumpDb(page: Page): Promise<{ tables: Tables; hash: string }> {
  const { json, hash } = await page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('casefile');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const names = Array.from(db.objectStoreNames).sort();
    const tx = db.transaction(names, 'readonly');
    const out: Record<string, unknown[]> = {};
    await Promise.all(
      names.map(
        (name) =>
          new Promise<void>((resolve, reject) => {
            const request = tx.objectStore(name).getAll();
            request.onsuccess = () => {
              out[name] = request.result;
              resolve();
            };
            request.onerror = () => reject(request.error);
          }),
      ),
    );
    db.close();
    const text = JSON.stringify(out, (_key, value: unknown) =>
      value instanceof Uint8Array ? { $bytes: Array.from(value).join(',') } : value instanceof ArrayBuffer ? { $buffer: Array.from(new Uint8Array(value)).join(',') } : value,
    );
    const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
    return { json: text, hash: Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('') };
  });
  return { tables: JSON.parse(json) as Tables, hash };
}

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
