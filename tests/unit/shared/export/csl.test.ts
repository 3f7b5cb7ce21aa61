import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CslStyleError, formatBibliography, formatEntries, formatOmittedReference, listStyles, registerCustomStyle, toBibtex, toCslItems, toCslJson } from '../../../../shared/export/csl';
import { renderMarkdown } from '../../../../shared/export/markdown';
import { FIXTURE_DIR, fixtureModel, loadCase } from './helpers';

const TEST_STYLE = readFileSync(join(FIXTURE_DIR, 'casefile-test.csl'), 'utf8');
const STYLE_SHELL = (body: string) => `<?xml version="1.0"?><style xmlns="http://purl.org/net/xbiblio/csl" version="1.0" class="in-text"><info><title>t</title></info>${body}</style>`;

describe('citation styles', () => {
  it('lists the styles citation-js ships', () => {
    const ids = listStyles().map((s) => s.id);
    expect(ids).toEqual(expect.arrayContaining(['apa', 'vancouver', 'harvard1']));
    expect(listStyles().find((s) => s.id === 'apa')?.title).toMatch(/APA/);
  });

  it('formats a bibliography as text and as HTML, with source IDs as entry IDs', () => {
    const items = toCslItems(loadCase().sources);
    const text = formatBibliography(items, 'harvard1', 'text');
    expect(text.map((e) => e.id).sort()).toEqual(['src-gazette', 'src-interview', 'src-report']);
    expect(text.find((e) => e.id === 'src-gazette')?.content).toBe(
      'Okafor, A. (2024) “Forty tonnes of tobacco seized at Pier 9,” Ellery Harbour Gazette, 5 March. Available at: https://gazette.example/2024/03/05/pier-9-seizure.',
    );
    const html = formatBibliography(items, 'apa', 'html');
    expect(html.find((e) => e.id === 'src-gazette')?.content).toContain('<i>Ellery Harbour Gazette</i>');
    expect(formatBibliography([], 'apa', 'text')).toEqual([]);
  });

  it('reuses a formatted bibliography only for the very same items and style', () => {
    const items = toCslItems(loadCase().sources);
    const first = formatBibliography(items, 'apa', 'text');
    first[0]!.content = 'tampered';
    expect(formatBibliography(items, 'apa', 'text')[0]?.content).not.toBe('tampered');
    const renamed = items.map((item) => (item.id === 'src-report' ? { ...item, title: 'Renamed report' } : item));
    expect(formatBibliography(renamed, 'apa', 'text').find((e) => e.id === 'src-report')?.content).toContain('Renamed report');
    expect(formatBibliography(items, 'vancouver', 'text')[0]?.content).toMatch(/^1\. /);
  });

  it('parses styled runs and never lets markup in metadata through as markup', () => {
    const [entry] = formatEntries([{ id: 'x', type: 'report', title: 'Seized <script>alert(1)</script> & *goods*', issued: { 'date-parts': [[2024]] } }], 'apa');
    expect(entry?.text).toBe('Seized <script>alert(1)</script> & *goods*. (2024).');
    expect(entry?.runs.some((run) => run.italic)).toBe(true);
  });

  it('applies a user .csl style: TITLE — AUTHOR instead of APA', () => {
    const custom = fixtureModel({ customStyleXml: TEST_STYLE });
    expect(custom.bibliography.map((e) => e.text)).toEqual([
      'ANNUAL ENFORCEMENT REPORT 2023 — Ellery Harbour Customs Authority',
      'FORTY TONNES OF TOBACCO SEIZED AT PIER 9 — Ada Okafor',
      'INTERVIEW WITH A PIER 9 DOCK FOREMAN — Tomas Reyes',
    ]);
    expect(custom.notes[0]?.referenceText).toBe('FORTY TONNES OF TOBACCO SEIZED AT PIER 9 — Ada Okafor');
    const md = renderMarkdown(custom);
    expect(md).toContain('FORTY TONNES OF TOBACCO SEIZED AT PIER 9 — Ada Okafor');
    expect(md).not.toContain('Okafor, A. (2024');
    expect(registerCustomStyle(TEST_STYLE)).toBe(registerCustomStyle(TEST_STYLE));
    expect(listStyles().some((s) => s.title === 'Casefile test style')).toBe(true);
  });

  it.each([
    ['plain text', 'title,author\nx,y', /not XML/],
    ['an empty file', '   ', /not XML/],
    ['broken XML', '<style xmlns="http://purl.org/net/xbiblio/csl"><info></style>', /not well-formed XML: <info> opened on line 1 is closed by <\/style>/],
    ['an unclosed element', '<style xmlns="http://purl.org/net/xbiblio/csl">\n<citation>', /<citation> opened on line 2 is never closed/],
    ['another XML document', '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"></svg>', /not a CSL style: its root element is <svg>/],
    ['a style outside the CSL namespace', '<style version="1.0"><citation/><bibliography/></style>', /not in the CSL namespace/],
    ['a style without a bibliography', STYLE_SHELL('<citation><layout><text variable="title"/></layout></citation>'), /no <bibliography> section/],
    ['a section without a layout', STYLE_SHELL('<citation><layout><text variable="title"/></layout></citation><bibliography></bibliography>'), /<bibliography> section of this CSL style has no <layout>/],
    ['an undefined macro', STYLE_SHELL('<citation><layout><text variable="title"/></layout></citation><bibliography><layout><text macro="author-short"/></layout></bibliography>'), /uses the macro “author-short” but never defines it/],
    [
      'a style citeproc cannot run',
      STYLE_SHELL('<citation><layout><text variable="title"/></layout></citation><bibliography><layout><names variable="author"><name and="bogus"/></names><date variable="issued"><date-part name="nope"/></date></layout></bibliography>'),
      /citation processor could not use this CSL style/,
    ],
  ])('refuses %s with a specific message', (_label, xml, message) => {
    expect(() => registerCustomStyle(xml)).toThrow(CslStyleError);
    expect(() => registerCustomStyle(xml)).toThrow(message);
  });

  it('names the built-in styles when asked for an unknown one', () => {
    expect(() => formatBibliography(toCslItems(loadCase().sources), 'chicago', 'text')).toThrow(/Unknown citation style “chicago”.*apa, vancouver, harvard1.*\.csl/);
  });

  it('gives a source the style leaves out of its bibliography a short reference for notes', () => {
    const unpublished = { id: 'i1', type: 'interview' as const, title: 'Interview with a dock foreman', author: [{ family: 'Reyes', given: 'Tomas' }], issued: { 'date-parts': [[2024, 3, 7]] as [[number, number, number]] } };
    expect(formatBibliography([unpublished], 'apa', 'text')).toEqual([]);
    const runs = formatOmittedReference(unpublished, 'apa');
    expect(runs.map((r) => r.text).join('')).toBe('T. Reyes, personal communication, March 7, 2024. Interview with a dock foreman.');
  });

  it('exports CSL-JSON and BibTeX', () => {
    const sources = loadCase().sources;
    const json = JSON.parse(toCslJson(sources)) as { id: string; title: string }[];
    expect(json.map((item) => item.id)).toEqual(['src-gazette', 'src-report', 'src-interview']);
    expect(json[0]?.title).toBe('Forty tonnes of tobacco seized at Pier 9');
    const bibtex = toBibtex(sources);
    expect(bibtex.match(/^@\w+\{/gm)).toEqual(['@article{', '@techreport{', '@misc{']);
    expect(bibtex).toContain('author = {{Ellery Harbour Customs Authority}}');
    expect(toBibtex([])).toBe('');
  });
});
