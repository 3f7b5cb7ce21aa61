/**
 * The page's side of extraction: a small pool of workers for the app (one
 * per core, at most four; the page itself does little while they run), and
 * a cache of results by source and revision, so the Timeline and Entities
 * panes share one extraction and switching panes or cases never repeats it.
 * A source is sent again only when its revision changes ("Update source…").
 */
import { useEffect, useMemo, useRef, useSyncExternalStore } from 'react';
import type { SourceDates } from '../../../shared/chronology/timeline';
import type { SourceRecord } from '../../../shared/domain/types';
import { afterPaint } from '../../lib/afterPaint';
import type { SourceEntities } from '../../../shared/entities/extract';
import type { ExtractionJob, FromExtractionWorker } from './protocol';
import { failureText } from '../../i18n';

interface Result {
  revision: number;
  dates: SourceDates;
  entities: SourceEntities;
}

const results = new Map<string, Result>();
const failures = new Map<string, string>();
/** Source ID → revision sent and not answered yet (and its size, for balancing the pool). */
const inFlight = new Map<string, { revision: number; size: number }>();
const listeners = new Set<() => void>();
let version = 0;
let workers: Worker[] | null = null;
let startFailure: string | null = null;
/** Characters queued per worker, so a batch goes to the least busy one. */
let queued: number[] = [];

function notify(): void {
  if (pendingNotify) clearTimeout(pendingNotify);
  pendingNotify = 0;
  version++;
  for (const listener of [...listeners]) listener();
}

/** While results stream in, the panes rebuild at most every few hundred ms rather than once per source; the last result shows at once. */
const STREAM_NOTIFY_MS = 300;
let pendingNotify: ReturnType<typeof setTimeout> | 0 = 0;

function notifySoon(): void {
  if (inFlight.size === 0) notify();
  else if (!pendingNotify) pendingNotify = setTimeout(notify, STREAM_NOTIFY_MS);
}

function poolSize(): number {
  const cores = typeof navigator !== 'undefined' && navigator.hardwareConcurrency ? navigator.hardwareConcurrency : 2;
  return Math.max(1, Math.min(4, cores));
}

function startWorker(index: number): Worker {
  const w = new Worker(new URL('./extract.worker.ts', import.meta.url), { type: 'module', name: `Casefile extraction ${index + 1}` });
  w.addEventListener('message', (event: MessageEvent<FromExtractionWorker>) => {
    const message = event.data;
    if (inFlight.get(message.sourceId)?.revision === message.revision) {
      queued[index] = Math.max(0, (queued[index] ?? 0) - (inFlight.get(message.sourceId)?.size ?? 0));
      inFlight.delete(message.sourceId);
    }
    if (message.type === 'result') {
      results.set(message.sourceId, { revision: message.revision, dates: message.dates, entities: message.entities });
      failures.delete(message.sourceId);
    } else failures.set(message.sourceId, message.message);
    notifySoon();
  });
  w.addEventListener('error', (event) => {
    startFailure = event.message || 'The extraction worker stopped.';
    for (const other of workers ?? []) other.terminate();
    workers = null;
    inFlight.clear();
    notify();
  });
  return w;
}

function thePool(): Worker[] | null {
  if (workers || startFailure) return workers;
  try {
    workers = Array.from({ length: poolSize() }, (_, i) => startWorker(i));
    queued = workers.map(() => 0);
  } catch (error) {
    startFailure = failureText(error);
  }
  return workers;
}

/** Send every source whose current revision has no result and is not on its way. */
function request(sources: readonly SourceRecord[]): void {
  const jobs: ExtractionJob[] = [];
  for (const source of sources) {
    if (results.get(source.id)?.revision === source.revision || inFlight.get(source.id)?.revision === source.revision) continue;
    inFlight.set(source.id, { revision: source.revision, size: source.text.length });
    const { id, revision, text, blocks, metadata, fetched, importedAt } = source;
    jobs.push({ id, revision, text, blocks, metadata, fetched, importedAt });
  }
  if (jobs.length === 0) return;
  const pool = thePool();
  if (!pool) {
    for (const job of jobs) inFlight.delete(job.id);
    notify();
    return;
  }
  // Largest first, each to the least loaded worker: the pool finishes together.
  const batches: ExtractionJob[][] = pool.map(() => []);
  for (const job of [...jobs].sort((a, b) => b.text.length - a.text.length)) {
    let best = 0;
    for (let i = 1; i < pool.length; i++) if ((queued[i] ?? 0) < (queued[best] ?? 0)) best = i;
    batches[best]!.push(job);
    queued[best] = (queued[best] ?? 0) + job.text.length;
  }
  batches.forEach((batch, i) => {
    if (batch.length > 0) pool[i]!.postMessage({ type: 'extract', jobs: batch });
  });
  notify();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export interface CaseExtraction {
  dates: SourceDates[];
  entities: { sourceId: string; text: string; extracted: SourceEntities }[];
  /** Sources still being read. */
  pending: number;
  /** Why extraction could not run at all, or which sources failed. */
  error: string | null;
}

/**
 * Dates and entities of the given sources, filling in as the worker answers. The sources are sent
 * once `start` holds (a pane passes false until what it can draw without extraction has arrived),
 * and after the next frame is painted: starting the workers and handing them 500 sources takes the
 * cores the pane's first paint needs. Until then the sources count as pending.
 */
export function useCaseExtraction(sources: readonly SourceRecord[] | undefined, start = true): CaseExtraction {
  useEffect(() => {
    if (sources && start) return afterPaint(() => request(sources));
  }, [sources, start]);
  const current = useSyncExternalStore(subscribe, () => version);
  const previous = useRef<CaseExtraction | null>(null);
  const extraction = useMemo(() => {
    void current;
    const list = sources ?? [];
    const dates: SourceDates[] = [];
    const entities: CaseExtraction['entities'] = [];
    let pending = 0;
    const failed: string[] = [];
    for (const source of list) {
      const result = results.get(source.id);
      if (result && result.revision === source.revision) {
        dates.push(result.dates);
        entities.push({ sourceId: source.id, text: source.text, extracted: result.entities });
      } else if (failures.has(source.id)) failed.push(`${source.metadata.title}: ${failures.get(source.id)}`);
      else pending++;
    }
    const error = startFailure ? `Dates and names cannot be found: ${startFailure}` : failed.length ? `Some sources could not be read: ${failed.join('; ')}` : null;
    // The same results keep the same arrays: a change of what is pending alone (sources sent, a failure)
    // does not make the panes rebuild their timeline and entities from what they already have.
    const last = previous.current;
    return {
      dates: last && sameItems(last.dates, dates) ? last.dates : dates,
      entities: last && sameItems(last.entities, entities, (a, b) => a.extracted === b.extracted && a.text === b.text) ? last.entities : entities,
      pending: startFailure ? 0 : pending,
      error,
    };
  }, [sources, current]);
  useEffect(() => {
    previous.current = extraction;
  }, [extraction]);
  return extraction;
}

/** Whether two lists hold the same items in the same order (`same` compares two items; identity by default). */
export function sameItems<T>(a: readonly T[], b: readonly T[], same: (x: T, y: T) => boolean = Object.is): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!same(a[i]!, b[i]!)) return false;
  return true;
}
