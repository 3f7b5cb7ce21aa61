import { openDatabase } from '../../db';
import { observeCaseRecords } from '../../db/observe';
import { IndexQueue } from './indexQueue';
import { SearchIndex } from './searchIndex';
import { RecordTracker, type Change, type FromWorker, type ToWorker } from './sync';

/**
 * The search index lives here, off the main thread, and so does what feeds it: the worker reads the
 * case's sources, passages, claims and notes through its own connection to the database (live
 * queries, re-run when a table of the case changes, in this worker or on the page), and the tracker
 * turns each answer into the records whose documents changed, applied to the index a time-slice at a
 * time (indexQueue.ts). The page only says which case is open
 * and asks queries: reading 20 MB of source text and 50,000 passages, building their documents and
 * copying them across cost the page seconds on a big case when it did this itself.
 */
const scope = self as unknown as { onmessage: ((event: MessageEvent<ToWorker>) => void) | null; postMessage(message: FromWorker): void };
const index = new SearchIndex();
const opened = openDatabase();
const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));
/** The case asked for last, so a late open does not follow a case the page has left. */
let wanted: string | null = null;
let stop: (() => void) | null = null;

/** Work in slices of this long, so a query (or a change of case) waits at most about this long. */
const SLICE_MS = 25;
/** While a long build runs, the page hears of progress this often (each 'indexed' re-runs an open palette's query). */
const PROGRESS_MS = 1000;
const queue = new IndexQueue(index);
let scheduled = false;
let lastReport = 0;

/** The tables the index is built from; those of the case followed that have answered since it was opened: until all have, the index holds part of it. */
const TABLES = ['sources', 'passages', 'claims', 'notes'] as const;
type Table = (typeof TABLES)[number];
let answered = new Set<Table>();

const report = () => {
  lastReport = performance.now();
  const complete = wanted === null || (answered.size === TABLES.length && queue.pending === 0);
  scope.postMessage({ type: 'indexed', caseId: wanted, complete, documents: index.size, records: index.records });
};

function pump(): void {
  scheduled = false;
  try {
    queue.run(SLICE_MS);
  } catch (error) {
    scope.postMessage({ type: 'error', message: messageOf(error) });
  }
  if (queue.pending === 0 || performance.now() - lastReport >= PROGRESS_MS) report();
  if (queue.pending > 0) schedule();
}

function schedule(): void {
  if (scheduled) return;
  scheduled = true;
  setTimeout(pump, 0);
}

function apply(change: Change): void {
  if (change.removed.length === 0 && change.set.length === 0) return;
  queue.add(change);
  schedule();
}

function follow(caseId: string | null): void {
  wanted = caseId;
  stop?.();
  stop = null;
  queue.clear();
  index.clear();
  answered = new Set();
  report();
  if (caseId === null) return;
  opened.then(
    () => {
      if (wanted !== caseId || stop) return;
      const tracker = new RecordTracker();
      const fail = (error: unknown) => scope.postMessage({ type: 'error', message: messageOf(error) });
      const step = (table: Table, update: () => Change) => {
        const first = !answered.has(table);
        answered.add(table);
        try {
          apply(update());
        } catch (error) {
          fail(error);
        }
        // A table's first answer that adds nothing to index (no claims yet) may be the one that completes the index.
        if (first && queue.pending === 0) report();
      };
      stop = observeCaseRecords(caseId, {
        sources: (rows) => step('sources', () => tracker.update('sources', rows)),
        passages: (rows) => step('passages', () => tracker.update('passages', rows)),
        claims: (rows) => step('claims', () => tracker.update('claims', rows)),
        notes: (rows) => step('notes', () => tracker.update('notes', rows)),
        error: fail,
      });
    },
    (error: unknown) => scope.postMessage({ type: 'error', message: messageOf(error) }),
  );
}

scope.onmessage = (event) => {
  const message = event.data;
  try {
    if (message.type === 'case') follow(message.caseId);
    else {
      const { hits, total } = index.search(message.query, { limit: message.limit });
      scope.postMessage({ type: 'results', requestId: message.requestId, hits, total });
    }
  } catch (error) {
    scope.postMessage({ type: 'error', message: messageOf(error) });
  }
};
