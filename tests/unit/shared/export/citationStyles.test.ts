/**
 * Note styles and author-date styles, with two small CSL files the team wrote
 * (tests/fixtures/export): a note style's footnotes use its <citation>
 * layout with "Ibid." and short forms where it asks for them; an author-date
 * style puts "(Author Year)" in the text of every format.
 */
import { strFromU8, unzipSync } from 'fflate';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { brief, citation, paragraph, text } from '../../../../shared/brief/build';
import { citationForm } from '../../../../shared/export/csl';
import { renderDocx } from '../../../../shared/export/docx';
import { renderHtml } from '../../../../shared/export/html';
import { renderMarkdown } from '../../../../shared/export/markdown';
import { buildExportModel, endsSentence } from '../../../../shared/export/model';
import { FIXTURE_DIR, fixtureInput, fixtureModel, pandoc, pandocNodes, pandocText } from './helpers';

const NOTES = readFileSync(join(FIXTURE_DIR, 'casefile-notes.csl'), 'utf8');
const AUTHOR_DATE = readFileSync(join(FIXTURE_DIR, 'casefile-author-date.csl'), 'utf8');
const SHELL = (attrs: string, info: string, citationBody: string, macros = '') =>
  `<?xml version="1.0"?><style xmlns="http://purl.org/net/xbiblio/csl" version="1.0" ${attrs}><info><title>t</title>${info}</info>${macros}<citation><layout>${citationBody}</layout></citation><bibliography><layout><text variable="title"/></layout></bibliography></style>`;

/** The fixture brief cites, in order: gazette-1, gazette-2, gazette-3, report-1, interview-1, gazette-1. */
const FULL_GAZETTE = 'Ada Okafor, “Forty tonnes of tobacco seized at Pier 9,” Ellery Harbour Gazette, 2024.';

describe('citationForm', () => {
  it('tells note, author-date and numeric styles apart', () => {
    expect(citationForm('custom', NOTES)).toBe('note');
    expect(citationForm('custom', AUTHOR_DATE)).toBe('author-date');
    expect(citationForm('apa')).toBe('author-date');
    expect(citationForm('harvard1')).toBe('author-date');
    expect(citationForm('vancouver')).toBe('numeric');
  });

  it('without a declared format, looks at what the citation layout prints, through its macros', () => {
    const viaMacro = SHELL('class="in-text"', '', '<text macro="num"/>', '<macro name="num"><group><text macro="inner"/></group></macro><macro name="inner"><text variable="citation-number"/></macro>');
    expect(citationForm('custom', viaMacro)).toBe('numeric');
    expect(citationForm('custom', SHELL('class="in-text"', '', '<text variable="title"/>'))).toBe('author-date');
    expect(citationForm('custom', SHELL('class="in-text"', '<category citation-format="label"/>', '<text variable="title"/>'))).toBe('numeric');
  });
});

