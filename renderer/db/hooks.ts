import { useLiveQuery } from 'dexie-react-hooks';
import type { CaseRecord, NoteRecord, SourceRecord } from '../../shared/domain/types';
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
