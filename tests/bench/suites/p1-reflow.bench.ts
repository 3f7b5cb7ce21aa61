/**
 * P1-reflow — P1's corpus and edits, with the revision re-flowed: its
 * paragraph breaks placed afresh (most old breaks become spaces, new ones
 * appear elsewhere) and a third of its paragraphs hard-wrapped at 72 columns,
 * so line breaks fall inside passages. See tests/bench/reanchorBench.ts.
 */
import { reanchorFigures, reanchorIds } from '../reanchorBench';
import type { Figure } from '../stats';

export const kind = 'node';
export const ids = reanchorIds('P1-reflow');

export async function run(): Promise<Figure[]> {
  return reanchorFigures('P1-reflow', { reflow: true }, 'English, paragraphs re-flowed');
}
