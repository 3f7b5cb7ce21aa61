import type { SourceBlock } from '../../shared/domain/types';
import { highlightsSupported } from './highlights';
import { blockIndexAt, offsetOfPoint } from './offsets';

/**
 * DOM adapters for the reader's caret mode. The caret is a text offset like
 * every other position in the reader; these functions turn it into a DOM
 * point, a DOM Selection and a rectangle to draw at, and back. They never
 * change the reader's DOM: the selection is the document's real Selection,
 * and the caret is drawn by the caller as an overlay.
 */

/**
 * The DOM point of a caret offset. A caret between two blocks (in the blank
 * line that joins them) sits at the end of the block before it; a caret at a
 * block's first character sits at its start.
 */
export function caretPoint(body: HTMLElement, blocks: readonly SourceBlock[], offset: number): [Node, number] | null {
  let index = blockIndexAt(blocks, offset);
  let block = blocks[index];
  if (!block) return null;
  if (offset < block.start && index > 0) {
    index -= 1;
    block = blocks[index]!;
  }
  const node = body.children[index]?.firstChild;
  if (!node) return null;
  return [node, Math.max(0, Math.min(offset - block.start, block.end - block.start))];
}

/** The block a caret offset belongs to (see {@link caretPoint}), or undefined for an empty source. */
export function caretBlock(blocks: readonly SourceBlock[], offset: number): SourceBlock | undefined {
  const index = blockIndexAt(blocks, offset);
  const block = blocks[index];
  return block && offset < block.start && index > 0 ? blocks[index - 1] : block;
}

/** Make the document's selection run from `anchor` to `focus` (text offsets; focus may come first). */
export function selectOffsets(body: HTMLElement, blocks: readonly SourceBlock[], anchor: number, focus: number): boolean {
  const a = caretPoint(body, blocks, anchor);
  const f = caretPoint(body, blocks, focus);
  const selection = body.ownerDocument.getSelection();
  if (!a || !f || !selection) return false;
  selection.setBaseAndExtent(a[0], a[1], f[0], f[1]);
  return true;
}

/** The anchor and focus of the document's selection as text offsets, when both are in the reader's text. */
export function selectionOffsets(body: HTMLElement): { anchor: number; focus: number } | null {
  const selection = body.ownerDocument.getSelection();
  if (!selection?.anchorNode || !selection.focusNode) return null;
  const anchor = offsetOfPoint(body, selection.anchorNode, selection.anchorOffset);
  const focus = offsetOfPoint(body, selection.focusNode, selection.focusOffset);
  return anchor === null || focus === null ? null : { anchor, focus };
}

/** The rectangle (viewport coordinates) where the caret at `offset` is drawn. */
export function caretRect(body: HTMLElement, blocks: readonly SourceBlock[], offset: number): DOMRect | null {
  const point = caretPoint(body, blocks, offset);
  if (!point) return null;
  const [node, at] = point;
  const range = body.ownerDocument.createRange();
  range.setStart(node, at);
  range.collapse(true);
  const rects = range.getClientRects();
  const rect = rects[rects.length - 1] ?? range.getBoundingClientRect();
  if (rect.height > 0) return rect;
  // A collapsed range at the very end of a line can come back empty: measure the character before it.
  if (at > 0) {
    range.setStart(node, at - 1);
    range.setEnd(node, at);
    const before = range.getClientRects();
    const last = before[before.length - 1];
    if (last && last.height > 0) return new DOMRect(last.right, last.top, 0, last.height);
  }
  const element = node.parentElement?.getBoundingClientRect();
  return element ? new DOMRect(element.left, element.top, 0, Math.min(element.height, 24)) : null;
}

type LineStep = 'line' | 'lineboundary';

/**
 * Move (or extend) the selection by a visual line, or to the start or end of
 * the line, with the browser's own layout-aware `Selection.modify`, and
 * return the new focus as a text offset. Null when that would leave the
 * reader's text (the selection is then put back).
 */
export function modifyByLine(
  body: HTMLElement,
  blocks: readonly SourceBlock[],
  anchor: number,
  focus: number,
  direction: 'forward' | 'backward',
  step: LineStep,
  extend: boolean,
): number | null {
  const selection = body.ownerDocument.getSelection() as (Selection & { modify?: (alter: string, direction: string, granularity: string) => void }) | null;
  if (!selection?.modify || !selectOffsets(body, blocks, extend ? anchor : focus, focus)) return null;
  selection.modify(extend ? 'extend' : 'move', direction, step);
  const after = selectionOffsets(body);
  if (!after) {
    selectOffsets(body, blocks, anchor, focus);
    return null;
  }
  return after.focus;
}

/** The text of the visual line the caret at `offset` is on (for announcing it); leaves the selection as it found it. */
export function lineTextAt(body: HTMLElement, blocks: readonly SourceBlock[], text: string, offset: number): string {
  const selection = body.ownerDocument.getSelection();
  const saved = selection && selection.rangeCount > 0 ? selection.getRangeAt(0).cloneRange() : null;
  const savedBackward = selection ? isBackward(selection) : false;
  const start = modifyByLine(body, blocks, offset, offset, 'backward', 'lineboundary', false);
  const end = modifyByLine(body, blocks, offset, offset, 'forward', 'lineboundary', false);
  if (selection) {
    selection.removeAllRanges();
    if (saved) {
      if (savedBackward) selection.setBaseAndExtent(saved.endContainer, saved.endOffset, saved.startContainer, saved.startOffset);
      else selection.addRange(saved);
    }
  }
  return start !== null && end !== null && end > start ? text.slice(start, end) : '';
}

function isBackward(selection: Selection): boolean {
  if (!selection.anchorNode || !selection.focusNode) return false;
  if (selection.anchorNode === selection.focusNode) return selection.focusOffset < selection.anchorOffset;
  return Boolean(selection.anchorNode.compareDocumentPosition(selection.focusNode) & Node.DOCUMENT_POSITION_PRECEDING);
}

/** The text offset of the first block whose top is in view in the scrolling element (where a fresh caret starts). */
export function firstVisibleOffset(scroller: HTMLElement, body: HTMLElement, blocks: readonly SourceBlock[]): number {
  const top = scroller.getBoundingClientRect().top;
  const children = body.children;
  // Blocks are in document order, so the first one ending below the top edge is the first in view.
  let lo = 0;
  let hi = children.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (children[mid]!.getBoundingClientRect().bottom <= top) lo = mid + 1;
    else hi = mid;
  }
  return blocks[lo]?.start ?? 0;
}

/** Scroll `scroller` the least it takes to show `rect` (viewport coordinates), with a little room. */
export function scrollRectIntoView(scroller: HTMLElement, rect: DOMRect): void {
  const view = scroller.getBoundingClientRect();
  const margin = Math.min(48, view.height / 4);
  if (rect.top < view.top + margin) scroller.scrollTop -= view.top + margin - rect.top;
  else if (rect.bottom > view.bottom - margin) scroller.scrollTop += rect.bottom - (view.bottom - margin);
}

/** The passage the keyboard is on (next/previous passage), outlined apart from the one whose card is open. */
export const CARET_PASSAGE_HIGHLIGHT = 'cf-caret-passage';

export function setCaretPassageHighlight(range: Range | null): void {
  if (!highlightsSupported()) return;
  if (range) {
    const highlight = new Highlight(range);
    highlight.priority = 3;
    CSS.highlights.set(CARET_PASSAGE_HIGHLIGHT, highlight);
  } else CSS.highlights.delete(CARET_PASSAGE_HIGHLIGHT);
}
