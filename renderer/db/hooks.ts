import { liveQuery } from 'dexie';
import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback, useRef, useSyncExternalStore } from 'react';
import type { ActorRecord, CaseRecord, ClaimRecord, EntityMergeRecord, EntityTagRecord, FigureRecord, NoteRecord, PassageRecord, SourceRecord, Stored, TagRecord, TimelineEntryRecord } from '../../shared/domain/types';
import { getDb } from './db';
import { isLive, liveCase, liveClaims, liveNotes, livePassages, liveSourcePassages, liveSources, liveTags } from './live';
import { listDeletedCases, listTrash, type TrashItem } from './repositories/trash';
import { ACTOR_KEY } from './versions';
import { uncached } from './observe';

/*
 * The read side: live queries that re-render when the data changes.
 * `undefined` means loading; `null` means the record does not exist.
 * Queries only read through Dexie (nothing else is awaited inside them), so
 * Dexie can track exactly which ranges each one depends on. Records in the
 * Trash are left out by the index ranges themselves (live.ts).
 */

/** A record by ID when it is live; null when missing, in the Trash, or no ID was given. */
async function getLive<T extends object>(table: { get(id: string): PromiseLike<T | undefined> }, id: string | undefined): Promise<T | null> {
  const record = id ? await table.get(id) : undefined;
  return record && isLive(record as { deletedAt?: number }) ? record : null;
}

/**
 * A live query for one key (a case, a source, a note…). dexie-react-hooks keeps answering with the previous key's
 * result until the new query has run, so a hook asked for case B briefly returned case A's sources, and a reader
 * asked for a source said "No source yet" from the empty answer for no source. Here a result is only returned for
 * the key it was read for; until then the answer is undefined (loading).
 */
function useKeyedLiveQuery<T>(key: string | undefined, query: () => Promise<T>): T | undefined {
  const answer = useLiveQuery(async () => ({ key, value: await query() }), [key]);
  return answer !== undefined && answer.key === key ? answer.value : undefined;
}

/**
 * A keyed live query that every component asking for the same `name` and key
 * shares: one Dexie subscription, one read per change, one array in memory.
 * The workspace, the brief and the claims panel all want a case's passages;
 * each running its own query read a 10,000-passage case three times on
 * opening and again after every change. The subscription outlives its last
 * reader by a few seconds, so a pane that remounts (switching tabs) gets the
 * answer at once. An error is thrown to the reader, as useLiveQuery does.
 */
interface SharedQuery {
  /** Replaced (never changed) on every answer, so React sees each one as new. */
  state: { value?: unknown; error?: unknown; loaded: boolean };
  readers: Set<() => void>;
  stop: () => void;
  idle: ReturnType<typeof setTimeout> | null;
}
const sharedQueries = new Map<string, SharedQuery>();
/** How long a shared query keeps running after its last reader left. */
const SHARED_QUERY_LINGER_MS = 5000;

function useSharedLiveQuery<T>(name: string, key: string | undefined, query: () => Promise<T>): T | undefined {
  const id = key === undefined ? undefined : `${name}:${key}`;
  const queryRef = useRef(query);
  queryRef.current = query;
  const subscribe = useCallback(
    (onChange: () => void) => {
      if (id === undefined) return () => undefined;
      let entry = sharedQueries.get(id);
      if (!entry) {
        const made: SharedQuery = { state: { loaded: false }, readers: new Set(), stop: () => undefined, idle: null };
        const tell = () => {
          for (const reader of [...made.readers]) reader();
        };
        const subscription = liveQuery(() => queryRef.current()).subscribe({
          next: (value) => {
            made.state = { value, loaded: true };
            tell();
          },
          error: (error) => {
            made.state = { ...made.state, error };
            tell();
          },
        });
        made.stop = () => subscription.unsubscribe();
        sharedQueries.set(id, made);
        entry = made;
      }
      const current = entry;
      if (current.idle) clearTimeout(current.idle);
      current.idle = null;
      current.readers.add(onChange);
      return () => {
        current.readers.delete(onChange);
        if (current.readers.size > 0) return;
        current.idle = setTimeout(() => {
          if (current.readers.size > 0 || sharedQueries.get(id) !== current) return;
          current.stop();
          sharedQueries.delete(id);
        }, SHARED_QUERY_LINGER_MS);
      };
    },
    [id],
  );
  const state = useSyncExternalStore(subscribe, () => (id === undefined ? undefined : sharedQueries.get(id)?.state));
  if (state?.error !== undefined) throw state.error;
  return state?.loaded ? (state.value as T) : undefined;
}

