/**
 * Pandoc-flavoured Markdown from an export model.
 *
 * Notes: every citation is a footnote reference `[^n]`, and each cited passage
 * has exactly one definition `[^n]: Reference. “quote” (para. 7).` (with a
 * note style, each citation has its own, in the style's form for its
 * position: `[^2]: Ibid. “quote” (para. 8).`; with an author-date style the
 * in-text citation comes first: `(Okafor, 2024, para. 7)[^1]`); Pandoc
 * turns every reference into a note of the target format. Markdown has no
 * separate endnote syntax, so the two modes differ only in where the
 * definitions sit in the file: `footnotes` puts each definition right after
 * the block that first cites it (readable in the raw file), `endnotes` puts
 * them all after the body, before the references. Pandoc's output is the
 * same either way; choose notes vs. endnotes in the target (for example
 * `--reference-location` for Markdown/HTML output, or a Word reference
 * document).
 *
 * Escaping: all user text goes through `escapeMarkdownText`, so brief text,
 * quotes, titles and claim statements can never become Markdown or HTML
 * structure. Straight quotes and dashes are left readable; Pandoc's `smart`
 * extension typesets them as curly quotes and dashes (read with
 * `-f markdown-smart` to keep them straight).
 */
import type { RichRun } from './csl';
import { isRtl } from '../domain/direction';
import { bytesToBase64 } from '../domain/base64';
import { citationTail, endsSentence, MISSING_PASSAGE, MISSING_SOURCE, type Block, type CitationInline, type ExportModel, type ExportNote, type FigureBlock, type Inline, type InlineMark, type ListBlock, type TableBlock } from './model';

/**
 * Pandoc citeproc mode: citations become `[@key, para. 7]` (adjacent ones
 * `[@a, para. 7; @b, p. 2]`), with no notes of our own; the front matter
 * names the bibliography file (CSL-JSON whose IDs are the keys) and the CSL
 * style file, and `pandoc --citeproc` builds the notes or in-text citations
 * and the reference list. See `pandocSidecars` for the files themselves.
 */
export interface PandocCitations {
  /** Source ID → citation key (`citationKeys`). */
  keys: ReadonlyMap<string, string>;
  /** The bibliography file name written into the front matter ("Case-brief.references.json"). */
  bibliography: string;
  /** The CSL style file name, when one is written beside the Markdown. */
  csl?: string;
}

export interface MarkdownOptions {
  /** Absent: the default footnote-with-quote mode. */
  pandoc?: PandocCitations;
}

/** Render the whole document, front matter to appendices, ending with one newline. */
export function renderMarkdown(model: ExportModel, options: MarkdownOptions = {}): string {
  const pandoc = options.pandoc;
  const out: string[] = [frontMatter(model, pandoc)];
  const defined = new Set<number>();
  const byNumber = new Map(model.notes.map((note) => [note.n, note]));
  const notesByPassage = new Map<string, ExportNote>();
  for (const note of model.notes) if (!notesByPassage.has(note.passageId)) notesByPassage.set(note.passageId, note);
  context = pandoc ? { pandoc, notesByPassage } : null;
  try {
    return renderDocument(model, out, defined, byNumber);
  } finally {
    context = null;
  }
}

/** How the inline renderer writes citations while `renderMarkdown` runs (null: footnote mode). */
let context: { pandoc: PandocCitations; notesByPassage: ReadonlyMap<string, ExportNote> } | null = null;

