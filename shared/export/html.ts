/**
 * A standalone HTML document from an export model: for reading in a browser
 * and, with `print: true`, for printing to PDF through Chromium.
 *
 * No scripts, no external resources: the PDF renderer runs with JavaScript
 * off and the network refused. Author-date styles print their in-text
 * citation, "(Okafor, 2024, para. 7)", before the note mark. Notes are
 * numbered by the citation rule (one per citation with a note style) and
 * listed at the end under "Notes" in both notes modes (HTML has no page
 * footnotes), each with links back to every place that cites it.
 *
 * Running title and page numbers: Chromium does not render CSS `@page`
 * margin boxes, so they come from printToPDF's header/footer templates, which
 * `pdfHeaderFooter` supplies; the page margins below leave room for them.
 */
import type { RichRun } from './csl';
import { citationTail, endsSentence, type Block, type ExportModel, type ExportNote, type Inline, type ListBlock } from './model';

export interface HtmlOptions {
  print: boolean;
  pageSize: 'A4' | 'Letter';
}

/** Escape text for HTML element content and double-quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Render the document. Every piece of user text passes through `escapeHtml`. */
export function renderHtml(model: ExportModel, options: HtmlOptions): string {
  const refs = new RefCounter();
  const body = model.blocks.map((block) => renderBlock(block, refs)).join('\n');
  const byline = [model.author ? `<p class="author">${escapeHtml(model.author)}</p>` : '', model.dateText ? `<p class="date"><time datetime="${escapeHtml(model.date ?? '')}">${escapeHtml(model.dateText)}</time></p>` : '']
    .filter(Boolean)
    .join('\n');
  const sections = [
    `<header class="title-block">\n<h1 class="title">${escapeHtml(model.title)}</h1>\n${byline}\n</header>`,
    `<main>\n${body}\n</main>`,
    model.notes.length > 0 ? notesSection(model.notes, refs) : '',
    model.bibliography.length > 0
      ? `<section class="references" aria-labelledby="references-title">\n<h2 id="references-title">References</h2>\n${model.bibliography
          .map((entry) => `<p class="reference" id="ref-${escapeHtml(entry.id)}">${entry.label ? `<span class="label">${escapeHtml(entry.label)}</span> ` : ''}${richHtml(entry.runs)}</p>`)
          .join('\n')}\n</section>`
      : '',
    model.claims
      ? appendixTable('claims', 'Claims', ['Claim', 'Claimant', 'Status', 'Supporting', 'Contradicting', 'Independent sources', 'Tags'], [3, 4, 5], model.claims.map((c) => [c.statement, c.claimant, c.status, String(c.supports), String(c.contradicts), String(c.independentSources), c.tags.join(', ')]))
      : '',
    model.evidence
      ? appendixTable('evidence', 'Evidence', ['Claim', 'Stance', 'Quote', 'Source', 'Locator'], [], model.evidence.map((r) => [r.claim, r.stance, r.quote, r.source, r.locator]))
      : '',
  ].filter(Boolean);
  return `<!doctype html>
<html lang="en-US">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(model.title)}</title>
${model.author ? `<meta name="author" content="${escapeHtml(model.author)}">\n` : ''}<meta name="generator" content="Casefile">
<style>
${css(options)}
</style>
</head>
<body>
<article>
${sections.join('\n')}
</article>
</body>
</html>
`;
}

/**
 * Header and footer templates for Chromium's printToPDF
 * (`displayHeaderFooter: true`): the running title at the top, "page / total"
 * at the bottom. Chromium fills `<span class="pageNumber">` and
 * `<span class="totalPages">`; templates need their own inline styles and
 * font size, because they are rendered apart from the page. Only the title
 * is needed, so a PDF host can build them from `cf:pdf:render`'s `title`
 * and never has to accept template HTML from the renderer.
 */
export function pdfHeaderFooter(model: Pick<ExportModel, 'title'>): { headerTemplate: string; footerTemplate: string } {
  const style = `font-family: ${SERIF}; font-size: 8.5pt; color: #555; width: 100%; margin: 0 20mm;`;
  return {
    headerTemplate: `<div style="${style} text-align: right; overflow: hidden; white-space: nowrap; text-overflow: ellipsis;">${escapeHtml(model.title)}</div>`,
    footerTemplate: `<div style="${style} text-align: center;"><span class="pageNumber"></span> / <span class="totalPages"></span></div>`,
  };
}

// ------------------------------------------------------------ blocks and inlines

