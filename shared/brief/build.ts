/**
 * Builders for serialised brief JSON (Lexical's `editorState.toJSON()` shape),
 * for content the app writes itself: the sample case, fixtures and tests.
 * Kept in step with the nodes registered in renderer/editor/nodes.ts.
 */

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
  direction: 'ltr' | null;
  format: '';
  indent: number;
  [extra: string]: unknown;
}

export type SerializedNodeJSON = SerializedTextJSON | SerializedElementJSON;

export interface SerializedBriefJSON {
  root: SerializedElementJSON & { type: 'root' };
}

/** Lexical's text format bit flags. */
export const TEXT_FORMAT = { bold: 1, italic: 2, strikethrough: 4, underline: 8, code: 16 } as const;

export function text(value: string, format = 0): SerializedTextJSON {
  return { type: 'text', version: 1, text: value, detail: 0, format, mode: 'normal', style: '' };
}

function element(type: string, children: SerializedNodeJSON[], extra: Record<string, unknown> = {}): SerializedElementJSON {
  return { type, version: 1, children, direction: children.length ? 'ltr' : null, format: '', indent: 0, ...extra };
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

export function brief(...blocks: SerializedElementJSON[]): SerializedBriefJSON {
  return { root: { ...element('root', blocks), type: 'root' } };
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
