/**
 * The export model: everything a cited brief export contains, resolved and
 * formatted once, so the Markdown, HTML/PDF and Word renderers only lay it
 * out. Built from the stored brief JSON (never from the editor's DOM) and the
 * case's records.
 *
 * Nothing here throws on odd brief content: unknown node types contribute
 * their text, and a citation whose passage or source is gone becomes a note
 * marked broken, so an export always shows where evidence went missing.
 */
import { evidenceSummary } from '../claims/claims';
import { englishText, MessageError, type MessageRef } from '../i18n';
import { numberCitations } from '../brief/citations';
import { isRecognisedRange } from '../import/ocr';
import { locatorText } from '../domain/locator';
import {
  NOTE_SCHEMA_VERSION,
  type CaseRecord,
  type ClaimRecord,
  type ClaimStatus,
  type FigureRecord,
  type NoteRecord,
  type PassageRecord,
  type SourceRecord,
  type Stance,
  type TagRecord,
} from '../domain/types';
import { citationForm, formatCitations, formatEntries, formatOmittedReference, toCslItems, type CitationForm, type CiteCluster, type CslItem, type FormattedEntry, type RichRun } from './csl';
import { textDirection, isRtl } from '../domain/direction';

export interface ExportOptions {
  /** A CSL style ID (see `listStyles()`); default 'apa'. Ignored when `customStyleXml` is given. */
  style: string;
  customStyleXml?: string;
  /**
   * Where notes go. Word gets real footnotes or endnotes; Markdown places each
   * definition after the block that first cites it, or all at the end; HTML/PDF
   * always list notes at the end (see each renderer).
   */
  notes: 'footnotes' | 'endnotes';
  include: { bibliography: boolean; claimsAppendix: boolean; evidenceTable: boolean };
  author?: string;
  /** ISO date, "YYYY-MM-DD" (a longer ISO timestamp is cut to its date). */
  date?: string;
  locale?: 'en-US';
  /** The title when neither the case nor the note has one, in the UI's language; the catalogue's English when absent (the CLI). */
  untitledTitle?: string;
}

export const DEFAULT_EXPORT_OPTIONS: ExportOptions = {
  style: 'apa',
  notes: 'footnotes',
  include: { bibliography: true, claimsAppendix: false, evidenceTable: false },
};

export interface ExportInput {
  case: CaseRecord;
  note: NoteRecord;
  sources: SourceRecord[];
  passages: PassageRecord[];
  claims: ClaimRecord[];
  tags: TagRecord[];
  /** Pictures the brief's figure nodes refer to by ID (evidence maps). */
  figures?: readonly FigureRecord[];
  options: ExportOptions;
}

export type InlineMark = 'bold' | 'italic' | 'strikethrough' | 'underline' | 'code';

export type Inline =
  | { kind: 'text'; text: string; marks: InlineMark[] }
  | { kind: 'link'; url: string; children: Inline[] }
  | { kind: 'break' }
  | CitationInline;

/**
 * A citation in the text. `n` is its note's number; `occurrence` counts every
 * citation in the document from 1, repeats included. `inText` is the
 * style's in-text citation, "(Author, Year, para. 2)", printed before the
 * note mark (author-date styles only; on the first citation of a group of
 * adjacent ones, which share it).
 */
export interface CitationInline {
  kind: 'citation';
  /** The cited passage (Pandoc citations look up its source's key and locator). */
  passageId: string;
  n: number;
  occurrence: number;
  inText?: RichRun[];
  /** Print a space before `inText`: the text before it does not end in one. */
  spaceBefore?: boolean;
}

export interface ListItem {
  inlines: Inline[];
  /** Lists nested under this item. */
  lists: ListBlock[];
}

export interface ListBlock {
  kind: 'list';
  /** Set when the list reads right to left. */
  dir?: 'rtl';
  ordered: boolean;
  start: number;
  items: ListItem[];
}

/** A table of the brief (the chronology is one): rows of cells of inline content; header rows first. */
export interface TableBlock extends Directed {
  kind: 'table';
  rows: { header: boolean; cells: Inline[][] }[];
}

