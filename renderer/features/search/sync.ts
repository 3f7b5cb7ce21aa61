import type { ClaimRecord, NoteRecord, PassageRecord, SourceRecord } from '../../../shared/domain/types';
import { docForClaim, docForNote, docForPassage, docsForSource, type SearchDoc, type SearchHit } from './searchIndex';

/** Messages to the search worker: which case to index (null: none), and queries. */
export type ToWorker = { type: 'case'; caseId: string | null } | { type: 'search'; requestId: number; query: string; limit: number };

/** Messages from the search worker. */
export type FromWorker =
  /** `complete`: the index holds all of `caseId` (every table has answered once and nothing waits), not a part of it yet. */
  | { type: 'indexed'; caseId: string | null; complete: boolean; documents: number; records: number }
  | { type: 'results'; requestId: number; hits: SearchHit[]; total: number }
  | { type: 'error'; message: string };

/** What changed since the last snapshot: records whose documents must be (re)built, and records that went away. */
export interface Change {
  set: Array<[string, SearchDoc[]]>;
  removed: string[];
}

/**
 * Turns repeated snapshots of a case's records (as live queries deliver them)
 * into incremental changes. Each record has a signature of exactly what its
 * documents are built from; only records whose signature changed are rebuilt
 * and sent, so an edited comment re-indexes one passage, not the case.
 */
export class RecordTracker {
  private readonly seen = new Map<string, string>();
  private sources: SourceRecord[] = [];
  private passages: PassageRecord[] = [];
  private claims: ClaimRecord[] = [];
  private notes: NoteRecord[] = [];
  private titles = new Map<string, string>();

  /** Apply a new snapshot of one table; returns the change to send to the index. */
  update(table: 'sources', records: SourceRecord[]): Change;
  update(table: 'passages', records: PassageRecord[]): Change;
  update(table: 'claims', records: ClaimRecord[]): Change;
  update(table: 'notes', records: NoteRecord[]): Change;
  update(table: 'sources' | 'passages' | 'claims' | 'notes', records: SourceRecord[] | PassageRecord[] | ClaimRecord[] | NoteRecord[]): Change {
    const change: Change = { set: [], removed: [] };
    if (table === 'sources') {
      this.sources = records as SourceRecord[];
      this.titles = new Map(this.sources.map((s) => [s.id, s.metadata.title || s.fileName]));
      this.diff(
        'sources',
        this.sources.map((s) => [s.id, `${s.revision}\u0000${JSON.stringify(s.metadata)}\u0000${s.fileName}\u0000${s.text.length}`, () => docsForSource(s)]),
        change,
      );
      // Passage results show their source's title.
      this.diffPassages(change);
    } else if (table === 'passages') {
      this.passages = records as PassageRecord[];
      this.diffPassages(change);
    } else if (table === 'claims') {
      this.claims = records as ClaimRecord[];
      this.diff(
        'claims',
        this.claims.map((c) => [c.id, `${c.statement}\u0000${c.claimant}\u0000${c.note}`, () => [docForClaim(c)]]),
        change,
      );
    } else {
      this.notes = records as NoteRecord[];
      this.diff(
        'notes',
        this.notes.map((n) => [n.id, `${n.title}\u0000${n.plainText}`, () => [docForNote(n)]]),
        change,
      );
    }
    return change;
  }

  private diffPassages(change: Change): void {
    this.diff(
      'passages',
      this.passages.map((p) => {
        const title = this.titles.get(p.sourceId) ?? '';
        const sig = `${p.selectors[0].exact}\u0000${p.comment}\u0000${p.selectors[1].start}:${p.selectors[1].end}\u0000${p.locator.kind}${p.locator.value}\u0000${title}`;
        return [p.id, sig, () => [docForPassage(p, title)]];
      }),
      change,
    );
  }

  private readonly owners = new Map<string, string>();

  private diff(table: string, entries: Array<[string, string, () => SearchDoc[]]>, change: Change): void {
    const present = new Set<string>();
    for (const [id, sig, build] of entries) {
      present.add(id);
      this.owners.set(id, table);
      if (this.seen.get(id) === sig) continue;
      this.seen.set(id, sig);
      change.set.push([id, build()]);
    }
    for (const [id, owner] of this.owners) {
      if (owner !== table || present.has(id)) continue;
      this.owners.delete(id);
      this.seen.delete(id);
      change.removed.push(id);
    }
  }
}
