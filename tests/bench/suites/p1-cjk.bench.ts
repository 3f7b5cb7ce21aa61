/**
 * P1-cjk — the same benchmark on a report written in Chinese with Japanese
 * paragraphs (generated from the team's own phrase pools): no spaces anywhere,
 * sentences ending in "。" with the next one right after it, paragraphs on
 * single line breaks. See tests/bench/reanchorBench.ts.
 */
import { reanchorFigures, reanchorIds } from '../reanchorBench';
import type { Figure } from '../stats';

export const kind = 'node';
export const ids = reanchorIds('P1-cjk');

export async function run(): Promise<Figure[]> {
  return reanchorFigures('P1-cjk', { language: 'cjk' }, 'Chinese and Japanese, no spaces');
}
