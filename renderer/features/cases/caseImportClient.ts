/**
 * The page's side of a case import: one worker per import
 * (caseImport.worker.ts), promise-shaped. The bundle's bytes go over once,
 * are checked and written there; the page only gets small messages back:
 * what the file holds, then progress.
 */
import { t, translate } from '../../i18n';
import type { CheckedCase, FromImportWorker, ImportSourceKind, ToImportWorker } from './caseImportProtocol';

/** The import stopped because the person cancelled it; nothing was written. */
export class CaseImportCancelled extends Error {
  constructor() {
    super(t('cases.import.cancelled'));
    this.name = 'CaseImportCancelled';
  }
}

/** The write failed; `known` says the message stands alone (a refusal), else it explains a storage failure. */
export class CaseImportFailed extends Error {
  constructor(
    message: string,
    readonly known: boolean,
  ) {
    super(message);
    this.name = 'CaseImportFailed';
  }
}

export type CheckResult = { ok: true; cases: CheckedCase[] } | { ok: false; message: string };
export interface WriteResult {
  cases: { id: string; name: string }[];
  replacedTrash: string[];
}

export interface CaseImportSession {
  check(kind: ImportSourceKind, bytes: Uint8Array): Promise<CheckResult>;
  write(copies: boolean, onProgress: (done: number, total: number) => void): Promise<WriteResult>;
  /** While checking: stop the worker. While writing: abort the transaction (the write then rejects with CaseImportCancelled). */
  cancel(): void;
  close(): void;
}

export function startCaseImport(): CaseImportSession {
  const worker = new Worker(new URL('./caseImport.worker.ts', import.meta.url), { type: 'module', name: 'Casefile case import' });
  let waiting: { resolve(message: FromImportWorker): void; reject(error: Error): void; onProgress?: (done: number, total: number) => void } | null = null;
  let phase: 'idle' | 'checking' | 'writing' | 'closed' = 'idle';

  const fail = (error: Error) => {
    const w = waiting;
    waiting = null;
    w?.reject(error);
  };
  worker.onmessage = (event: MessageEvent<FromImportWorker>) => {
    const message = event.data;
    if (message.type === 'progress') return waiting?.onProgress?.(message.done, message.total);
    const w = waiting;
    waiting = null;
    w?.resolve(message);
  };
  worker.onerror = (event) => {
    event.preventDefault();
    fail(new Error(event.message ? t('cases.import.crashedWhy', { reason: event.message }) : t('cases.import.crashed')));
  };
  const ask = (message: ToImportWorker, transfer: Transferable[] = [], onProgress?: (done: number, total: number) => void) =>
    new Promise<FromImportWorker>((resolve, reject) => {
      waiting = { resolve, reject, onProgress };
      worker.postMessage(message, transfer);
    });
  const close = () => {
    if (phase === 'closed') return;
    phase = 'closed';
    worker.terminate();
  };

  return {
    async check(kind, bytes) {
      phase = 'checking';
      // The caller keeps its bytes: the worker gets a copy (a memory copy, a few milliseconds even for
      // the largest bundle a host hands over), and that copy moves without being copied again.
      const own = bytes.slice();
      const reply = await ask({ type: 'check', kind, bytes: own }, [own.buffer]);
      phase = 'idle';
      if (reply.type === 'checked') return { ok: true, cases: reply.cases };
      if (reply.type === 'refused') return { ok: false, message: reply.detail ? translate(reply.detail) : reply.message };
      throw new Error(`The import worker answered “${reply.type}” to a check.`);
    },
    async write(copies, onProgress) {
      phase = 'writing';
      const reply = await ask({ type: 'write', copies }, [], onProgress);
      phase = 'idle';
      if (reply.type === 'written') return { cases: reply.cases, replacedTrash: reply.replacedTrash };
      if (reply.type === 'cancelled') throw new CaseImportCancelled();
      if (reply.type === 'failed') throw new CaseImportFailed(reply.detail ? translate(reply.detail) : reply.message, reply.known);
      throw new Error(`The import worker answered “${reply.type}” to a write.`);
    },
    cancel() {
      if (phase === 'writing') worker.postMessage({ type: 'cancel' } satisfies ToImportWorker);
      else if (phase === 'checking') {
        close();
        fail(new CaseImportCancelled());
      }
    },
    close,
  };
}