/** All live cases, most recently used first, then by name. */
export function useCases(): CaseRecord[] | undefined {
  return useLiveQuery(async () => {
    const all = (await getDb().cases.toArray()).filter(isLive);
    return all.sort((a, b) => b.updatedAt - a.updatedAt || a.name.localeCompare(b.name));
  });
}

/**
 * One case, or null when it does not exist, is in the Trash, or no id was given. Not keyed: while the next case is
 * read, the workspace goes on showing the one it had, whole (its keyed hooks all follow this record's ID).
 */
export function useCase(id: string | undefined): CaseRecord | null | undefined {
  return useLiveQuery(async () => (id ? ((await liveCase(id)) ?? null) : null), [id]);
}

/**
 * A case's sources in list order. The original bytes live in `sourceBlobs`
 * and are not loaded. The snapshot text comes with each record, since
 * IndexedDB has no projection and the reader and citations need it.
 */
export function useSources(caseId: string | undefined): SourceRecord[] | undefined {
  return useSharedLiveQuery('sources', caseId, async () => (caseId ? uncached(['sources'], () => liveSources(caseId).toArray()) : []));
}

/** One source (with its snapshot text), or null when it does not exist or is in the Trash. */
export function useSource(id: string | undefined): SourceRecord | null | undefined {
  return useKeyedLiveQuery(id, () => getLive<SourceRecord>(getDb().sources, id));
}

/** A case's notes in list order. */
export function useNotes(caseId: string | undefined): NoteRecord[] | undefined {
  return useKeyedLiveQuery(caseId, async () => (caseId ? liveNotes(caseId).toArray() : []));
}

/** One note, or null when it does not exist or is in the Trash. */
export function useNote(id: string | undefined): NoteRecord | null | undefined {
  return useKeyedLiveQuery(id, () => getLive<NoteRecord>(getDb().notes, id));
}

/** An app-wide setting written with `setMeta`; null when it was never set (undefined still means loading). */
export function useMeta<T>(key: string): T | null | undefined {
  return useKeyedLiveQuery(key, async () => {
    const record = await getDb().meta.get(key);
    return record ? (record.value as T) : null;
  });
}

/** Every live passage of a case, in no particular order (callers sort for their view). */
export function usePassages(caseId: string | undefined): PassageRecord[] | undefined {
  return useSharedLiveQuery('passages', caseId, async () => (caseId ? uncached(['passages'], () => livePassages(caseId).toArray()) : []));
}

/**
 * The live passages of one source: what the reader paints. Scoped by the
 * `[sourceId+deletedAt]` index, so a change to another source's passages does
 * not re-run it, and switching source reads one source's passages, not the case's.
 */
export function useSourcePassages(sourceId: string | undefined): PassageRecord[] | undefined {
  return useKeyedLiveQuery(sourceId, async () => (sourceId ? liveSourcePassages(sourceId).toArray() : []));
}

/** One passage by ID, or null when it does not exist or is in the Trash (the open passage card). */
export function usePassage(id: string | undefined): PassageRecord | null | undefined {
  return useKeyedLiveQuery(id, () => getLive<PassageRecord>(getDb().passages, id));
}

/** A case's codebook tags, by name. */
export function useTags(caseId: string | undefined): TagRecord[] | undefined {
  return useSharedLiveQuery('tags', caseId, async () => {
    if (!caseId) return [];
    const tags = await uncached(['tags'], () => liveTags(caseId).toArray());
    return tags.sort((a, b) => a.name.localeCompare(b.name));
  });
}