function renderDocument(model: ExportModel, out: string[], defined: Set<number>, byNumber: ReadonlyMap<number, ExportNote>): string {
  const pandoc = context?.pandoc;
  for (const block of model.blocks) {
    out.push(renderBlock(block));
    if (model.notesMode === 'footnotes' && !pandoc) {
      const due = [...citedIn(block)].filter((n) => !defined.has(n)).sort((a, b) => a - b);
      const definitions = due.flatMap((n) => {
        defined.add(n);
        const note = byNumber.get(n);
        return note ? [noteDefinition(note)] : [];
      });
      if (definitions.length > 0) out.push(definitions.join('\n\n'));
    }
  }
  const rest = pandoc ? [] : model.notes.filter((note) => !defined.has(note.n));
  if (rest.length > 0) out.push(rest.map(noteDefinition).join('\n\n'));
  if (pandoc) {
    // Pandoc puts the reference list in the #refs div.
    if (model.bibliography.length > 0) out.push('## References', '::: {#refs}\n:::');
  } else if (model.bibliography.length > 0) {
    out.push('## References');
    for (const entry of model.bibliography) {
      out.push(renderInlines([...(entry.label ? [plain(`${entry.label} `)] : []), ...richToInlines(entry.runs)]));
    }
  }
  if (model.claims) {
    out.push('## Claims');
    out.push(
      pipeTable(
        ['Claim', 'Claimant', 'Status', 'Supporting', 'Contradicting', 'Independent sources', 'Tags'],
        ['left', 'left', 'left', 'right', 'right', 'right', 'left'],
        model.claims.map((c) => [c.statement, c.claimant, c.status, String(c.supports), String(c.contradicts), String(c.independentSources), c.tags.join(', ')]),
      ),
    );
  }
  if (model.evidence) {
    out.push('## Evidence');
    out.push(
      pipeTable(
        ['Claim', 'Stance', 'Quote', 'Source', 'Locator'],
        ['left', 'left', 'left', 'left', 'left'],
        model.evidence.map((row) => [row.claim, row.stance, row.quote, row.source, row.locator]),
      ),
    );
  }
  return `${out.filter((part) => part !== '').join('\n\n')}\n`;
}

// ------------------------------------------------------------ escaping

/**
 * Backslash-escape every character Pandoc's Markdown could read as syntax:
 * emphasis, code, links and notes, raw HTML and entities, math, citations,
 * super/subscript, attributes, headings' closing hashes and table pipes.
 * Pandoc treats any backslash-escaped punctuation as a literal character.
 */
export function escapeMarkdownText(text: string): string {
  return text.replace(/[\\`*_{}[\]<>#|^~$@&]/g, '\\$&');
}

/**
 * Escape what would start a block if it began a line: list markers (`-`, `+`,
 * `1.`, `a)`, `iv.`), definition/div colons, setext underlines. Leading
 * whitespace is dropped (Pandoc would drop it, or worse read an indented
 * code block).
 */
function escapeLineStart(escaped: string): string {
  const text = escaped.replace(/^[ \t]+/, '');
  if (/^[-+:=]/.test(text)) return `\\${text}`;
  return text.replace(/^(\(?(?:[0-9]+|[a-zA-Z]|[ivxlcdmIVXLCDM]+))([.)])(?=\s|$)/, '$1\\$2');
}

/** A YAML double-quoted scalar of Markdown-escaped text (Pandoc reads metadata values as Markdown). */
function yamlString(text: string): string {
  const escaped = escapeLineStart(escapeMarkdownText(text.replace(/\s+/g, ' ').trim()));
  // eslint-disable-next-line no-control-regex -- YAML needs control characters escaped
  return `"${escaped.replace(/[\\"\u0000-\u001f\u007f]/g, (c) => (c === '\\' || c === '"' ? `\\${c}` : `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`))}"`;
}

function frontMatter(model: ExportModel, pandoc?: PandocCitations): string {
  const lines = ['---', `title: ${yamlString(model.title)}`];
  if (model.author) lines.push(`author: ${yamlString(model.author)}`);
  if (model.date) lines.push(`date: ${yamlString(model.date)}`);
  lines.push('lang: en-US');
  if (pandoc) {
    // File names are literal paths, not Markdown: plain YAML strings.
    lines.push(`bibliography: ${JSON.stringify(pandoc.bibliography)}`);
    if (pandoc.csl) lines.push(`csl: ${JSON.stringify(pandoc.csl)}`);
    if (model.notesMode === 'endnotes') lines.push('notes-after-punctuation: true');
  }
  lines.push('---');
  return lines.join('\n');
}

