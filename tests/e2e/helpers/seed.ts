import type { Page } from '@playwright/test';
import type { FixtureCase } from '../../fixtures/export/harbourCase';
import { briefBox, openApp } from './app';
import { expect } from '../support/fixtures';

/** Write records into the app's IndexedDB through the page (the app's own database, same schema version). */
export async function putRecords(page: Page, records: Record<string, unknown[]>): Promise<void> {
  await page.evaluate(async (stores) => {
    const open = indexedDB.open('casefile');
    const db: IDBDatabase = await new Promise((resolve, reject) => {
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const tx = db.transaction(Object.keys(stores), 'readwrite');
    for (const [store, rows] of Object.entries(stores)) for (const row of rows) tx.objectStore(store).put(row);
    await new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
    db.close();
  }, records);
}

/** Records as the app stores them: live (`deletedAt: 0`, which the live indexes need) unless the fixture says otherwise. */
function live<T extends object>(rows: readonly T[]): T[] {
  return rows.map((row) => ({ deletedAt: 0, ...row }));
}

/** Write a fixture case's records as live records and make it the active case (the page shows it after a reload). */
export async function writeCase(page: Page, data: FixtureCase): Promise<void> {
  await putRecords(page, {
    cases: live([data.case]),
    sources: live(data.sources),
    passages: live(data.passages),
    claims: live(data.claims),
    tags: live(data.tags),
    notes: live(data.notes),
    meta: [{ key: 'activeCaseId', value: data.case.id }],
  });
}

/** Seed a fixture case, make it the active one, and wait until its brief is open with its citations. */
export async function seedCase(page: Page, data: FixtureCase, briefText = 'Who ordered the inspection, and when?'): Promise<void> {
  await openApp(page);
  await writeCase(page, data);
  await page.reload();
  await expect(briefBox(page)).toContainText(briefText);
}
