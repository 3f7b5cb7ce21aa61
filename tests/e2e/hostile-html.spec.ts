import { expect, test } from '@playwright/test';
import { fixture, importThroughChooser, newCase, openApp, sourceRegion } from './helpers/app';

function isLoopback(url: string): boolean {
  const { protocol, hostname } = new URL(url);
  if (protocol === 'data:' || protocol === 'blob:') return true;
  return hostname === '127.0.0.1' || hostname === 'localhost' || hostname === '[::1]';
}

test('hostile HTML is imported inertly: no script, no dialog, no navigation, no remote request', async ({ page }) => {
  const foreign: string[] = [];
  const dialogs: string[] = [];
  page.context().on('request', (request) => {
    if (!isLoopback(request.url())) foreign.push(request.url());
  });
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });

  await openApp(page);
  await newCase(page);
  const startUrl = page.url();
  await importThroughChooser(page, fixture('import/hostile.html'));

  const source = sourceRegion(page);
  await expect(source.getByRole('article')).toContainText('Harrowby Town Council approved its budget');
  // Give any deferred payload (meta refresh, onerror, timers) time to fire.
  await page.waitForTimeout(1_500);

  expect(dialogs).toEqual([]);
  expect(foreign).toEqual([]);
  expect(page.url()).toBe(startUrl);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
  await expect(page.locator('iframe, script[src*="evil"], img, base')).toHaveCount(0);
});
