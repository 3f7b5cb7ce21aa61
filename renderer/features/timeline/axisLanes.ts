/**
 * The axis's lanes against its scrolling box: which lanes a frame draws, and
 * where the box scrolls to show a lane. Pure, so it is tested without a canvas.
 */

export interface LaneGeometry {
  /** Height of a lane, in CSS pixels. */
  lane: number;
  /** Height of the ticks' band above the lanes. */
  top: number;
  /** Height of the box the lanes show in (ticks included). */
  view: number;
}

/** The first and last lane (inclusive) that show, in part or whole, with the box scrolled to `scrollTop`; last < first when there are none. */
export function lanesInView(scrollTop: number, count: number, g: LaneGeometry): { first: number; last: number } {
  const first = Math.max(0, Math.floor(scrollTop / g.lane));
  const last = Math.min(count - 1, Math.floor((scrollTop + g.view - g.top) / g.lane));
  return { first, last };
}

/** Where to scroll the box so lane `index` shows whole below the ticks (the current position when it already does). */
export function scrollToShowLane(scrollTop: number, index: number, g: LaneGeometry): number {
  const laneTop = index * g.lane;
  const room = g.view - g.top;
  if (laneTop < scrollTop) return laneTop;
  if (laneTop + g.lane > scrollTop + room) return laneTop + g.lane - room;
  return scrollTop;
}