// ------------------------------------------------------------ blocks

/**
 * A right-to-left block goes in a Pandoc fenced div with `dir="rtl"`, which
 * Pandoc carries into HTML (`dir`), Word (bidirectional paragraphs) and
 * LaTeX; other Markdown readers show the text with the fence lines around it.
 */
function renderBlock(block: Block): string {
  const body = renderBlockBody(block);
  return block.dir === 'rtl' ? `::: {dir="rtl"}\n${body}\n:::` : body;
}

/** An inline right-to-left run: a Pandoc bracketed span with `dir="rtl"`. */
function rtlSpan(escaped: string, text: string): string {
  return isRtl(text) ? `[${escaped}]{dir="rtl"}` : escaped;
}

function renderBlockBody(block: Block): string {
  switch (block.kind) {
    case 'heading':
      return `${'#'.repeat(block.level)} ${renderInlines(block.inlines.map((i) => (i.kind === 'break' ? plain(' ') : i)))}`;
    case 'paragraph':
      return renderInlines(block.inlines);
    case 'quote':
      return prefixLines(renderInlines(block.inlines), '> ', '> ');
    case 'list':
      return renderList(block);
    case 'table':
      return renderTable(block);
    case 'figure':
      return renderFigure(block);
  }
}

/**
 * A pipe table Pandoc reads (header row first; a table without one gets an
 * empty header, which Pandoc allows). Line breaks inside a cell become
 * spaces: pipe table cells are one line.
 */
function renderTable(table: TableBlock): string {
  const width = Math.max(1, ...table.rows.map((r) => r.cells.length));
  const line = (cells: readonly Inline[][]) => {
    const out = cells.map((cell) => renderInlines(cell.map((i) => (i.kind === 'break' ? plain(' ') : i))).replace(/\n/g, ' '));
    while (out.length < width) out.push('');
    return `| ${out.join(' | ')} |`;
  };
  const [first, ...rest] = table.rows;
  const header = first?.header ? line(first.cells) : `|${' |'.repeat(width)}`;
  const body = first?.header ? rest : table.rows;
  return [header, `|${' --- |'.repeat(width)}`, ...body.map((row) => line(row.cells))].join('\n');
}

/** A figure: the picture as a PNG data URI (any Pandoc output can use it), its caption as the image's text. */
function renderFigure(figure: FigureBlock): string {
  if (!figure.image) return escapeLineStart(escapeMarkdownText(`[Figure missing: ${figure.caption || figure.alt || figure.figureId}]`));
  const caption = escapeMarkdownText((figure.caption || figure.alt).replace(/\s+/g, ' ').trim());
  return `![${caption}](data:image/png;base64,${bytesToBase64(figure.image.png)}){width=100%}`;
}

function renderList(list: ListBlock): string {
  return list.items
    .map((item, i) => {
      const marker = list.ordered ? `${list.start + i}.` : '-';
      const indent = ' '.repeat(marker.length + 1);
      const body = [renderInlines(item.inlines), ...item.lists.map(renderList)].filter((part) => part !== '').join('\n');
      return prefixLines(body === '' ? '\u00a0' : body, `${marker} `, indent);
    })
    .join('\n');
}

/** Prefix the first line with `first` and every other non-empty line with `rest`. */
function prefixLines(text: string, first: string, rest: string): string {
  return text
    .split('\n')
    .map((line, i) => (i === 0 ? first + line : line === '' ? (rest.trim() === '>' ? '>' : '') : rest + line))
    .join('\n');
}