/** A figure of the brief (an evidence map): the picture is resolved from the case's figures by ID. */
export interface FigureBlock extends Directed {
  kind: 'figure';
  figureId: string;
  alt: string;
  caption: string;
  /** The picture, or null when the figure record is gone (the export says so in its place). */
  image: { svg: string; png: Uint8Array; width: number; height: number } | null;
}

/** Set on blocks that read right to left (Arabic, Hebrew…); left-to-right is the default and is not marked. */
interface Directed {
  dir?: 'rtl';
}

export type Block =
  | ({ kind: 'heading'; level: 1 | 2 | 3 | 4 | 5 | 6; inlines: Inline[] } & Directed)
  | ({ kind: 'paragraph'; inlines: Inline[] } & Directed)
  | ({ kind: 'quote'; inlines: Inline[] } & Directed)
  | ListBlock
  | TableBlock
  | FigureBlock;

/**
 * A note: one per cited passage, numbered by the citation rule, or with a
 * note style one per citation, numbered in document order.
 */
export interface ExportNote {
  n: number;
  passageId: string;
  sourceId: string | null;
  /**
   * The source as the note cites it ("[missing passage]" / "[missing source]"
   * when broken): the style's citation for this position (first, subsequent,
   * ibid) with a note style, else its bibliography entry.
   */
  reference: RichRun[];
  referenceText: string;
  /** The passage's exact text; empty when the passage is missing. */
  quote: string;
  /** Set when the quote reads right to left. */
  quoteDir?: 'rtl';
  /** "para. 7" or "p. 2"; empty when the passage is missing. */
  locator: string;
  /** The passage lies in text recognised by OCR: its citation says "(OCR)". */
  ocr: boolean;
  sourceTitle: string;
  broken: boolean;
  /** How many citations point to this note: the times the passage is cited, or 1 with a note style. */
  occurrences: number;
}

export interface ClaimRow {
  id: string;
  statement: string;
  claimant: string;
  status: ClaimStatus;
  supports: number;
  contradicts: number;
  independentSources: number;
  tags: string[];
}

export interface EvidenceRow {
  claim: string;
  stance: Stance;
  quote: string;
  source: string;
  locator: string;
  missing: boolean;
}

export interface ExportModel {
  title: string;
  author?: string;
  /** ISO "YYYY-MM-DD". */
  date?: string;
  /** The same date written out for readers: "March 5, 2024". */
  dateText?: string;
  notesMode: 'footnotes' | 'endnotes';
  /** How the chosen style cites (see `CitationForm`). */
  citationForm: CitationForm;
  blocks: Block[];
  notes: ExportNote[];
  /** Cited sources in style order; empty when the bibliography is not included. */
  bibliography: FormattedEntry[];
  /** Null when not included. */
  claims: ClaimRow[] | null;
  evidence: EvidenceRow[] | null;
  /** Every citation in the brief, repeats included. */
  citationCount: number;
}

/** An export that cannot be made at all, with the reason in words. */
export class ExportError extends MessageError {
  override name = 'ExportError';

  constructor(key: string, values?: MessageRef['values']) {
    super({ key: `exportError.${key}`, ...(values ? { values } : {}) });
  }
}

export const MISSING_PASSAGE = '[missing passage]';
export const MISSING_SOURCE = '[missing source]';

/**
 * Resolve a brief and its case into an export model. Why one model for all
 * formats: the numbering, the note text and the bibliography order must be
 * identical in every format, so they are decided here once.
 */
