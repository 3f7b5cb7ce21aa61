import { getDb } from './db';
import { setTransactionOrigin } from './changeLog';
import type { ChangeOrigin } from './changeTypes';

/**
 * Run `write` in one read-write transaction over every table, with its
 * changes logged under `origin`: how a sync layer applies what arrived from
 * another device ('sync', which it then skips when sending, so nothing is
 * echoed back), how a bundle import stores a case ('import'), and how the
 * app's housekeeping runs ('system'). Repositories called inside join the
 * transaction, so their writes carry the origin too. `write` may only await
 * Dexie, as in any transaction.
 */
export function runWithOrigin<T>(origin: ChangeOrigin, write: () => Promise<T>): Promise<T> {
  const db = getDb();
  return db.transaction('rw', db.tables, (tx) => {
    setTransactionOrigin(tx.idbtrans, origin);
    return write();
  });
}