function* citedIn(block: Block): Iterable<number> {
  if (block.kind === 'figure') return;
  if (block.kind === 'table') {
    for (const row of block.rows) for (const cell of row.cells) yield* citedInInlines(cell);
    return;
  }
  if (block.kind === 'list') {
    for (const item of block.items) {
      yield* citedInInlines(item.inlines);
      for (const nested of item.lists) yield* citedIn(nested);
    }
  } else {
    yield* citedInInlines(block.inlines);
  }
}

function* citedInInlines(inlines: readonly Inline[]): Iterable<number> {
  for (const inline of inlines) {
    if (inline.kind === 'citation') yield inline.n;
    else if (inline.kind === 'link') yield* citedInInlines(inline.children);
  }
}

// ------------------------------------------------------------ inlines

const MARK_ORDER: InlineMark[] = ['underline', 'strikethrough', 'bold', 'italic'];
const OPEN: Record<InlineMark, string> = { underline: '[', strikethrough: '~~', bold: '**', italic: '*', code: '' };
const CLOSE: Record<InlineMark, string> = { underline: ']{.underline}', strikethrough: '~~', bold: '**', italic: '*', code: '' };

/**
 * Render inline content with properly nested delimiters. Marks open and close
 * in one fixed order, so adjacent runs share delimiters instead of colliding
 * (`**a***b*` is ambiguous), and whitespace is kept outside delimiters
 * because Pandoc does not open emphasis before a space.
 */
function renderInlines(inlines: readonly Inline[]): string {
  let out = '';
  let atLineStart = true;
  const open: InlineMark[] = [];
  let pendingSpace = '';

  const closeTo = (depth: number) => {
    while (open.length > depth) out += CLOSE[open.pop() as InlineMark];
  };
  const setMarks = (marks: readonly InlineMark[]) => {
    const wanted = MARK_ORDER.filter((m) => marks.includes(m));
    let keep = 0;
    while (keep < open.length && open[keep] === wanted[keep]) keep++;
    closeTo(keep);
    out += pendingSpace;
    pendingSpace = '';
    for (const mark of wanted.slice(keep)) {
      out += OPEN[mark];
      open.push(mark);
    }
  };
  const emit = (text: string) => {
    out += text;
    atLineStart = false;
  };

  for (let index = 0; index < inlines.length; index++) {
    const inline = inlines[index]!;
    switch (inline.kind) {
      case 'text': {
        const lead = /^\s*/.exec(inline.text)?.[0] ?? '';
        const core = inline.text.slice(lead.length).trimEnd();
        const trail = inline.text.slice(lead.length + core.length);
        if (core === '') {
          if (!atLineStart) pendingSpace += inline.text;
          break;
        }
        if (!atLineStart) pendingSpace += lead;
        if (atLineStart) pendingSpace = '';
        setMarks(inline.marks.filter((m) => m !== 'code'));
        const body = inline.marks.includes('code') ? codeSpan(core) : escapeMarkdownText(core);
        emit(atLineStart && !inline.marks.includes('code') ? escapeLineStart(body) : body);
        pendingSpace = trail;
        break;
      }
      case 'citation':
        // Outside any emphasis: a note reference is not part of the styled words.
        closeTo(0);
        out += pendingSpace;
        pendingSpace = '';
        if (context) {
          // Adjacent citations (only spaces between them) make one Pandoc citation group.
          const group: CitationInline[] = [inline];
          let next = index + 1;
          for (;;) {
            const between = inlines[next];
            const after = between?.kind === 'text' && between.text.trim() === '' ? inlines[next + 1] : between;
            if (after?.kind !== 'citation') break;
            group.push(after);
            next = after === between ? next + 1 : next + 2;
          }
          index = next - 1;
          emit(pandocCitation(group, context));
          break;
        }
        // Author-date styles: "(Okafor, 2024, para. 2)" in the text, then the note with the quote.
        if (inline.inText) emit(`${inline.spaceBefore && !atLineStart ? ' ' : ''}${renderInlines(richToInlines(inline.inText))}`);
        emit(`[^${inline.n}]`);
        break;
      case 'link': {
        closeTo(0);
        out += pendingSpace;
        pendingSpace = '';
        const label = renderInlines(inline.children.map((i) => (i.kind === 'break' ? plain(' ') : i)));
        emit(`[${label === '' ? escapeMarkdownText(inline.url) : label}](<${inline.url}>)`);
        break;
      }
      case 'break':
        closeTo(0);
        pendingSpace = '';
        if (!atLineStart) out += '\\\n';
        atLineStart = true;
        break;
    }
  }
  closeTo(0);
  return out.replace(/\\\n$/, '').trimEnd();
}

