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
import { citationTail, endsSentence, type Block, type ExportModel, type ExportNote, type Inline, type InlineMark, type ListBlock } from './model';

/** Render the whole document, front matter to appendices, ending with one newline. */
export function renderMarkdown(model: ExportModel): string {
  const out: string[] = [frontMatter(model)];
  const defined = new Set<number>();
  const byNumber = new Map(model.notes.map((note) => [note.n, note]));
  for (const block of model.blocks) {
    out.push(renderBlock(block));
    if (model.notesMode === 'footnotes') {
      const due = [...citedIn(block)].filter((n) => !defined.has(n)).sort((a, b) => a - b);
      const definitions = due.flatMap((n) => {
        defined.add(n);
        const note = byNumber.get(n);
        return note ? [noteDefinition(note)] : [];
      });
      if (definitions.length > 0) out.push(definitions.join('\n\n'));
    }
  }
  const rest = model.notes.filter((note) => !defined.has(note.n));
  if (rest.length > 0) out.push(rest.map(noteDefinition).join('\n\n'));
  if (model.bibliography.length > 0) {
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

function frontMatter(model: ExportModel): string {
  const lines = ['---', `title: ${yamlString(model.title)}`];
  if (model.author) lines.push(`author: ${yamlString(model.author)}`);
  if (model.date) lines.push(`date: ${yamlString(model.date)}`);
  lines.push('lang: en-US', '---');
  return lines.join('\n');
}

// ------------------------------------------------------------ blocks

function renderBlock(block: Block): string {
  switch (block.kind) {
    case 'heading':
      return `${'#'.repeat(block.level)} ${renderInlines(block.inlines.map((i) => (i.kind === 'break' ? plain(' ') : i)))}`;
    case 'paragraph':
      return renderInlines(block.inlines);
    case 'quote':
      return prefixLines(renderInlines(block.inlines), '> ', '> ');
    case 'list':
      return renderList(block);
  }
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

  for (const inline of inlines) {
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
    const text = escapeMarkdownText(p);
    const opening = i === 0 ? '“' : '';
    const closing = i === paragraphs.length - 1 ? `”${locator}.` : '';
    return `${opening}${i === 0 ? text : escapeLineStart(text)}${closing}`;
  });
  const [first = '', ...more] = body;
  return [`[^${note.n}]: ${lead} ${first}`, ...more.map((p) => `    ${p}`)].join('\n\n');
}

function pipeTable(header: string[], align: ('left' | 'right')[], rows: string[][]): string {
  const cell = (text: string) => escapeMarkdownText(text.replace(/\s+/g, ' ').trim());
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(header.map(cell)), line(align.map((a) => (a === 'right' ? '--:' : ':--'))), ...rows.map((row) => line(row.map(cell)))].join('\n');
}
