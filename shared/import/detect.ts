/**
 * First gate for imported bytes: which pipeline reads a file, and does it
 * look like text at all? Each refusal is an `ImportError` naming the file, so
 * nothing half-parsed ever reaches the database. Decoding text in its
 * encoding is `encoding.ts`.
 */
import { importErrors, type BinaryKind } from './errors';
import { MAX_SOURCE_BYTES, SUPPORTED_EXTENSIONS, extensionOf, formatFor, type SourceKind } from './formats';

export { MAX_SOURCE_BYTES, SUPPORTED_EXTENSIONS, type SourceKind };

/** How much of the file the control-character heuristic looks at. */
const SNIFF_BYTES = 8 * 1024;
/** Share of control characters above which "text" is really binary data. */
const MAX_CONTROL_RATIO = 0.05;

/** File signatures of formats users most often pick by mistake, with how to name them. */
const MAGIC: readonly { bytes: readonly number[]; what: BinaryKind }[] = [
  { bytes: [0x25, 0x50, 0x44, 0x46, 0x2d], what: 'pdf' },
  { bytes: [0x50, 0x4b, 0x03, 0x04], what: 'zipOffice' },
  { bytes: [0x50, 0x4b, 0x05, 0x06], what: 'zip' },
  { bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], what: 'png' },
  { bytes: [0xff, 0xd8, 0xff], what: 'jpeg' },
  { bytes: [0x47, 0x49, 0x46, 0x38, 0x37, 0x61], what: 'gif' },
  { bytes: [0x47, 0x49, 0x46, 0x38, 0x39, 0x61], what: 'gif' },
  { bytes: [0x1f, 0x8b], what: 'gzip' },
  { bytes: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], what: 'oldOffice' },
];

/**
 * Which pipeline reads a file, decided by its extension alone: content
 * sniffing would let a renamed HTML page slip past the sanitiser's caller.
 * Throws `unsupported` for anything not in `SUPPORTED_EXTENSIONS`.
 */
export function sourceKindFromName(name: string): SourceKind {
  const format = formatFor(name);
  if (!format) throw importErrors.unsupported(name, extensionOf(name));
  return format.kind;
}

/** The IANA media type stored with the original bytes. */
export function mediaTypeFromName(name: string): string {
  const format = formatFor(name);
  if (!format) throw importErrors.unsupported(name, extensionOf(name));
  return format.mediaType;
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return bytes.length >= prefix.length && prefix.every((b, i) => bytes[i] === b);
}

/** A human name for a recognised binary signature, or undefined. */
export function binarySignature(bytes: Uint8Array): BinaryKind | undefined {
  return MAGIC.find((m) => startsWith(bytes, m.bytes))?.what;
}

/**
 * True for bytes no text editor would produce: a NUL anywhere (text in any
 * single- or multi-byte encoding other than UTF-16 never contains one) or
 * many C0 control characters near the start.
 */
export function looksBinary(bytes: Uint8Array): boolean {
  if (bytes.indexOf(0) !== -1) return true;
  const sample = bytes.subarray(0, SNIFF_BYTES);
  let controls = 0;
  for (const b of sample) {
    // Tab, LF, VT, FF and CR are ordinary in text files.
    if ((b < 0x20 && (b < 0x09 || b > 0x0d)) || b === 0x7f) controls++;
  }
  return sample.length > 0 && controls / sample.length > MAX_CONTROL_RATIO;
}
