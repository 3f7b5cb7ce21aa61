/**
 * Builders for serialised brief JSON (Lexical's `editorState.toJSON()` shape),
 * for content the app writes itself: the sample case, fixtures and tests.
 * Kept in step with the nodes registered in renderer/editor/nodes.ts.
 */
import { textDirection } from '../domain/direction';

export interface SerializedTextJSON {
  type: 'text';
  version: 1;
  text: string;
  detail: 0;
  format: number;
  mode: 'normal';
  style: '';
}

export interface SerializedElementJSON {
  type: string;
  version: 1;
  children: SerializedNodeJSON[];
  direction: 'ltr' | 'rtl' | null;
  format: '';
  indent: number;
  [extra: string]: unknown;
}

/**
 * A leaf node that is neither text nor an element: Lexical serialises
 * decorator and line-break nodes with their type, version and own fields only.
 */
export interface SerializedLeafJSON {
  type: 'citation' | 'linebreak' | 'figure';
  version: 1;
  [extra: string]: unknown;
}

/** The serialised form of the editor's CitationNode (an inline decorator). */
export interface SerializedCitationJSON extends SerializedLeafJSON {
  type: 'citation';
  passageId: string;
  claimId?: string;
}

export type SerializedNodeJSON = SerializedTextJSON | SerializedElementJSON | SerializedLeafJSON;

export interface SerializedBriefJSON {
  root: SerializedElementJSON & { type: 'root' };
}

/** Lexical's text format bit flags. */
export const TEXT_FORMAT = { bold: 1, italic: 2, strikethrough: 4, underline: 8, code: 16 } as const;

export function text(value: string, format = 0): SerializedTextJSON {
  return { type: 'text', version: 1, text: value, detail: 0, format, mode: 'normal', style: '' };
}

function plainTextOf(nodes: readonly SerializedNodeJSON[]): string {
  return nodes.map((node) => ('text' in node && typeof node.text === 'string' ? node.text : 'children' in node ? plainTextOf(node.children as SerializedNodeJSON[]) : '')).join('');
}

/** As Lexical records it: the direction of the block's first letter ("ltr" when it has none), null when empty. */
function element(type: string, children: SerializedNodeJSON[], extra: Record<string, unknown> = {}): SerializedElementJSON {
  const direction = children.length ? (textDirection(plainTextOf(children)) ?? 'ltr') : null;
  return { type, version: 1, children, direction, format: '', indent: 0, ...extra };
}

export function paragraph(...children: SerializedNodeJSON[]): SerializedElementJSON {
  return element('paragraph', children, { textFormat: 0, textStyle: '' });
}

export function heading(tag: 'h1' | 'h2' | 'h3', ...children: SerializedNodeJSON[]): SerializedElementJSON {
  return element('heading', children, { tag });
}

export function quote(...children: SerializedNodeJSON[]): SerializedElementJSON {
  return element('quote', children);
}

export function list(kind: 'bullet' | 'number', items: SerializedNodeJSON[][]): SerializedElementJSON {
  return element(
    'list',
    items.map((children, i) => element('listitem', children, { value: i + 1 })),
    { listType: kind, start: 1, tag: kind === 'number' ? 'ol' : 'ul' },
  );
}

/**
 * A table as @lexical/table serialises it. `header` makes the first row a
 * header row (`headerState` 1 = row header). Every cell holds paragraphs.
 */
export function table(rows: SerializedNodeJSON[][][], options: { header?: boolean } = {}): SerializedElementJSON {
  return element(
    'table',
    rows.map((cells, r) =>
      element(
        'tablerow',
        cells.map((children) => element('tablecell', [paragraph(...children)], { backgroundColor: null, colSpan: 1, headerState: options.header && r === 0 ? 1 : 0, rowSpan: 1 })),
      ),
    ),
    { colWidths: undefined, frozenColumnCount: 0, frozenRowCount: 0, rowStriping: false },
  );
}

/** The serialised form of the editor's FigureNode: a picture stored in the case's figures, by ID. */
export interface SerializedFigureJSON extends SerializedLeafJSON {
  type: 'figure';
  figureId: string;
  alt: string;
  caption: string;
}

/** A figure block (an evidence map) showing the case's figure `figureId`. */
export function figure(figureId: string, alt: string, caption: string): SerializedFigureJSON {
  return { type: 'figure', version: 1, figureId, alt, caption };
}

export function brief(...blocks: (SerializedElementJSON | SerializedFigureJSON)[]): SerializedBriefJSON {
  return { root: { ...element('root', blocks as SerializedNodeJSON[]), type: 'root' } };
}

/** The plain text of a serialised brief, blocks separated by blank lines (as the editor's getTextContent does). */
export function briefPlainText(doc: SerializedBriefJSON): string {
  return nodePlainText(doc.root);
}

function nodePlainText(node: SerializedNodeJSON): string {
  if (node.type === 'text') return (node as SerializedTextJSON).text;
  const el = node as SerializedElementJSON;
  const parts = (el.children ?? []).map(nodePlainText);
  return el.type === 'root' || el.type === 'list' ? parts.join('\n\n') : parts.join('');
}

/**
 * An inline citation of a passage, shaped as the editor's CitationNode
 * serialises it. `claimId` records the claim the writer was backing when they
 * cited, so an export can relate the citation to the claims appendix.
 */
export function citation(passageId: string, claimId?: string): SerializedCitationJSON {
  return claimId === undefined ? { type: 'citation', version: 1, passageId } : { type: 'citation', version: 1, passageId, claimId };
}

/**
 * A span of brief text that refers to claims (@lexical/mark's MarkNode). Marks
 * carry only claim IDs; the claims themselves live in the database.
 */
export function claimMark(ids: string[], ...children: SerializedNodeJSON[]): SerializedElementJSON {
  return element('mark', children, { ids: [...ids] });
}

/** A hyperlink around inline content, as @lexical/link's LinkNode serialises it. */
export function link(url: string, ...children: SerializedNodeJSON[]): SerializedElementJSON {
  return element('link', children, { url, rel: 'noreferrer', target: null, title: null });
}

/** A hard line break inside a block (Shift+Enter). */
export function linebreak(): SerializedLeafJSON {
  return { type: 'linebreak', version: 1 };
}
