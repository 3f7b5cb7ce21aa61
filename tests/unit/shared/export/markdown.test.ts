import { describe, expect, it } from 'vitest';
import { brief, heading, link, linebreak, list, paragraph, quote, text, TEXT_FORMAT } from '../../../../shared/brief/build';
import { escapeMarkdownText, renderMarkdown } from '../../../../shared/export/markdown';
import { buildExportModel } from '../../../../shared/export/model';
import { fixtureInput, fixtureModel, loadCase, normaliseText, pandoc, pandocNodes, pandocText } from './helpers';

/** Text that must never turn into Markdown or HTML structure. */
const HOSTILE = [
  'Rates rose 5*3*2 times_under_scores and `ticks` ``double``',
  '<script>alert("x")</script> & &amp; <b>bold?</b>',
  'Footnote bait [^x] and [link](https://evil.example) and ![img](x.png)',
  '# not a heading',
  '- not a list',
  '+ not a list either',
  '1984. Not an ordered list',
  'iv) not roman either',
  ': not a definition',
  '> not a quote',
  '| not | a | table |',
  'Cost $5 and $6, email @someone, 2^10 and H~2~O, {.class} \\ backslash',
  '=====',
  '    four spaces are not code',
  'trailing hashes ##',
];

function hostileModel() {
  const input = fixtureInput({ author: '*Ada* [^1] <i>', date: '2024-03-05' });
  input.case = { ...input.case, name: 'Title: with "quotes" and #hash and `code` *stars*' };
  input.note = {
    ...input.note,
    content: brief(
      ...HOSTILE.map((line) => paragraph(text(line))),
      heading('h2', text('Heading with *stars* ##')),
      quote(text('- quoted > text <br>')),
      list('bullet', [[text('1. item *one*')], [text('[^2] item')]]),
    ),
  };
  return buildExportModel(input);
}

