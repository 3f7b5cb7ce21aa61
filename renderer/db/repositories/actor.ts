import type { ActorRecord } from '../../../shared/domain/types';
import { getDb } from '../db';
import { ACTOR_KEY } from '../versions';
import { RepoError, repoRef } from './errors';

/** The local actor: whose writes this device stamps (created the first time the database opens). */
export async function getActor(): Promise<ActorRecord> {
  const stored = (await getDb().meta.get(ACTOR_KEY))?.value as ActorRecord | undefined;
  if (!stored) throw new RepoError(repoRef('dbNotOpen'));
  return stored;
}

/** Change the name shown on everything this device created or changed. The ID never changes. */
export async function setActorName(name: string): Promise<ActorRecord> {
  const clean = name.replace(/\s+/g, ' ').trim();
  if (!clean) throw new RepoError(repoRef('nameEmpty'));
  if (clean.length > 100) throw new RepoError(repoRef('nameTooLong', { max: 100 }));
  const db = getDb();
  return db.transaction('rw', db.meta, async () => {
    const actor = { ...(await getActor()), name: clean };
    await db.meta.put({ key: ACTOR_KEY, value: actor });
    db.actor = actor;
    return actor;
  });
}
