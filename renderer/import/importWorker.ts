/**
 * The page's side of the import worker: one worker, started on first use,
 * with promise-shaped calls. An aborted signal stops the worker at once (the
 * next call starts a fresh one), which is also how a runaway file is
 * stopped. Where no Worker exists (unit tests under jsdom or Node), the same
 * code runs inline.
 */
import { ImportError, importErrors, fileSubject } from '../../shared/import/errors';
import type { ImportWorkerReply, ImportWorkerRequest } from './protocol';
import type { PrepareProgress, PrepareRequest, PreparedSource } from './prepareSource';

interface Pending {
  request: PrepareRequest;
  resolve(value: PreparedSource): void;
  reject(error: Error): void;
  onProgress?: (progress: PrepareProgress) => void;
}

let worker: Worker | null = null;
let nextId = 1;
const pending = new Map<number, Pending>();

function failAll(error: Error): void {
  for (const call of pending.values()) call.reject(error);
  pending.clear();
}

function stop(): void {
  worker?.terminate();
  worker = null;
}

function getWorker(): Worker {
  if (worker) return worker;
  const started = new Worker(new URL('./import.worker.ts', import.meta.url), { type: 'module', name: 'casefile-import' });
  started.onmessage = (event: MessageEvent<ImportWorkerReply>) => {
    const reply = event.data;
    const call = pending.get(reply.id);
    if (!call) return;
    if (reply.type === 'progress') {
      call.onProgress?.(reply.progress);
      return;
    }
    pending.delete(reply.id);
    if (reply.type === 'done') call.resolve(reply.value);
    else call.reject(reply.code ? new ImportError(reply.code, reply.detail ?? reply.message) : new Error(reply.message));
  };
  started.onerror = (event) => {
    event.preventDefault();
    if (worker === started) stop();
    // Most often the worker ran out of memory on a file far bigger inside than outside.
    failAll(new Error(`reading the file stopped unexpectedly${event.message ? ` (${event.message})` : ''}. It may be damaged or too complex.`));
  };
  worker = started;
  return started;
}

export interface OffThreadOptions {
  signal?: AbortSignal;
  onProgress?: (progress: PrepareProgress) => void;
}

/** Run `prepareSource` in the import worker (or inline where there are no workers). */
export async function prepareOffThread(request: PrepareRequest, options: OffThreadOptions = {}): Promise<PreparedSource> {
  const { signal, onProgress } = options;
  if (signal?.aborted) throw importErrors.cancelled(fileSubject(request.name));
  if (typeof Worker === 'undefined') {
    const { prepareSource } = await import('./prepareSource');
    return prepareSource(request, onProgress);
  }
  const id = nextId++;
  return new Promise<PreparedSource>((resolve, reject) => {
    const onAbort = () => {
      pending.delete(id);
      // Stopping the worker is the only way to interrupt it; other files in flight start again on a fresh one.
      stop();
      for (const [otherId, other] of pending) getWorker().postMessage({ id: otherId, request: other.request } satisfies ImportWorkerRequest);
      reject(importErrors.cancelled(fileSubject(request.name)));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    const settle = <T,>(fn: (value: T) => void) => (value: T) => {
      signal?.removeEventListener('abort', onAbort);
      fn(value);
    };
    let target: Worker;
    try {
      target = getWorker();
    } catch (error) {
      reject(new Error(`the import worker could not start: ${error instanceof Error ? error.message : String(error)}`));
      return;
    }
    pending.set(id, { request, resolve: settle(resolve), reject: settle(reject), ...(onProgress ? { onProgress } : {}) });
    target.postMessage({ id, request } satisfies ImportWorkerRequest);
  });
}
