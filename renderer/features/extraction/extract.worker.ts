/**
 * The extraction worker: dates (chrono-node) and people, organisations and
 * places (compromise) in each source, off the main thread. Sources arrive in
 * batches; each result is posted as soon as it is ready, so the panes fill
 * in source by source. A source that cannot be read reports a failure and
 * the others go on.
 */
import { datesInSource } from '../../../shared/chronology/timeline';
import { extractEntities } from '../../../shared/entities/extract';
import type { FromExtractionWorker, ToExtractionWorker } from './protocol';

const post = (message: FromExtractionWorker) => (self as unknown as Worker).postMessage(message);

self.addEventListener('message', (event: MessageEvent<ToExtractionWorker>) => {
  const message = event.data;
  if (message.type !== 'extract') return;
  for (const job of message.jobs) {
    const started = performance.now();
    try {
      const dates = datesInSource(job);
      const entities = extractEntities(job.text, job.blocks);
      post({ type: 'result', sourceId: job.id, revision: job.revision, dates, entities, ms: performance.now() - started });
    } catch (error) {
      post({ type: 'failed', sourceId: job.id, revision: job.revision, message: error instanceof Error ? error.message : String(error) });
    }
  }
});
