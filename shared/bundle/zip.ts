/**
 * A strict reading of a zip's structure, done before anything is inflated.
 *
 * fflate's `unzipSync` trusts the central directory: it checks no signatures,
 * no bounds and no CRCs, so a damaged file can come back as silently short or
 * garbled data. This module walks the end record, the central directory and
 * every local header itself, and reports where the structure breaks, so the
 * reader can tell "cut short" from "damaged" from "not a zip at all" and can
 * weigh every entry's declared size before spending memory on it.
 */
import type { MessageRef } from '../i18n';
import { BundleFailure, bundleRef } from './errors';

/** One entry as the central directory declares it. */
export interface ZipEntryInfo {
  name: string;
  /** 0 = stored, 8 = deflated. */
  method: number;
  crc32: number;
  compressedSize: number;
  /** Declared uncompressed size: what inflating would allocate. */
  size: number;
  /** Offset of the entry's compressed data in the file. */
  dataStart: number;
}

export interface ZipListing {
  entries: ZipEntryInfo[];
  /** Offset of the central directory, which the last entry's data must end before. */
  centralDirectoryOffset: number;
}

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
const EOCD_SIZE = 22;
const CENTRAL_SIZE = 46;
const LOCAL_SIZE = 30;
const MAX_COMMENT = 0xffff;

function damaged(key: string, values?: MessageRef['values']): BundleFailure {
  return new BundleFailure('corrupt', bundleRef('damaged', { what: bundleRef(`zip.${key}`, values) }));
}

function u16(bytes: Uint8Array, at: number): number {
  return (bytes[at] ?? 0) | ((bytes[at + 1] ?? 0) << 8);
}

function u32(bytes: Uint8Array, at: number): number {
  return ((bytes[at] ?? 0) | ((bytes[at + 1] ?? 0) << 8) | ((bytes[at + 2] ?? 0) << 16) | ((bytes[at + 3] ?? 0) << 24)) >>> 0;
}

/** Find the end-of-central-directory record: the last signature whose comment runs exactly to the end of the file. */
function findEndRecord(bytes: Uint8Array): number {
  const lowest = Math.max(0, bytes.length - EOCD_SIZE - MAX_COMMENT);
  for (let at = bytes.length - EOCD_SIZE; at >= lowest; at--) {
    if (u32(bytes, at) === EOCD_SIGNATURE && at + EOCD_SIZE + u16(bytes, at + 20) === bytes.length) return at;
  }
  return -1;
}

const nameDecoder = new TextDecoder('utf-8', { fatal: true });

function decodeName(bytes: Uint8Array, index: number): string {
  try {
    return nameDecoder.decode(bytes);
  } catch {
    throw damaged('nameUnreadable', { entry: index + 1 });
  }
}

/**
 * List a zip's entries, checking its structure end to end. Throws a
 * `BundleFailure` with code `not-zip`, `truncated`, `corrupt` or `zip-bomb`
 * (entries whose data overlap, the trick behind non-recursive zip bombs).
 */
export function listZipEntries(bytes: Uint8Array): ZipListing {
  if (bytes.length === 0) throw new BundleFailure('not-zip', bundleRef('empty'));
  const end = findEndRecord(bytes);
  if (end < 0) {
    if (bytes.length >= 4 && u32(bytes, 0) === LOCAL_SIGNATURE) throw new BundleFailure('truncated', bundleRef('truncated'));
    throw new BundleFailure('not-zip', bundleRef('notZip'));
  }
  const count = u16(bytes, end + 10);
  const directorySize = u32(bytes, end + 12);
  const directoryOffset = u32(bytes, end + 16);
  if (u16(bytes, end + 4) !== 0 || u16(bytes, end + 6) !== 0 || u16(bytes, end + 8) !== count) {
    throw damaged('split');
  }
  if (count === 0xffff || directoryOffset === 0xffffffff || directorySize === 0xffffffff) {
    throw new BundleFailure('too-large', bundleRef('zip64'));
  }
  if (directoryOffset + directorySize !== end) throw damaged('tocMisplaced');

  const entries: ZipEntryInfo[] = [];
  const names = new Set<string>();
  let at = directoryOffset;
  for (let index = 0; index < count; index++) {
    if (at + CENTRAL_SIZE > end || u32(bytes, at) !== CENTRAL_SIGNATURE) {
      throw damaged('tocUnreadable', { entry: index + 1, count });
    }
    const flags = u16(bytes, at + 8);
    const method = u16(bytes, at + 10);
    const crc32 = u32(bytes, at + 16);
    const compressedSize = u32(bytes, at + 20);
    const size = u32(bytes, at + 24);
    const nameLength = u16(bytes, at + 28);
    const next = at + CENTRAL_SIZE + nameLength + u16(bytes, at + 30) + u16(bytes, at + 32);
    const localOffset = u32(bytes, at + 42);
    if (next > end) throw damaged('tocUnreadable', { entry: index + 1, count });
    const name = decodeName(bytes.subarray(at + CENTRAL_SIZE, at + CENTRAL_SIZE + nameLength), index);
    if (names.has(name)) throw damaged('twice', { name });
    names.add(name);
    if ((flags & 1) !== 0) throw damaged('encrypted', { name });
    if (method !== 0 && method !== 8) throw damaged('method', { name, method });
    if (method === 0 && compressedSize !== size) throw damaged('sizes', { name });

    if (localOffset + LOCAL_SIZE > directoryOffset || u32(bytes, localOffset) !== LOCAL_SIGNATURE) {
      throw damaged('wrongPlace', { name });
    }
    const localNameLength = u16(bytes, localOffset + 26);
    const dataStart = localOffset + LOCAL_SIZE + localNameLength + u16(bytes, localOffset + 28);
    const localName = bytes.subarray(localOffset + LOCAL_SIZE, localOffset + LOCAL_SIZE + localNameLength);
    if (localNameLength !== nameLength || !sameBytes(localName, bytes.subarray(at + CENTRAL_SIZE, at + CENTRAL_SIZE + nameLength))) {
      throw damaged('nameDisagrees', { name });
    }
    if (dataStart + compressedSize > directoryOffset) throw damaged('overlap', { name });
    entries.push({ name, method, crc32, compressedSize, size, dataStart });
    at = next;
  }
  if (at !== end) throw damaged('leftover');

  const byStart = [...entries].sort((a, b) => a.dataStart - b.dataStart);
  for (let i = 1; i < byStart.length; i++) {
    const previous = byStart[i - 1];
    const current = byStart[i];
    if (previous && current && previous.dataStart + previous.compressedSize > current.dataStart) {
      throw new BundleFailure(
        'zip-bomb',
        bundleRef('sharedData', { first: previous.name, second: current.name }),
      );
    }
  }
  return { entries, centralDirectoryOffset: directoryOffset };
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

let crcTable: Uint32Array | undefined;

function table(): Uint32Array {
  if (crcTable) return crcTable;
  crcTable = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    crcTable[n] = c >>> 0;
  }
  return crcTable;
}

/**
 * The zip CRC-32 of some bytes. The reader compares it with the central
 * directory's value so a flipped byte is reported as damage to that entry.
 */
export function crc32(bytes: Uint8Array): number {
  const t = table();
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = (t[(c ^ (bytes[i] as number)) & 0xff] as number) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
