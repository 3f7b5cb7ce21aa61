import { describe as suite, expect, it } from 'vitest';
import fc from 'fast-check';
import { describe, errorBudget, resolve } from '../../../../shared/anchoring/selectors';
import { squeeze } from '../../../../shared/anchoring/skeleton';
import { editDistance } from '../../../../shared/anchoring/fuzzy';
import { reanchorAll } from '../../../../shared/anchoring/reanchor';
import type { TextQuoteSelector } from '../../../../shared/domain/types';
import { applyEdits, edit, passageIn, report } from './arbitraries';

const passage = fc.record({ pick: fc.nat(500), width: fc.nat(8) });

/** Characters of stored context that agree, outward from the quote, at a candidate span. */
function agreement(text: string, start: number, end: number, quote: TextQuoteSelector): number {
  let n = 0;
  while (n < quote.prefix.length && text[start - 1 - n] === quote.prefix[quote.prefix.length - 1 - n]) n++;
  let m = 0;
  while (m < quote.suffix.length && text[end + m] === quote.suffix[m]) m++;
  return n + m;
}

/** Context characters by which the true place must out-agree every look-alike to count as singled out. */
const CLEAR_MARGIN = 8;

/**
 * Whether the evidence a quote selector carries singles out the true place:
 * every other verbatim occurrence agrees with the stored context by a clear
 * margin less. When a look-alike agrees about as well (repeated text whose
 * distinguishing context an edit destroyed), no quote-and-context method can
 * know, so only the "right text" half of a property is asserted there.
 */
function evidenceFavours(text: string, [s, t]: [number, number], quote: TextQuoteSelector): boolean {
  const own = agreement(text, s, t, quote);
  for (let i = text.indexOf(quote.exact); i >= 0; i = text.indexOf(quote.exact, i + 1)) {
    if (i !== s && agreement(text, i, i + quote.exact.length, quote) > own - CLEAR_MARGIN) return false;
  }
  return true;
}

suite('anchoring properties', () => {
  it('(a) a passage survives small edits outside it and lands on the same quote (on its own place when the evidence singles it out)', () => {
    fc.assert(
      fc.property(report, passage, fc.array(edit, { minLength: 1, maxLength: 4 }), (text, p, edits) => {
        const span = passageIn(text, p.pick, p.width);
        const selectors = describe(text, ...span);
        const revised = applyEdits(text, span, edits, true);
        const truth = revised.span;
        expect(truth).toBeDefined();
        if (!truth) return;
        const placed = resolve(revised.text, selectors);
        expect(placed.status === 'exact' || placed.status === 'moved').toBe(true);
        expect(revised.text.slice(placed.start, placed.end)).toBe(selectors[0].exact);
        if (evidenceFavours(revised.text, truth, selectors[0])) expect([placed.start, placed.end]).toEqual(truth);
      }),
      { numRuns: 300 },
    );
  });

  it('(b) a placement is never wrong: right text, and on the true location when it survives', () => {
    fc.assert(
      fc.property(report, passage, fc.array(edit, { minLength: 1, maxLength: 5 }), (text, p, edits) => {
        const span = passageIn(text, p.pick, p.width);
        const selectors = describe(text, ...span);
        const quote = selectors[0].exact;
        const revised = applyEdits(text, span, edits, false);
        const placed = resolve(revised.text, selectors);
        if (placed.status === 'orphaned') return;
        const got = revised.text.slice(placed.start, placed.end);
        if (placed.status === 'fuzzy') {
          // Fuzzy matching compares skeletons (whitespace is layout, not text).
          expect(editDistance(squeeze(got), squeeze(quote))).toBeLessThanOrEqual(errorBudget(squeeze(quote)));
        } else {
          expect(squeeze(got)).toBe(squeeze(quote));
        }
        if (revised.span && evidenceFavours(revised.text, revised.span, selectors[0])) {
          const [s, t] = revised.span;
          expect(placed.start < t && placed.end > s).toBe(true);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('(c) reanchorAll agrees with resolve on untouched passages whose quote is unique', () => {
    fc.assert(
      fc.property(report, fc.array(passage, { minLength: 1, maxLength: 6 }), fc.array(edit, { minLength: 1, maxLength: 4 }), (text, ps, edits) => {
        const passages = ps.map((p, i) => {
          const span = passageIn(text, p.pick, p.width);
          // The revised text does not depend on the tracked span when edits may go anywhere.
          const tracked = applyEdits(text, span, edits, false);
          return { id: `p${i}`, revised: tracked.text, untouched: tracked.span, selectors: describe(text, ...span) };
        });
        const revised = passages[0]?.revised ?? text;
        const batch = reanchorAll(text, revised, passages);
        for (const p of passages) {
          const quote = p.selectors[0].exact;
          const unique = revised.indexOf(quote) === revised.lastIndexOf(quote);
          const fromBatch = batch.get(p.id);
          expect(fromBatch).toBeDefined();
          if (!fromBatch || !p.untouched || !unique) continue;
          // The quote survives verbatim, untouched, exactly once: both must find it, with the same status.
          const single = resolve(revised, p.selectors);
          expect(fromBatch.status).toBe(single.status);
          expect([fromBatch.start, fromBatch.end]).toEqual(p.untouched);
          expect([single.start, single.end]).toEqual(p.untouched);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('(c′) reanchorAll returns fresh selectors that resolve exactly in the new text', () => {
    fc.assert(
      fc.property(report, fc.array(passage, { minLength: 1, maxLength: 6 }), fc.array(edit, { minLength: 0, maxLength: 4 }), (text, ps, edits) => {
        const revised = applyEdits(text, [0, 1], edits, false).text;
        const passages = ps.map((p, i) => ({ id: `p${i}`, selectors: describe(text, ...passageIn(text, p.pick, p.width)) }));
        for (const [, r] of reanchorAll(text, revised, passages)) {
          if (r.status === 'orphaned') {
            expect(r.selectors).toBeUndefined();
            continue;
          }
          expect(r.selectors).toBeDefined();
          if (r.selectors) expect(resolve(revised, r.selectors)).toEqual({ start: r.start, end: r.end, status: 'exact' });
        }
      }),
      { numRuns: 200 },
    );
  });
});
