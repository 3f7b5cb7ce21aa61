import { describe, expect, it } from 'vitest';
import { lanesInView, scrollToShowLane } from '../../../../../renderer/features/timeline/axisLanes';

// The axis's own sizes: 34-pixel lanes under a 26-pixel band of ticks, in a box 480 pixels tall.
const g = { lane: 34, top: 26, view: 480 };

describe('the lanes of the time axis in its scrolling box', () => {
  it('draws only the lanes in view, partly shown ones included', () => {
    expect(lanesInView(0, 500, g)).toEqual({ first: 0, last: 13 });
    expect(lanesInView(34 * 100 + 10, 500, g)).toEqual({ first: 100, last: 113 });
    // Scrolled to the end (the box is as tall as the lanes plus the ticks and a margin): the last lane is drawn.
    const end = 26 + 500 * 34 + 8 - 480;
    expect(lanesInView(end, 500, g).last).toBe(499);
  });

  it('draws every lane of a timeline that fits, and none of an empty one', () => {
    expect(lanesInView(0, 3, g)).toEqual({ first: 0, last: 2 });
    const none = lanesInView(0, 0, g);
    expect(none.last).toBeLessThan(none.first);
  });

  it('scrolls a chosen lane into view, whole and below the ticks, and not when it shows already', () => {
    expect(scrollToShowLane(0, 5, g)).toBe(0);
    // Below the box: scrolled just far enough for its bottom to show.
    expect(scrollToShowLane(0, 20, g)).toBe(20 * 34 + 34 - (480 - 26));
    // Above the box: scrolled up to its top.
    expect(scrollToShowLane(34 * 50, 10, g)).toBe(340);
    const at = scrollToShowLane(0, 20, g);
    expect(lanesInView(at, 500, g).last).toBeGreaterThanOrEqual(20);
  });
});
