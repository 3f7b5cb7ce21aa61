import {
  $applyNodeReplacement,
  DecoratorNode,
  type DOMConversionMap,
  type DOMExportOutput,
  type EditorConfig,
  type LexicalEditor,
  type LexicalNode,
  type LexicalUpdateJSON,
  type NodeKey,
  type SerializedLexicalNode,
  type Spread,
} from 'lexical';
import { t } from '../../i18n';

export type SerializedCitationNode = Spread<{ passageId: string; claimId?: string }, SerializedLexicalNode>;

/** DOM attribute that marks a citation element, in the editor and on the clipboard. */
export const CITATION_ATTR = 'data-cf-citation';

/**
 * What the editor shows for one citation, kept outside the node so that
 * renumbering never writes to the editor state (no history entries, no saves):
 * the citations plugin computes labels and patches the DOM, and createDOM
 * reads the latest label so new citations appear numbered at once.
 */
export interface CitationView {
  n: number;
  missing: boolean;
}
const views = new WeakMap<LexicalEditor, Map<string, CitationView>>();

export function citationViews(editor: LexicalEditor): Map<string, CitationView> {
  let map = views.get(editor);
  if (!map) {
    map = new Map();
    views.set(editor, map);
  }
  return map;
}

/** Show one citation element as its number, or as a missing-passage marker. */
export function paintCitation(dom: HTMLElement, view: CitationView | undefined): void {
  const n = view?.n ?? 0;
  const label = view?.missing ? t('citation.labelMissing', { n }) : t('citation.label', { n });
  const text = view?.missing ? t('citation.missingMark', { n }) : String(n || '·');
  if (dom.textContent !== text) dom.textContent = text;
  if (dom.getAttribute('aria-label') !== label) dom.setAttribute('aria-label', label);
  dom.classList.toggle('cf-cite-missing', Boolean(view?.missing));
}

/**
 * An inline citation of a passage. It stores IDs only; the number, quote and
 * source come from the case's records at render time. A DecoratorNode whose
 * decorate() returns null: Lexical then keeps no React portal per citation,
 * so a brief with hundreds of them stays light. The DOM is a focusable span.
 */
export class CitationNode extends DecoratorNode<null> {
  __passageId: string;
  __claimId: string | undefined;

  static override getType(): string {
    return 'citation';
  }

  static override clone(node: CitationNode): CitationNode {
    return new CitationNode(node.__passageId, node.__claimId, node.__key);
  }

  static override importJSON(json: SerializedCitationNode): CitationNode {
    return $createCitationNode(json.passageId, json.claimId).updateFromJSON(json);
  }

  static override importDOM(): DOMConversionMap | null {
    return {
      span: (dom: HTMLElement) =>
        dom.hasAttribute(CITATION_ATTR) && dom.dataset.passageId
          ? {
              conversion: (el: HTMLElement) => ({ node: $createCitationNode(el.dataset.passageId!, el.dataset.claimId || undefined) }),
              priority: 2,
            }
          : null,
    };
  }

  constructor(passageId: string, claimId?: string, key?: NodeKey) {
    super(key);
    this.__passageId = passageId;
    this.__claimId = claimId;
  }

  override updateFromJSON(json: LexicalUpdateJSON<SerializedCitationNode>): this {
    return super.updateFromJSON(json);
  }

  override exportJSON(): SerializedCitationNode {
    const json: SerializedCitationNode = { ...super.exportJSON(), passageId: this.__passageId };
    if (this.__claimId !== undefined) json.claimId = this.__claimId;
    return json;
  }

  getPassageId(): string {
    return this.getLatest().__passageId;
  }

  getClaimId(): string | undefined {
    return this.getLatest().__claimId;
  }

  override createDOM(_config: EditorConfig, editor: LexicalEditor): HTMLElement {
    const dom = document.createElement('span');
    dom.className = 'cf-cite';
    dom.setAttribute(CITATION_ATTR, '');
    dom.setAttribute('role', 'link');
    dom.tabIndex = 0;
    dom.dataset.passageId = this.__passageId;
    if (this.__claimId) dom.dataset.claimId = this.__claimId;
    paintCitation(dom, citationViews(editor).get(this.__passageId));
    return dom;
  }

  override updateDOM(prev: CitationNode): boolean {
    return prev.__passageId !== this.__passageId || prev.__claimId !== this.__claimId;
  }

  override exportDOM(editor: LexicalEditor): DOMExportOutput {
    const el = document.createElement('span');
    el.setAttribute(CITATION_ATTR, '');
    el.dataset.passageId = this.__passageId;
    if (this.__claimId) el.dataset.claimId = this.__claimId;
    el.textContent = `[${citationViews(editor).get(this.__passageId)?.n ?? '?'}]`;
    return { element: el };
  }

  /** Citations are not words: plain text and word counts leave them out. */
  override getTextContent(): string {
    return '';
  }

  override isInline(): true {
    return true;
  }

  override isIsolated(): boolean {
    return false;
  }

  override decorate(): null {
    return null;
  }
}

export function $createCitationNode(passageId: string, claimId?: string): CitationNode {
  return $applyNodeReplacement(new CitationNode(passageId, claimId));
}

export function $isCitationNode(node: LexicalNode | null | undefined): node is CitationNode {
  return node instanceof CitationNode;
}
