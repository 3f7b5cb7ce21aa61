import type { CaseSnapshot } from './cases';
import { restoreCase } from './cases';
import { getDb } from '../db';

export type SampleCaseData = CaseSnapshot;

const SEEDED = 'sampleSeeded';

/**
 * First run only: write the sample case in one transaction and remember that
 * it was offered, so a user who deletes it does not get it back.
 * Returns the new case id, or null when nothing was seeded.
 */
export async function ensureSampleCase(build: () => Promise<SampleCaseData>): Promise<string | null> {
  const db = getDb();
  const alreadySeeded = await db.meta.get(SEEDED);
  if (alreadySeeded || (await db.cases.count()) > 0) return null;
  const data = await build();
  return db.transaction('rw', [db.meta, db.cases, db.sources, db.sourceBlobs, db.passages, db.claims, db.tags, db.notes], async () => {
    // Another tab may have seeded it meanwhile.
    if (await db.meta.get(SEEDED)) return null;
    await restoreCase(data);
    await db.meta.put({ key: SEEDED, value: Date.now() });
    return data.case.id;
  });
}