describe('a note style', () => {
  const model = () => fixtureModel({ style: 'custom', customStyleXml: NOTES });

  it('makes one footnote per citation in its citation layout: full, then Ibid., then the short form', () => {
    const m = model();
    expect(m.citationForm).toBe('note');
    expect(m.notes.map((n) => [n.n, n.passageId, n.referenceText])).toEqual([
      [1, 'p-gazette-1', FULL_GAZETTE],
      [2, 'p-gazette-2', 'Ibid.'],
      [3, 'p-gazette-3', 'Ibid.'],
      [4, 'p-report-1', 'Ellery Harbour Customs Authority, “Annual enforcement report 2023,” 2024.'],
      [5, 'p-interview-1', 'Tomas Reyes, “Interview with a Pier 9 dock foreman,” Harbour Voices, 2024.'],
      [6, 'p-gazette-1', 'Okafor, “Forty tonnes of tobacco seized at Pier 9.”'],
    ]);
    // Each citation in the text points at its own note, in document order.
    const cited = m.blocks.flatMap((b) => (b.kind === 'list' ? b.items.flatMap((i) => [...i.inlines, ...i.lists.flatMap((l) => l.items.flatMap((x) => x.inlines))]) : 'inlines' in b ? b.inlines : []));
    expect(cited.filter((i) => i.kind === 'citation').map((i) => i.kind === 'citation' && i.n)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(m.notes.every((n) => n.occurrences === 1 && !n.broken)).toBe(true);
  });

  it('follows each citation with the quote and the locator, in Markdown, HTML and Word', async () => {
    const md = renderMarkdown(model());
    expect(md).toContain(`[^1]: ${FULL_GAZETTE.replace('Ellery Harbour Gazette', '*Ellery Harbour Gazette*')} “seized forty tonnes of undeclared tobacco from a container ship at Pier 9” (para. 1).`);
    expect(md).toContain('[^2]: Ibid. “The shipment had been declared as flat-pack furniture” (para. 2).');
    // The style puts the full stop inside the quotation marks: no second one.
    expect(md).toContain('[^6]: Okafor, “Forty tonnes of tobacco seized at Pier 9.” “seized forty tonnes');
    const notes = pandocNodes(JSON.parse(pandoc(md, 'json')), 'Note').map((n) => pandocText(n.c));
    expect(notes).toHaveLength(6);
    expect(notes[1]).toMatch(/^Ibid\. /);

    const html = renderHtml(model(), { print: true, pageSize: 'A4' });
    expect(html.match(/<li id="note-\d+"/g)).toHaveLength(6);
    expect(html).toContain('<li id="note-2" value="2">Ibid. <q>The shipment had been declared as flat-pack furniture</q> (para. 2).');

    const files = unzipSync(await renderDocx(model()));
    const footnotes = strFromU8(files['word/footnotes.xml'] ?? new Uint8Array()).replace(/<[^>]+>/g, '');
    expect(footnotes).toContain('Ibid. “The shipment had been declared as flat-pack furniture” (para. 2).');
    expect(footnotes).toContain('Okafor, “Forty tonnes of tobacco seized at Pier 9.” “seized forty tonnes');
  });

  it('never writes Ibid. across a citation whose passage is gone', () => {
    const input = fixtureInput({ style: 'custom', customStyleXml: NOTES });
    input.passages = input.passages.filter((p) => p.id !== 'p-gazette-2');
    const m = buildExportModel(input);
    expect(m.notes.map((n) => [n.referenceText, n.broken])).toEqual([
      [FULL_GAZETTE, false],
      ['[missing passage]', true],
      ['Okafor, “Forty tonnes of tobacco seized at Pier 9.”', false],
      expect.arrayContaining([false]),
      expect.arrayContaining([false]),
      ['Okafor, “Forty tonnes of tobacco seized at Pier 9.”', false],
    ]);
  });

  it('keeps its bibliography, in the style’s order', () => {
    expect(model().bibliography.map((e) => e.text)).toEqual([
      'Ellery Harbour Customs Authority. “Annual enforcement report 2023.” 2024.',
      'Okafor, Ada. “Forty tonnes of tobacco seized at Pier 9.” Ellery Harbour Gazette. 2024.',
      'Reyes, Tomas. “Interview with a Pier 9 dock foreman.” Harbour Voices. 2024.',
    ]);
  });
});

describe('an author-date style', () => {
  const model = () => fixtureModel({ style: 'custom', customStyleXml: AUTHOR_DATE });

  it('puts (Author Year) in the text before each note mark, in Markdown, HTML and Word', async () => {
    const md = renderMarkdown(model());
    expect(md).toContain('of undeclared tobacco (Okafor 2024)[^1]. The cargo was declared as *furniture* (Okafor 2024)[^2]');
    expect(md).toContain('declared as household goods. (Ellery Harbour Customs Authority 2024)[^4]');
    expect(md).toContain('- Was the container inspected on the quay? (Reyes 2024)[^5]');
    // The notes still quote their passages, one per cited passage.
    expect(md.match(/^\[\^\d+\]:/gm)).toHaveLength(5);
    const plain = pandoc(md, 'plain', ['--columns=1000']);
    expect(plain).toContain('undeclared tobacco (Okafor 2024)[1].');

    const html = renderHtml(model(), { print: true, pageSize: 'A4' });
    expect(html).toContain('undeclared tobacco <span class="in-text-citation">(Okafor 2024)</span><sup class="cite">');

    const files = unzipSync(await renderDocx(model()));
    const body = strFromU8(files['word/document.xml'] ?? new Uint8Array()).replace(/<[^>]+>/g, '');
    expect(body).toContain('undeclared tobacco (Okafor 2024).');
    expect(body).toContain('inspected on the quay? (Reyes 2024)');
  });

  it('groups adjacent citations into one in-text citation, and leaves out a citation whose source is gone', () => {
    const input = fixtureInput({ style: 'custom', customStyleXml: AUTHOR_DATE });
    input.note = { ...input.note, content: brief(paragraph(text('Two accounts'), citation('p-gazette-1'), text(' '), citation('p-interview-1'), text(' and one lost'), citation('p-gone'))) };
    const md = renderMarkdown(buildExportModel(input));
    expect(md).toContain('Two accounts (Okafor 2024; Reyes 2024)[^1] [^2] and one lost[^3]');
    expect(md).toMatch(/^\[\^3\]: \\\[missing passage\\\]$/m);
  });

  it('APA, the default, cites author, year and the passage’s locator', () => {
    const md = renderMarkdown(fixtureModel());
    expect(md).toContain('undeclared tobacco (Okafor, 2024, para. 1)[^1]');
    expect(md).toContain('household goods. (Ellery Harbour Customs Authority, 2024, p. 3)[^4]');
  });
});

describe('numeric styles', () => {
  it('keep the numbered notes with full references and add nothing to the text', () => {
    const m = fixtureModel({ style: 'vancouver' });
    expect(m.citationForm).toBe('numeric');
    expect(renderMarkdown(m)).toContain('of undeclared tobacco[^1].');
    expect(m.notes).toHaveLength(5);
  });
});

it('endsSentence sees a full stop inside closing quotation marks', () => {
  expect(endsSentence('Okafor, “Title.”')).toBe(true);
  expect(endsSentence('Ibid.')).toBe(true);
  expect(endsSentence('Okafor, “Title”')).toBe(false);
});
