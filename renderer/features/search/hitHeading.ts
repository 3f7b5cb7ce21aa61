import type { TFunction } from 'i18next';
import type { DocKind, SearchHit } from './searchIndex';

/** What a result with nothing to head it is called: the index keeps no words of its own (it runs in a worker, which has no language). */
const UNTITLED_KEY = {
  source: 'palette.untitled.source',
  chunk: 'palette.untitled.source',
  passage: 'palette.untitled.source',
  claim: 'palette.untitled.claim',
  note: 'brief.untitledNote',
} as const satisfies Record<DocKind, string>;

/** A result's heading as the palette shows it: its own (a source title, a claim statement, a note title), else its kind's default in the language of `t`. */
export function hitHeading(hit: Pick<SearchHit, 'kind' | 'heading'>, t: TFunction): string {
  return hit.heading.trim() || t(UNTITLED_KEY[hit.kind]);
}
