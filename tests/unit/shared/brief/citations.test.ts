import { describe, expect, it } from 'vitest';
import { brief, citation, claimMark, heading, link, list, paragraph, quote, text } from '../../../../shared/brief/build';
import { numberCitations } from '../../../../shared/brief/citations';

describe('numberCitations', () => {
  it('numbers passages by first appearance and reuses a number for a repeat', () => {
    const doc = brief(
      paragraph(text('a'), citation('p-b'), text('b'), citation('p-a')),
      quote(text('c'), citation('p-b')),
      list('bullet', [[text('d'), citation('p-c')], [citation('p-a')]]),
    );
    const result = numberCitations(doc);
    expect(result.order).toEqual(['p-b', 'p-a', 'p-c']);
    expect([...result.numberOf]).toEqual([
      ['p-b', 1],
      ['p-a', 2],
      ['p-c', 3],
    ]);
    expect(result.occurrences.map((o) => `${o.passageId}:${o.n}`)).toEqual(['p-b:1', 'p-a:2', 'p-b:1', 'p-c:3', 'p-a:2']);
  });

  it('walks into links, claim marks, nested lists and unknown containers in document order', () => {
    const nestedList = list('bullet', [[text('inner'), citation('p-3')]]);
    const doc = brief(
      heading('h2', text('t'), citation('p-1')),
      paragraph(link('https://example.org', text('x'), citation('p-2')), claimMark(['c1'], text('y'), citation('p-4', 'c1'))),
      list('number', [[text('outer')], [nestedList]]),
      { type: 'table', version: 1, children: [{ type: 'tablerow', version: 1, children: [citation('p-5')], direction: null, format: '', indent: 0 }], direction: null, format: '', indent: 0 },
    );
    const { order, occurrences } = numberCitations(doc);
    expect(order).toEqual(['p-1', 'p-2', 'p-4', 'p-3', 'p-5']);
    expect(occurrences.find((o) => o.passageId === 'p-4')?.claimId).toBe('c1');
  });

  it.each([
    ['null', null],
    ['a string', 'not a brief'],
    ['an empty root', { root: { type: 'root', children: [] } }],
    ['a citation without a passage ID', brief(paragraph({ type: 'citation', version: 1 } as never, { type: 'citation', version: 1, passageId: '' } as never))],
  ])('returns an empty numbering for %s', (_label, input) => {
    const result = numberCitations(input);
    expect(result.order).toEqual([]);
    expect(result.occurrences).toEqual([]);
  });

  it('accepts the root node itself as well as the editor state', () => {
    const doc = brief(paragraph(citation('p-x')));
    expect(numberCitations(doc.root).order).toEqual(['p-x']);
  });
});