export function buildExportModel(input: ExportInput): ExportModel {
  const { options } = input;
  if (input.note.schemaVersion > NOTE_SCHEMA_VERSION) {
    throw new ExportError(
      `This brief was saved by a newer version of Casefile (brief format ${input.note.schemaVersion}; this version reads up to ${NOTE_SCHEMA_VERSION}). Update Casefile to export it.`,
    );
  }
  const date = normaliseDate(options.date);
  const form = citationForm(options.style, options.customStyleXml);
  const numbering = numberCitations(input.note.content);
  const passagesById = new Map(input.passages.map((p) => [p.id, p]));
  const sourcesById = new Map(input.sources.map((s) => [s.id, s]));
  const sourceOf = (passageId: string) => sourcesById.get(passagesById.get(passageId)?.sourceId ?? '');
  const walker = new BriefWalker(numbering.numberOf, new Map((input.figures ?? []).map((f) => [f.id, f])));
  const blocks = walker.blocks(rootChildren(input.note.content));

  const citedSources = uniqueCitedSources(numbering.order, passagesById, sourcesById);
  const items = toCslItems(citedSources);
  const entries = formatEntries(items, options.style, options.customStyleXml);
  const noteOf = (passageId: string, n: number, reference: RichRun[] | undefined, occurrences: number): ExportNote => {
    const passage = passagesById.get(passageId);
    const source = sourceOf(passageId);
    const missing = passage === undefined ? MISSING_PASSAGE : source === undefined || reference === undefined ? MISSING_SOURCE : undefined;
    const runs = reference && !missing ? reference : [{ text: missing ?? MISSING_SOURCE }];
    return {
      n,
      passageId,
      sourceId: passage?.sourceId ?? null,
      reference: runs,
      referenceText: runs.map((run) => run.text).join(''),
      quote: passage?.selectors[0].exact ?? '',
      locator: passage ? locatorText(passage.locator) : '',
      ocr: passage !== undefined && source !== undefined && isRecognisedRange(source, passage.selectors[1].start, passage.selectors[1].end),
      sourceTitle: source?.metadata.title ?? MISSING_SOURCE,
      broken: missing !== undefined,
      occurrences,
      ...(passage && isRtl(passage.selectors[0].exact) ? { quoteDir: 'rtl' as const } : {}),
    };
  };

  let notes: ExportNote[];
  if (form === 'note') {
    // One footnote per citation, in the style's citation layout for its position.
    notes = noteStyleCitations(walker.citations, items, sourceOf, options).map(({ passageId, runs }, i) => noteOf(passageId, i + 1, runs, 1));
    walker.citations.forEach(({ inline }, i) => (inline.n = i + 1));
  } else {
    const referenceBySource = new Map<string, RichRun[]>(entries.map((entry) => [entry.id, entry.runs]));
    for (const item of items) {
      if (!referenceBySource.has(item.id)) referenceBySource.set(item.id, formatOmittedReference(item, options.style, options.customStyleXml));
    }
    const occurrenceCount = new Map<string, number>();
    for (const { passageId } of numbering.occurrences) occurrenceCount.set(passageId, (occurrenceCount.get(passageId) ?? 0) + 1);
    notes = numbering.order.map((passageId, i) => noteOf(passageId, i + 1, referenceBySource.get(sourceOf(passageId)?.id ?? ''), occurrenceCount.get(passageId) ?? 0));
    if (form === 'author-date') addInTextCitations(walker.citations, items, passagesById, sourceOf, options);
  }

  const claimsInOrder = orderClaims(input.claims, walker.markedClaimIds);
  const tagName = new Map(input.tags.map((t) => [t.id, t.name]));
  const model: ExportModel = {
    title: input.case.name.trim() || input.note.title.trim() || options.untitledTitle?.trim() || englishText({ key: 'exportBrief.untitledBrief' }),
    notesMode: options.notes,
    citationForm: form,
    blocks,
    notes,
    bibliography: options.include.bibliography ? entries : [],
    claims: options.include.claimsAppendix ? claimsInOrder.map((claim) => claimRow(claim, passagesById, tagName)) : null,
    evidence: options.include.evidenceTable ? evidenceRows(claimsInOrder, passagesById, sourcesById) : null,
    citationCount: numbering.occurrences.length,
  };
  const author = options.author?.trim();
  if (author) model.author = author;
  if (date) {
    model.date = date;
    model.dateText = longDate(date);
  }
  return model;
}

/** A citation the walker met, in document order. */
interface WalkedCitation {
  passageId: string;
  inline: CitationInline;
  /** Adjacent citations (nothing but spaces between them) share a group: one in-text citation. */
  group: number;
  /** The text right before it ends in a letter or punctuation, not a space. */
  spaceBefore: boolean;
}

/**
 * The note style's citation for every citation, in document order. Each sits
 * in its own footnote (noteIndex = its number), so citeproc picks "Ibid." or
 * the short form exactly where the style asks for it. A citation whose
 * passage or source is gone stands in as a placeholder item, so an "Ibid."
 * never reaches back across it.
 */
