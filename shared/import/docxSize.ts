/**
 * A Word file is a zip, and a zip can claim a few hundred kilobytes while
 * inflating to gigabytes (a 308 KB DOCX inflating to 300 MB froze the app
 * for 9 s). Before mammoth inflates anything, this check reads the zip's
 * central directory (with the same strict reader as case bundles), weighs
 * every entry's declared size, and then inflates each compressed entry as a
 * stream, counting bytes and stopping at the first one past its declared size
 * or the limit, so a directory that lies costs no more than one that tells
 * the truth.
 */
import { Inflate } from 'fflate';
import { BundleFailure } from '../bundle/errors';
import { listZipEntries, type ZipEntryInfo } from '../bundle/zip';
import { importErrors } from './errors';

const MIB = 1024 * 1024;

export interface ZipSizeLimits {
  /** Largest inflated size of one entry (word/document.xml of a very long report is 30–50 MB). */
  entryBytes: number;
  /** Largest inflated size of all entries together. */
  totalBytes: number;
  /** Most entries (a real document has a few dozen, plus its images). */
  entries: number;
}

export const DOCX_LIMITS: ZipSizeLimits = { entryBytes: 64 * MIB, totalBytes: 160 * MIB, entries: 5_000 };

const WORD = 'Word (.docx)';
/** Compressed bytes handed to the inflater at a time. */
const SLICE = 64 * 1024;

function listing(name: string, bytes: Uint8Array): ZipEntryInfo[] {
  try {
    return listZipEntries(bytes).entries;
  } catch (error) {
    if (error instanceof BundleFailure && (error.code === 'zip-bomb' || error.code === 'too-large')) {
      throw importErrors.overlapping(name, WORD);
    }
    throw importErrors.corrupt(name, WORD);
  }
}

class Overflow extends Error {}

/** Inflate one entry's data without keeping it, stopping as soon as it outgrows `cap`. */
function inflatedSize(bytes: Uint8Array, entry: ZipEntryInfo, cap: number): number {
  let total = 0;
  const inflater = new Inflate((chunk) => {
    total += chunk.length;
    if (total > cap) throw new Overflow();
  });
  const end = entry.dataStart + entry.compressedSize;
  try {
    for (let at = entry.dataStart; at < end; at += SLICE) inflater.push(bytes.subarray(at, Math.min(end, at + SLICE)), at + SLICE >= end);
  } catch (error) {
    if (error instanceof Overflow) return total;
    throw error;
  }
  return total;
}

/**
 * Refuse a Word file whose inflated size is past `limits` with a specific
 * message, before anything is unpacked for real. Damaged zips get the usual
 * "damaged" message.
 */
export function checkZipSize(name: string, bytes: Uint8Array, limits: ZipSizeLimits = DOCX_LIMITS): void {
  const entries = listing(name, bytes);
  if (entries.length > limits.entries) {
    throw importErrors.tooManyEntries(name, WORD, entries.length);
  }
  let declared = 0;
  for (const entry of entries) {
    if (entry.size > limits.entryBytes) throw importErrors.zipBomb(name, WORD, entry.name, entry.size, limits.entryBytes);
    declared += entry.size;
    if (declared > limits.totalBytes) throw importErrors.zipBomb(name, WORD, entry.name, entry.size, limits.totalBytes);
  }
  let actual = 0;
  for (const entry of entries) {
    if (entry.method !== 8) {
      actual += entry.size;
      continue;
    }
    const cap = Math.min(limits.entryBytes, entry.size + 1, limits.totalBytes - actual + 1);
    let size: number;
    try {
      size = inflatedSize(bytes, entry, cap);
    } catch {
      throw importErrors.corrupt(name, WORD);
    }
    // Inflating to more than the directory says is the signature of an archive that lies about its size.
    if (size > entry.size) throw importErrors.zipLies(name, WORD, entry.name);
    actual += size;
  }
}
