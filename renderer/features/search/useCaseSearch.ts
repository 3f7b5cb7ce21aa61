import { useCallback, useEffect, useRef, useState } from 'react';
import { observeCaseRecords } from '../../db/hooks';
import { whenCaseOnScreen } from '../../lib/caseOnScreen';
import type { SearchHit } from './searchIndex';
import { RecordTracker, type Change, type FromWorker, type ToWorker } from './sync';

export interface SearchResults {
  query: string;
  hits: SearchHit[];
  total: number;
}

let shared: Worker | null = null;
let startFailure: string | null = null;
/** The one search worker, or null when it cannot start (the palette then says search is unavailable). */
function worker(): Worker | null {
  if (shared || startFailure) return shared;
  try {
    shared = new Worker(new URL('./search.worker.ts', import.meta.url), { type: 'module', name: 'Casefile search' });
  } catch (error) {
    startFailure = error instanceof Error ? error.message : String(error);
  }
  return shared;
}

/**
 * Keeps the worker's index in step with the active case and answers queries.
 *
 * Once the case is on screen (`whenCaseOnScreen`), four live queries (sources, passages, claims,
 * notes of the case, through `observeCaseRecords`) deliver a new snapshot whenever Dexie commits a change to that table; the tracker
 * turns each snapshot into the records that actually changed, and only those
 * are sent to the worker. Switching case clears the index and starts over.
 *
 * `generation` increases every time the index changes, so an open palette can
 * repeat its query and show what was just written.
 */
export function useCaseSearch(caseId: string | null) {
  const [generation, setGeneration] = useState(0);
  const [failure, setFailure] = useState<string | null>(null);
  const pending = useRef(new Map<number, (results: SearchResults) => void>());
  const queries = useRef(new Map<number, string>());
  const nextId = useRef(1);

  useEffect(() => {
    const w = worker();
    if (!w) {
      setFailure(startFailure);
      return;
    }
    const onMessage = (event: MessageEvent<FromWorker>) => {
      const message = event.data;
      if (message.type === 'indexed') setGeneration((g) => g + 1);
      else if (message.type === 'error') setFailure(message.message);
      else {
        const resolve = pending.current.get(message.requestId);
        pending.current.delete(message.requestId);
        const query = queries.current.get(message.requestId) ?? '';
        queries.current.delete(message.requestId);
        resolve?.({ query, hits: message.hits, total: message.total });
      }
    };
    const onError = (event: ErrorEvent) => setFailure(event.message || 'The search index stopped working.');
    w.addEventListener('message', onMessage);
    w.addEventListener('error', onError);
    return () => {
      w.removeEventListener('message', onMessage);
      w.removeEventListener('error', onError);
    };
  }, []);

  useEffect(() => {
    const w = worker();
    if (!w) return;
    const post = (message: ToWorker) => w.postMessage(message);
    post({ type: 'clear' });
    if (!caseId) return;
    const tracker = new RecordTracker();
    const send = (change: Change) => {
      if (change.removed.length) post({ type: 'remove', recordIds: change.removed });
      if (change.set.length) post({ type: 'set', records: change.set });
    };
    // Not before the case is on screen: the feed reads every source's text and every passage of the case,
    // which on a big case doubled the reads (and their main-thread work) that its first paint waits for.
    let stop: (() => void) | null = null;
    const cancel = whenCaseOnScreen(caseId, () => {
      stop = observeCaseRecords(caseId, {
        sources: (rows) => send(tracker.update('sources', rows)),
        passages: (rows) => send(tracker.update('passages', rows)),
        claims: (rows) => send(tracker.update('claims', rows)),
        notes: (rows) => send(tracker.update('notes', rows)),
        error: (error) => setFailure(error instanceof Error ? error.message : String(error)),
      });
    });
    return () => {
      cancel();
      stop?.();
    };
  }, [caseId]);

  const search = useCallback((query: string, limit = 30): Promise<SearchResults> => {
    const requestId = nextId.current++;
    const w = worker();
    if (!w) return Promise.resolve({ query, hits: [], total: 0 });
    return new Promise((resolve) => {
      pending.current.set(requestId, resolve);
      queries.current.set(requestId, query);
      w.postMessage({ type: 'search', requestId, query, limit } satisfies ToWorker);
    });
  }, []);

  return { search, generation, failure };
}
