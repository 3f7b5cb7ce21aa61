/**
 * A minimal baseline TIFF writer for tests: 8-bit greyscale, uncompressed,
 * one strip per page, every page its own image file directory — what a
 * scanner's "multi-page TIFF" is at heart.
 */
export interface GrayPage {
  width: number;
  height: number;
  pixels: Uint8Array;
}

export function writeTiff(pages: readonly GrayPage[], { littleEndian = true }: { littleEndian?: boolean } = {}): Uint8Array {
  const ENTRIES = 8;
  const ifdSize = 2 + ENTRIES * 12 + 4;
  const total = 8 + pages.reduce((sum, p) => sum + ifdSize + p.pixels.length + (p.pixels.length % 2), 0);
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  const u16 = (at: number, v: number) => view.setUint16(at, v, littleEndian);
  const u32 = (at: number, v: number) => view.setUint32(at, v, littleEndian);
  out.set(littleEndian ? [0x49, 0x49] : [0x4d, 0x4d]);
  u16(2, 42);
  let at = 8;
  u32(4, at);
  pages.forEach((page, i) => {
    const ifd = at;
    const data = ifd + ifdSize;
    const tags: [number, number, number][] = [
      [256, 4, page.width],
      [257, 4, page.height],
      [258, 3, 8],
      [259, 3, 1],
      [262, 3, 1],
      [273, 4, data],
      [278, 4, page.height],
      [279, 4, page.pixels.length],
    ];
    u16(ifd, ENTRIES);
    tags.forEach(([tag, type, value], k) => {
      const entry = ifd + 2 + k * 12;
      u16(entry, tag);
      u16(entry + 2, type);
      u32(entry + 4, 1);
      if (type === 3) u16(entry + 8, value);
      else u32(entry + 8, value);
    });
    out.set(page.pixels, data);
    at = data + page.pixels.length + (page.pixels.length % 2);
    u32(ifd + 2 + ENTRIES * 12, i + 1 < pages.length ? at : 0);
  });
  return out;
}
