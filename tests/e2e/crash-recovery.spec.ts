import { expect, test } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnChromium } from './support/fixtures';

const ROUNDS = 5;

test('typing survives SIGKILL of the browser, five times over', async ({ browserName }, testInfo) => {
  expect(browserName).toBe('chromium');
  test.setTimeout(180_000);
  const baseURL = testInfo.project.use.baseURL;
  if (!baseURL) throw new Error('baseURL is not configured');
  const profile = mkdtempSync(join(tmpdir(), 'casefile-crash-'));
  const expected: string[] = [];
  try {
    for (let round = 1; round <= ROUNDS; round++) {
      const app = await spawnChromium(profile, baseURL);
      const brief = app.page.getByRole('textbox', { name: 'Brief' });
      await expect(brief).toBeVisible({ timeout: 20_000 });
      if (round === 1) {
        // Start from an empty brief in a fresh case.
        await app.page.getByRole('button', { name: 'New case' }).click();
        await expect(app.page.getByRole('textbox', { name: /^Name of case/ })).toBeFocused();
        await app.page.keyboard.press('Enter');
      }
      await expect(brief).toHaveText(expected.join(''), { timeout: 10_000 });
      await brief.click();
      await app.page.keyboard.press('ControlOrMeta+End');
      const line = `Round ${round}: the courier said the van left at 04:1${round}.`;
      if (round > 1) await app.page.keyboard.press('Enter');
      await app.page.keyboard.type(line);
      expected.push(line);
      await app.page.waitForTimeout(1_500);
      await app.kill('SIGKILL');
    }
    const app = await spawnChromium(profile, baseURL);
    const paragraphs = app.page.getByRole('textbox', { name: 'Brief' }).locator('p');
    await expect(paragraphs).toHaveText(expected, { timeout: 20_000 });
    await app.kill('SIGKILL');
  } finally {
    // Helper processes of the killed browser can still be closing files for a moment.
    rmSync(profile, { recursive: true, force: true, maxRetries: 20, retryDelay: 250 });
  }
});
