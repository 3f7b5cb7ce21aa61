/**
 * A Word document from an export model, with the `docx` package.
 *
 * Notes are real Word notes: footnotes, or endnotes in `endnotes` mode. Word
 * numbers notes itself, one per reference mark, so each citation gets its own
 * note: a passage cited twice produces two notes with the same reference,
 * quote and locator (Word cannot point two marks at one note). Every note
 * therefore stands on its own, which is what an editor checking a quote needs.
 * With a note style each note is the style's citation for its position
 * ("Ibid." after the same source); author-date styles print their in-text
 * citation, "(Okafor, 2024, para. 7)", before the note mark.
 *
 * `Packer.toArrayBuffer` works in Node and in the browser alike, so this
 * module needs neither Buffer nor Blob.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  EndnoteReferenceRun,
  ExternalHyperlink,
  FootnoteReferenceRun,
  HeadingLevel,
  LevelFormat,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type ILevelsOptions,
  type ParagraphChild,
} from 'docx';
import type { RichRun } from './csl';
import { citationTail, endsSentence, type Block, type ExportModel, type ExportNote, type Inline, type ListBlock } from './model';

const FONT = 'Georgia';
const MONO = 'Consolas';
const HEADINGS = [HeadingLevel.HEADING_1, HeadingLevel.HEADING_2, HeadingLevel.HEADING_3, HeadingLevel.HEADING_4, HeadingLevel.HEADING_5, HeadingLevel.HEADING_6] as const;

/** Render the model as a .docx file's bytes. */
export async function renderDocx(model: ExportModel): Promise<Uint8Array> {
  const writer = new DocxWriter(model);
  const children: (Paragraph | Table)[] = [
    new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(clean(model.title))] }),
    ...(model.author || model.dateText
      ? [new Paragraph({ style: 'Byline', children: [new TextRun(clean([model.author, model.dateText].filter(Boolean).join(' · ')))] })]
      : []),
    ...model.blocks.flatMap((block) => writer.block(block)),
  ];
  if (model.bibliography.length > 0) {
    children.push(new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun('References')] }));
    for (const entry of model.bibliography) {
      children.push(new Paragraph({ style: 'Reference', children: [...(entry.label ? [new TextRun(`${clean(entry.label)}\t`)] : []), ...richRuns(entry.runs)] }));
    }
  }
  if (model.claims) {
    children.push(new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun('Claims')] }));
    children.push(
      table(
        ['Claim', 'Claimant', 'Status', 'Supporting', 'Contradicting', 'Independent sources', 'Tags'],
        [28, 18, 11, 10, 11, 11, 11],
        model.claims.map((c) => [c.statement, c.claimant, c.status, String(c.supports), String(c.contradicts), String(c.independentSources), c.tags.join(', ')]),
      ),
    );
  }
  if (model.evidence) {
    children.push(new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun('Evidence')] }));
    children.push(table(['Claim', 'Stance', 'Quote', 'Source', 'Locator'], [24, 11, 37, 18, 10], model.evidence.map((r) => [r.claim, r.stance, r.quote, r.source, r.locator])));
  }

  const notes = Object.fromEntries(writer.notes.map((note, i) => [String(i + 1), { children: [notePara(note)] }]));
  const doc = new Document({
    creator: model.author ? clean(model.author) : 'Casefile',
    title: clean(model.title),
    styles: STYLES,
    numbering: { config: writer.numberingConfigs() },
    ...(model.notesMode === 'endnotes' ? { endnotes: notes } : { footnotes: notes }),
    sections: [{ properties: { page: { margin: { top: 1247, bottom: 1417, left: 1134, right: 1134 } } }, children }],
  });
  return new Uint8Array(await Packer.toArrayBuffer(doc));
}

// ------------------------------------------------------------ body

class DocxWriter {
  /** One entry per citation occurrence: Word note `i + 1` is `notes[i]`. */
  readonly notes: ExportNote[] = [];
  private listInstance = 0;
  private readonly starts = new Set<number>();
  private readonly byNumber: Map<number, ExportNote>;

  constructor(private readonly model: ExportModel) {
    this.byNumber = new Map(model.notes.map((note) => [note.n, note]));
  }

  block(block: Block): Paragraph[] {
    switch (block.kind) {
      case 'heading':
        return [new Paragraph({ heading: HEADINGS[block.level - 1] ?? HeadingLevel.HEADING_2, children: this.inlines(block.inlines) })];
      case 'paragraph':
        return [new Paragraph({ style: 'BodyText', children: this.inlines(block.inlines) })];
      case 'quote':
        return [new Paragraph({ style: 'BlockQuote', children: this.inlines(block.inlines) })];
      case 'list':
        return this.list(block, 0);
    }
  }

  private list(list: ListBlock, level: number): Paragraph[] {
    const instance = ++this.listInstance;
    if (list.ordered) this.starts.add(list.start);
    const reference = list.ordered ? `numbers-${list.start}` : 'bullets';
    return list.items.flatMap((item) => [
      new Paragraph({ style: 'ListBody', numbering: { reference, level: Math.min(level, 8), instance }, children: this.inlines(item.inlines) }),
      ...item.lists.flatMap((nested) => this.list(nested, level + 1)),
    ]);
  }

  numberingConfigs(): { reference: string; levels: ILevelsOptions[] }[] {
    const levels = (format: 'bullet' | 'decimal', start: number): ILevelsOptions[] =>
      Array.from({ length: 9 }, (_, level) => ({
        level,
        format: format === 'bullet' ? LevelFormat.BULLET : LevelFormat.DECIMAL,
        text: format === 'bullet' ? (['•', '◦', '▪'][level % 3] ?? '•') : `%${level + 1}.`,
        start: level === 0 ? start : 1,
        alignment: AlignmentType.LEFT,
        style: { paragraph: { indent: { left: 360 * (level + 1), hanging: 360 } } },
      }));
    return [{ reference: 'bullets', levels: levels('bullet', 1) }, ...[...this.starts].map((start) => ({ reference: `numbers-${start}`, levels: levels('decimal', start) }))];
  }

