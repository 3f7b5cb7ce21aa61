import type { SourceBlock } from '../../shared/domain/types';

/**
 * DOM adapters between the reader's DOM and offsets into the source text. The
 * reader renders one element per block (`data-start`), each holding exactly one
 * text node with the block's slice of the text, so the mapping is arithmetic.
 */

function blockElementOf(node: Node, body: HTMLElement): HTMLElement | null {
  let el: Node | null = node.nodeType === Node.TEXT_NODE ? node.parentNode : node;
  while (el && el !== body) {
    if (el instanceof HTMLElement && el.dataset.start !== undefined && el.parentNode === body) return el;
    el = el.parentNode;
  }
  return null;
}

function blockLength(el: HTMLElement): number {
  return el.textContent?.length ?? 0;
}

/** The text offset of a DOM boundary point inside the reader body, or null when it is outside. */
export function offsetOfPoint(body: HTMLElement, node: Node, offset: number): number | null {
  if (!body.contains(node)) return null;
  if (node === body) {
    const child = body.childNodes[offset] as HTMLElement | undefined;
    if (child?.dataset?.start !== undefined) return Number(child.dataset.start);
    const prev = body.childNodes[offset - 1] as HTMLElement | undefined;
    return prev?.dataset?.start !== undefined ? Number(prev.dataset.start) + blockLength(prev) : null;
  }
  const block = blockElementOf(node, body);
  if (!block) return null;
  const start = Number(block.dataset.start);
  if (node.nodeType === Node.TEXT_NODE) return start + Math.min(offset, node.textContent?.length ?? 0);
  return offset === 0 ? start : start + blockLength(block);
}

/**
 * Offsets of a selection range, trimmed of surrounding whitespace.
 * Null when the range is collapsed, whitespace-only, or not inside the body.
 */
export function rangeToOffsets(body: HTMLElement, range: Range, text: string): { start: number; end: number } | null {
  if (range.collapsed) return null;
  const inside = (n: Node) => n === body || body.contains(n);
  if (!inside(range.startContainer) || !inside(range.endContainer)) return null;
  let start = offsetOfPoint(body, range.startContainer, range.startOffset);
  let end = offsetOfPoint(body, range.endContainer, range.endOffset);
  if (start === null || end === null || end <= start) return null;
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  return end > start ? { start, end } : null;
}

/** Index of the block containing `offset` (or the next block when it falls in a gap). */
export function blockIndexAt(blocks: readonly SourceBlock[], offset: number): number {
  let lo = 0;
  let hi = blocks.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (blocks[mid]!.end <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function pointAt(body: HTMLElement, blocks: readonly SourceBlock[], offset: number, isEnd: boolean): [Node, number] | null {
  let index = blockIndexAt(blocks, offset);
  let block = blocks[index];
  if (!block) return null;
  // An end point in the gap before a block belongs at the end of the previous block.
  if (isEnd && offset <= block.start && index > 0) {
    index -= 1;
    block = blocks[index]!;
  }
  const el = body.children[index];
  const textNode = el?.firstChild;
  if (!textNode) return null;
  const within = Math.max(0, Math.min(offset - block.start, block.end - block.start));
  return [textNode, within];
}

/** A DOM Range for [start, end) in the source text, or null when the offsets are outside it. */
export function offsetsToRange(body: HTMLElement, blocks: readonly SourceBlock[], start: number, end: number): Range | null {
  const a = pointAt(body, blocks, start, false);
  const b = pointAt(body, blocks, end, true);
  if (!a || !b) return null;
  const range = body.ownerDocument.createRange();
  range.setStart(a[0], a[1]);
  range.setEnd(b[0], b[1]);
  return range.collapsed ? null : range;
}

/** The text offset under a screen point (hit-testing clicks), using the caret APIs. */
export function offsetAtPoint(body: HTMLElement, x: number, y: number): number | null {
  const doc = body.ownerDocument as Document & {
    caretPositionFromPoint?: (x: number, y: number) => { offsetNode: Node; offset: number } | null;
  };
  const pos = doc.caretPositionFromPoint?.(x, y);
  if (pos) return offsetOfPoint(body, pos.offsetNode, pos.offset);
  const range = doc.caretRangeFromPoint?.(x, y);
  return range ? offsetOfPoint(body, range.startContainer, range.startOffset) : null;
}
