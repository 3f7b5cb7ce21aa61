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
  writeImportedCases,
} from '../../../../renderer/db/repositories';
import { generateCase } from '../../../fixtures/bundle/generateCase';
import { freshDb } from './helpers';

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
    const data = rich();
    await addCase(data);
    const exported = await exportCaseBundle(data.case.id, { includeOriginals: true, appVersion: '1.0.0', now: Date.UTC(2026, 0, 2) });
    expect(exported.fileName).toBe(`${data.case.name}.casefile`);

    await db.delete();
    db = await freshDb('after-delete');
    const read = await readCaseBundle(exported.bytes);
    if (!read.ok) throw new Error(read.error.message);
    expect(await bundleConflict(read.data)).toBeNull();
    await writeImportedCases([read.data]);
    expect(sorted(await readCaseSnapshot(data.case.id))).toEqual(sorted(data));
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
    expect(sorted(await readCaseSnapshot(data.case.id))).toEqual(sorted(data));
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
});
