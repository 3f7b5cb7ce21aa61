/**
 * An autosave controller, independent of React and of what is saved.
 *
 * - Debounce: a save runs `debounceMs` after the last change…
 * - …but never later than `maxWaitMs` after the first unsaved change, so a
 *   person who types without pausing still has their work on disk.
 * - `flush()` saves now (blur, note or case switch, page hide, quit).
 * - Saves never overlap; a change made during a save is saved after it.
 * - Only the newest value is ever written: each value carries a sequence
 *   number, and a value that a newer one has replaced is never sent, so a
 *   save that finishes late cannot overwrite newer typing.
 * - A failed save reports 'error' and is retried on the next change or flush.
 * - With `isEmpty`, empty values are ignored until a non-empty one has been
 *   seen: an editor that is still loading (or failed to load) produces empty
 *   documents, and those must never reach storage.
 */

export type AutosaveStatus = 'saved' | 'pending' | 'saving' | 'error';

/** Timer functions, replaceable in tests. */
export interface AutosaveTimers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(id: unknown): void;
}

export interface AutosaveOptions<T> {
  /** Write one value. `seq` increases with every scheduled value. */
  save(value: T, seq: number): Promise<void>;
  /** Quiet time after the last change before saving. Default 1000 ms. */
  debounceMs?: number;
  /** Longest time a change may stay unsaved while changes keep coming. Default 5000 ms. */
  maxWaitMs?: number;
  /** Recognises an empty value (see the module comment). */
  isEmpty?(value: T): boolean;
  onStatus?(status: AutosaveStatus, error?: unknown): void;
  now?(): number;
  timers?: AutosaveTimers;
}

export interface Autosave<T> {
  /** A new value to save; replaces any value not yet saved. */
  schedule(value: T): void;
  /** Save the pending value now. Resolves when nothing is pending or the save failed (see `status`); never rejects. */
  flush(): Promise<void>;
  /** Flush, then stop accepting values. */
  dispose(): Promise<void>;
  /**
   * Forget the unsaved value without writing it (the caller has taken it over, for
   * example to merge it with a version saved elsewhere). A save already running
   * finishes; nothing pending is written afterwards.
   */
  discard(): void;
  readonly status: AutosaveStatus;
}

const realTimers: AutosaveTimers = {
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (id) => globalThis.clearTimeout(id as ReturnType<typeof setTimeout>),
};

/**
 * Create an autosave controller. The caller decides what a value is and how
 * it is written; this decides when, so every editor gets the same guarantees
 * (see the module comment) without re-implementing timers and races.
 */
/** How a note's text is saved while typing, shared or not: a second after the last key, at least every five seconds. */
export const NOTE_SAVE_TIMING = { debounceMs: 1000, maxWaitMs: 5000 } as const;

export function createAutosave<T>(opts: AutosaveOptions<T>): Autosave<T> {
  const debounceMs = opts.debounceMs ?? 1000;
  const maxWaitMs = opts.maxWaitMs ?? 5000;
  const now = opts.now ?? (() => Date.now());
  const timers = opts.timers ?? realTimers;

  let pending: { value: T; seq: number } | null = null;
  let lastSeq = 0;
  let seenContent = !opts.isEmpty;
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

  const arm = () => {
    clearTimer();
    const at = now();
    firstUnsavedAt ??= at;
    const wait = Math.max(0, Math.min(debounceMs, firstUnsavedAt + maxWaitMs - at));
    timer = timers.setTimeout(() => {
      timer = null;
      void run();
    }, wait);
  };

  /** Write the pending value, one save at a time. */
  const saveOnce = async (job: { value: T; seq: number }): Promise<void> => {
    // The changes being saved are no longer "unsaved"; newer ones start a new wait.
    firstUnsavedAt = null;
    setStatus('saving');
    try {
      await opts.save(job.value, job.seq);
      if (pending === job) pending = null;
      setStatus(pending ? 'pending' : 'saved');
    } catch (error) {
      setStatus('error', error);
    }
  };

  const run = async (): Promise<void> => {
    clearTimer();
    // Wait out a running save; then whatever is newest is written.
    while (inFlight) await inFlight;
    if (!pending) return;
    inFlight = saveOnce(pending);
    try {
      await inFlight;
    } finally {
      inFlight = null;
    }
    // A change made during the save armed its own timer in schedule(); a
    // failed value waits for the next change or flush.
  };

  return {
    schedule(value: T) {
      if (disposed) return;
      if (!seenContent) {
        if (opts.isEmpty?.(value)) return;
        seenContent = true;
      }
      pending = { value, seq: ++lastSeq };
      if (status !== 'saving') setStatus('pending');
      arm();
    },
    flush: run,
    discard() {
      clearTimer();
      pending = null;
      firstUnsavedAt = null;
      if (status !== 'saving') setStatus('saved');
    },
    async dispose() {
      disposed = true;
      await run();
      clearTimer();
    },
    get status() {
      return status;
    },
  };
}
