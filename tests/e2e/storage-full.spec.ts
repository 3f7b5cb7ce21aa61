import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { briefBox, newCase, openApp } from './helpers/app';

/**
 * Storage full. The page's IndexedDB is patched before the app loads so that,
 * while `__casefileQuotaFull` is set, every write throws QuotaExceededError as
 * Chromium does when the origin's quota is used up. The app must say so plainly,
 * say what to free, write nothing half-way, and keep what was typed.
 */
test.beforeEach(async ({ page }) => {
  await page.addInitScript(() => {
    const w = window as unknown as { __casefileQuotaFull?: boolean; __persistCalls?: number };
    w.__persistCalls = 0;
    const persist = navigator.storage.persist.bind(navigator.storage);
    navigator.storage.persist = () => {
      w.__persistCalls! += 1;
      return persist();
    };
    for (const method of ['put', 'add'] as const) {
      const original = IDBObjectStore.prototype[method];
      IDBObjectStore.prototype[method] = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
        if (w.__casefileQuotaFull) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
        return original.apply(this, args);
      } as IDBObjectStore['put'];
    }
  });
});

const setFull = (page: Page, full: boolean) => page.evaluate((value) => ((window as unknown as { __casefileQuotaFull: boolean }).__casefileQuotaFull = value), full);

async function counts(page: Page): Promise<Record<string, number>> {
  return page.evaluate(async () => {
    const open = indexedDB.open('casefile');
    const db: IDBDatabase = await new Promise((r) => (open.onsuccess = () => r(open.result)));
    const result: Record<string, number> = {};
    for (const store of ['cases', 'sources', 'sourceBlobs', 'notes']) {
      result[store] = await new Promise<number>((r) => {
        const req = db.transaction(store).objectStore(store).count();
        req.onsuccess = () => r(req.result);
      });
    }
    db.close();
    return result;
  });
}

test('storage: persistence is asked for, the space used is shown, and a full disk is explained without losing or half-writing anything', async ({ page }) => {
  await openApp(page);
  await newCase(page);
  expect(await page.evaluate(() => (window as unknown as { __persistCalls: number }).__persistCalls)).toBe(1);
  await expect(page.getByRole('navigation', { name: 'Cases' }).getByText(/^Storage: [\d.]+ (bytes|KB|MB|GB) used of [\d.]+ (KB|MB|GB) available/)).toBeVisible();

  // An import while storage is full: a plain message, and nothing of the source is stored.
  const before = await counts(page);
  await setFull(page, true);
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Import source' }).click();
  await (await chooser).setFiles({ name: 'harbour-minutes.txt', mimeType: 'text/plain', buffer: Buffer.from('Minutes of the harbour board.\n\nThe board met on Tuesday and approved the new berths.') });
  const alert = page.getByRole('alert').first();
  await expect(alert).toContainText('“harbour-minutes.txt” was not imported. Casefile’s storage is full');
  await expect(alert).toContainText('deleting cases or sources you no longer need');
  await expect(alert).not.toContainText('QuotaExceededError');
  await setFull(page, false);
  expect(await counts(page)).toEqual(before);
  await expect(page.getByText('No source yet')).toBeVisible();

  // Typing while storage is full: the text stays, the dialog says what to free and offers it.
  await briefBox(page).click();
  await page.keyboard.type('Saved before the disk filled up.');
  await expect(page.getByRole('status').filter({ hasText: /^Saved$/ })).toBeVisible();
  await setFull(page, true);
  await page.keyboard.type(' Typed while the disk was full.');
  const dialog = page.getByRole('dialog', { name: 'Casefile’s storage is full' });
  await expect(dialog).toBeVisible({ timeout: 15_000 });
  await expect(dialog).toContainText('delete cases or sources you no longer need');
  await expect(dialog.getByRole('region', { name: 'Unsaved text of “Brief”' })).toHaveText('Saved before the disk filled up. Typed while the disk was full.');
  await expect(page.getByRole('status').filter({ hasText: 'Not saved — storage full' })).toBeVisible();
  const axe = await new AxeBuilder({ page }).include('dialog').analyze();
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
  await page.screenshot({ path: test.info().outputPath('storage-full.png') });

  const download = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Save as file…' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^Brief \(unsaved\) \d{4}-\d\d-\d\d \d\d\.\d\d\.txt$/);
  expect(readFileSync(await file.path(), 'utf8')).toContain('Saved before the disk filled up. Typed while the disk was full.');

  // Still full: Try again says so. Room made: Try again saves and closes.
  await dialog.getByRole('button', { name: 'Try again' }).click();
  await expect(dialog.getByRole('status')).toHaveText('Still not saved: storage is still full.');
  await setFull(page, false);
  await dialog.getByRole('button', { name: 'Try again' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: /^Saved$/ })).toBeVisible();
  await page.reload();
  await expect(briefBox(page)).toHaveText('Saved before the disk filled up. Typed while the disk was full.');
});
