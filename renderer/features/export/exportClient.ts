/**
 * The page's side of the export worker: one worker, started on first use,
 * with promise-shaped calls. `cancel()` stops the worker mid-job (the next
 * call starts a fresh one), so a cancelled export never reaches the disk.
 */
import type { ExportChoices, ExportKind, ExportProgress, ExportRecords, JobResult } from './choices';
import type { WorkerReply, WorkerRequest } from './protocol';
import { failureText, t, translate } from '../../i18n';

/** The user cancelled; not an error to show. */
export class ExportCancelled extends Error {
  override name = 'ExportCancelled';
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
  onProgress?: (progress: ExportProgress) => void;
}

let worker: Worker | null = null;
let nextId = 1;
const pending = new Map<number, Pending>();

function failAll(error: Error): void {
  for (const call of pending.values()) call.reject(error);
  pending.clear();
}

function getWorker(): Worker {
  if (worker) return worker;
  const started = new Worker(new URL('./export.worker.ts', import.meta.url), { type: 'module', name: 'casefile-export' });
  started.onmessage = (event: MessageEvent<WorkerReply>) => {
    const reply = event.data;
    const call = pending.get(reply.id);
    if (!call) return;
    if (reply.type === 'progress') {
      call.onProgress?.(reply.progress);
      return;
    }
    pending.delete(reply.id);
    if (reply.type === 'done') call.resolve(reply.value);
    else call.reject(new Error(translate(reply.message)));
  };
  started.onerror = (event) => {
    event.preventDefault();
    started.terminate();
    if (worker === started) worker = null;
    failAll(new Error(event.message ? t('exportError.workerStoppedWhy', { reason: event.message }) : t('exportError.workerStopped')));
  };
  worker = started;
  return started;
}

function call<T>(request: DistributiveOmit<WorkerRequest, 'id'>, onProgress?: (progress: ExportProgress) => void): Promise<T> {
  const id = nextId++;
  return new Promise<T>((resolve, reject) => {
    let target: Worker;
    try {
      target = getWorker();
    } catch (error) {
      reject(new Error(t('exportError.workerNotStarted', { reason: failureText(error) })));
      return;
    }
    pending.set(id, { resolve: resolve as (value: unknown) => void, reject, onProgress });
    target.postMessage({ ...request, id } as WorkerRequest);
  });
}

export function runExport(
  records: ExportRecords,
  choices: ExportChoices,
  kind: ExportKind,
  date: string,
  onProgress: (progress: ExportProgress) => void,
): Promise<JobResult> {
  return call<JobResult>({ type: 'export', records, choices, kind, date, words: { untitledBrief: t('exportBrief.untitledBrief') } }, onProgress);
}

export function fetchStyles(): Promise<{ id: string; title: string }[]> {
  return call({ type: 'styles' });
}

export function checkStyle(xml: string): Promise<{ title: string }> {
  return call({ type: 'check-style', xml });
}

/** Stop whatever the worker is doing; pending calls reject with {@link ExportCancelled}. */
export function cancelExport(): void {
  worker?.terminate();
  worker = null;
  failAll(new ExportCancelled(t('exportBrief.cancelled')));
}
