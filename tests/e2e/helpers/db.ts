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

