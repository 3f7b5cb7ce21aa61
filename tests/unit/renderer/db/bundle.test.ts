import { afterEach, describe, expect, it } from 'vitest';
import { writeBundle } from '../../../../shared/bundle/write';
import type { BundleData } from '../../../../shared/bundle/format';
import type { CasefileDB } from '../../../../renderer/db/db';
import {
  asCopy,
  bundleConflict,
  bundleFileName,
  exportCaseBundle,
  isBundleFile,
  readAllCases,
  readCaseBundle,
  readCaseSnapshot,
  addCase,
  deleteCase,
  deletePassage,
  listDeletedCases,
  writeImportedCases,
  type ImportProgress,
} from '../../../../renderer/db/repositories';
import { CaseImportJob } from '../../../../renderer/features/cases/caseImportJob';
import type { FromImportWorker } from '../../../../renderer/features/cases/caseImportProtocol';
import { declareSize } from '../../../fixtures/bundle/tamper';
import { generateCase, withViews } from '../../../fixtures/bundle/generateCase';
import { caseContent, freshDb } from './helpers';

let db: CasefileDB;
afterEach(() => db?.close());

const rich = (seed = 3): BundleData => generateCase({ sources: 3, sourceChars: 2_000, passages: 12, claims: 4, tags: 3, originals: true, seed });

/** A case's data with every list in ID order, as the database returns it. */
function sorted(data: BundleData | null): BundleData | null {
  if (!data) return data;
  const byId = <T extends { id: string }>(list: T[]) => [...list].sort((a, b) => a.id.localeCompare(b.id));
  return {
    case: data.case,
    sources: byId(data.sources),
    blobs: [...data.blobs].sort((a, b) => a.sourceId.localeCompare(b.sourceId)),
    passages: byId(data.passages),
    claims: byId(data.claims),
    tags: byId(data.tags),
    notes: byId(data.notes),
    timelineEntries: byId(data.timelineEntries),
    entityMerges: byId(data.entityMerges),
    entityTags: byId(data.entityTags),
    figures: byId(data.figures),
  };
}

/** Every table, in key order, as one JSON string: "nothing changed" means this is identical. */
async function dumpAll(target: CasefileDB): Promise<string> {
  const out: Record<string, unknown[]> = {};
  for (const table of target.tables) out[table.name] = await table.toArray();
  return JSON.stringify(out, (_key, value: unknown) => (value instanceof Uint8Array ? Array.from(value) : value));
}

