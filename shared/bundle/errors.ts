/**
 * Bundle failures as values: a stable code the UI and tests branch on, and a
 * message written for the person holding the file. The message names the
 * entry, the record and the field, and says what to do next where there is
 * something to do. The UI shows `message` verbatim.
 */

export type BundleErrorCode =
  | 'not-zip'
  | 'truncated'
  | 'corrupt'
  | 'hash-mismatch'
  | 'future-version'
  | 'missing-entry'
  | 'invalid-record'
  | 'dangling-reference'
  | 'duplicate-id'
  | 'too-large'
  | 'zip-bomb';

export interface BundleError {
  code: BundleErrorCode;
  message: string;
}

/**
 * Thrown inside the reader and writer so deep checks can stop at the first
 * problem without threading results through every call; `readBundle` turns it
 * back into a value, and `writeBundle` lets it reach the caller.
 */
export class BundleFailure extends Error {
  override readonly name = 'BundleFailure';

  constructor(
    public readonly code: BundleErrorCode,
    message: string,
  ) {
    super(message);
  }

  /** The plain-data form that crosses IPC and reaches the UI. */
  toError(): BundleError {
    return { code: this.code, message: this.message };
  }
}

/** An ID as a message shows it: long enough to find, short enough to read ("3f2a9c1b…"). */
export function shortId(id: unknown): string {
  if (typeof id !== 'string') return '(no id)';
  return id.length > 16 ? `${id.slice(0, 8)}…` : id;
}

const MIB = 1024 * 1024;

/** A size as megabytes with one decimal ("23.4 MB"), the unit limits are stated in. */
export function megabytes(n: number): string {
  return `${(n / MIB).toFixed(1)} MB`;
}

/** 1234567 → "1,234,567", independent of the machine's locale so messages and tests agree. */
export function groupDigits(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
