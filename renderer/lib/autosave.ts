/**
 * An autosave controller, independent of React and of what is saved.
 *
 * - Debounce: a save runs `debounceMs` after the last change…
 * - …but never later than `maxWaitMs` after the first unsaved change.
 * - `flush()` saves now (blur, note or case switch, page hide, quit).
 * - Saves never overlap; a change during a save is saved right after it.
 * - Only the newest value is ever written: a save that finishes late cannot
 *   overwrite newer typing, because newer values carry higher sequence numbers
 *   and a stale value is never sent.
 * - A failed save reports 'error' and is retried on the next change or flush.
 */

export type AutosaveStatus = 'saved' | 'pending' | 'saving' | 'error';

export interface AutosaveOptions<T> {
  save(value: T, seq: number): Promise<void>;
  debounceMs?: number;
  maxWaitMs?: number;
  onStatus?(status: AutosaveStatus, error?: unknown): void;
  timers?: {
    setTimeout(fn: () => void, ms: number): unknown;
    clearTimeout(id: unknown): void;
    now(): number;
  };
}

export interface Autosave<T> {
  schedule(value: T): void;
  flush(): Promise<void>;
  dispose(): Promise<void>;
  readonly status: AutosaveStatus;
}

export function createAutosave<T>(opts: AutosaveOptions<T>): Autosave<T> {
  const debounceMs = opts.debounceMs ?? 1000;
  const maxWaitMs = opts.maxWaitMs ?? 5000;
  const timers = opts.timers ?? {
    setTimeout: (fn: () => void, ms: number) => globalThis.setTimeout(fn, ms),
    clearTimeout: (id: unknown) => globalThis.clearTimeout(id as ReturnType<typeof setTimeout>),
    now: () => Date.now(),
  };

  let pending: { value: T; seq: number } | null = null;
  let seq = 0;
  let savedSeq = 0;
  let firstUnsavedAt: number | null = null;
  let timer: unknown = null;
  let inFlight: Promise<void> | null = null;
  let status: AutosaveStatus = 'saved';
  let disposed = false;

  const setStatus = (next: AutosaveStatus, error?: unknown) => {
    status = next;
    opts.onStatus?.(next, error);
  };

  const clearTimer = () => {
    if (timer !== null) timers.clearTimeout(timer);
    timer = null;
  };

  const run = async (): Promise<void> => {
    clearTimer();
    // Wait for a running save; the loop then writes whatever is newest.
    while (inFlight) await inFlight;
    if (!pending || pending.seq <= savedSeq) return;
    const job = pending;
    setStatus('saving');
    inFlight = (async () => {
      try {
        await opts.save(job.value, job.seq);
        savedSeq = Math.max(savedSeq, job.seq);
        if (pending === job) {
          pending = null;
          firstUnsavedAt = null;
        }
        setStatus(pending ? 'pending' : 'saved');
      } catch (error) {
        setStatus('error', error);
      }
    })();
    try {
      await inFlight;
    } finally {
      inFlight = null;
    }
    // Changes made during the save: schedule them as usual.
    if (pending && pending.seq > savedSeq && status !== 'error') arm();
  };

  const arm = () => {
    clearTimer();
    const now = timers.now();
    firstUnsavedAt ??= now;
    const wait = Math.max(0, Math.min(debounceMs, firstUnsavedAt + maxWaitMs - now));
    timer = timers.setTimeout(() => {
      timer = null;
      void run();
    }, wait);
  };

  return {
    schedule(value: T) {
      if (disposed) return;
      pending = { value, seq: ++seq };
      if (status !== 'saving') setStatus('pending');
      arm();
    },
    flush: () => run(),
    async dispose() {
      await run();
      disposed = true;
      clearTimer();
    },
    get status() {
      return status;
    },
  };
}