function noteStyleCitations(
  citations: readonly WalkedCitation[],
  items: readonly CslItem[],
  sourceOf: (passageId: string) => SourceRecord | undefined,
  options: ExportOptions,
): { passageId: string; runs: RichRun[] | undefined }[] {
  const placeholders: CslItem[] = [];
  const clusters = citations.map(({ passageId }, i): CiteCluster => {
    const source = sourceOf(passageId);
    if (source) return { items: [{ id: source.id }], noteIndex: i + 1 };
    const id = `missing-${i}`;
    placeholders.push({ id, type: 'document', title: MISSING_PASSAGE });
    return { items: [{ id }], noteIndex: i + 1 };
  });
  const formatted = formatCitations([...items, ...placeholders], clusters, options.style, options.customStyleXml);
  return citations.map(({ passageId }, i) => {
    const source = sourceOf(passageId);
    const runs = formatted[i] ?? [];
    // A style may print nothing for some kinds of item: the note still names its source.
    return { passageId, runs: !source ? undefined : runs.length > 0 ? runs : [{ text: source.metadata.title }] };
  });
}

/**
 * Author-date styles: the in-text citation of each group of adjacent
 * citations, with each passage's locator, "(Okafor, 2024, para. 2)", set on
 * the group's first citation. Citations whose source is gone are left out
 * (their note says what is missing).
 */
function addInTextCitations(
  citations: readonly WalkedCitation[],
  items: readonly CslItem[],
  passagesById: ReadonlyMap<string, PassageRecord>,
  sourceOf: (passageId: string) => SourceRecord | undefined,
  options: ExportOptions,
): void {
  const groups: { group: number; first: WalkedCitation; cluster: CiteCluster }[] = [];
  for (const citation of citations) {
    const source = sourceOf(citation.passageId);
    const locator = passagesById.get(citation.passageId)?.locator;
    if (!source || !locator) continue;
    const item = { id: source.id, locator: { label: locator.kind === 'page' ? ('page' as const) : ('paragraph' as const), value: String(locator.value) } };
    const last = groups.at(-1);
    if (last?.group === citation.group) last.cluster.items.push(item);
    else groups.push({ group: citation.group, first: citation, cluster: { items: [item], noteIndex: 0 } });
  }
  const formatted = formatCitations(
    items,
    groups.map((g) => g.cluster),
    options.style,
    options.customStyleXml,
  );
  groups.forEach(({ first }, i) => {
    const runs = formatted[i];
    if (!runs || runs.length === 0) return;
    // "seized(Okafor, 2024)" would read as one word.
    first.inline.inText = runs;
    if (first.spaceBefore) first.inline.spaceBefore = true;
  });
}

/**
 * Whether a note's reference already ends a sentence, so the quote follows
 * without another full stop: "…2024." and, where the style puts the stop
 * inside quotation marks, "…at Pier 9.”".
 */
