import { describe as suite, expect, it } from 'vitest';
import { describe, maxErrorsFor, resolve } from '../../../../shared/anchoring/selectors';
import type { AnchorStatus } from '../../../../shared/domain/types';
import { REPORT, spanOf } from './fixtures';

suite('describe', () => {
  it('stores the quote with 32 characters of context on each side and the position', () => {
    const [start, end] = spanOf(REPORT, 'seized £54 million in cash');
    const [quote, position] = describe(REPORT, start, end);
    expect(quote).toEqual({
      type: 'TextQuoteSelector',
      exact: 'seized £54 million in cash',
      prefix: REPORT.slice(start - 32, start),
      suffix: REPORT.slice(end, end + 32),
    });
    expect(quote.prefix).toHaveLength(32);
    expect(position).toEqual({ type: 'TextPositionSelector', start, end });
  });

  it('shortens the context at the edges of the text', () => {
    const [quote] = describe(REPORT, 0, 18);
    expect(quote.prefix).toBe('');
    expect(quote.exact).toBe('Operation Halyard ');
    const [tail] = describe(REPORT, REPORT.length - 6, REPORT.length);
    expect(tail.suffix).toBe('');
  });

  it.each([
    [-1, 5, /outside the source text/],
    [5, REPORT.length + 1, /outside the source text/],
    [10, 10, /at least one character/],
    [1.5, 4, /whole numbers/],
  ])('rejects the span %s–%s with a specific message', (start, end, message) => {
    expect(() => describe(REPORT, start, end)).toThrow(message);
  });
});

/** Replace the first occurrence of `from` in REPORT. */
function edit(from: string, to: string): string {
  if (!REPORT.includes(from)) throw new Error(`Fixture text not found: ${from}`);
  return REPORT.replace(from, to);
}

interface Case {
  name: string;
  phrase: string;
  /** Which occurrence of the phrase in the original text the passage is. */
  occurrence?: number;
  revised: string;
  status: AnchorStatus;
  /** Text the placement must cover in the revised text (defaults to the phrase). */
  expectText?: string;
  /** Where that text is in the revised text (occurrence index), when it repeats. */
  expectOccurrence?: number;
}

function nth(text: string, phrase: string, n: number): [number, number] {
  let at = -1;
  for (let i = 0; i <= n; i++) {
    at = text.indexOf(phrase, at + 1);
    if (at < 0) throw new Error(`Occurrence ${n} of ${phrase} not found`);
  }
  return [at, at + phrase.length];
}

const CASES: Case[] = [
  { name: 'unchanged text', phrase: 'seized £54 million in cash', revised: REPORT, status: 'exact' },
  {
    name: 'text inserted before the passage',
    phrase: 'around 60,000 users worldwide',
    revised: 'UPDATED: this report was revised on 4 July. ' + REPORT,
    status: 'moved',
  },
  {
    name: 'paragraph moved to the end',
    phrase: 'Critics said the figures should be treated with caution',
    revised: edit('Critics said the figures should be treated with caution until cases come to trial.', '') + ' Critics said the figures should be treated with caution until cases come to trial.',
    status: 'moved',
  },
  {
    name: 'repeated phrase, second occurrence, disambiguated by context after a shift',
    phrase: '746 people',
    occurrence: 1,
    revised: 'Correction appended. ' + REPORT,
    status: 'moved',
    expectOccurrence: 1,
  },
  {
    name: 'repeated phrase, first occurrence, the other copy closer to the old position',
    phrase: '746 people',
    occurrence: 0,
    revised: edit('Over the following six weeks officers arrested 746 people', 'Over the following six weeks, according to figures released on Thursday by the agency, officers arrested 746 people'),
    status: 'moved',
    expectOccurrence: 0,
  },
  {
    name: 'a word edited inside the quote',
    phrase: 'officers arrested 746 people and seized £54 million in cash',
    revised: edit('officers arrested 746 people and seized £54 million', 'officers detained 746 people and seized £54 million'),
    status: 'fuzzy',
    expectText: 'officers detained 746 people and seized £54 million in cash',
  },
  {
    name: 'a figure corrected inside the quote, and text shifted',
    phrase: 'the service had around 60,000 users worldwide, of whom some 10,000 were based in the United Kingdom',
    revised: 'Note: figures updated. ' + edit('some 10,000 were based', 'some 11,500 were based'),
    status: 'fuzzy',
    expectText: 'the service had around 60,000 users worldwide, of whom some 11,500 were based in the United Kingdom',
  },
  {
    name: 'deleted paragraph',
    phrase: 'Detectives said the messages revealed plans to kill rivals',
    revised: edit('Detectives said the messages revealed plans to kill rivals, and that more than 200 threats to life had been dealt with. ', ''),
    status: 'orphaned',
  },
  {
    name: 'quote rewritten beyond the error budget',
    phrase: 'the broadest and most significant of its kind',
    revised: edit('the broadest and most significant of its kind', 'a routine piece of police work'),
    status: 'orphaned',
  },
  {
    name: 'whitespace-only change inside the quote (the same words, re-spaced)',
    phrase: 'The arrests took place in Liverpool, London and the West Midlands',
    revised: edit('The arrests took place in Liverpool, London', 'The arrests took  place in Liverpool,\nLondon'),
    status: 'moved',
    expectText: 'The arrests took  place in Liverpool,\nLondon and the West Midlands',
  },
  {
    name: 'two words run together inside the quote (same letters, different words)',
    phrase: 'The arrests took place in Liverpool, London and the West Midlands',
    revised: edit('took place', 'tookplace'),
    status: 'fuzzy',
    expectText: 'The arrests tookplace in Liverpool, London and the West Midlands',
  },
  {
    name: 'paragraph re-flowed around and through the quote',
    phrase: 'the service had around 60,000 users worldwide',
    revised: REPORT.replace('. ', '.\n\n').replace('had around 60,000', 'had\naround\n60,000'),
    status: 'moved',
    expectText: 'the service had\naround\n60,000 users worldwide',
  },
  {
    name: 'whitespace-only change outside the quote',
    phrase: '77 firearms',
    revised: edit('Operation Halyard began', 'Operation  Halyard  began'),
    status: 'moved',
  },
];

