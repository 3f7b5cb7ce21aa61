import type { JSX } from 'react';
import {
  $applyNodeReplacement,
  DecoratorNode,
  type DOMExportOutput,
  type EditorConfig,
  type LexicalNode,
  type LexicalUpdateJSON,
  type NodeKey,
  type SerializedLexicalNode,
  type Spread,
} from 'lexical';
import { useEffect, useMemo } from 'react';
import { useTranslation } from '../../i18n';
import { useBriefData } from '../briefData';

export type SerializedFigureNode = Spread<{ figureId: string; alt: string; caption: string }, SerializedLexicalNode>;

/**
 * A figure block: a picture kept in the case's `figures` table (an evidence
 * map), shown by ID. The node stores the ID, alternative text and caption
 * only, so a brief with a map in it saves a few bytes per keystroke rather
 * than the whole picture.
 */
export class FigureNode extends DecoratorNode<JSX.Element> {
  __figureId: string;
  __alt: string;
  __caption: string;

  static override getType(): string {
    return 'figure';
  }

  static override clone(node: FigureNode): FigureNode {
    return new FigureNode(node.__figureId, node.__alt, node.__caption, node.__key);
  }

  static override importJSON(json: SerializedFigureNode): FigureNode {
    return $createFigureNode(json.figureId, json.alt, json.caption).updateFromJSON(json);
  }

  constructor(figureId: string, alt: string, caption: string, key?: NodeKey) {
    super(key);
    this.__figureId = figureId;
    this.__alt = alt;
    this.__caption = caption;
  }

  override updateFromJSON(json: LexicalUpdateJSON<SerializedFigureNode>): this {
    return super.updateFromJSON(json);
  }

  override exportJSON(): SerializedFigureNode {
    return { ...super.exportJSON(), type: 'figure', version: 1, figureId: this.__figureId, alt: this.__alt, caption: this.__caption };
  }

  override createDOM(_config: EditorConfig): HTMLElement {
    const div = document.createElement('div');
    div.className = 'brief-figure';
    return div;
  }

  override updateDOM(): false {
    return false;
  }

  override exportDOM(): DOMExportOutput {
    const figure = document.createElement('figure');
    figure.setAttribute('data-figure-id', this.__figureId);
    const caption = document.createElement('figcaption');
    caption.textContent = this.__caption;
    figure.append(caption);
    return { element: figure };
  }

  override isInline(): false {
    return false;
  }

  override getTextContent(): string {
    return this.__caption ? `${this.__caption}\n\n` : '';
  }

  getFigureId(): string {
    return this.getLatest().__figureId;
  }

  override decorate(): JSX.Element {
    return <FigureView figureId={this.__figureId} alt={this.__alt} caption={this.__caption} />;
  }
}

/** The picture itself, from the case's figures, as an SVG image (or a note that it is gone). */
function FigureView({ figureId, alt, caption }: { figureId: string; alt: string; caption: string }) {
  const { t } = useTranslation();
  const data = useBriefData();
  const figure = data.figuresById.get(figureId);
  const url = useMemo(() => (figure ? URL.createObjectURL(new Blob([figure.svg], { type: 'image/svg+xml' })) : null), [figure]);
  useEffect(() => () => (url ? URL.revokeObjectURL(url) : undefined), [url]);
  return (
    <figure className="brief-figure-view" contentEditable={false}>
      {url && figure ? <img src={url} alt={alt} width={figure.width} height={figure.height} /> : <p className="muted">{t('editor.figureMissing')}</p>}
      {caption && <figcaption>{caption}</figcaption>}
    </figure>
  );
}

export function $createFigureNode(figureId: string, alt: string, caption: string): FigureNode {
  return $applyNodeReplacement(new FigureNode(figureId, alt, caption));
}

export function $isFigureNode(node: LexicalNode | null | undefined): node is FigureNode {
  return node instanceof FigureNode;
}
