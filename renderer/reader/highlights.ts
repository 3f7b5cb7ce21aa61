import type { SourceBlock } from '../../shared/domain/types';
import { offsetsToRange } from './offsets';

/**
 * Paints passages with the CSS Custom Highlight API: ranges are registered in
 * `CSS.highlights` and styled with `::highlight(name)`, so the reader's DOM is
 * never touched. One Highlight per colour slot; slots are styled in source.css.
 */

export const HIGHLIGHT_SLOTS = 10;
const PREFIX = 'cf-hl-';
export const UNTAGGED_SLOT = 'cf-hl-plain';
export const ACTIVE_HIGHLIGHT = 'cf-active';
export const FLASH_HIGHLIGHT = 'cf-flash';

export interface PaintItem {
  start: number;
  end: number;
  /** Colour slot 0..HIGHLIGHT_SLOTS-1, or null for an untagged passage. */
  slot: number | null;
}

export function highlightsSupported(): boolean {
  return typeof CSS !== 'undefined' && 'highlights' in CSS && typeof Highlight !== 'undefined';
}

function slotName(slot: number | null): string {
  return slot === null ? UNTAGGED_SLOT : `${PREFIX}${slot % HIGHLIGHT_SLOTS}`;
}

/** Replace all passage highlights with `items`. Returns the number of ranges painted. */
export function paintHighlights(body: HTMLElement, blocks: readonly SourceBlock[], items: readonly PaintItem[]): number {
  if (!highlightsSupported()) return 0;
  const groups = new Map<string, Range[]>();
  let painted = 0;
  for (const item of items) {
    const range = offsetsToRange(body, blocks, item.start, item.end);
    if (!range) continue;
    const name = slotName(item.slot);
    let list = groups.get(name);
    if (!list) groups.set(name, (list = []));
    list.push(range);
    painted++;
  }
  clearHighlights();
  for (const [name, ranges] of groups) CSS.highlights.set(name, new Highlight(...ranges));
  return painted;
}

export function clearHighlights(): void {
  if (!highlightsSupported()) return;
  CSS.highlights.delete(UNTAGGED_SLOT);
  for (let i = 0; i < HIGHLIGHT_SLOTS; i++) CSS.highlights.delete(`${PREFIX}${i}`);
}

/** Mark one passage as the one whose card is open (or none). */
export function setActiveHighlight(range: Range | null): void {
  if (!highlightsSupported()) return;
  if (range) CSS.highlights.set(ACTIVE_HIGHLIGHT, new Highlight(range));
  else CSS.highlights.delete(ACTIVE_HIGHLIGHT);
}

/** Briefly flash a range (after jumping to a passage), then clear it. */
export function flashRange(range: Range, ms = 1600): void {
  if (!highlightsSupported()) return;
  CSS.highlights.set(FLASH_HIGHLIGHT, new Highlight(range));
  setTimeout(() => {
    const current = CSS.highlights.get(FLASH_HIGHLIGHT);
    if (current?.has(range)) CSS.highlights.delete(FLASH_HIGHLIGHT);
  }, ms);
}

/** Find-in-source: every match, and the current one (styled apart from passages in annotate.css). */
export const FIND_HIGHLIGHT = 'cf-find';
export const FIND_CURRENT_HIGHLIGHT = 'cf-find-current';

/** Paint find matches over the passage highlights; `current` is the match the find bar is on. */
export function paintFindMatches(ranges: readonly Range[], current: Range | null): void {
  if (!highlightsSupported()) return;
  const all = new Highlight(...ranges);
  all.priority = 1;
  CSS.highlights.set(FIND_HIGHLIGHT, all);
  if (current) {
    const now = new Highlight(current);
    now.priority = 2;
    CSS.highlights.set(FIND_CURRENT_HIGHLIGHT, now);
  } else CSS.highlights.delete(FIND_CURRENT_HIGHLIGHT);
}

export function clearFindMatches(): void {
  if (!highlightsSupported()) return;
  CSS.highlights.delete(FIND_HIGHLIGHT);
  CSS.highlights.delete(FIND_CURRENT_HIGHLIGHT);
}

/** Words OCR was unsure of: a wavy underline of their own, never a change to the reader's DOM. */
export const OCR_UNCERTAIN_HIGHLIGHT = 'cf-ocr-uncertain';

/** Mark recognised words with low confidence (offsets into the source text). Returns how many were painted. */
export function paintUncertainWords(body: HTMLElement, blocks: readonly SourceBlock[], words: readonly { start: number; end: number }[]): number {
  if (!highlightsSupported()) return 0;
  const ranges = words.map((w) => offsetsToRange(body, blocks, w.start, w.end)).filter((r): r is Range => r !== null);
  if (ranges.length === 0) {
    CSS.highlights.delete(OCR_UNCERTAIN_HIGHLIGHT);
    return 0;
  }
  const highlight = new Highlight(...ranges);
  // Under passage colours and find matches, so a highlighted uncertain word shows both.
  highlight.priority = -1;
  CSS.highlights.set(OCR_UNCERTAIN_HIGHLIGHT, highlight);
  return ranges.length;
}

export function clearUncertainWords(): void {
  if (highlightsSupported()) CSS.highlights.delete(OCR_UNCERTAIN_HIGHLIGHT);
}
