import type { CaseData } from '../../../shared/domain/types';
import { getDb } from '../db';
import { addCaseData, caseDataTables } from './cases';

/** Every record of the bundled sample case, ready to store. */
export type SampleCaseData = CaseData;

const SEEDED = 'sampleSeeded';

/**
 * First run only (no `sampleSeeded` flag and no cases): write the sample case
 * and the flag in ONE transaction, so a crash leaves either the whole sample
 * or nothing, and a person who deletes the sample never gets it back.
 * `build` runs outside the transaction (it may load and hash files), and only
 * when seeding is due. Returns the new case id, or null when nothing was seeded.
 */
export async function ensureSampleCase(build: () => Promise<SampleCaseData>, now = Date.now()): Promise<string | null> {
  const db = getDb();
  const due = async () => !(await db.meta.get(SEEDED)) && (await db.cases.count()) === 0;
  if (!(await due())) return null;
  const data = await build();
  return db.transaction('rw', [db.meta, ...caseDataTables(db)], async () => {
    // Another window may have seeded it, or the person created a case, while `build` ran.
    if (!(await due())) return null;
    await addCaseData(data);
    await db.meta.put({ key: SEEDED, value: now });
    return data.case.id;
  });
}
