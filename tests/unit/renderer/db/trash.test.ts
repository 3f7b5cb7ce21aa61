import { afterEach, describe, expect, it } from 'vitest';
import type { CasefileDB } from '../../../../renderer/db/db';
import { livePassages } from '../../../../renderer/db/live';
import {
  addSource,
  countTrash,
  createCase,
  createPassage,
  deleteCase,
  deleteNote,
  deletePassage,
  deleteSource,
  emptyTrash,
  listDeletedCases,
  listTrash,
  purgeExpiredTrash,
  readCaseSnapshot,
  restoreFromTrash,
  setActorName,
  updatePassage,
} from '../../../../renderer/db/repositories';
import { addClaimEvidence, createClaimForPassage, deleteClaim } from '../../../../renderer/db/repositories/claims';
import { createTag, deleteTag, ensureTags } from '../../../../renderer/db/repositories/tags';
import { addFigure, addManualEvent, decideFoundDate, mergeEntities, tagPassageWithEntity } from '../../../../renderer/db/repositories/views';
import { caseContent, freshDb, textDraft } from './helpers';
import { entityMergeId, entityTagId, foundDateEntryId } from '../../../../shared/domain/viewIds';

let db: CasefileDB;
afterEach(() => db?.close());

const DAY = 24 * 60 * 60 * 1000;


/** A case with two sources; passages on the first, two claims citing them, a tag on a passage and a claim. */
async function setup() {
  db = await freshDb();
  const record = await createCase('Port Velden');
  const harbour = await addSource(record.id, textDraft('Harbour report', 'Officers seized 3.2 tonnes of cocaine at the port on Friday.'));
  const wire = await addSource(record.id, textDraft('Wire story', 'The haul was worth 8.7 million euros, police said.'));
  const at = (source: typeof harbour, quote: string) => createPassage(source, source.text.indexOf(quote), source.text.indexOf(quote) + quote.length);
  const seized = await at(harbour, 'seized 3.2 tonnes');
  const port = await at(harbour, 'at the port on Friday');
  const worth = await at(wire, 'worth 8.7 million euros');
  const claim = await createClaimForPassage(record.id, worth.id, { statement: 'A record haul' });
  await addClaimEvidence(claim.id, seized.id, 'contradicts');
  await addClaimEvidence(claim.id, port.id, 'context');
  const other = await createClaimForPassage(record.id, seized.id, { statement: 'It was cocaine' });
  const [tag] = await ensureTags(record.id, ['seizures']);
  await updatePassage(seized.id, { tags: [tag!.id] });
  return { caseId: record.id, record, harbour, wire, seized, port, worth, claim, other, tag: tag! };
}

