import { expect, test } from '@playwright/test';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { openApp } from './helpers/app';

const TARGET = fileURLToPath(new URL('../../resources/screenshots/main.png', import.meta.url));

/**
 * The README's screenshot is taken from the real app. `CASEFILE_UPDATE_SCREENSHOT=1 npm run test:e2e -- screenshot`
 * refreshes it; otherwise this checks that the committed one exists and is a PNG of the size we take.
 */
test('the README screenshot comes from the real main screen', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await openApp(page);
  await expect(page.getByRole('region', { name: 'Source' })).toContainText('746 arrests');
  // The brief settled: citations numbered, word count in.
  await expect(page.getByRole('link', { name: 'Citation 3' }).first()).toBeVisible();
  await expect(page.getByText(/^\d+ words$/)).toBeVisible();
  const shot = await page.screenshot({ type: 'png' });
  if (process.env.CASEFILE_UPDATE_SCREENSHOT === '1') {
    mkdirSync(fileURLToPath(new URL('.', `file://${TARGET}`)), { recursive: true });
    writeFileSync(TARGET, shot);
  }
  expect(existsSync(TARGET), 'resources/screenshots/main.png is committed').toBe(true);
  const committed = readFileSync(TARGET);
  expect(committed.subarray(1, 4).toString('latin1')).toBe('PNG');
  expect(committed.readUInt32BE(16)).toBe(1440);
  expect(committed.readUInt32BE(20)).toBe(900);
});
