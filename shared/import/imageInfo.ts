/**
 * What an image file really is, read from its header before any decoder sees
 * it: PNG, JPEG or TIFF, its size in pixels, and for TIFF how many pages it
 * holds. A file named ".png" that is not one, or an image too large to
 * recognise, is refused here with its own message.
 *
 * A multi-page TIFF (a fax, a scanner's batch) is split into one-page TIFFs
 * by pointing the header at each page's directory in turn: the page data
 * stays where it is, so nothing is decoded or copied but the bytes.
 */

export type ImageType = 'png' | 'jpeg' | 'tiff';

export interface ImageInfo {
  type: ImageType;
  width: number;
  height: number;
  /** Pages in the file: 1 except for multi-page TIFF. */
  pages: number;
}

/** Largest image recognised: a 40-megapixel page is an A4 sheet at about 1,100 dpi. */
export const MAX_IMAGE_MEGAPIXELS = 40;

export const IMAGE_TYPE_NAMES: Readonly<Record<ImageType, string>> = { png: 'PNG image', jpeg: 'JPEG image', tiff: 'TIFF image' };

function u16be(b: Uint8Array, i: number): number {
  return ((b[i] ?? 0) << 8) | (b[i + 1] ?? 0);
}
function u32be(b: Uint8Array, i: number): number {
  return ((b[i] ?? 0) * 0x1000000 + (((b[i + 1] ?? 0) << 16) | ((b[i + 2] ?? 0) << 8) | (b[i + 3] ?? 0))) >>> 0;
}

/** The type the bytes start with, whatever the file is called. */
export function sniffImage(bytes: Uint8Array): ImageType | undefined {
  if (bytes.length >= 8 && [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a].every((b, i) => bytes[i] === b)) return 'png';
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  if (bytes.length >= 8 && ((bytes[0] === 0x49 && bytes[1] === 0x49 && bytes[2] === 42 && bytes[3] === 0) || (bytes[0] === 0x4d && bytes[1] === 0x4d && bytes[2] === 0 && bytes[3] === 42))) return 'tiff';
  return undefined;
}

function pngInfo(bytes: Uint8Array): ImageInfo | undefined {
  // The first chunk must be IHDR: width and height as big-endian 32-bit numbers.
  if (bytes.length < 24 || String.fromCharCode(...bytes.subarray(12, 16)) !== 'IHDR') return undefined;
  return { type: 'png', width: u32be(bytes, 16), height: u32be(bytes, 20), pages: 1 };
}

function jpegInfo(bytes: Uint8Array): ImageInfo | undefined {
  let i = 2;
  while (i + 4 <= bytes.length) {
    if (bytes[i] !== 0xff) return undefined;
    const marker = bytes[i + 1]!;
    if (marker === 0xff) {
      i++;
      continue;
    }
    // Markers without a length: start of image, restart markers, TEM.
    if (marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      i += 2;
      continue;
    }
    const length = u16be(bytes, i + 2);
    if (length < 2) return undefined;
    // Start of frame (any coding process except DHT, JPG and DAC, which share the range).
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      if (i + 9 > bytes.length) return undefined;
      return { type: 'jpeg', height: u16be(bytes, i + 5), width: u16be(bytes, i + 7), pages: 1 };
    }
    if (marker === 0xd9 || marker === 0xda) return undefined;
    i += 2 + length;
  }
  return undefined;
}

interface TiffReader {
  u16(i: number): number;
  u32(i: number): number;
  little: boolean;
}

function tiffReader(bytes: Uint8Array): TiffReader {
  const little = bytes[0] === 0x49;
  return {
    little,
    u16: (i) => (little ? (bytes[i] ?? 0) | ((bytes[i + 1] ?? 0) << 8) : u16be(bytes, i)),
    u32: (i) => (little ? ((bytes[i] ?? 0) | ((bytes[i + 1] ?? 0) << 8) | ((bytes[i + 2] ?? 0) << 16)) + (bytes[i + 3] ?? 0) * 0x1000000 : u32be(bytes, i)),
  };
}

/** Offsets of every image file directory (one per page), following the chain; undefined when it is broken or loops. */
export function tiffDirectories(bytes: Uint8Array): number[] | undefined {
  const r = tiffReader(bytes);
  const offsets: number[] = [];
  const seen = new Set<number>();
  let offset = r.u32(4);
  while (offset !== 0) {
    if (offset + 2 > bytes.length || seen.has(offset) || offsets.length > 10_000) return undefined;
    seen.add(offset);
    offsets.push(offset);
    const entries = r.u16(offset);
    const next = offset + 2 + entries * 12;
    if (next + 4 > bytes.length) return undefined;
    offset = r.u32(next);
  }
  return offsets.length ? offsets : undefined;
}

function tiffInfo(bytes: Uint8Array): ImageInfo | undefined {
  const dirs = tiffDirectories(bytes);
  if (!dirs) return undefined;
  const r = tiffReader(bytes);
  const first = dirs[0]!;
  let width = 0;
  let height = 0;
  for (let k = 0, n = r.u16(first); k < n; k++) {
    const entry = first + 2 + k * 12;
    const tag = r.u16(entry);
    const type = r.u16(entry + 2);
    const value = type === 3 ? r.u16(entry + 8) : r.u32(entry + 8);
    if (tag === 256) width = value;
    if (tag === 257) height = value;
  }
  return width && height ? { type: 'tiff', width, height, pages: dirs.length } : undefined;
}

/** Type, size and page count, or undefined when the bytes are not a readable PNG, JPEG or TIFF. */
export function imageInfo(bytes: Uint8Array): ImageInfo | undefined {
  const type = sniffImage(bytes);
  const info = type === 'png' ? pngInfo(bytes) : type === 'jpeg' ? jpegInfo(bytes) : type === 'tiff' ? tiffInfo(bytes) : undefined;
  return info && info.width > 0 && info.height > 0 ? info : undefined;
}

/**
 * Page `page` (1-based) of a TIFF as a TIFF of its own: a copy whose header
 * points at that page's directory, with the directory's "next" link cut.
 */
export function tiffPage(bytes: Uint8Array, page: number): Uint8Array {
  const dirs = tiffDirectories(bytes);
  const dir = dirs?.[page - 1];
  if (dir === undefined) throw new RangeError(`The TIFF has no page ${page}.`);
  const r = tiffReader(bytes);
  const out = bytes.slice();
  const write32 = (at: number, value: number) => {
    const b = [value & 255, (value >>> 8) & 255, (value >>> 16) & 255, (value >>> 24) & 255];
    out.set(r.little ? b : b.reverse(), at);
  };
  write32(4, dir);
  write32(dir + 2 + r.u16(dir) * 12, 0);
  return out;
}
