import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findOversizedString } from '../../../../shared/bundle/jsonScan';

const bytes = (value: unknown) => new TextEncoder().encode(typeof value === 'string' ? value : JSON.stringify(value));

describe('findOversizedString', () => {
  it.each([
    ['a top-level string', '"abcdef"', 5, [], 6],
    ['an array item', ['ok', 'toolong'], 5, [1], 7],
    ['a field of the third record', [{ id: 'a' }, { id: 'b' }, { id: 'c', text: 'x'.repeat(9) }], 8, [2, 'text'], 9],
    ['a nested field after other fields', { a: [1, 2, { b: 'no', c: { d: 'yes-long' } }] }, 6, ['a', 2, 'c', 'd'], 8],
  ])('finds %s with its path', (_, value, max, path, chars) => {
    expect(findOversizedString(bytes(value), max)).toEqual({ path, chars });
  });

  it('returns undefined when every string fits', () => {
    expect(findOversizedString(bytes([{ id: 'abc', text: 'abcd' }]), 4)).toBeUndefined();
  });

  it('counts characters, not bytes or escape sequences', () => {
    // "é" is 2 bytes, "😀" is 4 bytes and 2 UTF-16 units, "\n" and "\u0001" are escapes of 1 unit.
    const value = 'é😀\n\u0001"';
    expect(findOversizedString(bytes([value]), 0)).toEqual({ path: [0], chars: value.length });
  });

  it('does not mistake brackets and commas inside strings for structure', () => {
    const json = bytes([{ note: 'a,[b]{c}:"d"', text: 'thirteen char' }]);
    expect(findOversizedString(json, 12)).toEqual({ path: [0, 'text'], chars: 13 });
  });

  it('agrees with JSON.parse on every generated document', () => {
    fc.assert(
      fc.property(fc.jsonValue({ stringUnit: 'binary' }), fc.nat(12), (value, max) => {
        const longest = (v: unknown): number =>
          typeof v === 'string'
            ? v.length
            : Array.isArray(v)
              ? Math.max(0, ...v.map(longest))
              : typeof v === 'object' && v !== null
                ? Math.max(0, ...Object.entries(v).map(([k, x]) => Math.max(k.length, longest(x))))
                : 0;
        const found = findOversizedString(bytes(JSON.stringify(value)), max);
        expect(found !== undefined).toBe(longest(value) > max);
        if (found) expect(found.chars).toBeGreaterThan(max);
      }),
    );
  });
});
