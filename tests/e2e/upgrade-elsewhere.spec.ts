import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { briefBox, newCase, openApp } from './helpers/app';

/**
 * Another window (a newer Casefile) upgrades the database while this one is open.
 * This window can no longer save: it says so at once and offers the text typed
 * since the last save to copy or save as a file before reloading; text typed
 * after putting the message aside is offered too.
 */
test('another window upgrades the database: the window explains it and keeps what was typed since', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await openApp(page);
  await newCase(page);
  await briefBox(page).click();
  await page.keyboard.type('Saved before the upgrade.');
  await expect(page.getByRole('status').filter({ hasText: /^Saved$/ })).toBeVisible();

  // A page of the same origin that is not Casefile opens the database at a higher
  // version, right after more typing: well inside the autosave's one-second wait.
  const other = await context.newPage();
  await other.goto('/assets/not-casefile.txt');
  await page.bringToFront();
  await page.keyboard.type(' Typed just before it.');
  const upgradedTo = await other.evaluate(async () => {
    const current = (await indexedDB.databases()).find((d) => d.name === 'casefile')!.version!;
    return new Promise<number>((resolve, reject) => {
      const request = indexedDB.open('casefile', current + 10);
      request.onupgradeneeded = () => request.result.createObjectStore('fromTheFuture');
      request.onsuccess = () => {
        request.result.close();
        resolve(request.result.version);
      };
      request.onerror = () => reject(request.error);
    });
  });
  expect(upgradedTo).toBeGreaterThan(10);
  await other.close();

  const dialog = page.getByRole('dialog', { name: 'Casefile’s data was changed in another window' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('this window can no longer save. Everything saved until now is safe.');
  await expect(dialog.getByRole('region', { name: 'Unsaved text of “Brief”' })).toHaveText('Saved before the upgrade. Typed just before it.');
  const axe = await new AxeBuilder({ page }).include('dialog').analyze();
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
  await page.screenshot({ path: test.info().outputPath('upgraded-elsewhere.png') });

  // Put aside, then more typing: the next (failed) save brings the message back with it.
  await dialog.getByRole('button', { name: 'Not now' }).click();
  await expect(dialog).toBeHidden();
  await briefBox(page).click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type(' Typed after the upgrade.');
  await expect(dialog).toBeVisible({ timeout: 15_000 });
  await expect(page.getByRole('status').filter({ hasText: 'Not saved — reload needed' })).toBeVisible();
  const region = dialog.getByRole('region', { name: 'Unsaved text of “Brief”' });
  await expect(region).toHaveText('Saved before the upgrade. Typed just before it. Typed after the upgrade.');

  await dialog.getByRole('button', { name: 'Copy text' }).click();
  await expect(dialog.getByRole('status')).toHaveText('Copied. Paste it somewhere safe before you reload.');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toContain('Typed after the upgrade.');
  const download = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Save as file…' }).click();
  expect(readFileSync(await (await download).path(), 'utf8')).toBe('Brief\n\nSaved before the upgrade. Typed just before it. Typed after the upgrade.\n');

  // Reloading meets the newer database, which this version refuses to touch.
  await dialog.getByRole('button', { name: 'Reload' }).click();
  await expect(page.getByRole('heading', { name: 'Casefile cannot open your data' })).toBeVisible();
  await expect(page.getByRole('alert')).toContainText('written by a newer version of Casefile');
});