describe('renderMarkdown', () => {
  it('writes YAML front matter, the body, one definition per cited passage and the references', () => {
    const md = renderMarkdown(fixtureModel({ author: 'Desk', date: '2024-03-11' }));
    expect(md.startsWith('---\ntitle: "Pier 9 tobacco seizure"\nauthor: "Desk"\ndate: "2024-03-11"\nlang: en-US\n---\n')).toBe(true);
    expect(md.match(/\[\^\d+\](?!:)/g)).toHaveLength(6);
    expect(md.match(/^\[\^\d+\]:/gm)).toEqual(['[^1]:', '[^2]:', '[^3]:', '[^4]:', '[^5]:']);
    // APA is an author-date style: "(Author, Year, locator)" in the text, then the note with the quote.
    expect(md).toContain('customs officers seized **forty tonnes** of undeclared tobacco (Okafor, 2024, para. 1)[^1].');
    expect(md).toContain('declared as *furniture* (Okafor, 2024, para. 2)[^2]');
    expect(md).toContain('- How many tonnes were seized? (Okafor, 2024, para. 1)[^1]');
    expect(md).toContain('  - Who signed the furniture declaration?');
    expect(md).toContain('> Tobacco accounted for 61%');
    expect(md).toContain('\n## References\n');
    expect(md.endsWith('\n')).toBe(true);
  });

  it('places footnote definitions after their block, or all at the end in endnotes mode', () => {
    const foot = renderMarkdown(fixtureModel());
    expect(foot.indexOf('[^1]:')).toBeLessThan(foot.indexOf('> Tobacco'));
    const end = renderMarkdown(fixtureModel({ notes: 'endnotes' }));
    expect(end.indexOf('[^1]:')).toBeGreaterThan(end.indexOf('- How many tonnes'));
    expect(end.indexOf('[^5]:')).toBeLessThan(end.indexOf('## References'));
  });

  it('writes the claims and evidence tables with pipes escaped', () => {
    const input = fixtureInput({ include: { bibliography: false, claimsAppendix: true, evidenceTable: true } });
    input.claims = input.claims.map((c, i) => (i === 0 ? { ...c, statement: 'Seized | 40 t' } : c));
    const md = renderMarkdown(buildExportModel(input));
    expect(md).toContain('| Claim | Claimant | Status | Supporting | Contradicting | Independent sources | Tags |');
    expect(md).toContain('| Seized \\| 40 t | Ellery Harbour Customs Authority | supported | 2 | 0 | 2 | goods/tobacco |');
    expect(md).toContain('## Evidence');
    expect(md).not.toContain('## References');
  });

  it('escapes every Markdown metacharacter in user text', () => {
    expect(escapeMarkdownText('*_`[]<>#|^~$@&{}\\')).toBe('\\*\\_\\`\\[\\]\\<\\>\\#\\|\\^\\~\\$\\@\\&\\{\\}\\\\');
    expect(escapeMarkdownText('plain words, 42.')).toBe('plain words, 42.');
  });

  it('keeps whitespace outside emphasis and nests adjacent formats without ambiguous runs', () => {
    const input = fixtureInput();
    input.note = {
      ...input.note,
      content: brief(
        paragraph(text('a '), text(' bold ', TEXT_FORMAT.bold), text('both', TEXT_FORMAT.bold | TEXT_FORMAT.italic), text(' u', TEXT_FORMAT.underline), text('x`y', TEXT_FORMAT.code)),
        paragraph(text('line one'), linebreak(), text('- line two')),
        paragraph(link('https://example.org/a_(b)', text('see '), text('this', TEXT_FORMAT.italic))),
      ),
    };
    const md = renderMarkdown(buildExportModel(input));
    expect(md).toContain('a  **bold *both*** [u]{.underline}``x`y``');
    expect(md).toContain('line one\\\n\\- line two');
    expect(md).toContain('[see *this*](<https://example.org/a_(b)>)');
  });

  describe('through pandoc', () => {
    it('parses to 6 notes, each holding its exact quote, and 3 APA references', () => {
      const model = fixtureModel();
      const ast = JSON.parse(pandoc(renderMarkdown(model), 'json')) as { blocks: unknown[]; meta: unknown };
      const notes = pandocNodes(ast.blocks, 'Note');
      expect(notes).toHaveLength(6);
      const data = loadCase();
      const expected = ['p-gazette-1', 'p-gazette-2', 'p-gazette-3', 'p-report-1', 'p-interview-1', 'p-gazette-1'];
      notes.forEach((note, i) => {
        const passage = data.passages.find((p) => p.id === expected[i]);
        const quoted = pandocText(note.c);
        expect(quoted).toContain(normaliseText(passage?.selectors[0].exact ?? '<missing>'));
        expect(quoted).toMatch(/\((para\.|p\.) \d+\)\.$/);
      });
      const plainText = pandoc(renderMarkdown(model), 'plain', ['--columns=1000']);
      const references = plainText.slice(plainText.indexOf('References'));
      expect(references).toContain('Ellery Harbour Customs Authority. (2024). Annual enforcement report 2023. Ellery Harbour Customs Authority.');
      expect(references).toContain('Okafor, A. (2024, March 5). Forty tonnes of tobacco seized at Pier 9. Ellery Harbour Gazette. https://gazette.example/2024/03/05/pier-9-seizure');
      expect(references).toContain('Reyes, T. (2024, March 7). Interview with a Pier 9 dock foreman [Interview]. Harbour Voices. Ellery Community Radio.');
      expect(pandocNodes(ast.blocks, 'Emph').length).toBeGreaterThanOrEqual(4); // container titles are italic
    });

    it('round-trips hostile text literally: no structure appears, every character survives', () => {
      const model = hostileModel();
      const ast = JSON.parse(pandoc(renderMarkdown(model), 'json')) as { blocks: { t: string; c: unknown }[]; meta: Record<string, { c: unknown }> };
      const body = ast.blocks.slice(0, HOSTILE.length);
      expect(body.map((b) => b.t)).toEqual(HOSTILE.map(() => 'Para'));
      body.forEach((block, i) => expect(pandocText(block.c)).toBe(normaliseText(HOSTILE[i] ?? '')));
      const rest = ast.blocks.slice(HOSTILE.length);
      expect(rest[0]?.t).toBe('Header');
      expect(pandocText((rest[0]?.c as unknown[])[2])).toBe('Heading with *stars* ##');
      expect(rest[1]?.t).toBe('BlockQuote');
      expect(pandocText(rest[1]?.c)).toBe('- quoted > text <br>');
      expect(rest[2]?.t).toBe('BulletList');
      expect((rest[2]?.c as unknown[]).map((item) => pandocText(item))).toEqual(['1. item *one*', '[^2] item']);
      for (const forbidden of ['RawInline', 'RawBlock', 'Link', 'Image', 'Math', 'Cite', 'Code', 'CodeBlock', 'Superscript', 'Subscript', 'Strong', 'Emph', 'OrderedList', 'DefinitionList', 'Table', 'HorizontalRule', 'Div', 'Span']) {
        expect(pandocNodes(ast.blocks.slice(0, -1), forbidden).map((n) => n.t), forbidden).toEqual([]);
      }
      expect(pandocText(ast.meta.title?.c)).toBe(normaliseText('Title: with "quotes" and #hash and `code` *stars*'));
      expect(pandocText(ast.meta.author?.c)).toBe('*Ada* [^1] <i>');
    });
  });
});
