import { expect, test } from '@playwright/test';
import { briefBox, fixture, importThroughChooser, newCase, openApp, sourceRegion } from './helpers/app';

test('the brief and the source survive a reload', async ({ page }) => {
  await openApp(page);
  await newCase(page);
  await importThroughChooser(page, fixture('articles/harbour-seizure.txt'));
  const brief = briefBox(page);
  await brief.click();
  await page.keyboard.type('First paragraph: the seizure is the largest in the port’s history.');
  await page.keyboard.press('Enter');
  await page.keyboard.type('Second paragraph: 14 people were detained.');
  await expect(page.getByRole('status').filter({ hasText: /^Saved$/ })).toBeVisible({ timeout: 7_000 });

  await page.reload();
  await expect(briefBox(page).locator('p')).toHaveText([
    'First paragraph: the seizure is the largest in the port’s history.',
    'Second paragraph: 14 people were detained.',
  ]);
  await expect(sourceRegion(page)).toContainText('3.2 tonnes of cocaine hidden in a shipment of frozen fruit');
});

test('the save state shows Saving… while typing and Saved after', async ({ page }) => {
  await openApp(page);
  await newCase(page);
  await briefBox(page).click();
  await page.keyboard.type('Draft');
  await expect(page.getByRole('status').filter({ hasText: 'Saving…' })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: /^Saved$/ })).toBeVisible({ timeout: 7_000 });
});

test('switching case saves at once, without waiting for the debounce', async ({ page }) => {
  await openApp(page);
  await newCase(page);
  await briefBox(page).click();
  await page.keyboard.type('Written just before switching');
  await page.getByRole('button', { name: /^Sample case/ }).click();
  await page.getByRole('button', { name: 'Untitled case', exact: true }).click();
  await expect(briefBox(page)).toHaveText('Written just before switching');
});

test('markdown shortcuts and the toolbar format the brief', async ({ page }) => {
  await openApp(page);
  await newCase(page);
  await briefBox(page).click();
  await page.keyboard.type('## Findings');
  await page.keyboard.press('Enter');
  await page.keyboard.type('- first point');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  await page.keyboard.type('> quoted');
  await expect(briefBox(page).locator('h2')).toHaveText('Findings');
  await expect(briefBox(page).locator('ul > li')).toHaveText('first point');
  await expect(briefBox(page).locator('blockquote')).toHaveText('quoted');
  await page.keyboard.press('Enter');
  await page.getByRole('button', { name: 'Bold' }).click();
  await page.keyboard.type('strong words');
  await expect(briefBox(page).locator('strong, b, .brief-bold').last()).toHaveText('strong words');
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(briefBox(page)).not.toContainText('strong words');
});