/** Hands out `id`s for citation anchors so each note can link back to each of its citations. */
class RefCounter {
  readonly anchors = new Map<number, string[]>();
  next(n: number, occurrence: number): string {
    const id = `cite-${n}-${occurrence}`;
    const list = this.anchors.get(n) ?? [];
    list.push(id);
    this.anchors.set(n, list);
    return id;
  }
}

function renderBlock(block: Block, refs: RefCounter): string {
  switch (block.kind) {
    case 'heading': {
      // The document title is the only h1; brief headings start one level below it.
      const level = Math.min(6, block.level + 1);
      return `<h${level}>${renderInlines(block.inlines, refs)}</h${level}>`;
    }
    case 'paragraph':
      return `<p>${renderInlines(block.inlines, refs)}</p>`;
    case 'quote':
      return `<blockquote><p>${renderInlines(block.inlines, refs)}</p></blockquote>`;
    case 'list':
      return renderList(block, refs);
  }
}

function renderList(list: ListBlock, refs: RefCounter): string {
  const tag = list.ordered ? 'ol' : 'ul';
  const start = list.ordered && list.start !== 1 ? ` start="${list.start}"` : '';
  const items = list.items.map((item) => `<li>${renderInlines(item.inlines, refs)}${item.lists.map((l) => renderList(l, refs)).join('')}</li>`);
  return `<${tag}${start}>\n${items.join('\n')}\n</${tag}>`;
}

const MARK_TAGS: Record<string, [string, string]> = {
  bold: ['<strong>', '</strong>'],
  italic: ['<em>', '</em>'],
  strikethrough: ['<s>', '</s>'],
  underline: ['<u>', '</u>'],
  code: ['<code>', '</code>'],
};

function renderInlines(inlines: readonly Inline[], refs: RefCounter): string {
  return inlines
    .map((inline) => {
      switch (inline.kind) {
        case 'text':
          return inline.marks.reduceRight((html, mark) => {
            const [open, close] = MARK_TAGS[mark] ?? ['', ''];
            return open + html + close;
          }, escapeHtml(inline.text));
        case 'break':
          return '<br>';
        case 'link':
          return `<a href="${escapeHtml(inline.url)}">${renderInlines(inline.children, refs)}</a>`;
        case 'citation': {
          const id = refs.next(inline.n, inline.occurrence);
          // Author-date styles: "(Okafor, 2024, para. 2)" in the text, then the note mark.
          const inText = inline.inText ? `${inline.spaceBefore ? ' ' : ''}<span class="in-text-citation">${richHtml(inline.inText)}</span>` : '';
          return `${inText}<sup class="cite"><a id="${id}" href="#note-${inline.n}" aria-label="Note ${inline.n}">${inline.n}</a></sup>`;
        }
      }
    })
    .join('');
}

function richHtml(runs: readonly RichRun[]): string {
  return runs
    .map((run) => {
      let html = escapeHtml(run.text);
      if (run.italic) html = `<em>${html}</em>`;
      if (run.bold) html = `<strong>${html}</strong>`;
      if (run.smallCaps) html = `<span class="small-caps">${html}</span>`;
      if (run.superscript) html = `<sup>${html}</sup>`;
      if (run.subscript) html = `<sub>${html}</sub>`;
      return html;
    })
    .join('');
}

function notesSection(notes: readonly ExportNote[], refs: RefCounter): string {
  const items = notes.map((note) => {
    const backs = (refs.anchors.get(note.n) ?? [])
      .map((id, i, all) => `<a class="back" href="#${id}" aria-label="Back to citation ${i + 1} of note ${note.n}">↩${all.length > 1 ? `<sup>${i + 1}</sup>` : ''}</a>`)
      .join(' ');
    const quote = note.quote ? ` <q>${escapeHtml(note.quote.replace(/\s+/g, ' ').trim())}</q>` : '';
    const tail = citationTail(note);
    const locator = tail ? `${escapeHtml(tail)}.` : '';
    const lead = endsSentence(note.referenceText) || !quote ? '' : '.';
    const cls = note.broken ? ' class="broken"' : '';
    return `<li id="note-${note.n}"${cls} value="${note.n}">${richHtml(note.reference)}${lead}${quote}${locator} ${backs}</li>`;
  });
  return `<section class="notes" aria-labelledby="notes-title">\n<h2 id="notes-title">Notes</h2>\n<ol>\n${items.join('\n')}\n</ol>\n</section>`;
}

