import { useLiveQuery } from 'dexie-react-hooks';
import type { CaseRecord, ClaimRecord, EntityMergeRecord, EntityTagRecord, FigureRecord, NoteRecord, PassageRecord, SourceRecord, TagRecord, TimelineEntryRecord } from '../../shared/domain/types';
import { getDb } from './db';

/*
 * The read side: live queries that re-render when the data changes.
 * `undefined` means loading; `null` means the record does not exist.
 * Queries only read through Dexie (nothing else is awaited inside them), so
 * Dexie can track exactly which ranges each one depends on.
 */

/** All cases, most recently used first, then by name. */
export function useCases(): CaseRecord[] | undefined {
  return useLiveQuery(async () => {
    const all = await getDb().cases.toArray();
    return all.sort((a, b) => b.updatedAt - a.updatedAt || a.name.localeCompare(b.name));
  });
}

/** One case, or null when it does not exist (or no id was given). */
export function useCase(id: string | undefined): CaseRecord | null | undefined {
  return useLiveQuery(async () => (id ? ((await getDb().cases.get(id)) ?? null) : null), [id]);
}

/**
 * A case's sources in list order. The original bytes live in `sourceBlobs`
 * and are not loaded. The snapshot text comes with each record, since
 * IndexedDB has no projection and the reader and citations need it.
 */
export function useSources(caseId: string | undefined): SourceRecord[] | undefined {
  return useLiveQuery(
    () => (caseId ? getDb().sources.where('[caseId+order]').between([caseId, -Infinity], [caseId, Infinity]).toArray() : []),
    [caseId],
  );
}

/** One source (with its snapshot text), or null when it does not exist. */
export function useSource(id: string | undefined): SourceRecord | null | undefined {
  return useLiveQuery(async () => (id ? ((await getDb().sources.get(id)) ?? null) : null), [id]);
}

/** A case's notes in list order. */
export function useNotes(caseId: string | undefined): NoteRecord[] | undefined {
  return useLiveQuery(
    () => (caseId ? getDb().notes.where('[caseId+order]').between([caseId, -Infinity], [caseId, Infinity]).toArray() : []),
    [caseId],
  );
}

/** One note, or null when it does not exist. */
export function useNote(id: string | undefined): NoteRecord | null | undefined {
  return useLiveQuery(async () => (id ? ((await getDb().notes.get(id)) ?? null) : null), [id]);
}

/** An app-wide setting written with `setMeta`; null when it was never set (undefined still means loading). */
export function useMeta<T>(key: string): T | null | undefined {
  return useLiveQuery(async () => {
    const record = await getDb().meta.get(key);
    return record ? (record.value as T) : null;
  }, [key]);
}

/** Every passage of a case, in no particular order (callers sort for their view). */
export function usePassages(caseId: string | undefined): PassageRecord[] | undefined {
  return useLiveQuery(() => (caseId ? getDb().passages.where('caseId').equals(caseId).toArray() : []), [caseId]);
}

/** A case's codebook tags, by name. */
export function useTags(caseId: string | undefined): TagRecord[] | undefined {
  return useLiveQuery(async () => {
    if (!caseId) return [];
    const tags = await getDb().tags.where('caseId').equals(caseId).toArray();
    return tags.sort((a, b) => a.name.localeCompare(b.name));
  }, [caseId]);
}

/** A case's claims, oldest first. */
export function useClaims(caseId: string | undefined): ClaimRecord[] | undefined {
  return useLiveQuery(async () => {
    if (!caseId) return [];
    const claims = await getDb().claims.where('caseId').equals(caseId).toArray();
    return claims.sort((a, b) => a.createdAt - b.createdAt);
  }, [caseId]);
}

/** A case's chronology decisions and hand-made events. */
export function useTimelineEntries(caseId: string | undefined): TimelineEntryRecord[] | undefined {
  return useLiveQuery(() => (caseId ? getDb().timelineEntries.where('caseId').equals(caseId).toArray() : []), [caseId]);
}

/** A case's entity alias merges, oldest first. */
export function useEntityMerges(caseId: string | undefined): EntityMergeRecord[] | undefined {
  return useLiveQuery(async () => {
    if (!caseId) return [];
    const merges = await getDb().entityMerges.where('caseId').equals(caseId).toArray();
    return merges.sort((a, b) => a.createdAt - b.createdAt);
  }, [caseId]);
}

/** A case's passage–entity tags. */
export function useEntityTags(caseId: string | undefined): EntityTagRecord[] | undefined {
  return useLiveQuery(() => (caseId ? getDb().entityTags.where('caseId').equals(caseId).toArray() : []), [caseId]);
}

/** A case's figures (the brief's figure nodes show them by ID). */
export function useFigures(caseId: string | undefined): FigureRecord[] | undefined {
  return useLiveQuery(() => (caseId ? getDb().figures.where('caseId').equals(caseId).toArray() : []), [caseId]);
}
