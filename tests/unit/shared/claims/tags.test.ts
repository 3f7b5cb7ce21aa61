import { describe, expect, it } from 'vitest';
import {
  HIGHLIGHT_ALPHA,
  TAG_PALETTE,
  TagError,
  isDescendant,
  mergeTagIds,
  normaliseTagName,
  renameTagPrefix,
  sameTagName,
  tagColor,
  tagPath,
} from '../../../../shared/claims/tags';

describe('normaliseTagName and tagPath', () => {
  it.each([
    ['weapons', 'weapons'],
    ['  weapons / guns  ', 'weapons/guns'],
    ['drug   seizures/ class  A', 'drug seizures/class A'],
  ])('%j becomes %j', (input, expected) => {
    expect(normaliseTagName(input)).toBe(expected);
  });

  it.each([
    ['', /needs a name/u],
    ['  /  ', /needs a name/u],
    ['weapons//guns', /empty level/u],
    ['/guns', /empty level/u],
    ['weapons/', /empty level/u],
    ['x'.repeat(101), /at most 100/u],
  ])('refuses %j', (input, message) => {
    expect(() => normaliseTagName(input)).toThrowError(TagError);
    expect(() => normaliseTagName(input)).toThrowError(message);
  });

  it('splits a name into its levels', () => {
    expect(tagPath('evidence / weapons/guns')).toEqual(['evidence', 'weapons', 'guns']);
  });
});

describe('hierarchy', () => {
  it('knows descendants, case-insensitively and only on whole levels', () => {
    expect(isDescendant('weapons/guns', 'weapons')).toBe(true);
    expect(isDescendant('Weapons/Guns/Rifles', 'weapons / guns')).toBe(true);
    expect(isDescendant('weapons', 'weapons')).toBe(false);
    expect(isDescendant('weaponsmith', 'weapons')).toBe(false);
    expect(isDescendant('weapons', 'weapons/guns')).toBe(false);
    expect(sameTagName('Weapons / Guns', 'weapons/guns')).toBe(true);
  });

  it('renames a parent and carries its children, leaving other names alone', () => {
    const names = ['weapons', 'weapons/guns', 'weapons/guns/rifles', 'weaponsmith', 'money'];
    expect(renameTagPrefix(names, 'weapons', 'seized/arms')).toEqual([
      'seized/arms',
      'seized/arms/guns',
      'seized/arms/guns/rifles',
      'weaponsmith',
      'money',
    ]);
    expect(renameTagPrefix(names, 'weapons/guns', 'firearms')).toEqual(['weapons', 'firearms', 'firearms/rifles', 'weaponsmith', 'money']);
  });

  it('refuses to move a tag inside itself', () => {
    expect(() => renameTagPrefix(['weapons'], 'weapons', 'weapons/old')).toThrowError(/inside “weapons”/u);
  });
});

describe('mergeTagIds', () => {
  it('replaces and dedupes, returning untouched records as the same objects', () => {
    const untouched = { id: 'c', tags: ['t3'] };
    const records = [{ id: 'a', tags: ['t1', 't2'] }, { id: 'b', tags: ['t2', 't1', 't3'] }, untouched];
    const merged = mergeTagIds(records, 't1', 't2');
    expect(merged.map((record) => record.tags)).toEqual([['t2'], ['t2', 't3'], ['t3']]);
    expect(merged[2]).toBe(untouched);
    expect(records[0]?.tags).toEqual(['t1', 't2']);
    expect(mergeTagIds(records, 't1', 't1')[0]).toBe(records[0]);
  });
});

/** WCAG 2 relative luminance of an sRGB colour given as 0–255 channels. */
function luminance([r, g, b]: number[]): number {
  const linear = (channel: number) => {
    const c = channel / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * linear(r ?? 0) + 0.7152 * linear(g ?? 0) + 0.0722 * linear(b ?? 0);
}

function hexChannels(hex: string): number[] {
  return [1, 3, 5].map((at) => Number.parseInt(hex.slice(at, at + 2), 16));
}

describe('tagColor', () => {
  it('has ten distinct colours and wraps deterministically', () => {
    expect(new Set(TAG_PALETTE).size).toBe(10);
    expect(TAG_PALETTE.every((color) => /^#[0-9a-f]{6}$/u.test(color))).toBe(true);
    expect(tagColor(0)).toBe(TAG_PALETTE[0]);
    expect(tagColor(10)).toBe(TAG_PALETTE[0]);
    expect(tagColor(13)).toBe(TAG_PALETTE[3]);
    expect(tagColor(-1)).toBe(TAG_PALETTE[9]);
  });

  it.each([...TAG_PALETTE])('%s at 40%% over white keeps black text above 7:1', (color) => {
    const blended = hexChannels(color).map((channel) => HIGHLIGHT_ALPHA * channel + (1 - HIGHLIGHT_ALPHA) * 255);
    const contrast = (luminance(blended) + 0.05) / 0.05;
    expect(contrast).toBeGreaterThanOrEqual(7);
  });
});
