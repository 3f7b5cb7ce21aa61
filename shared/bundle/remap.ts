/**
 * "Import a copy with new IDs": used when the profile already holds the case
 * a bundle contains. Every record gets a fresh UUID and every reference is
 * rewritten through one old→new table, including the IDs inside the saved
 * brief (citation, mark and figure nodes) and those the case views' records
 * hold (the source and passage of a timeline entry, the passage of an entity
 * tag), so the copy is a self-contained twin that shares no ID with the
 * original.
 */
import type { ClaimRecord, NoteRecord, PassageRecord, TimelineEntryRecord } from '../domain/types';
import type { BundleData } from './format';

export const COPY_SUFFIX = ' (copy)';

/**
 * Return a copy of `data` with new IDs everywhere and " (copy)" appended to
 * the case name. The input is not modified. An ID that nothing in the bundle
 * defines (a citation to a passage deleted before export) also gets a fresh
 * value, so it stays dangling instead of pointing into the original case.
 * `newId` is injectable for deterministic tests.
 */
export function remapIds(data: BundleData, newId: () => string = () => crypto.randomUUID()): BundleData {
  const table = new Map<string, string>();
  const map = (id: string): string => {
    let fresh = table.get(id);
    if (fresh === undefined) {
      fresh = newId();
      table.set(id, fresh);
    }
    return fresh;
  };
  const optional = (id: string | undefined) => (id === undefined ? undefined : map(id));

  const caseId = map(data.case.id);
  const record = { ...data.case, id: caseId, name: data.case.name + COPY_SUFFIX };
  const briefNoteId = optional(data.case.briefNoteId);
  const activeSourceId = optional(data.case.activeSourceId);
  if (briefNoteId !== undefined) record.briefNoteId = briefNoteId;
  if (activeSourceId !== undefined) record.activeSourceId = activeSourceId;

  return {
    case: record,
    sources: data.sources.map((source) => ({ ...source, id: map(source.id), caseId })),
    blobs: data.blobs.map((blob) => ({ ...blob, sourceId: map(blob.sourceId) })),
    passages: data.passages.map(
      (passage): PassageRecord => ({ ...passage, id: map(passage.id), caseId, sourceId: map(passage.sourceId), tags: passage.tags.map(map) }),
    ),
    claims: data.claims.map(
      (claim): ClaimRecord => ({
        ...claim,
        id: map(claim.id),
        caseId,
        tags: claim.tags.map(map),
        evidence: claim.evidence.map((item) => ({ ...item, passageId: map(item.passageId) })),
      }),
    ),
    tags: data.tags.map((tag) => ({ ...tag, id: map(tag.id), caseId })),
    notes: data.notes.map((note): NoteRecord => ({ ...note, id: map(note.id), caseId, content: remapBriefIds(note.content, map) })),
    timelineEntries: data.timelineEntries.map((entry): TimelineEntryRecord => {
      const copy: TimelineEntryRecord = { ...entry, id: map(entry.id), caseId, sourceId: map(entry.sourceId) };
      if (entry.passageId !== undefined) copy.passageId = map(entry.passageId);
      return copy;
    }),
    // Merges name entities by kind and name, not by ID: only the records' own IDs change.
    entityMerges: data.entityMerges.map((merge) => ({ ...merge, id: map(merge.id), caseId })),
    entityTags: data.entityTags.map((tag) => ({ ...tag, id: map(tag.id), caseId, passageId: map(tag.passageId) })),
    figures: data.figures.map((figure) => ({ ...figure, id: map(figure.id), caseId })),
  };
}

/**
 * Rewrite the record IDs a serialised brief carries: `passageId` and
 * `claimId` on citation nodes, the claim `ids` on mark nodes and `figureId`
 * on figure nodes, wherever
 * they sit in the tree. Everything else is copied as is. Walks with an
 * explicit stack, so a deeply nested document cannot overflow the call stack.
 */
export function remapBriefIds(content: unknown, map: (id: string) => string): unknown {
  const root = { value: content };
  const stack: Record<string, unknown>[] = [root];
  while (stack.length > 0) {
    const holder = stack.pop() as Record<string, unknown>;
    for (const key of Object.keys(holder)) {
      const value = holder[key];
      if (typeof value !== 'object' || value === null) continue;
      const copy = (Array.isArray(value) ? [...(value as unknown[])] : { ...value }) as Record<string, unknown>;
      if (!Array.isArray(value)) rewriteNode(copy, map);
      holder[key] = copy;
      stack.push(copy);
    }
  }
  return root.value;
}

function rewriteNode(node: Record<string, unknown>, map: (id: string) => string): void {
  if (node.type === 'citation') {
    if (typeof node.passageId === 'string') node.passageId = map(node.passageId);
    if (typeof node.claimId === 'string') node.claimId = map(node.claimId);
  } else if (node.type === 'mark' && Array.isArray(node.ids)) {
    node.ids = node.ids.map((id: unknown) => (typeof id === 'string' ? map(id) : id));
  } else if (node.type === 'figure' && typeof node.figureId === 'string') {
    node.figureId = map(node.figureId);
  }
}
