import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { editDistance, search, type FuzzyMatch } from '../../../../shared/anchoring/fuzzy';

/**
 * Reference matcher: Sellers' O(n·m) dynamic programme. For each end offset it
 * computes the best distance of the pattern to any substring starting at or
 * after `from`, then applies the same "one match per run of ends" rule the
 * documented contract of `search` promises.
 */
function referenceEnds(text: string, pattern: string, k: number, from: number, to: number): { end: number; errors: number }[] {
  const m = pattern.length;
  let col = Array.from({ length: m + 1 }, (_, i) => i);
  const ends: { end: number; errors: number }[] = [];
  let run: { end: number; errors: number } | undefined;
  for (let j = from; j < to; j++) {
    const next = [0];
    for (let i = 1; i <= m; i++) {
      const cost = pattern[i - 1] === text[j] ? 0 : 1;
      next.push(Math.min((col[i - 1] ?? 0) + cost, (col[i] ?? 0) + 1, (next[i - 1] ?? 0) + 1));
    }
    col = next;
    const d = col[m] ?? Infinity;
    if (d <= k) {
      if (!run || d < run.errors) run = { end: j + 1, errors: d };
    } else if (run) {
      ends.push(run);
      run = undefined;
    }
  }
  if (run) ends.push(run);
  return ends;
}

function checkAgainstReference(text: string, pattern: string, k: number, from: number, to: number): void {
  const got = search(text, pattern, k, from, to);
  const want = referenceEnds(text, pattern, k, from, to);
  expect(got.map(({ end, errors }) => ({ end, errors }))).toEqual(want);
  for (const match of got) {
    expect(match.start).toBeGreaterThanOrEqual(from);
    expect(editDistance(pattern, text.slice(match.start, match.end))).toBe(match.errors);
  }
}

describe('search (bit-parallel approximate matcher)', () => {
  it.each<[string, string, string, number, FuzzyMatch[]]>([
    ['exact occurrence', 'Operation Venetic led to 746 arrests.', '746 arrests', 0, [{ start: 25, end: 36, errors: 0 }]],
    ['one substitution', 'Officers seized £54 million in cash.', '£55 million', 1, [{ start: 16, end: 27, errors: 1 }]],
    ['deleted character', 'The network had 60,000 users.', '60,0000 users', 1, [{ start: 16, end: 28, errors: 1 }]],
    ['too many edits', 'The network had 60,000 users.', '90,999 users', 1, []],
    ['two separate places', 'cash and cash', 'cash', 0, [{ start: 0, end: 4, errors: 0 }, { start: 9, end: 13, errors: 0 }]],
    ['empty pattern', 'anything', '', 3, []],
  ])('%s', (_name, text, pattern, k, expected) => {
    expect(search(text, pattern, k)).toEqual(expected);
  });

  it('respects the from/to window', () => {
    const text = 'arrests here; arrests there; arrests everywhere';
    const hits = search(text, 'arrests', 0, 10, 30);
    expect(hits).toEqual([{ start: 14, end: 21, errors: 0 }]);
  });

  it('agrees with the reference on random short patterns over a small alphabet', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom('a', 'b', 'c', ' '), minLength: 0, maxLength: 80 }),
        fc.string({ unit: fc.constantFrom('a', 'b', 'c', ' '), minLength: 1, maxLength: 12 }),
        fc.nat(6),
        (text, pattern, k) => checkAgainstReference(text, pattern, k, 0, text.length),
      ),
      { numRuns: 400 },
    );
  });

  it('agrees with the reference on multi-block patterns (longer than 32 characters)', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'd'), minLength: 30, maxLength: 260 }),
        fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'd'), minLength: 33, maxLength: 110 }),
        fc.nat(40),
        fc.nat(60),
        (text, pattern, k, cut) => {
          const from = Math.min(cut, text.length);
          checkAgainstReference(text, pattern, k, from, text.length);
        },
      ),
      { numRuns: 250 },
    );
  });

  it('finds a planted, mutated copy of a long pattern', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'd', 'e'), minLength: 40, maxLength: 120 }),
        fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'd', 'e'), minLength: 0, maxLength: 150 }),
        fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'd', 'e'), minLength: 0, maxLength: 150 }),
        fc.nat(119),
        (pattern, before, after, at) => {
          const i = at % pattern.length;
          const mutated = pattern.slice(0, i) + 'x' + pattern.slice(i + 1);
          const text = before + mutated + after;
          checkAgainstReference(text, pattern, 3, 0, text.length);
          const hits = search(text, pattern, 3);
          expect(hits.some((h) => h.start <= before.length + 1 && h.end >= before.length + mutated.length - 1)).toBe(true);
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('editDistance', () => {
  it.each([
    ['', '', 0],
    ['abc', '', 3],
    ['kitten', 'sitting', 3],
    ['£54 million', '£45 million', 2],
  ])('%s → %s = %d', (a, b, d) => {
    expect(editDistance(a, b)).toBe(d);
    expect(editDistance(b, a)).toBe(d);
  });
});