describe('bundle repository', () => {
  it('recognises bundle file names and makes safe ones', () => {
    expect(isBundleFile('Harbour.CASEFILE')).toBe(true);
    expect(isBundleFile('harbour.casefile.txt')).toBe(false);
    expect(bundleFileName('Port: "raid" / 2025?')).toBe('Port_ _raid_ _ 2025_.casefile');
    expect(bundleFileName('...')).toBe('Case.casefile');
  });

  it('exports a stored case and imports it back record for record, in one write', async () => {
    db = await freshDb();
    const data = withViews(rich());
    await addCase(data);
    const stored = await readCaseSnapshot(data.case.id);
    expect(stored?.passages[0]).toMatchObject({ createdBy: db.actor!.id });
    const exported = await exportCaseBundle(data.case.id, { includeOriginals: true, appVersion: '1.0.0', now: Date.UTC(2026, 0, 2) });
    expect(exported.fileName).toBe(`${data.case.name}.casefile`);

    await db.delete();
    db = await freshDb('after-delete');
    const read = await readCaseBundle(exported.bytes);
    if (!read.ok) throw new Error(read.error.message);
    expect(await bundleConflict(read.data)).toBeNull();
    await writeImportedCases([read.data]);
    // Record for record, who created and changed each one included: an import keeps the authorship a bundle carries.
    expect(sorted(await readCaseSnapshot(data.case.id))).toEqual(sorted(stored!));
    expect(stored!.figures).toHaveLength(1);
    expect(stored!.timelineEntries).toHaveLength(3);
    expect(db.actor!.id).not.toBe(stored!.case.createdBy);
  });

  it('reports a conflict for a case that is already here and never overwrites it', async () => {
    db = await freshDb();
    const data = rich();
    await addCase(data);
    const before = await dumpAll(db);
    expect(await bundleConflict(data)).toBe('case');
    await expect(writeImportedCases([data])).rejects.toThrow(/already in Casefile.*Nothing was imported/);
    expect(await dumpAll(db)).toBe(before);
  });

  it('reports records whose IDs are taken by another case, and refuses them', async () => {
    db = await freshDb();
    const data = rich();
    await addCase(data);
    const before = await dumpAll(db);
    const other = rich(9);
    const mixed: BundleData = { ...other, passages: [...other.passages, { ...data.passages[0]!, caseId: other.case.id, sourceId: other.sources[0]!.id, tags: [] }] };
    expect(await bundleConflict(mixed)).toBe('records');
    await expect(writeImportedCases([mixed])).rejects.toThrow(/already in Casefile/);
    expect(await dumpAll(db)).toBe(before);
  });

  it('imports a copy with new IDs next to the original, brief references included', async () => {
    db = await freshDb();
    const data = rich();
    await addCase(data);
    const copy = asCopy(data);
    expect(await bundleConflict(copy)).toBeNull();
    const [stored] = await writeImportedCases([copy]);
    expect(stored?.name).toBe(`${data.case.name} (copy)`);
    const snapshot = await readCaseSnapshot(copy.case.id);
    expect(snapshot?.passages).toHaveLength(data.passages.length);
    const oldIds = new Set([data.case.id, ...data.sources.map((s) => s.id), ...data.passages.map((p) => p.id), ...data.claims.map((c) => c.id)]);
    const briefText = JSON.stringify(snapshot?.notes);
    for (const id of oldIds) expect(briefText).not.toContain(id);
    const newPassages = new Set(snapshot?.passages.map((p) => p.id));
    const cited = [...briefText.matchAll(/"passageId":"([^"]+)"/g)].map((m) => m[1]);
    expect(cited.length).toBeGreaterThan(0);
    for (const id of cited) expect(newPassages.has(id as string)).toBe(true);
    expect(sorted(caseContent(await readCaseSnapshot(data.case.id))!)).toEqual(sorted(data));
  });

  it('carries the case views through export and an import as a copy: the brief still finds its figure', async () => {
    db = await freshDb();
    const data = withViews(rich());
    await addCase(data);
    const exported = await exportCaseBundle(data.case.id, { includeOriginals: false, appVersion: '1.0.0', now: Date.UTC(2026, 0, 2) });
    const read = await readCaseBundle(exported.bytes);
    if (!read.ok) throw new Error(read.error.message);
    expect(await bundleConflict(read.data)).toBe('case');
    const copy = asCopy(read.data);
    await writeImportedCases([copy]);
    const snapshot = (await readCaseSnapshot(copy.case.id))!;
    expect(snapshot.timelineEntries).toHaveLength(data.timelineEntries.length);
    expect(snapshot.entityMerges).toHaveLength(1);
    const [figure] = snapshot.figures;
    expect(figure).toMatchObject({ caseId: copy.case.id, svg: data.figures[0]!.svg, png: data.figures[0]!.png });
    const brief = JSON.stringify(snapshot.notes.find((n) => n.id === snapshot.case.briefNoteId)?.content);
    expect(brief).toContain(`"figureId":"${figure!.id}"`);
    const passages = new Set(snapshot.passages.map((p) => p.id));
    const sources = new Set(snapshot.sources.map((s) => s.id));
    for (const tag of snapshot.entityTags) expect(passages.has(tag.passageId)).toBe(true);
    for (const entry of snapshot.timelineEntries) {
      expect(sources.has(entry.sourceId)).toBe(true);
      if (entry.passageId !== undefined) expect(passages.has(entry.passageId)).toBe(true);
    }
    // The original's views are untouched.
    expect(sorted(caseContent(await readCaseSnapshot(data.case.id))!)).toEqual(sorted(data));
  });

  it('refuses a bundle whose figure ID another case holds', async () => {
    db = await freshDb();
    const data = withViews(rich());
    await addCase(data);
    const other = withViews(rich(9));
    const taken = { ...other, figures: [{ ...other.figures[0]!, id: data.figures[0]!.id }] };
    expect(await bundleConflict(taken)).toBe('records');
    const before = await dumpAll(db);
    await expect(writeImportedCases([taken])).rejects.toThrow(/already in Casefile/);
    expect(await dumpAll(db)).toBe(before);
  });

  it('writes several cases all or nothing', async () => {
    db = await freshDb();
    const a = rich(1);
    const b = rich(2);
    await addCase(b);
    const before = await dumpAll(db);
    await expect(writeImportedCases([a, b])).rejects.toThrow(/Nothing was imported/);
    expect(await dumpAll(db)).toBe(before);
    await expect(writeImportedCases([a, a])).rejects.toThrow(/share record IDs/);
    expect(await dumpAll(db)).toBe(before);
    await writeImportedCases([a, asCopy(b)]);
    expect((await readAllCases()).map((c) => c.case.name).sort()).toEqual([a.case.name, b.case.name, `${b.case.name} (copy)`].sort());
  });

  it('keeps a copy name within the 200 characters a case name may have', async () => {
    const data = rich();
    const long = { ...data, case: { ...data.case, name: 'x'.repeat(200) } };
    expect(asCopy(long).case.name).toHaveLength(200);
    const bytes = await writeBundle(asCopy(long), { appVersion: '1', includeOriginals: false, now: 0 });
    expect((await readCaseBundle(bytes)).ok).toBe(true);
  });

  it('replaces a copy of the case that is in the Trash, and keeps it when the import fails', async () => {
    db = await freshDb();
    const data = rich();
    await addCase(data);
    await deletePassage(data.passages[0]!.id);
    await deleteCase(data.case.id);
    expect(await bundleConflict(data)).toBe('trash');
    const other = rich(7);
    // One transaction: the second case collides, so the first does not replace anything either.
    await addCase(other);
    await expect(writeImportedCases([data, other])).rejects.toThrow(/already in Casefile/);
    expect((await listDeletedCases()).map((c) => c.id)).toEqual([data.case.id]);

    await writeImportedCases([data]);
    expect(await listDeletedCases()).toEqual([]);
    expect(sorted(caseContent(await readCaseSnapshot(data.case.id))!)).toEqual(sorted(data));
    // The passage that was in the case's Trash went with it; the file's version is back live.
    expect((await db.passages.get(data.passages[0]!.id))?.deletedAt).toBe(0);
  });

  it('writes a big case in chunks with progress, and a cancel leaves the database exactly as it was', async () => {
    db = await freshDb();
    const big = generateCase({ sources: 3, sourceChars: 2_000, passages: 2_500, claims: 40, tags: 4, originals: true, seed: 5 });
    const before = await dumpAll(db);
    const seen: ImportProgress[] = [];
    const abort = new AbortController();
    const cancelling = writeImportedCases([big], {
      signal: abort.signal,
      onProgress: (p) => {
        seen.push(p);
        if (p.done > 1_000) abort.abort();
      },
    });
    await expect(cancelling).rejects.toThrow('Import cancelled. Nothing was changed.');
    expect(seen.length).toBeGreaterThan(1);
    expect(await dumpAll(db)).toBe(before);

    const progress: ImportProgress[] = [];
    await writeImportedCases([big], { onProgress: (p) => progress.push(p) });
    const total = 1 + 3 + 3 + 2_500 + 40 + 4 + big.notes.length;
    expect(progress.at(-1)).toEqual({ done: total, total });
    // Passages went in chunks of at most 1,000: never one write of everything.
    const steps = progress.map((p, i) => p.done - (progress[i - 1]?.done ?? 0));
    expect(Math.max(...steps)).toBeLessThanOrEqual(1_000);
    expect(progress.length).toBeGreaterThanOrEqual(6);
    expect((await readCaseSnapshot(big.case.id))?.passages).toHaveLength(2_500);
    // The change log has one entry per chunk, marked as an import.
    const log = (await db.changes.toArray()).filter((c) => c.table === 'passages');
    expect(log.map((c) => [c.origin, c.keys.length])).toEqual([
      ['import', 1_000],
      ['import', 1_000],
      ['import', 500],
    ]);
  });
});

