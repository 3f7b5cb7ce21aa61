/**
 * P1 — batch re-anchoring after a source revision. A ~2 MB report with 10,000
 * passages has 1% of its sentences edited (words substituted, inserted,
 * deleted) and new sentences inserted so most offsets shift; its paragraphs
 * stay as they were. See tests/bench/reanchorBench.ts.
 */
import { reanchorFigures, reanchorIds } from '../reanchorBench';
import type { Figure } from '../stats';

export const kind = 'node';
export const ids = reanchorIds('P1');

export async function run(): Promise<Figure[]> {
  return reanchorFigures('P1', {}, 'English, paragraphs kept');
}
