/**
 * Re-anchoring across scripts and layouts, against ground truth from word
 * identities (see documents.ts): re-flowed revisions, Chinese and Japanese
 * without spaces, Arabic and Hebrew, mixed scripts, transcripts and lists,
 * with words edited and paragraphs inserted, deleted and moved.
 */
import { describe as suite, expect, it } from 'vitest';
import fc from 'fast-check';
import { editDistance } from '../../../../shared/anchoring/fuzzy';
import { diffTexts } from '../../../../shared/anchoring/diff';
import { reanchorAll, type ReanchorResult } from '../../../../shared/anchoring/reanchor';
import { errorBudget, resolve } from '../../../../shared/anchoring/selectors';
import { skeletonOf, squeeze } from '../../../../shared/anchoring/skeleton';
import { buildCase, docShape, paragraphEdit, passagePicks, reflowSeed, SCRIPTS, verdicts, wordEdit, type Case } from './documents';

/**
 * Invariants every placement must satisfy, whatever the revision: the right
 * text, fresh selectors that describe it, and no verbatim placement of a
 * passage whose words are all gone unless those words are still there. With
 * `place`, also the right place: on the passage's surviving words whenever
 * the evidence singles them out (their text within the error budget of the
 * quote, one side of their context intact, and no look-alike agreeing with
 * the context nearly as well). In text of three words over and over the
 * evidence rarely singles anything out, so there only the text is checked.
 */
function expectNeverWrong(c: Case, results: Map<string, ReanchorResult>, place = true): void {
  const sk = skeletonOf(c.newText);
  for (const passage of c.passages) {
    const r = results.get(passage.id);
    expect(r).toBeDefined();
    if (!r || r.status === 'orphaned') {
      expect(r?.selectors).toBeUndefined();
      continue;
    }
    const quote = squeeze(passage.selectors[0].exact);
    const got = squeeze(c.newText.slice(r.start, r.end));
    // The right text: the quote's own characters, or an approximation within its error budget.
    if (r.status === 'fuzzy') expect(editDistance(got, quote)).toBeLessThanOrEqual(errorBudget(quote));
    else expect(got).toBe(quote);
    // Fresh selectors describe exactly what was placed.
    expect(r.selectors && resolve(c.newText, r.selectors)).toEqual({ start: r.start, end: r.end, status: 'exact' });
    const truth = c.truth.get(passage.id);
    const v = verdicts(c, sk, passage.id);
    // A passage whose words are all gone is not pinned on other text, unless its very words are still there.
    if (!truth && !v.stillThere) expect(r.status).toBe('fuzzy');
    if (!place || !truth || !v.favoured || !v.oneSideKept) continue;
    const recognisable = editDistance(squeeze(c.newText.slice(truth[0], truth[1])), quote) <= errorBudget(quote);
    if (recognisable) expect(r.start < truth[1] && r.end > truth[0]).toBe(true);
  }
}

/**
 * Intact passages (same words, side by side) land exactly on them when the
 * evidence allows: one side of their context kept, and their words not
 * repeated elsewhere. (A quote that recurs may be paired by the diff with a
 * twin; it is then placed on its context or orphaned, never wrongly, which
 * expectNeverWrong checks.)
 */
function expectIntactExact(c: Case, results: Map<string, ReanchorResult>): void {
  const sk = skeletonOf(c.newText);
  for (const passage of c.passages) {
    const truth = c.truth.get(passage.id);
    if (!truth || !c.intact.get(passage.id)) continue;
    const v = verdicts(c, sk, passage.id);
    if (!v.favoured || !v.oneSideKept || !v.unique) continue;
    const r = results.get(passage.id);
    expect([r?.start, r?.end]).toEqual(truth);
    expect(['exact', 'moved']).toContain(r?.status);
  }
}

