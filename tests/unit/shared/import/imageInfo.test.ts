import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { imageInfo, sniffImage, tiffDirectories, tiffPage } from '../../../../shared/import/imageInfo';
import { fixture } from '../../helpers/fixtures';
import { writeTiff } from '../../helpers/tiffWriter';

const gray = (width: number, height: number, shade: number) => ({ width, height, pixels: new Uint8Array(width * height).fill(shade) });

describe('image headers', () => {
  it('reads the type and size of the PNG and JPEG fixtures (Chromium screenshots at 2×)', () => {
    const png = imageInfo(new Uint8Array(readFileSync(fixture('pdf/notice.png'))));
    const jpeg = imageInfo(new Uint8Array(readFileSync(fixture('pdf/notice.jpg'))));
    expect(png).toMatchObject({ type: 'png', pages: 1 });
    expect(jpeg).toEqual({ ...png, type: 'jpeg' });
    expect(png!.width).toBe(1400);
  });

  it('refuses what only pretends to be an image', () => {
    expect(imageInfo(new TextEncoder().encode('not a picture at all'))).toBeUndefined();
    expect(imageInfo(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]))).toBeUndefined();
    expect(imageInfo(Uint8Array.from([0xff, 0xd8, 0xff, 0xd9]))).toBeUndefined();
    expect(sniffImage(Uint8Array.from([0x49, 0x49, 42, 0, 8, 0, 0, 0]))).toBe('tiff');
  });

  it('counts the pages of a multi-page TIFF and cuts out each page as a TIFF of its own', () => {
    for (const littleEndian of [true, false]) {
      const tiff = writeTiff([gray(40, 30, 10), gray(20, 10, 200), gray(8, 8, 99)], { littleEndian });
      expect(imageInfo(tiff)).toEqual({ type: 'tiff', width: 40, height: 30, pages: 3 });
      const second = tiffPage(tiff, 2);
      expect(imageInfo(second)).toEqual({ type: 'tiff', width: 20, height: 10, pages: 1 });
      expect(tiffDirectories(second)).toHaveLength(1);
      expect(imageInfo(tiffPage(tiff, 3))).toEqual({ type: 'tiff', width: 8, height: 8, pages: 1 });
      expect(() => tiffPage(tiff, 4)).toThrow(RangeError);
      // The original is left as it was.
      expect(imageInfo(tiff)?.pages).toBe(3);
    }
  });

  it('refuses a TIFF whose page chain loops', () => {
    const tiff = writeTiff([gray(4, 4, 0), gray(4, 4, 0)]);
    const dirs = tiffDirectories(tiff)!;
    // Point the second page's "next" link back at the first.
    const next = dirs[1]! + 2 + (tiff[dirs[1]!]! | (tiff[dirs[1]! + 1]! << 8)) * 12;
    const looped = tiff.slice();
    looped.set([dirs[0]! & 255, (dirs[0]! >> 8) & 255, 0, 0], next);
    expect(imageInfo(looped)).toBeUndefined();
  });
});