describe('the Trash', () => {
  it('restores a passage with its links: evidence back in place, tags kept', async () => {
    const s = await setup();
    const before = await readCaseSnapshot(s.caseId);
    const ref = await deletePassage(s.seized.id);
    expect((await db.claims.get(s.claim.id))?.evidence.map((e) => e.passageId)).toEqual([s.worth.id, s.port.id]);
    expect((await db.claims.get(s.other.id))?.evidence).toEqual([]);
    expect((await livePassages(s.caseId).toArray()).map((p) => p.id)).not.toContain(s.seized.id);
    const [item] = await listTrash(s.caseId);
    expect(item).toMatchObject({ table: 'passages', id: s.seized.id, label: '“seized 3.2 tonnes”', detail: { key: 'trash.detail.inSource', values: { title: 'Harbour report' } }, deletedBy: db.actor!.name });

    await restoreFromTrash(ref);
    const after = await readCaseSnapshot(s.caseId);
    expect(caseContent(after)?.passages).toEqual(caseContent(before)?.passages);
    const evidence = (c: typeof after) => c!.claims.map((claim) => claim.evidence);
    expect(evidence(after)).toEqual(evidence(before));
    expect(await listTrash(s.caseId)).toEqual([]);
  });

  it('puts restored evidence back at its place in the list, in any order, and when items share a time', async () => {
    const s = await setup();
    const claim = (await db.claims.get(s.claim.id))!;
    const order = claim.evidence.map((e) => e.passageId);
    expect(order).toEqual([s.worth.id, s.seized.id, s.port.id]);
    const evidence = () => db.claims.get(s.claim.id).then((c) => c!.evidence.map((e) => e.passageId));
    // Added at different times: restored in any order, each goes back where its time puts it.
    await db.claims.put({ ...claim, evidence: claim.evidence.map((e, i) => ({ ...e, addedAt: 10 + i })) });
    let first = await deletePassage(s.seized.id);
    let second = await deletePassage(s.worth.id);
    await restoreFromTrash(first);
    await restoreFromTrash(second);
    expect(await evidence()).toEqual(order);
    // Added in the same millisecond (as a claim and its first evidence can be): their old places decide (Undo order).
    await db.claims.put({ ...(await db.claims.get(s.claim.id))!, evidence: claim.evidence.map((e) => ({ ...e, addedAt: 1 })) });
    first = await deletePassage(s.seized.id);
    second = await deletePassage(s.worth.id);
    await restoreFromTrash(second);
    await restoreFromTrash(first);
    expect(await evidence()).toEqual(order);
  });

  it('lists a source once, with the passages deleted with it, and restores them together', async () => {
    const s = await setup();
    await setActorName('Ada Okafor');
    await deletePassage(s.port.id, 1_000);
    const ref = await deleteSource(s.harbour.id, 2_000);
    const items = await listTrash(s.caseId);
    expect(items.map((i) => [i.table, i.label, i.detail, i.deletedBy])).toEqual([
      ['sources', 'Harbour report', { key: 'trash.detail.withPassages', values: { count: 1 } }, 'Ada Okafor'],
      ['passages', '“at the port on Friday”', { key: 'trash.detail.inSource', values: { title: 'Harbour report' } }, 'Ada Okafor'],
    ]);
    expect((await readCaseSnapshot(s.caseId))?.sources.map((x) => x.id)).toEqual([s.wire.id]);
    await restoreFromTrash(ref);
    const snapshot = await readCaseSnapshot(s.caseId);
    expect(snapshot?.sources.map((x) => x.id)).toEqual([s.harbour.id, s.wire.id]);
    // The passage deleted on its own before stays in the Trash.
    expect(snapshot?.passages.map((p) => p.id).sort()).toEqual([s.seized.id, s.worth.id].sort());
    expect((await db.claims.get(s.other.id))?.evidence.map((e) => e.passageId)).toEqual([s.seized.id]);
    expect((await listTrash(s.caseId)).map((i) => i.id)).toEqual([s.port.id]);
  });

  it('brings a passage’s source back when the source was deleted after it', async () => {
    const s = await setup();
    const passageRef = await deletePassage(s.port.id, 1_000);
    await deleteSource(s.harbour.id, 2_000);
    await restoreFromTrash(passageRef);
    const snapshot = await readCaseSnapshot(s.caseId);
    expect(snapshot?.sources.map((x) => x.id)).toContain(s.harbour.id);
    expect(snapshot?.passages.map((p) => p.id).sort()).toEqual([s.seized.id, s.port.id, s.worth.id].sort());
    expect((await db.claims.get(s.claim.id))?.evidence.map((e) => e.passageId)).toEqual([s.worth.id, s.seized.id, s.port.id]);
  });

  it('puts a deleted tag back on its passages and claims, unless a tag of that name exists again', async () => {
    const s = await setup();
    const ref = await deleteTag(s.tag.id);
    expect((await db.passages.get(s.seized.id))?.tags).toEqual([]);
    await restoreFromTrash(ref);
    expect((await db.passages.get(s.seized.id))?.tags).toEqual([s.tag.id]);

    const again = await deleteTag(s.tag.id);
    await createTag(s.caseId, 'Seizures');
    await expect(restoreFromTrash(again)).rejects.toThrow('A tag named “Seizures” exists again');
    expect((await db.passages.get(s.seized.id))?.tags).toEqual([]);
  });

  it('refuses to restore out of a case that is itself in the Trash, and restores the case whole', async () => {
    const s = await setup();
    const claimRef = await deleteClaim(s.other.id);
    const caseRef = await deleteCase(s.caseId);
    await expect(restoreFromTrash(claimRef)).rejects.toThrow('The case “Port Velden” is in the Trash itself. Restore the case first.');
    expect((await listDeletedCases()).map((c) => c.id)).toEqual([s.caseId]);
    await restoreFromTrash(caseRef);
    await restoreFromTrash(claimRef);
    expect((await readCaseSnapshot(s.caseId))?.claims.map((c) => c.id).sort()).toEqual([s.claim.id, s.other.id].sort());
  });

  it('Empty trash deletes for good, original files and deleted cases included; what is gone cannot be restored', async () => {
    const s = await setup();
    const sourceRef = await deleteSource(s.harbour.id);
    await deleteNote((await db.notes.get(s.record.briefNoteId!))!.id).catch(() => undefined);
    const gone = await createCase('Deleted case');
    await deleteCase(gone.id);
    expect(await countTrash(s.caseId)).toBe(3);
    // The source, its two passages, and the deleted case with its brief.
    expect(await emptyTrash(s.caseId)).toBe(5);
    expect(await listDeletedCases()).toEqual([]);
    expect(await db.notes.get(gone.briefNoteId!)).toBeUndefined();
    expect(await db.sources.get(s.harbour.id)).toBeUndefined();
    expect(await db.sourceBlobs.get(s.harbour.id)).toBeUndefined();
    expect(await db.passages.get(s.seized.id)).toBeUndefined();
    expect(await listTrash(s.caseId)).toEqual([]);
    await expect(restoreFromTrash(sourceRef)).rejects.toThrow('That is no longer in the Trash: it has been deleted for good.');
    // What was live is untouched.
    expect((await readCaseSnapshot(s.caseId))?.sources.map((x) => x.id)).toEqual([s.wire.id]);
  });

  it('deleting for good takes the case views’ records with it: a case’s all, a passage’s entity tags and events, a source’s date decisions', async () => {
    const s = await setup();
    const found = { sourceId: s.harbour.id, start: s.harbour.text.indexOf('Friday'), end: s.harbour.text.indexOf('Friday') + 6 };
    const decision = (await decideFoundDate(s.caseId, found, { kind: 'confirmed' })).entry;
    const event = await addManualEvent(s.caseId, s.worth.id, { start: '2024-03-05', precision: 'day' }, 'Valued');
    const entityTag = await tagPassageWithEntity(s.caseId, s.worth.id, { key: 'organization:police', name: 'Police', kind: 'organization' });
    const onSource = await tagPassageWithEntity(s.caseId, s.seized.id, { key: 'place:port', name: 'Port', kind: 'place' });
    const merged = await mergeEntities(s.caseId, 'organization:nca', 'organization:national crime agency');
    // Decisions are named by what they are about, so two members making the same one at once make one record.
    expect([decision.id, entityTag.id, merged.id]).toEqual([
      foundDateEntryId(found.sourceId, found.start, found.end),
      entityTagId(s.worth.id, 'organization:police'),
      entityMergeId(s.caseId, 'organization:nca'),
    ]);
    await addFigure({ caseId: s.caseId, svg: '<svg/>', png: new Uint8Array([1, 2]), width: 2, height: 1, alt: 'Map' });
    // In the Trash they stay, so a restore brings the records back as they were.
    await deleteSource(s.harbour.id);
    await deletePassage(s.worth.id);
    expect(await db.timelineEntries.bulkGet([decision.id, event.id])).toEqual([expect.objectContaining({ id: decision.id }), expect.objectContaining({ id: event.id })]);
    await emptyTrash(s.caseId);
    expect(await db.timelineEntries.bulkGet([decision.id, event.id])).toEqual([undefined, undefined]);
    expect(await db.entityTags.get(entityTag.id)).toBeUndefined();
    // The harbour source's passages went with it, and their entity tags.
    expect(await db.entityTags.get(onSource.id)).toBeUndefined();
    const other = await createCase('Other case');
    await addFigure({ caseId: other.id, svg: '<svg/>', png: new Uint8Array([3]), width: 1, height: 1, alt: 'Other map' });
    await deleteCase(s.caseId);
    await emptyTrash(other.id);
    for (const table of [db.timelineEntries, db.entityMerges, db.entityTags, db.figures]) expect(await table.where('caseId').equals(s.caseId).count()).toBe(0);
    expect(await db.figures.where('caseId').equals(other.id).count()).toBe(1);
  });

  it('lets go of what has been in the Trash longer than the retention period, and of old change-log entries', async () => {
    const s = await setup();
    const now = Date.now();
    await deletePassage(s.port.id, now - 31 * DAY);
    await deleteClaim(s.other.id, now - 2 * DAY);
    const oldCase = await createCase('Old case');
    await deleteCase(oldCase.id, now - 40 * DAY);
    const recentCase = await createCase('Recent case');
    await deleteCase(recentCase.id, now - DAY);
    await db.changes.toCollection().modify((c) => void (c.at = now - 35 * DAY));
    await db.cases.put({ ...(await db.cases.get(s.caseId))!, name: 'Touched' });

    await purgeExpiredTrash(now);
    expect(await db.passages.get(s.port.id)).toBeUndefined();
    expect((await listTrash(s.caseId)).map((i) => i.id)).toEqual([s.other.id]);
    expect(await db.cases.get(oldCase.id)).toBeUndefined();
    expect(await db.notes.get(oldCase.briefNoteId!)).toBeUndefined();
    expect((await listDeletedCases()).map((c) => c.id)).toEqual([recentCase.id]);
    const log = await db.changes.toArray();
    expect(log.every((c) => c.at >= now - 30 * DAY)).toBe(true);
    expect(log.some((c) => c.origin === 'system' && c.op === 'delete')).toBe(true);
  });
});
