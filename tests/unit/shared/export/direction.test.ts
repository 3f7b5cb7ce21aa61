import { unzipSync, strFromU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { brief, citation, heading, paragraph, text } from '../../../../shared/brief/build';
import { textDirection } from '../../../../shared/domain/direction';
import { renderDocx } from '../../../../shared/export/docx';
import { renderHtml } from '../../../../shared/export/html';
import { renderMarkdown } from '../../../../shared/export/markdown';
import { buildExportModel } from '../../../../shared/export/model';
import { fixtureInput, pandoc } from './helpers';

/** Team-written Arabic and Hebrew: the harbour story of the other fixtures. */
const ARABIC_QUOTE = 'قال مدير الميناء إن العوامات الجديدة أصبحت أوضح في الليل.';
const ARABIC_PARAGRAPH = 'وأضاف أن تكلفة الأعمال ارتفعت بمقدار الخمس بعد اكتشاف مراسٍ متآكلة تحت الرصيف الشمالي';
const HEBREW_HEADING = 'מה אמר מנהל הנמל';

/** The fixture case with one passage in Arabic, cited from an Arabic paragraph under a Hebrew heading. */
function rtlModel() {
  const input = fixtureInput({ date: '2024-03-05' });
  const passage = input.passages[0]!;
  input.passages = input.passages.map((p) => (p.id === passage.id ? { ...p, selectors: [{ ...p.selectors[0], exact: ARABIC_QUOTE }, p.selectors[1]] } : p));
  input.note = {
    ...input.note,
    content: brief(heading('h2', text(HEBREW_HEADING)), paragraph(text(ARABIC_PARAGRAPH), citation(passage.id)), paragraph(text('An English paragraph stays left to right.'))),
  };
  return buildExportModel(input);
}

describe('textDirection', () => {
  it.each([
    [ARABIC_QUOTE, 'rtl'],
    [HEBREW_HEADING, 'rtl'],
    ['“12 %” — the harbour', 'ltr'],
    ['2024: قال', 'rtl'],
    ['123 — ', undefined],
  ])('%s → %s', (value, expected) => {
    expect(textDirection(value)).toBe(expected);
  });
});

describe('right-to-left text in exports', () => {
  const model = rtlModel();

  it('marks right-to-left blocks and quotes in the model, and nothing else', () => {
    expect(model.blocks.map((b) => b.dir)).toEqual(['rtl', 'rtl', undefined]);
    expect(model.notes[0]).toMatchObject({ quote: ARABIC_QUOTE, quoteDir: 'rtl' });
  });

  it('follows the direction the editor recorded over the text’s first letter', () => {
    const input = fixtureInput();
    const block = { ...paragraph(text(ARABIC_PARAGRAPH)), direction: 'ltr' as const };
    input.note = { ...input.note, content: brief(block) };
    expect(buildExportModel(input).blocks[0]!.dir).toBeUndefined();
  });

  it('HTML/PDF: dir="rtl" on the blocks and on the quote, which stays exact', () => {
    const html = renderHtml(model, { print: true, pageSize: 'A4' });
    expect(html).toContain(`<h3 dir="rtl">${HEBREW_HEADING}</h3>`);
    expect(html).toContain(`<p dir="rtl">${ARABIC_PARAGRAPH}`);
    expect(html).toContain(`<q dir="rtl">${ARABIC_QUOTE}</q>`);
    expect(html).toContain('<p>An English paragraph stays left to right.</p>');
  });

  it('Markdown: Pandoc reads the direction from fenced divs and spans, and keeps the quote exact', () => {
    const markdown = renderMarkdown(model);
    expect(markdown).toContain(`::: {dir="rtl"}\n## ${HEBREW_HEADING}\n:::`);
    expect(markdown).toContain(`“[${ARABIC_QUOTE}]{dir="rtl"}”`);
    const html = pandoc(markdown, 'html5', ['--wrap=none']);
    // Pandoc makes a div that starts with a heading a section; either way the direction is on it.
    expect(html).toMatch(new RegExp(`dir="rtl">\\s*<h2[^>]*>${HEBREW_HEADING}</h2>`));
    expect(html).toContain(`<span dir="rtl">${ARABIC_QUOTE}</span>`);
  });

  it('Word: bidirectional paragraphs and right-to-left runs, the quote exact in its note', async () => {
    const files = unzipSync(await renderDocx(model));
    const document = strFromU8(files['word/document.xml']!);
    const footnotes = strFromU8(files['word/footnotes.xml']!);
    const paragraphWith = (xml: string, words: string) => xml.split('<w:p>').find((p) => p.includes(words)) ?? '';
    expect(paragraphWith(document, ARABIC_PARAGRAPH)).toContain('<w:bidi/>');
    expect(paragraphWith(document, ARABIC_PARAGRAPH)).toContain('<w:rtl/>');
    expect(paragraphWith(document, 'An English paragraph')).not.toContain('<w:bidi/>');
    expect(footnotes).toContain(ARABIC_QUOTE);
    expect(paragraphWith(footnotes, ARABIC_QUOTE)).toContain('<w:rtl/>');
  });
});
