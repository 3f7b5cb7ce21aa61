import { describe, expect, it } from 'vitest';
import { median, round, timeRuns } from '../../bench/stats';

describe('bench stats', () => {
  it.each([
    [[5], 5],
    [[3, 1, 2], 2],
    [[4, 1, 3, 2], 2.5],
    [[10, 1000, 11, 9, 12], 11],
  ])('median(%j) = %d', (runs, want) => {
    expect(median(runs)).toBe(want);
  });

  it('refuses an empty list', () => {
    expect(() => median([])).toThrow(/at least one run/);
  });

  it('times every run and returns the last result', () => {
    let calls = 0;
    const timed = timeRuns(() => ++calls, 5);
    expect(calls).toBe(5);
    expect(timed.runs).toHaveLength(5);
    expect(timed.result).toBe(5);
    expect(round(1.23456, 2)).toBe(1.23);
  });
});
