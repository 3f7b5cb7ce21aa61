import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PassageRecord } from '../../../../../shared/domain/types';
import { passagesInReadingOrder } from '../../../../../renderer/features/passages/passageOrder';

const passage = (id: string, sourceId: string, start: number) => ({ id, sourceId, selectors: [{ exact: id }, { start, end: start + 1 }] }) as unknown as PassageRecord;

/** The order the passage list had: one stable comparison sort by source order, then start. */
function reference(passages: PassageRecord[], sources: { id: string; order: number }[]): PassageRecord[] {
  const order = new Map(sources.map((s) => [s.id, s.order]));
  return [...passages].sort((a, b) => (order.get(a.sourceId) ?? 0) - (order.get(b.sourceId) ?? 0) || a.selectors[1].start - b.selectors[1].start);
}

describe('passagesInReadingOrder', () => {
  it('sorts by source order, then by start', () => {
    const sources = [
      { id: 'b', order: 2 },
      { id: 'a', order: 1 },
    ];
    const got = passagesInReadingOrder([passage('b2', 'b', 50), passage('a2', 'a', 30), passage('b1', 'b', 5), passage('a1', 'a', 10)], sources);
    expect(got.map((p) => p.id)).toEqual(['a1', 'a2', 'b1', 'b2']);
  });

  it('gives the same order as the comparison sort, ties, shared orders and unknown sources included', () => {
    const sourceIds = ['s0', 's1', 's2', 's3', 'gone'];
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -2, max: 3 }), { minLength: 4, maxLength: 4 }),
        fc.array(fc.record({ source: fc.constantFrom(...sourceIds), start: fc.integer({ min: 0, max: 6 }) }), { maxLength: 60 }),
        (orders, rows) => {
          const sources = orders.map((order, i) => ({ id: `s${i}`, order }));
          const passages = rows.map((r, i) => passage(`p${i}`, r.source, r.start));
          expect(passagesInReadingOrder(passages, sources).map((p) => p.id)).toEqual(reference(passages, sources).map((p) => p.id));
        },
      ),
    );
  });

  it('leaves its input alone', () => {
    const input = [passage('x', 'a', 9), passage('y', 'a', 1)];
    passagesInReadingOrder(input, [{ id: 'a', order: 0 }]);
    expect(input.map((p) => p.id)).toEqual(['x', 'y']);
  });
});
