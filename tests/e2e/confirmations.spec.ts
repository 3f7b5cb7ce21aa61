import type { Page } from '@playwright/test';
import { briefBox, openApp } from './helpers/app';
import { readStores } from './helpers/db';
import { expect, test } from './support/fixtures';

/** Every passage and note in the profile, as stored. */
function storedPassagesAndNotes(page: Page) {
  return readStores(page, ['passages', 'notes']);
}

test('deleting a cited passage: Cancel and Escape each leave the passage and its citations as they were', async ({ page }) => {
  await openApp(page);
  const brief = briefBox(page);
  await expect(brief.getByRole('link', { name: 'Citation 2' })).toBeVisible();
  const before = await storedPassagesAndNotes(page);
  expect(before.passages!.length).toBeGreaterThan(0);

  await page.getByRole('list', { name: 'Passages' }).getByRole('button', { name: /£54 million in cash/ }).click();
  const card = page.getByRole('dialog', { name: 'Passage' });
  const deleteButton = card.getByRole('button', { name: 'Delete passage' });

  // Cancel: visible, focused first, and it puts focus back on Delete passage.
  await deleteButton.click();
  const confirm = card.getByRole('alertdialog');
  await expect(confirm).toContainText('This passage is cited in “Brief” (citation 2)');
  const cancel = confirm.getByRole('button', { name: 'Cancel' });
  await expect(cancel).toBeVisible();
  await expect(cancel).toBeFocused();
  await cancel.click();
  await expect(confirm).toBeHidden();
  await expect(card).toBeVisible();
  await expect(deleteButton).toBeFocused();
  expect(await storedPassagesAndNotes(page)).toEqual(before);

  // Escape does the same, and only that: the card stays open.
  await page.keyboard.press('Enter');
  await expect(confirm.getByRole('button', { name: 'Delete cited passage' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(confirm).toBeHidden();
  await expect(card).toBeVisible();
  await expect(deleteButton).toBeFocused();
  expect(await storedPassagesAndNotes(page)).toEqual(before);
  await expect(brief.getByRole('link', { name: 'Citation 2' })).toBeVisible();
  await expect(brief.getByRole('link', { name: /missing passage/ })).toHaveCount(0);

  // The passage is still there after a reload, cited as before.
  await page.reload();
  await expect(briefBox(page).getByRole('link', { name: 'Citation 2' })).toBeVisible();
  expect(await storedPassagesAndNotes(page)).toEqual(before);
});