/** How many live passages and claims carry each tag of a case (the codebook's counts). */
export type TagUsage = ReadonlyMap<string, { passages: number; claims: number }>;

/**
 * The codebook's counts, from keys only: the live passages and claims of the
 * case (their primary keys through the tombstone-aware index) met with each
 * tag's entries of the `*tags` multi-entry index. No passage record is read,
 * so a case of 50,000 passages costs key lists, not 50,000 objects.
 */
export function useTagUsage(caseId: string | undefined): TagUsage | undefined {
  return useKeyedLiveQuery(caseId, async () => {
    const usage = new Map<string, { passages: number; claims: number }>();
    if (!caseId) return usage;
    const db = getDb();
    const [tags, passageKeys, claimKeys] = await Promise.all([liveTags(caseId).primaryKeys(), livePassages(caseId).primaryKeys(), liveClaims(caseId).primaryKeys()]);
    const livePassage = new Set(passageKeys);
    const liveClaim = new Set(claimKeys);
    await Promise.all(
      tags.map(async (tagId) => {
        const [p, c] = await Promise.all([db.passages.where('tags').equals(tagId).primaryKeys(), db.claims.where('tags').equals(tagId).primaryKeys()]);
        usage.set(tagId, { passages: p.filter((k) => livePassage.has(k)).length, claims: c.filter((k) => liveClaim.has(k)).length });
      }),
    );
    return usage;
  });
}

/** A case's claims, oldest first. */
export function useClaims(caseId: string | undefined): ClaimRecord[] | undefined {
  return useSharedLiveQuery('claims', caseId, async () => {
    if (!caseId) return [];
    const claims = await uncached(['claims'], () => liveClaims(caseId).toArray());
    return claims.sort((a, b) => a.createdAt - b.createdAt);
  });
}

/** A case's chronology decisions and hand-made events. */
export function useTimelineEntries(caseId: string | undefined): TimelineEntryRecord[] | undefined {
  return useKeyedLiveQuery(caseId, async () => (caseId ? getDb().timelineEntries.where('caseId').equals(caseId).toArray() : []));
}

/** A case's entity alias merges, oldest first. */
export function useEntityMerges(caseId: string | undefined): EntityMergeRecord[] | undefined {
  return useKeyedLiveQuery(caseId, async () => {
    if (!caseId) return [];
    const merges = await getDb().entityMerges.where('caseId').equals(caseId).toArray();
    return merges.sort((a, b) => a.createdAt - b.createdAt);
  });
}

/** A case's passage–entity tags. */
export function useEntityTags(caseId: string | undefined): EntityTagRecord[] | undefined {
  return useKeyedLiveQuery(caseId, async () => (caseId ? getDb().entityTags.where('caseId').equals(caseId).toArray() : []));
}

/** A case's figures (the brief's figure nodes show them by ID). */
export function useFigures(caseId: string | undefined): FigureRecord[] | undefined {
  return useKeyedLiveQuery(caseId, async () => (caseId ? getDb().figures.where('caseId').equals(caseId).toArray() : []));
}

/** One live passage by ID, read once (outside a live query): where a reveal request must go. */
export async function readPassage(id: string): Promise<PassageRecord | undefined> {
  return (await getLive<PassageRecord>(getDb().passages, id)) ?? undefined;
}

/** What of a case is in the Trash, newest first. */
export function useTrash(caseId: string | undefined): TrashItem[] | undefined {
  return useKeyedLiveQuery(caseId, () => (caseId ? listTrash(caseId) : Promise.resolve([])));
}

/** Cases in the Trash, newest first. */
export function useDeletedCases(): Stored<CaseRecord>[] | undefined {
  return useLiveQuery(() => listDeletedCases());
}

/** The local actor (its ID and the name shown on what it wrote); null before the database created it. */
export function useActor(): ActorRecord | null | undefined {
  return useMeta<ActorRecord>(ACTOR_KEY);
}