  inlines(inlines: readonly Inline[], inLink = false): ParagraphChild[] {
    return inlines.flatMap((inline): ParagraphChild[] => {
      switch (inline.kind) {
        case 'text':
          return [
            new TextRun({
              text: clean(inline.text),
              bold: inline.marks.includes('bold'),
              italics: inline.marks.includes('italic'),
              strike: inline.marks.includes('strikethrough'),
              ...(inline.marks.includes('underline') ? { underline: {} } : {}),
              ...(inline.marks.includes('code') ? { font: MONO } : {}),
              ...(inLink ? { style: 'Hyperlink' } : {}),
            }),
          ];
        case 'break':
          return [new TextRun({ break: 1 })];
        case 'link':
          return [new ExternalHyperlink({ link: inline.url, children: this.inlines(inline.children, true) })];
        case 'citation': {
          const note = this.byNumber.get(inline.n);
          if (!note) return [];
          this.notes.push(note);
          const id = this.notes.length;
          // Author-date styles: "(Okafor, 2024, para. 2)" in the text, then the note mark.
          const inText = inline.inText ? [...(inline.spaceBefore ? [new TextRun(' ')] : []), ...richRuns(inline.inText)] : [];
          return [...inText, this.model.notesMode === 'endnotes' ? new EndnoteReferenceRun(id) : new FootnoteReferenceRun(id)];
        }
      }
    });
  }
}

/** A note's text: reference, then the exact quote in curly quotes, then the locator. */
function notePara(note: ExportNote): Paragraph {
  const children: ParagraphChild[] = richRuns(note.reference);
  if (note.quote) {
    const lead = endsSentence(note.referenceText) ? ' ' : '. ';
    children.push(new TextRun(`${lead}“${clean(note.quote.replace(/\s+/g, ' ').trim())}”${citationTail(note)}.`));
  }
  return new Paragraph({ style: 'NoteText', children });
}

function richRuns(runs: readonly RichRun[]): TextRun[] {
  return runs.map(
    (run) =>
      new TextRun({
        text: clean(run.text),
        italics: Boolean(run.italic),
        bold: Boolean(run.bold),
        smallCaps: Boolean(run.smallCaps),
        superScript: Boolean(run.superscript),
        subScript: Boolean(run.subscript),
      }),
  );
}

function table(header: string[], widths: number[], rows: string[][]): Table {
  const border = { style: BorderStyle.SINGLE, size: 4, color: '999999' };
  const none = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
  const row = (cells: string[], head: boolean) =>
    new TableRow({
      tableHeader: head,
      children: cells.map(
        (text, i) =>
          new TableCell({
            width: { size: widths[i] ?? 10, type: WidthType.PERCENTAGE },
            borders: { top: none, left: none, right: none, bottom: head ? { ...border, size: 8, color: '333333' } : border },
            children: [new Paragraph({ style: 'TableText', children: [new TextRun({ text: clean(text), bold: head })] })],
          }),
      ),
    });
  return new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, rows: [row(header, true), ...rows.map((r) => row(r, false))] });
}

/** Drop characters XML 1.0 cannot carry (control characters other than tab and newlines), which Word would refuse to open. */
function clean(text: string): string {
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '');
}

const STYLES = {
  default: {
    document: { run: { font: FONT, size: 23 }, paragraph: { spacing: { after: 140, line: 300 } } },
    title: { run: { font: FONT, size: 44, bold: true }, paragraph: { spacing: { after: 120 } } },
    heading1: { run: { font: FONT, size: 30, bold: true }, paragraph: { spacing: { before: 360, after: 120 }, keepNext: true } },
    heading2: { run: { font: FONT, size: 26, bold: true }, paragraph: { spacing: { before: 300, after: 100 }, keepNext: true } },
    heading3: { run: { font: FONT, size: 24, bold: true }, paragraph: { spacing: { before: 240, after: 80 }, keepNext: true } },
  },
  paragraphStyles: [
    { id: 'BodyText', name: 'Body Text', basedOn: 'Normal', next: 'BodyText', quickFormat: true, paragraph: { alignment: AlignmentType.JUSTIFIED } },
    { id: 'Byline', name: 'Byline', basedOn: 'Normal', next: 'BodyText', run: { italics: true, color: '444444' }, paragraph: { spacing: { after: 360 } } },
    { id: 'BlockQuote', name: 'Block Quote', basedOn: 'Normal', next: 'BodyText', quickFormat: true, run: { size: 21, color: '333333' }, paragraph: { indent: { left: 720, right: 720 }, spacing: { before: 120, after: 200 } } },
    { id: 'ListBody', name: 'List Body', basedOn: 'Normal', next: 'ListBody', paragraph: { spacing: { after: 60 } } },
    { id: 'Reference', name: 'Reference', basedOn: 'Normal', next: 'Reference', run: { size: 21 }, paragraph: { indent: { left: 720, hanging: 720 }, spacing: { after: 120 } } },
    { id: 'NoteText', name: 'Note Text', basedOn: 'Normal', run: { size: 18 }, paragraph: { spacing: { after: 60, line: 240 } } },
    { id: 'TableText', name: 'Table Text', basedOn: 'Normal', run: { size: 18 }, paragraph: { spacing: { after: 0, line: 240 } } },
  ],
};
