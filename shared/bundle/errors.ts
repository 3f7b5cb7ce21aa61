/**
 * Bundle failures as values: a stable code the UI and tests branch on, and a
 * message written for the person holding the file. The message names the
 * entry, the record and the field, and says what to do next where there is
 * something to do. Messages made here are catalogue references (`detail`, the
 * `bundleError` area) that the UI shows in its language; `message` is their English.
 */
import { englishText, type MessageRef } from '../i18n';

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
  /** `message` as a catalogue reference, when it has one. */
  detail?: MessageRef;
}

/**
 * Thrown inside the reader and writer so deep checks can stop at the first
 * problem without threading results through every call; `readBundle` turns it
 * back into a value, and `writeBundle` lets it reach the caller.
 */
export class BundleFailure extends Error {
  override readonly name = 'BundleFailure';
  readonly detail: MessageRef | undefined;

  constructor(
    public readonly code: BundleErrorCode,
    message: string | MessageRef,
  ) {
    super(typeof message === 'string' ? message : englishText(message));
    this.detail = typeof message === 'string' ? undefined : message;
  }

  /** The plain-data form that crosses IPC and reaches the UI. */
  toError(): BundleError {
    return { code: this.code, message: this.message, ...(this.detail ? { detail: this.detail } : {}) };
  }
}

/** An ID as a message shows it: long enough to find, short enough to read ("3f2a9c1b…"). */
export function shortId(id: unknown): string {
  if (typeof id !== 'string') return '(no id)';
  return id.length > 16 ? `${id.slice(0, 8)}…` : id;
}

const MIB = 1024 * 1024;

/** A bundle message: the catalogue's `bundleError.<key>`. Sizes go in as megabytes (`mb`) for the `megabytes` format. */
export function bundleRef(key: string, values?: MessageRef['values']): MessageRef {
  return { key: `bundleError.${key}`, ...(values ? { values } : {}) };
}

/** Bytes as megabytes, for a message's `{{size, megabytes}}`. */
export function mb(bytes: number): number {
  return bytes / MIB;
}

/** A size as megabytes with one decimal ("23.4 MB"), the unit limits are stated in. */
export function megabytes(n: number): string {
  return `${(n / MIB).toFixed(1)} MB`;
}

/** 1234567 → "1,234,567", independent of the machine's locale so messages and tests agree. */
export function groupDigits(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
