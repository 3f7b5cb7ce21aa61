import { describe, expect, it } from 'vitest';
import { sameItems } from '../../../../../renderer/features/extraction/extraction';

describe('extraction results keep their arrays while they are the same (sameItems)', () => {
  it('compares items in order, by identity unless told how', () => {
    const a = { sourceId: 'a' };
    const b = { sourceId: 'b' };
    expect(sameItems([], [])).toBe(true);
    expect(sameItems([a, b], [a, b])).toBe(true);
    expect(sameItems([a, b], [b, a])).toBe(false);
    expect(sameItems([a], [a, b])).toBe(false);
    expect(sameItems([a], [{ sourceId: 'a' }])).toBe(false);
    expect(sameItems([a], [{ sourceId: 'a' }], (x, y) => x.sourceId === y.sourceId)).toBe(true);
  });
});