export function endsSentence(text: string): boolean {
  return /[.!?][”’"')\]]*$/.test(text.trim());
}

export { locatorText };

/** What a citation of recognised text adds, in every format: the reader must know a machine read it. */
export const OCR_MARK = '(OCR)';

/** The end of a note after the quote: " (p. 2)", and " (OCR)" for recognised text. */
export function citationTail(note: Pick<ExportNote, 'locator' | 'ocr'>): string {
  return `${note.locator ? ` (${note.locator})` : ''}${note.ocr ? ` ${OCR_MARK}` : ''}`;
}

// ------------------------------------------------------------ brief JSON → blocks

function plainText(inlines: readonly Inline[]): string {
  return inlines.map((inline) => (inline.kind === 'text' ? inline.text : inline.kind === 'link' ? plainText(inline.children) : ' ')).join('');
}

/**
 * Mark a block right-to-left when the editor recorded it so (Lexical stores
 * each block's `direction`), or, when it recorded none, when its text starts
 * with a right-to-left letter.
 */
function withDirection<T extends Block>(block: T, node: JsonNode, inlines: readonly Inline[] = 'inlines' in block ? block.inlines : []): T {
  const recorded = node.direction === 'rtl' || node.direction === 'ltr' ? node.direction : undefined;
  return (recorded ?? textDirection(plainText(inlines))) === 'rtl' ? { ...block, dir: 'rtl' } : block;
}

type JsonNode = Record<string, unknown>;

const INLINE_TYPES = new Set(['text', 'linebreak', 'tab', 'link', 'autolink', 'citation', 'mark', 'hashtag']);
const FORMAT_BITS: [number, InlineMark][] = [
  [1, 'bold'],
  [2, 'italic'],
  [4, 'strikethrough'],
  [8, 'underline'],
  [16, 'code'],
];

/** Walks the serialised brief in document order, the same order `numberCitations` uses. */
class BriefWalker {
  private occurrence = 0;
  private group = 0;
  /** Every citation, in document order. */
  readonly citations: WalkedCitation[] = [];
  /** Claim IDs of mark nodes, in order of first appearance. */
  readonly markedClaimIds: string[] = [];
  private readonly seenClaims = new Set<string>();

  constructor(
    private readonly numberOf: ReadonlyMap<string, number>,
    private readonly figures: ReadonlyMap<string, FigureRecord> = new Map(),
  ) {}

  blocks(nodes: readonly unknown[]): Block[] {
    const out: Block[] = [];
    let loose: Inline[] = [];
    const flush = () => {
      if (hasContent(loose)) out.push({ kind: 'paragraph', inlines: loose });
      loose = [];
    };
    for (const node of nodes) {
      if (!isNode(node)) continue;
      const type = node.type;
      if (typeof type === 'string' && INLINE_TYPES.has(type)) {
        loose.push(...this.inlines([node]));
        continue;
      }
      flush();
      const block = this.block(node);
      out.push(...block);
    }
    flush();
    return out;
  }

  private block(node: JsonNode): Block[] {
    const children = childrenOf(node);
    switch (node.type) {
      case 'paragraph': {
        const inlines = this.inlines(children);
        return hasContent(inlines) ? [withDirection({ kind: 'paragraph', inlines }, node)] : [];
      }
      case 'heading': {
        const inlines = this.inlines(children);
        const level = Number(/^h([1-6])$/.exec(String(node.tag))?.[1] ?? 2) as 1 | 2 | 3 | 4 | 5 | 6;
        return hasContent(inlines) ? [withDirection({ kind: 'heading', level, inlines }, node)] : [];
      }
      case 'quote': {
        const inlines = this.inlines(children);
        return hasContent(inlines) ? [withDirection({ kind: 'quote', inlines }, node)] : [];
      }
      case 'list':
        return [this.list(node)];
      case 'table':
        return [this.table(node)];
      case 'figure': {
        const figureId = typeof node.figureId === 'string' ? node.figureId : '';
        const figure = this.figures.get(figureId);
        return [
          {
            kind: 'figure',
            figureId,
            alt: typeof node.alt === 'string' ? node.alt : (figure?.alt ?? ''),
            caption: typeof node.caption === 'string' ? node.caption : '',
            image: figure ? { svg: figure.svg, png: figure.png, width: figure.width, height: figure.height } : null,
          },
        ];
      }
      default:
        // Unknown container (a table, a code block, a future node): keep its content.
        if (children.every((child) => isNode(child) && INLINE_TYPES.has(String(child.type)))) {
          const inlines = this.inlines(children);
          return hasContent(inlines) ? [{ kind: 'paragraph', inlines }] : [];
        }
        return this.blocks(children);
    }
  }

  /** Lexical's table: rows of cells (`headerState` ≠ 0 marks a header cell), each holding paragraphs. */
  private table(node: JsonNode): TableBlock {
    const rows: TableBlock['rows'] = [];
    for (const row of childrenOf(node)) {
      if (!isNode(row)) continue;
      const cells: Inline[][] = [];
      let header = true;
      for (const cell of childrenOf(row)) {
        if (!isNode(cell)) continue;
        if (!(typeof cell.headerState === 'number' && cell.headerState !== 0)) header = false;
        const inlines: Inline[] = [];
        for (const block of childrenOf(cell)) {
          if (!isNode(block)) continue;
          if (inlines.length > 0) inlines.push({ kind: 'break' });
          inlines.push(...this.inlines(INLINE_TYPES.has(String(block.type)) ? [block] : childrenOf(block)));
        }
        cells.push(inlines);
      }
      if (cells.length > 0) rows.push({ header: header && rows.every((r) => r.header), cells });
    }
    return { kind: 'table', rows };
  }

  private list(node: JsonNode): ListBlock {
    const ordered = node.listType === 'number';
    const start = typeof node.start === 'number' && Number.isInteger(node.start) && node.start >= 0 ? node.start : 1;
    const list: ListBlock = { kind: 'list', ordered, start, items: [] };
    for (const child of childrenOf(node)) {
      if (!isNode(child)) continue;
      const kids = childrenOf(child);
      const nested = kids.filter((kid): kid is JsonNode => isNode(kid) && kid.type === 'list');
      const rest = kids.filter((kid) => !(isNode(kid) && kid.type === 'list'));
      const inlines = this.inlines(rest);
      const lists = nested.map((kid) => this.list(kid));
      // Lexical nests a list inside an otherwise empty item that follows its parent item.
      const previous = list.items.at(-1);
      if (!hasContent(inlines) && lists.length > 0 && previous) previous.lists.push(...lists);
      else if (hasContent(inlines) || lists.length > 0) list.items.push({ inlines, lists });
    }
    const first = list.items[0];
    return first ? withDirection(list, node, first.inlines) : list;
  }

  inlines(nodes: readonly unknown[], marks: InlineMark[] = []): Inline[] {
    const out: Inline[] = [];
    for (const node of nodes) {
      if (!isNode(node)) continue;
      switch (node.type) {
        case 'text':
          pushText(out, typeof node.text === 'string' ? node.text : '', [...marks, ...formatMarks(node.format)]);
          break;
        case 'linebreak':
          out.push({ kind: 'break' });
          break;
        case 'tab':
          pushText(out, '\t', marks);
          break;
        case 'citation':
          if (typeof node.passageId === 'string' && node.passageId !== '') {
            this.occurrence += 1;
            const inline: CitationInline = { kind: 'citation', passageId: node.passageId, n: this.numberOf.get(node.passageId) ?? 0, occurrence: this.occurrence };
            const before = out.at(-1);
            const beforeThat = before?.kind === 'text' && before.text.trim() === '' ? out.at(-2) : before;
            if (beforeThat?.kind !== 'citation') this.group += 1;
            const spaceBefore = (before?.kind === 'text' && !/\s$/.test(before.text)) || before?.kind === 'link';
            this.citations.push({ passageId: node.passageId, inline, group: this.group, spaceBefore });
            out.push(inline);
          }
          break;
        case 'link':
        case 'autolink': {
          const children = this.inlines(childrenOf(node), marks);
          const url = typeof node.url === 'string' ? safeUrl(node.url) : null;
          if (url) out.push({ kind: 'link', url, children });
          else out.push(...children);
          break;
        }
        case 'mark':
          if (Array.isArray(node.ids)) {
            for (const id of node.ids) {
              if (typeof id === 'string' && !this.seenClaims.has(id)) {
                this.seenClaims.add(id);
                this.markedClaimIds.push(id);
              }
            }
          }
          out.push(...this.inlines(childrenOf(node), marks));
          break;
        default:
          if (typeof node.text === 'string') pushText(out, node.text, marks);
          out.push(...this.inlines(childrenOf(node), marks));
      }
    }
    return out;
  }
}

function pushText(out: Inline[], text: string, marks: InlineMark[]): void {
  const unique = [...new Set(marks)];
  const lines = text.split(/\r\n|\r|\n/);
  lines.forEach((line, i) => {
    if (i > 0) out.push({ kind: 'break' });
    if (line !== '') out.push({ kind: 'text', text: line, marks: unique });
  });
}

function formatMarks(format: unknown): InlineMark[] {
  if (typeof format !== 'number') return [];
  return FORMAT_BITS.filter(([bit]) => (format & bit) !== 0).map(([, mark]) => mark);
}

function hasContent(inlines: readonly Inline[]): boolean {
  return inlines.some((inline) => inline.kind === 'citation' || (inline.kind === 'text' && inline.text.trim() !== '') || (inline.kind === 'link' && hasContent(inline.children)));
}

function isNode(value: unknown): value is JsonNode {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function childrenOf(node: JsonNode): unknown[] {
  return Array.isArray(node.children) ? node.children : [];
}

function rootChildren(content: unknown): unknown[] {
  if (!isNode(content)) return [];
  const root = isNode(content.root) ? content.root : content;
  return childrenOf(root);
}

/**
 * Only links a reader can safely follow survive export: http(s) and mailto.
 * Anything else (javascript:, data:, file:) keeps its text and loses the link.
 */
export function safeUrl(url: string): string | null {
  const trimmed = url.trim();
  return /^(https?:\/\/|mailto:)/i.test(trimmed) && !/[\s<>"]/.test(trimmed) ? trimmed : null;
}

// ------------------------------------------------------------ sources, claims

function uniqueCitedSources(
  order: readonly string[],
  passagesById: ReadonlyMap<string, PassageRecord>,
  sourcesById: ReadonlyMap<string, SourceRecord>,
): SourceRecord[] {
  const seen = new Set<string>();
  const out: SourceRecord[] = [];
  for (const passageId of order) {
    const source = sourcesById.get(passagesById.get(passageId)?.sourceId ?? '');
    if (source && !seen.has(source.id)) {
      seen.add(source.id);
      out.push(source);
    }
  }
  return out;
}

/** Claims the brief marks come first, in order of first mention; the rest follow by creation time. */
function orderClaims(claims: readonly ClaimRecord[], marked: readonly string[]): ClaimRecord[] {
  const rank = new Map(marked.map((id, i) => [id, i]));
  return [...claims].sort((a, b) => {
    const ra = rank.get(a.id) ?? Infinity;
    const rb = rank.get(b.id) ?? Infinity;
    if (ra !== rb) return ra - rb;
    return a.createdAt - b.createdAt || a.id.localeCompare(b.id);
  });
}

function claimRow(claim: ClaimRecord, passagesById: ReadonlyMap<string, PassageRecord>, tagName: ReadonlyMap<string, string>): ClaimRow {
  const summary = evidenceSummary(claim, passagesById);
  return {
    id: claim.id,
    statement: claim.statement,
    claimant: claim.claimant,
    status: claim.status,
    supports: summary.supports,
    contradicts: summary.contradicts,
    independentSources: summary.independentSources,
    tags: claim.tags.flatMap((id) => {
      const name = tagName.get(id);
      return name === undefined ? [] : [name];
    }),
  };
}

function evidenceRows(
  claims: readonly ClaimRecord[],
  passagesById: ReadonlyMap<string, PassageRecord>,
  sourcesById: ReadonlyMap<string, SourceRecord>,
): EvidenceRow[] {
  return claims.flatMap((claim) =>
    claim.evidence.map((item): EvidenceRow => {
      const passage = passagesById.get(item.passageId);
      const source = passage ? sourcesById.get(passage.sourceId) : undefined;
      return {
        claim: claim.statement,
        stance: item.stance,
        quote: passage?.selectors[0].exact ?? MISSING_PASSAGE,
        source: source?.metadata.title ?? MISSING_SOURCE,
        locator: passage ? locatorText(passage.locator) + (source && isRecognisedRange(source, passage.selectors[1].start, passage.selectors[1].end) ? ` ${OCR_MARK}` : '') : '',
        missing: passage === undefined || source === undefined,
      };
    }),
  );
}

// ------------------------------------------------------------ dates

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

function normaliseDate(date: string | undefined): string | undefined {
  if (date === undefined || date.trim() === '') return undefined;
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(date.trim());
  const [, y, m, d] = match ?? [];
  const month = Number(m);
  const day = Number(d);
  if (!match || month < 1 || month > 12 || day < 1 || day > daysIn(Number(y), month)) {
    throw new ExportError('badDate', { date });
  }
  return `${y}-${m}-${d}`;
}

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function longDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${MONTHS[(m ?? 1) - 1]} ${d}, ${y}`;
}
