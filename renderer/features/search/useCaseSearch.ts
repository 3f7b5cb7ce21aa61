import { useCallback, useEffect, useRef, useState } from 'react';
import { whenCaseOnScreen } from '../../lib/caseOnScreen';
import type { SearchHit } from './searchIndex';
import type { FromWorker, ToWorker } from './sync';
import { failureText } from '../../i18n';

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
    startFailure = failureText(error);
  }
  return shared;
}

/**
 * Keeps the worker's index in step with the active case and answers queries.
 *
 * Once the case is on screen (`whenCaseOnScreen`), the page tells the worker which case is open; the
 * worker reads the case's records itself and keeps its index in step with them (search.worker.ts).
 * Switching case clears the index and starts over.
 *
 * `generation` increases every time the index changes, so an open palette can
 * repeat its query and show what was just written. `indexing` is true while the
 * index does not yet hold all of the open case (a big case takes the worker
 * seconds): what a query finds then may not be all there is.
 */
export function useCaseSearch(caseId: string | null) {
  const [generation, setGeneration] = useState(0);
  const [failure, setFailure] = useState<string | null>(null);
  // The case the worker's index holds whole (null: none yet). Until it is the open case, results may be missing.
  const [indexedCase, setIndexedCase] = useState<string | null>(null);
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
      if (message.type === 'indexed') {
        setGeneration((g) => g + 1);
        setIndexedCase(message.complete ? message.caseId : null);
      }
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
    post({ type: 'case', caseId: null });
    if (!caseId) return;
    // Not before the case is on screen: the worker reads every source's text and every passage of the
    // case, which competes for the same two cores and the same database as the case's first paint.
    const cancel = whenCaseOnScreen(caseId, () => post({ type: 'case', caseId }));
    return () => {
      cancel();
      post({ type: 'case', caseId: null });
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

  return { search, generation, failure, indexing: caseId !== null && indexedCase !== caseId };
}