for (const script of SCRIPTS) {
  suite(`re-anchoring: ${script.name}`, () => {
    it('a re-flowed revision (paragraphs merged and split, lines wrapped) maps every passage exactly', () => {
      fc.assert(
        fc.property(docShape, passagePicks, fc.nat(1_000_000), (shape, picks, seed) => {
          const c = buildCase(script, shape, picks, { words: [], paragraphs: [], reflow: seed });
          const results = reanchorAll(c.oldText, c.newText, c.passages);
          for (const passage of c.passages) {
            const r = results.get(passage.id);
            expect([r?.start, r?.end]).toEqual(c.truth.get(passage.id));
            // Same words: exact when nothing moved or re-spaced, else moved; never a fuzzy guess.
            expect(['exact', 'moved']).toContain(r?.status);
          }
        }),
        { numRuns: 120 },
      );
    });

    it('a long document, re-flowed with a few words edited: the diff stays local, so the rest maps without a search', () => {
      // 80 paragraphs of 4 lines of 10 words: 3,200 words, far more than the chunks one edit can disturb.
      const longShape = fc.array(fc.array(fc.array(fc.nat(10_000), { minLength: 10, maxLength: 10 }), { minLength: 4, maxLength: 4 }), { minLength: 80, maxLength: 80 });
      fc.assert(
        fc.property(longShape, passagePicks, fc.array(wordEdit, { minLength: 1, maxLength: 4 }), fc.nat(1_000_000), (shape, picks, words, reflow) => {
          const c = buildCase(script, shape, picks, { words, paragraphs: [], reflow });
          const diff = diffTexts(c.oldText, c.newText);
          const changed = diff.changed.reduce((sum, r) => sum + r.end - r.start, 0);
          // A diff that fell back to paragraphs or sentences, or gave up, would mark hundreds or thousands of characters.
          expect(changed).toBeLessThanOrEqual(40 * words.length);
          expect(diff.changed.length).toBeLessThanOrEqual(words.length);
          const results = reanchorAll(c.oldText, c.newText, c.passages);
          expectNeverWrong(c, results);
          expectIntactExact(c, results);
        }),
        { numRuns: 25 },
      );
    });

    it('paragraphs inserted, deleted and moved, with or without re-flow: intact passages land exactly, none wrongly', () => {
      fc.assert(
        fc.property(docShape, passagePicks, fc.array(paragraphEdit, { minLength: 1, maxLength: 4 }), reflowSeed, (shape, picks, paragraphs, reflow) => {
          const c = buildCase(script, shape, picks, { words: [], paragraphs, reflow });
          const results = reanchorAll(c.oldText, c.newText, c.passages);
          expectNeverWrong(c, results);
          expectIntactExact(c, results);
        }),
        { numRuns: 150 },
      );
    });

    it('words edited, paragraphs rearranged and text re-flowed together: never a wrong placement', () => {
      fc.assert(
        fc.property(
          docShape,
          passagePicks,
          fc.array(wordEdit, { maxLength: 8 }),
          fc.array(paragraphEdit, { maxLength: 3 }),
          reflowSeed,
          (shape, picks, words, paragraphs, reflow) => {
            const c = buildCase(script, shape, picks, { words, paragraphs, reflow });
            const results = reanchorAll(c.oldText, c.newText, c.passages);
            expectNeverWrong(c, results);
            expectIntactExact(c, results);
          },
        ),
        { numRuns: 150 },
      );
    });

    it('repetitive text (three words over and over), edited, rearranged and re-flowed: the right text, never an approximation beyond budget', () => {
      fc.assert(
        fc.property(
          docShape,
          passagePicks,
          fc.array(wordEdit, { maxLength: 8 }),
          fc.array(paragraphEdit, { maxLength: 3 }),
          reflowSeed,
          (shape, picks, words, paragraphs, reflow) => {
            const c = buildCase(script, shape, picks, { words, paragraphs, reflow }, 'repetitive');
            expectNeverWrong(c, reanchorAll(c.oldText, c.newText, c.passages), false);
          },
        ),
        { numRuns: 150 },
      );
    });
  });
}
