/**
 * Live reads of a case outside React: the search worker keeps its index in step with them, on its own
 * connection (no React, no hooks here, so a worker can import it).
 */
import { liveQuery } from 'dexie';
import type { ClaimRecord, NoteRecord, PassageRecord, SourceRecord } from '../../shared/domain/types';
import { getDb } from './db';
import { liveClaims, liveNotes, livePassages, liveSources } from './live';

/**
 * Read inside an explicit read-only transaction. Dexie's query cache (on by default for live queries)
 * deep-clones every answer it hands out and keeps its own copy: for a big case's 50,000 passages that
 * was a quarter of a second of main-thread work on opening, and a second copy in memory. Queries Dexie
 * runs in an explicit transaction bypass that cache (they are still live: Dexie still records what they
 * read). The shared case-wide queries of hooks.ts share their answer themselves (useSharedLiveQuery),
 * and the search worker's feed reads each table once, so the cache saves them nothing.
 */
export function uncached<T>(tables: ('sources' | 'passages' | 'claims' | 'tags' | 'notes')[], read: () => Promise<T>): Promise<T> {
  const db = getDb();
  return db.transaction('r', tables.map((name) => db.table(name)), read);
}

/** What `observeCaseRecords` reports: each table's live records of the case, whenever they change. */
export interface CaseRecordObserver {
  sources(rows: SourceRecord[]): void;
  passages(rows: PassageRecord[]): void;
  claims(rows: ClaimRecord[]): void;
  notes(rows: NoteRecord[]): void;
  error(error: unknown): void;
}

/**
 * Subscribe to a case's live sources, passages, claims and notes outside
 * React (the search worker keeps its index in step this way). Each table is its
 * own live query, so a change to one re-reads only that one. Returns the
 * unsubscribe function.
 */
export function observeCaseRecords(caseId: string, observer: CaseRecordObserver): () => void {
  const error = (e: unknown) => observer.error(e);
  const subscriptions = [
    liveQuery(() => uncached(['sources'], () => liveSources(caseId).toArray())).subscribe({ next: (rows) => observer.sources(rows), error }),
    liveQuery(() => uncached(['passages'], () => livePassages(caseId).toArray())).subscribe({ next: (rows) => observer.passages(rows), error }),
    liveQuery(() => uncached(['claims'], () => liveClaims(caseId).toArray())).subscribe({ next: (rows) => observer.claims(rows), error }),
    liveQuery(() => uncached(['notes'], () => liveNotes(caseId).toArray())).subscribe({ next: (rows) => observer.notes(rows), error }),
  ];
  return () => {
    for (const s of subscriptions) s.unsubscribe();
  };
}
