/**
 * A static interval index for hit-testing: which passages cover a text offset?
 * Intervals are sorted by start, with a running maximum of ends, so a query is a
 * binary search plus a walk over the candidates that can still reach the offset.
 */
export interface Interval {
  start: number;
  end: number;
}

export class IntervalIndex<T extends Interval> {
  private readonly items: T[];
  private readonly maxEnd: number[];

  constructor(items: readonly T[]) {
    this.items = [...items].sort((a, b) => a.start - b.start || a.end - b.end);
    this.maxEnd = [];
    let max = -Infinity;
    for (const item of this.items) {
      max = Math.max(max, item.end);
      this.maxEnd.push(max);
    }
  }

  get size(): number {
    return this.items.length;
  }

  /** Intervals with start <= offset < end, innermost (shortest) first. */
  at(offset: number): T[] {
    let lo = 0;
    let hi = this.items.length - 1;
    let last = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (this.items[mid]!.start <= offset) {
        last = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    const hits: T[] = [];
    for (let i = last; i >= 0 && this.maxEnd[i]! > offset; i--) {
      const item = this.items[i]!;
      if (item.end > offset) hits.push(item);
    }
    return hits.sort((a, b) => a.end - a.start - (b.end - b.start));
  }
}
