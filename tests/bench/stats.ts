/**
 * What a benchmark suite reports, and the small statistics every figure uses.
 * Suites are bundled and run by `tests/bench/run.mjs`.
 */

/** One reported number, with its peer and target when there is one. */
export interface Figure {
  id: string;
  label: string;
  value: number;
  unit: string;
  peer?: string;
  peerValue?: number;
  ratio?: number;
  target?: string;
  pass?: boolean;
  notes?: string;
}

/** How many times each timed figure is measured; the reported value is the median. */
export const RUNS = 5;

/**
 * Median of a list of measurements. The median rather than the mean, because
 * one run slowed by a garbage collection or a noisy neighbour should not move
 * the figure. Throws on an empty list: a figure without runs is a harness bug.
 */
export function median(runs: readonly number[]): number {
  if (runs.length === 0) throw new Error('median() needs at least one run.');
  const sorted = [...runs].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const hi = sorted[mid] ?? 0;
  return sorted.length % 2 === 1 ? hi : ((sorted[mid - 1] ?? 0) + hi) / 2;
}

/**
 * Run `fn` `runs` times, timing each call, and return the median time in
 * milliseconds together with the individual runs and the last result (so the
 * caller can also check what was computed, not just how fast).
 */
export function timeRuns<T>(fn: () => T, runs = RUNS): { ms: number; runs: number[]; result: T } {
  const times: number[] = [];
  let result: T | undefined;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    result = fn();
    times.push(performance.now() - t0);
  }
  return { ms: median(times), runs: times, result: result as T };
}

/** Round for display and storage: 3 significant decimals is plenty for a benchmark. */
export function round(x: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