describe('the case import job (what the worker runs)', () => {
  const run = () => {
    const out: FromImportWorker[] = [];
    return { out, job: new CaseImportJob((m) => out.push(m)) };
  };

  it('checks a bundle, reports what it holds, and writes it with progress', async () => {
    db = await freshDb();
    const data = rich();
    const bytes = await writeBundle(data, { appVersion: '1', includeOriginals: true, now: 0 });
    const { out, job } = run();
    await job.handle({ type: 'check', kind: 'bundle', bytes });
    expect(out).toEqual([{ type: 'checked', cases: [{ id: data.case.id, name: data.case.name, conflict: null, records: expect.any(Number) }] }]);
    await job.handle({ type: 'write', copies: false });
    expect(out.at(-1)).toEqual({ type: 'written', cases: [{ id: data.case.id, name: data.case.name }], replacedTrash: [] });
    expect(out.filter((m) => m.type === 'progress').length).toBeGreaterThan(0);
    // The same bundle again: already here, so only a copy goes in.
    await job.handle({ type: 'check', kind: 'bundle', bytes });
    expect(out.at(-1)).toMatchObject({ type: 'checked', cases: [{ conflict: 'case' }] });
    await job.handle({ type: 'write', copies: true });
    expect(out.at(-1)).toMatchObject({ type: 'written', cases: [{ name: `${data.case.name} (copy)` }] });
  });

  it('refuses a bundle that would inflate to a gigabyte with its own message, writing nothing', async () => {
    db = await freshDb();
    const before = await dumpAll(db);
    const good = await writeBundle(rich(), { appVersion: '1', includeOriginals: false, now: 0 });
    const bomb = declareSize(good, 'sources.json', 1024 * 1024 * 1024);
    const { out, job } = run();
    await job.handle({ type: 'check', kind: 'bundle', bytes: bomb });
    expect(out).toEqual([
      {
        type: 'refused',
        message: 'This bundle was refused: “sources.json” would unpack to 1024.0 MB, and a bundle entry may be at most 200.0 MB.',
        detail: { key: 'bundleError.entryTooLarge', values: { name: 'sources.json', size: 1024, limit: 200 } },
      },
    ]);
    expect(await dumpAll(db)).toBe(before);
  });

  it('reports a cancelled write, and the database is as it was', async () => {
    db = await freshDb();
    const big = generateCase({ sources: 2, sourceChars: 1_000, passages: 3_000, claims: 10, tags: 2, originals: false, seed: 8 });
    const bytes = await writeBundle(big, { appVersion: '1', includeOriginals: false, now: 0 });
    const before = await dumpAll(db);
    const out: FromImportWorker[] = [];
    const job = new CaseImportJob((m) => {
      out.push(m);
      if (m.type === 'progress' && m.done > 500) void job.handle({ type: 'cancel' });
    });
    await job.handle({ type: 'check', kind: 'bundle', bytes });
    await job.handle({ type: 'write', copies: false });
    expect(out.at(-1)).toEqual({ type: 'cancelled' });
    expect(await dumpAll(db)).toBe(before);
  });
});
