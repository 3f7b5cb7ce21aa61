/**
 * The IDs of the case views' decisions, made from what they are about.
 *
 * Two members of a team case who confirm the same found date, merge the same
 * alias or tag the same passage with the same entity at the same time must end
 * with one record, not two. With a random ID each, both records would travel
 * and stay; with the same ID they are one entry of the case document, and the
 * document keeps one of the two writes on every device (the rule for
 * concurrent writes of one key). On one device the repositories already find
 * the existing record first; these IDs matter when the two writes meet.
 *
 * Entity keys are free text (kind and folded name), so they are hashed to fit
 * the ID alphabet. A merge's ID names its case: entity keys repeat across cases.
 */
import { stableKey } from '../lib/hash';

/** The decision about the date found at [start, end) of a source. */
export function foundDateEntryId(sourceId: string, start: number, end: number): string {
  return `date:${sourceId}:${start}-${end}`;
}

/** The merge of `alias` (an entity key) into another entity, in a case: one per alias. */
export function entityMergeId(caseId: string, alias: string): string {
  return `merge:${caseId}:${stableKey(alias)}`;
}

/** A passage tagged with an entity (its key). */
export function entityTagId(passageId: string, entity: string): string {
  return `etag:${passageId}:${stableKey(entity)}`;
}
