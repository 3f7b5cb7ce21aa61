import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { SourceBlock } from '../../../../shared/domain/types';
import { suggestClaims, type Suggestion, type SuggestionKind } from '../../../../shared/suggest/suggest';

const article = readFileSync(new URL('../../../fixtures/suggest/customs-seizure.txt', import.meta.url), 'utf8');

/** Paragraph blocks the way the importer builds them: one per non-empty line. */
function paragraphs(text: string): SourceBlock[] {
  return [...text.matchAll(/[^\n]+/gu)].map((match, index) => ({
    start: match.index,
    end: match.index + match[0].length,
    n: index + 1,
    kind: index === 0 ? 'heading' : 'paragraph',
  }));
}

const suggestions = suggestClaims(article, paragraphs(article));

function find(fragment: string): Suggestion {
  const found = suggestions.find((suggestion) => suggestion.sentence.includes(fragment));
  if (!found) throw new Error(`No suggestion for the sentence containing ${JSON.stringify(fragment)}`);
  return found;
}

describe('suggestClaims on a customs seizure story', () => {
  it.each<[string, SuggestionKind[], string | undefined]>([
    ['arrested 312 people', ['figure'], undefined],
    ['£18.5 million in cash', ['figure', 'money', 'attribution'], 'Nortoll'],
    ['three tonnes of cannabis resin', ['quantity'], undefined],
    ['12,500 users', ['figure', 'attribution'], "Prosecutor's office in Kessel"],
    ['€2,400', ['money', 'quantity', 'attribution'], 'Prosecutors'],
    ['on March 3', ['date'], undefined],
    ['Its head of enforcement', ['attribution', 'quote'], 'Dara Okonjo, head of enforcement'],
    ['not small-time couriers', ['attribution', 'quote'], 'Kessel harbour police'],
    ['40 per cent', ['percentage', 'date', 'attribution'], 'Officials in Norland'],
  ])('finds the sentence with %j as %j, claimed by %j', (fragment, kinds, claimant) => {
    const suggestion = find(fragment);
    expect(suggestion.kinds).toEqual(kinds);
    expect(suggestion.claimant).toBe(claimant);
  });

  it('strips the attribution from the statement once the claimant is known', () => {
    expect(find('£18.5 million').statement).toBe(
      'Officers seized £18.5 million in cash, $4 million in cryptocurrency and 41 firearms during raids on 27 warehouses.',
    );
    expect(find('12,500 users').statement).toBe('The network relied on a private messaging app with 12,500 users.');
    expect(find('Its head of enforcement').statement).toMatch(/^We have taken apart a network .* in court\.$/u);
    expect(find('40 per cent').statement).toBe('The seizures had cut the flow of heroin into the region by 40 per cent since last spring.');
  });

  it('keeps exact offsets, text order and no overlaps', () => {
    let previousEnd = 0;
    for (const suggestion of suggestions) {
      expect(article.slice(suggestion.start, suggestion.end)).toBe(suggestion.sentence);
      expect(suggestion.start).toBeGreaterThanOrEqual(previousEnd);
      expect(suggestion.score).toBeGreaterThan(0);
      expect(suggestion.score).toBeLessThanOrEqual(1);
      previousEnd = suggestion.end;
    }
  });

  it('leaves out the headline and sentences with nothing to check', () => {
    expect(suggestions.some((suggestion) => suggestion.sentence.startsWith('Customs break smuggling ring'))).toBe(false);
    expect(suggestions.some((suggestion) => suggestion.sentence.includes('helicopters'))).toBe(false);
  });

  it('ranks figures with a named source above a bare date', () => {
    expect(find('£18.5 million').score).toBeGreaterThan(find('arrested 312 people').score);
    expect(find('arrested 312 people').score).toBeGreaterThan(find('on March 3').score);
  });

  it('keeps the best suggestions, still in text order, when limited', () => {
    const top = suggestClaims(article, paragraphs(article), { limit: 2 });
    expect(top.map((suggestion) => suggestion.sentence.slice(0, 30))).toEqual([
      find('£18.5 million').sentence.slice(0, 30),
      find('€2,400').sentence.slice(0, 30),
    ]);
  });

  it('works without blocks and finds nothing in empty text', () => {
    expect(suggestClaims(article, []).map((suggestion) => suggestion.sentence)).toEqual(suggestions.map((suggestion) => suggestion.sentence));
    expect(suggestClaims('', [])).toEqual([]);
  });
});
