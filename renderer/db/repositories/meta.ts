import { getDb } from '../db';

/** Small app-wide settings that must survive a crash (IndexedDB, strict durability). */
export async function setMeta(key: string, value: unknown): Promise<void> {
  await getDb().meta.put({ key, value });
}

/** Read a setting written by {@link setMeta}; undefined when it was never set. */
export async function getMeta<T>(key: string): Promise<T | undefined> {
  return (await getDb().meta.get(key))?.value as T | undefined;
}

/** Every setting whose key starts with `prefix`, with its key. */
export async function getMetaEntries<T>(prefix: string): Promise<Array<{ key: string; value: T }>> {
  const records = await getDb().meta.where('key').startsWith(prefix).toArray();
  return records.map((r) => ({ key: r.key, value: r.value as T }));
}

/** Remove a setting. */
export async function deleteMeta(key: string): Promise<void> {
  await getDb().meta.delete(key);
}
