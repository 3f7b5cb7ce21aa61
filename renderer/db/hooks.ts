import { useLiveQuery } from 'dexie-react-hooks';
import type { CaseRecord, ClaimRecord, NoteRecord, PassageRecord, SourceRecord, TagRecord } from '../../shared/domain/types';
import { getDb } from './db';

/**
 * The read side: live queries that re-render when the data changes.
 * `undefined` means loading; `null` means the record does not exist.
 */

export function useCases(): CaseRecord[] | undefined {
  return useLiveQuery(async () => {
    const all = await getDb().cases.toArray();
    return all.sort((a, b) => b.updatedAt - a.updatedAt || a.name.localeCompare(b.name));
  });
}

export function useCase(id: string | undefined): CaseRecord | null | undefined {
  return useLiveQuery(async () => (id ? ((await getDb().cases.get(id)) ?? null) : null), [id]);
}

export function useSources(caseId: string | undefined): SourceRecord[] | undefined {
  return useLiveQuery(
    () => (caseId ? getDb().sources.where('[caseId+order]').between([caseId, -Infinity], [caseId, Infinity]).toArray() : []),
    [caseId],
  );
}

export function useSource(id: string | undefined): SourceRecord | null | undefined {
  return useLiveQuery(async () => (id ? ((await getDb().sources.get(id)) ?? null) : null), [id]);
}

export function useNotes(caseId: string | undefined): NoteRecord[] | undefined {
  return useLiveQuery(
    () => (caseId ? getDb().notes.where('[caseId+order]').between([caseId, -Infinity], [caseId, Infinity]).toArray() : []),
    [caseId],
  );
}

export function useNote(id: string | undefined): NoteRecord | null | undefined {
  return useLiveQuery(async () => (id ? ((await getDb().notes.get(id)) ?? null) : null), [id]);
}

export function useMeta<T>(key: string): T | undefined {
  return useLiveQuery(async () => (await getDb().meta.get(key))?.value as T | undefined, [key]);
}

export function usePassages(caseId: string | undefined): PassageRecord[] | undefined {
  return useLiveQuery(() => (caseId ? getDb().passages.where('caseId').equals(caseId).toArray() : []), [caseId]);
}

export function useTags(caseId: string | undefined): TagRecord[] | undefined {
  return useLiveQuery(async () => {
    if (!caseId) return [];
    const tags = await getDb().tags.where('caseId').equals(caseId).toArray();
    return tags.sort((a, b) => a.name.localeCompare(b.name));
  }, [caseId]);
}

export function useClaims(caseId: string | undefined): ClaimRecord[] | undefined {
  return useLiveQuery(async () => {
    if (!caseId) return [];
    const claims = await getDb().claims.where('caseId').equals(caseId).toArray();
    return claims.sort((a, b) => a.createdAt - b.createdAt);
  }, [caseId]);
}
