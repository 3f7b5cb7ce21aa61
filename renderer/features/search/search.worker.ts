import { SearchIndex } from './searchIndex';
import type { FromWorker, ToWorker } from './sync';

/**
 * The search index lives here, off the main thread. The page sends record
 * changes (set / remove) as they happen and queries; nothing is rebuilt from
 * scratch unless the page switches case (clear).
 */
const scope = self as unknown as { onmessage: ((event: MessageEvent<ToWorker>) => void) | null; postMessage(message: FromWorker): void };
const index = new SearchIndex();

scope.onmessage = (event) => {
  const message = event.data;
  try {
    if (message.type === 'clear') index.clear();
    else if (message.type === 'set') for (const [recordId, docs] of message.records) index.setRecord(recordId, docs);
    else if (message.type === 'remove') for (const recordId of message.recordIds) index.removeRecord(recordId);
    if (message.type === 'search') {
      const { hits, total } = index.search(message.query, { limit: message.limit });
      scope.postMessage({ type: 'results', requestId: message.requestId, hits, total });
    } else {
      scope.postMessage({ type: 'indexed', documents: index.size, records: index.records });
    }
  } catch (error) {
    scope.postMessage({ type: 'error', message: error instanceof Error ? error.message : String(error) });
  }
};