/**
 * `[@okafor2024customs, para. 7; @lindqvist2023port, p. 2]`. Pandoc reads
 * "para." and "p." as locator labels. A citation whose passage or source is
 * gone cannot be a key: it stays visible as "[missing passage]".
 */
function pandocCitation(group: readonly CitationInline[], ctx: NonNullable<typeof context>): string {
  const parts: string[] = [];
  const missing: string[] = [];
  for (const citation of group) {
    const note = ctx.notesByPassage.get(citation.passageId);
    const key = note?.sourceId && !note.broken ? ctx.pandoc.keys.get(note.sourceId) : undefined;
    if (!note || !key) {
      missing.push(escapeMarkdownText(note?.broken && note.sourceId ? MISSING_SOURCE : MISSING_PASSAGE));
      continue;
    }
    parts.push(note.locator ? `@${key}, ${note.locator}` : `@${key}`);
  }
  const cited = parts.length > 0 ? `[${parts.join('; ')}]` : '';
  return [cited, ...missing].filter((part) => part !== '').join(' ');
}

/** A code span whose fence is longer than any backtick run inside it. */
function codeSpan(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

function plain(text: string): Inline {
  return { kind: 'text', text, marks: [] };
}

function richToInlines(runs: readonly RichRun[]): Inline[] {
  return runs.map((run) => {
    const marks: InlineMark[] = [];
    if (run.italic) marks.push('italic');
    if (run.bold) marks.push('bold');
    return { kind: 'text', text: run.text, marks };
  });
}

// ------------------------------------------------------------ notes, tables

/**
 * `[^n]: Reference. “quote” (para. 7).` Paragraph breaks inside a quote
 * become note paragraphs, indented four spaces so Pandoc keeps them in the
 * note; single line breaks become spaces.
 */
function noteDefinition(note: ExportNote): string {
  const reference = renderInlines(richToInlines(note.reference));
  if (note.broken && note.quote === '') return `[^${note.n}]: ${reference}`;
  const lead = endsSentence(note.referenceText) ? reference : `${reference}.`;
  const paragraphs = note.quote
    .split(/\r?\n\s*\n/)
    .map((p) => p.replace(/\s+/g, ' ').trim())
    .filter((p) => p !== '');
  const locator = citationTail(note);
  const body = paragraphs.map((p, i) => {
    const text = rtlSpan(escapeMarkdownText(p), p);
    const opening = i === 0 ? '“' : '';
    const closing = i === paragraphs.length - 1 ? `”${locator}.` : '';
    return `${opening}${i === 0 ? text : escapeLineStart(text)}${closing}`;
  });
  const [first = '', ...more] = body;
  return [`[^${note.n}]: ${lead} ${first}`, ...more.map((p) => `    ${p}`)].join('\n\n');
}

function pipeTable(header: string[], align: ('left' | 'right')[], rows: string[][]): string {
  const cell = (text: string) => {
    const flat = text.replace(/\s+/g, ' ').trim();
    return rtlSpan(escapeMarkdownText(flat), flat);
  };
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(header.map(cell)), line(align.map((a) => (a === 'right' ? '--:' : ':--'))), ...rows.map((row) => line(row.map(cell)))].join('\n');
}