function appendixTable(id: string, title: string, header: string[], numeric: number[], rows: string[][]): string {
  const cell = (tag: 'th' | 'td', text: string, i: number) => `<${tag}${numeric.includes(i) ? ' class="num"' : ''}>${escapeHtml(text)}</${tag}>`;
  return `<section class="appendix" aria-labelledby="${id}-title">
<h2 id="${id}-title">${escapeHtml(title)}</h2>
<table class="${id}">
<thead><tr>${header.map((h, i) => cell('th', h, i)).join('')}</tr></thead>
<tbody>
${rows.map((row) => `<tr>${row.map((c, i) => cell('td', c, i)).join('')}</tr>`).join('\n')}
</tbody>
</table>
</section>`;
}

// ------------------------------------------------------------ style

const SERIF = `'Source Serif 4', 'Source Serif Pro', Charter, 'Bitstream Charter', Georgia, 'Liberation Serif', 'DejaVu Serif', serif`;

function css(options: HtmlOptions): string {
  const screen = `
html { background: #f6f5f1; }
body { margin: 0; padding: 3rem 1rem; }
article { max-width: 40rem; margin: 0 auto; background: #fff; padding: 3rem 3.5rem; box-shadow: 0 1px 3px rgba(0,0,0,.12); }`;
  const print = `
@page { size: ${options.pageSize === 'A4' ? 'A4' : 'letter'}; margin: 22mm 20mm 25mm; }
html, body { background: #fff; margin: 0; padding: 0; }
article { max-width: none; margin: 0; padding: 0; box-shadow: none; }
h2, h3, h4, h5, h6 { break-after: avoid; }
p, blockquote, li { orphans: 3; widows: 3; }
tr, blockquote { break-inside: avoid; }
a { color: inherit; text-decoration: none; }
section.notes, section.references { break-before: auto; }`;
  return `
:root { color-scheme: light; }
body { font-family: ${SERIF}; font-size: 11.5pt; line-height: 1.5; color: #1a1a1a; font-kerning: normal; font-variant-ligatures: common-ligatures; hyphens: auto; text-rendering: optimizeLegibility; }
.title-block { margin-bottom: 2.2em; }
h1.title { font-size: 1.9em; line-height: 1.2; margin: 0 0 .35em; font-weight: 600; }
.author, .date { margin: 0; color: #444; font-style: italic; }
h2 { font-size: 1.35em; margin: 1.8em 0 .5em; font-weight: 600; line-height: 1.25; }
h3 { font-size: 1.15em; margin: 1.5em 0 .4em; font-weight: 600; }
h4, h5, h6 { font-size: 1em; margin: 1.3em 0 .3em; font-weight: 600; }
p { margin: 0 0 .8em; text-align: justify; }
blockquote { margin: 1em 2em; padding: 0; font-size: .95em; color: #333; }
blockquote p { text-align: left; }
ul, ol { margin: 0 0 .8em; padding-left: 1.6em; }
li { margin: .15em 0; }
code { font-family: 'DejaVu Sans Mono', Menlo, Consolas, monospace; font-size: .88em; }
a { color: #1d4f91; }
sup.cite { font-size: .72em; line-height: 0; vertical-align: super; }
sup.cite a { text-decoration: none; padding: 0 .08em; }
section.notes, section.references, section.appendix { margin-top: 2.4em; }
section.notes h2, section.references h2, section.appendix h2 { font-size: 1.1em; text-transform: uppercase; letter-spacing: .06em; border-top: 0.5pt solid #999; padding-top: .8em; }
section.notes ol { font-size: .9em; padding-left: 1.8em; }
section.notes li { margin: .35em 0; }
section.notes q { quotes: '“' '”'; }
section.notes li.broken { color: #8a1c1c; }
a.back { text-decoration: none; font-size: .9em; }
p.reference { text-align: left; padding-left: 2em; text-indent: -2em; font-size: .95em; }
.small-caps { font-variant: small-caps; }
table { border-collapse: collapse; width: 100%; font-size: .85em; line-height: 1.35; }
th, td { text-align: left; vertical-align: top; padding: .35em .5em; border-bottom: 0.5pt solid #bbb; }
th { border-bottom: 1pt solid #333; font-weight: 600; }
td.num, th.num { text-align: right; }
table.claims td:first-child { width: 34%; }
table.evidence td:first-child { width: 24%; }
table.evidence td:nth-child(3) { width: 36%; }
@media screen {${options.print ? '' : screen}
}
@media print {${print}
}${options.print ? `\n/* print: true lays the page out for paper on screen too, as a preview */${print}` : ''}
`;
}