suite('resolve', () => {
  it('a passage that opens a repetitive text stays put when words are inserted right after it (fast-check found this)', () => {
    const text = 'Officers to officers officers officers. Officers officers officers officers officers officers. Officers officers officers.';
    const selectors = describe(text, 0, 8);
    // Its suffix is broken from its first character on, and the same word recurs; only its place at the start of the text is left.
    expect(resolve(`Officers officers ${text.slice(9)}`, selectors)).toEqual({ start: 0, end: 8, status: 'exact' });
  });

  it.each(CASES)('$name → $status', (c) => {
    const [start, end] = nth(REPORT, c.phrase, c.occurrence ?? 0);
    const placed = resolve(c.revised, describe(REPORT, start, end));
    expect(placed.status).toBe(c.status);
    if (c.status === 'orphaned') {
      expect(placed).toEqual({ start: -1, end: -1, status: 'orphaned' });
      return;
    }
    const expectText = c.expectText ?? c.phrase;
    const [wantStart, wantEnd] = nth(c.revised, expectText, c.expectOccurrence ?? 0);
    expect(c.revised.slice(placed.start, placed.end)).toBe(expectText);
    expect([placed.start, placed.end]).toEqual([wantStart, wantEnd]);
  });

  it('round-trips every sentence-sized and word-sized span of the report', () => {
    const cuts = [...REPORT.matchAll(/[^ ]+/g)].map((m) => m.index);
    for (let i = 0; i < cuts.length; i += 3) {
      for (const width of [1, 4, 12]) {
        const start = cuts[i] ?? 0;
        const end = Math.min(REPORT.length, (cuts[i + width] ?? REPORT.length + 1) - 1);
        if (end <= start) continue;
        expect(resolve(REPORT, describe(REPORT, start, end))).toEqual({ start, end, status: 'exact' });
      }
    }
  });

  it('orphans malformed selectors instead of throwing', () => {
    expect(resolve(REPORT, []).status).toBe('orphaned');
    expect(resolve(REPORT, [{ type: 'TextPositionSelector', start: 0, end: 9 }]).status).toBe('orphaned');
    expect(resolve(REPORT, [{ type: 'TextQuoteSelector', exact: '', prefix: '', suffix: '' }]).status).toBe('orphaned');
    expect(resolve('', describe(REPORT, 0, 9)).status).toBe('orphaned');
  });

  it('refuses to choose between two equally good fuzzy copies', () => {
    const sentence = 'Officers seized £54 million in cash and 77 firearms at the docks.';
    const original = `In May. ${sentence} Then.`;
    const [start, end] = spanOf(original, sentence);
    const selectors = describe(original, start, end);
    const variant = sentence.replace('77', '78');
    // One edited copy is found; two identical ones in identical surroundings are a coin toss.
    expect(resolve(`In May. ${variant} Then.`, selectors).status).toBe('fuzzy');
    expect(resolve(`In May. ${variant} Then. In May. ${variant} Then.`, selectors).status).toBe('orphaned');
  });

  it('gives no fuzzy slack to quotes shorter than eight characters', () => {
    expect(maxErrorsFor(7)).toBe(0);
    expect(maxErrorsFor(8)).toBe(1);
    expect(maxErrorsFor(10_000)).toBe(64);
    const [start, end] = spanOf(REPORT, '£54 mil');
    expect(resolve(edit('£54 mil', '£55 mil'), describe(REPORT, start, end)).status).toBe('orphaned');
  });
});
