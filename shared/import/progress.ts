/**
 * The control every import pipeline accepts, from the UI down to the parsers:
 * an `AbortSignal` the user's Cancel aborts, and a progress callback the
 * status line reads. Pipelines check the signal between units of work (a
 * page, a chunk) and stop with `cancelled()`; nothing is stored after that.
 */

export interface ImportProgress {
  /** What is happening now, as the status line shows it: "Reading page 3 of 120". */
  message: string;
  /** Units done and in all (pages, bytes …), when the work can be counted; absent = indeterminate. */
  done?: number;
  total?: number;
}

export interface ImportControl {
  signal?: AbortSignal;
  onProgress?: (progress: ImportProgress) => void;
}

/** The error every pipeline throws when its signal is aborted (a DOMException named AbortError). */
export function cancelled(): Error {
  return new DOMException('The import was cancelled.', 'AbortError');
}

/** True for the error `cancelled()` makes, or any other AbortError (fetch, workers). */
export function isCancellation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { name?: unknown }).name === 'AbortError';
}

/** Throw `cancelled()` when the signal has been aborted. */
export function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw cancelled();
}
