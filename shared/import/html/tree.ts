/**
 * Small helpers over the domhandler tree parse5 builds in the import worker.
 * Every walk is iterative: the depth limit keeps trees shallow, but nothing
 * here should depend on it.
 */
import { isTag, isText, type AnyNode, type ChildNode, type Element, type ParentNode } from 'domhandler';

/** Elements whose text is never shown as text. */
const NOT_TEXT = new Set(['script', 'style', 'noscript', 'template', 'title', 'head']);

/** Elements that break a line, for text taken out of the tree. */
export const BLOCK_ELEMENTS = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'caption', 'dd', 'details', 'dialog', 'div', 'dl', 'dt', 'fieldset', 'figcaption',
  'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hgroup', 'hr', 'legend', 'li', 'main', 'nav', 'ol', 'p', 'pre',
  'section', 'summary', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'tr', 'ul', 'br', 'menu', 'search',
]);

export function isSkippedForText(element: Element): boolean {
  return NOT_TEXT.has(element.name);
}

/** Whitespace collapsed to single spaces, trimmed. */
export function squash(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** A copy of a node's children, safe to iterate while detaching. */
export function children(node: ParentNode): ChildNode[] {
  return node.children.slice();
}

/** Every element of the subtree, `root` first, in document order. */
export function elementsOf(root: Element): Element[] {
  const out: Element[] = [];
  const stack: AnyNode[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (!isTag(node)) continue;
    out.push(node);
    for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]!);
  }
  return out;
}

/** Take a node out of the tree, keeping its siblings' links right. */
export function detach(node: ChildNode): void {
  const parent = node.parent;
  if (parent) {
    const index = parent.children.indexOf(node);
    if (index >= 0) parent.children.splice(index, 1);
  }
  if (node.prev) node.prev.next = node.next;
  if (node.next) node.next.prev = node.prev;
  node.parent = null;
  node.prev = null;
  node.next = null;
}

/** Put `replacement` where `node` is. */
export function replace(node: ChildNode, replacement: ChildNode): void {
  const parent = node.parent;
  if (!parent) return;
  const index = parent.children.indexOf(node);
  if (index < 0) return;
  parent.children[index] = replacement;
  replacement.parent = parent;
  replacement.prev = node.prev;
  replacement.next = node.next;
  if (node.prev) node.prev.next = replacement;
  if (node.next) node.next.prev = replacement;
  node.parent = null;
  node.prev = null;
  node.next = null;
}

/**
 * Keep only the children for which `keep` is true, in one pass (detaching
 * many children one by one would be quadratic).
 */
export function filterChildren(parent: ParentNode, keep: (child: ChildNode) => boolean): void {
  const kept = parent.children.filter(keep);
  if (kept.length === parent.children.length) return;
  const keptSet = new Set(kept);
  for (const child of parent.children) if (!keptSet.has(child)) child.parent = null;
  parent.children = kept;
  for (let i = 0; i < kept.length; i++) {
    kept[i]!.prev = kept[i - 1] ?? null;
    kept[i]!.next = kept[i + 1] ?? null;
  }
}

/** The text of a subtree as a reader would see it laid out: block elements separated by spaces. */
export function textOf(root: AnyNode): string {
  let out = '';
  const stack: (AnyNode | 'gap')[] = [root];
  while (stack.length > 0) {
    const item = stack.pop()!;
    if (item === 'gap') {
      out += ' ';
      continue;
    }
    if (isText(item)) {
      out += item.data;
      continue;
    }
    if (!isTag(item) && item.type !== 'root') continue;
    if (isTag(item) && isSkippedForText(item)) continue;
    const block = isTag(item) && BLOCK_ELEMENTS.has(item.name);
    if (block) stack.push('gap');
    const kids = (item as ParentNode).children;
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!);
    if (block) stack.push('gap');
  }
  return out;
}
