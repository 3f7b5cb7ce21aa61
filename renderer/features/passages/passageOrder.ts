import type { PassageRecord, SourceRecord } from '../../../shared/domain/types';

/**
 * A case's passages in reading order: by their source's place in the source list, then by where they
 * start in it. A passage whose source is not in the list counts as order 0, as a source at the top.
 *
 * One comparison sort of 50,000 passages (two map look-ups per comparison) took a quarter of a second
 * on opening a big case; here passages are put in buckets by their source's order (one pass), and only
 * each bucket (a source's hundred or so) is sorted by start. Equal places keep their input order, as a
 * stable sort of the whole list would.
 */
export function passagesInReadingOrder(passages: readonly PassageRecord[], sources: readonly Pick<SourceRecord, 'id' | 'order'>[]): PassageRecord[] {
  const orderOf = new Map(sources.map((s) => [s.id, s.order]));
  const buckets = new Map<number, PassageRecord[]>();
  for (const passage of passages) {
    const order = orderOf.get(passage.sourceId) ?? 0;
    const bucket = buckets.get(order);
    if (bucket) bucket.push(passage);
    else buckets.set(order, [passage]);
  }
  const out: PassageRecord[] = [];
  for (const order of [...buckets.keys()].sort((a, b) => a - b)) {
    const bucket = buckets.get(order)!;
    bucket.sort((a, b) => a.selectors[1].start - b.selectors[1].start);
    for (const passage of bucket) out.push(passage);
  }
  return out;
}
