import { expect, test } from '@playwright/test';
import { openApp } from './helpers/app';

test('renaming a parent tag renames its children; merging moves every passage; delete asks first', async ({ page }) => {
  await openApp(page);
  const codebook = page.locator('.codebook');
  await expect(codebook.getByRole('button', { name: /^Filter by tag attribution\/NCA \(2 passages\)/ })).toBeVisible();

  // Rename "attribution" (the parent of attribution/NCA and attribution/Europol) by renaming each child's prefix.
  await codebook.getByRole('button', { name: 'Edit tag attribution/NCA' }).click();
  const dialog = page.getByRole('dialog', { name: /Tag “attribution\/NCA”/ });
  await dialog.getByLabel('Name').fill('source/NCA');
  await dialog.getByRole('button', { name: 'Save tag' }).click();
  await expect(codebook.getByRole('button', { name: /^Filter by tag source\/NCA \(2 passages\)/ })).toBeVisible();

  // Merge "seizures" into "arrests": the passage tagged seizures now carries arrests.
  await codebook.getByRole('button', { name: 'Edit tag seizures' }).click();
  const seizures = page.getByRole('dialog', { name: /Tag “seizures”/ });
  await seizures.getByLabel('Merge into').selectOption({ label: 'arrests' });
  await seizures.getByRole('button', { name: 'Merge' }).click();
  await expect(codebook.getByRole('button', { name: /^Filter by tag seizures/ })).toHaveCount(0);
  await expect(codebook.getByRole('button', { name: /^Filter by tag arrests \(2 passages · 1 claim\)/ })).toBeVisible();

  // Filtering by a tag narrows the passage list.
  await codebook.getByRole('button', { name: /^Filter by tag arrests/ }).click();
  await expect(page.getByRole('list', { name: 'Passages' }).getByRole('listitem')).toHaveCount(2);

  // Delete asks, says how many use it, and can be undone.
  await codebook.getByRole('button', { name: 'Edit tag arrests' }).click();
  const arrests = page.getByRole('dialog', { name: /Tag “arrests”/ });
  await arrests.getByRole('button', { name: 'Delete…' }).click();
  const confirm = arrests.getByRole('alertdialog', { name: 'Confirm deletion' });
  await expect(confirm).toContainText('It is used by 2 passages · 1 claim.');
  // Cancel and Escape each back out and leave the dialog open; focus returns to Delete….
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await expect(confirm).toBeHidden();
  await expect(arrests.getByRole('button', { name: 'Delete…' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(confirm.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(confirm).toBeHidden();
  await expect(arrests).toBeVisible();
  await expect(arrests.getByRole('button', { name: 'Delete…' })).toBeFocused();
  await arrests.getByRole('button', { name: 'Delete…' }).click();
  await confirm.getByRole('button', { name: 'Delete tag' }).click();
  await expect(codebook.getByRole('button', { name: /^Filter by tag arrests/ })).toHaveCount(0);
  await page.getByRole('status').getByRole('button', { name: 'Undo' }).click();
  await expect(codebook.getByRole('button', { name: /^Filter by tag arrests \(2 passages · 1 claim\)/ })).toBeVisible();

  await page.reload();
  await expect(page.locator('.codebook').getByRole('button', { name: /^Filter by tag source\/NCA/ })).toBeVisible();
});

test('a new tag with an empty path segment is refused with a message', async ({ page }) => {
  await openApp(page);
  await page.locator('.codebook').getByRole('button', { name: 'New tag' }).click();
  await page.getByRole('textbox', { name: 'New tag name' }).fill('people//police');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('alert')).toContainText(/empty/i);
});
