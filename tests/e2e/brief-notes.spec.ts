import { expect, test } from '@playwright/test';
import { briefBox, openApp } from './helpers/app';

test('a case holds several notes: create, rename, switch, make one the brief, outline and word count, and search into a note', async ({ page }) => {
  await openApp(page);
  const brief = briefBox(page);
  await expect(brief.locator('[data-cf-citation]').first()).toBeVisible();
  await expect(page.getByText(/^\d+ words$/)).toBeVisible();

  // Outline lists the sample brief's heading and goes to it.
  await page.getByRole('button', { name: /^Outline/ }).click();
  const outline = page.getByRole('navigation', { name: 'Outline' });
  await expect(outline.getByRole('button')).toHaveText(['What the EncroChat operation achieved']);

  // A second note, named on creation.
  await page.getByRole('button', { name: 'New note' }).click();
  const title = page.getByRole('textbox', { name: 'Note title' });
  await expect(title).toBeFocused();
  await title.fill('Interview plan');
  await title.press('Enter');
  await expect(page.getByRole('heading', { name: 'Interview plan' })).toBeVisible();
  await expect(brief.locator('[data-cf-citation]')).toHaveCount(0);
  await brief.click();
  await page.keyboard.type('# Questions');
  await page.keyboard.press('Enter');
  await page.keyboard.type('Ask the customs directorate about the lighthouse logbooks.');
  await expect(page.getByText('9 words')).toBeVisible();
  await page.getByRole('button', { name: /^Outline/ }).click();
  await expect(outline.getByRole('button')).toHaveText(['Questions']);
  await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible({ timeout: 15_000 });

  // Switch back to the brief: its own text and citations.
  const notes = page.getByRole('combobox', { name: 'Open note' });
  await notes.selectOption({ label: 'Brief (brief)' });
  await expect(brief.locator('[data-cf-citation]').first()).toBeVisible();
  await expect(brief).not.toContainText('lighthouse');

  // Search finds words in the other note and opens it with them selected.
  await page.keyboard.press('Control+k');
  await page.getByRole('combobox', { name: 'Search or run a command' }).fill('logbooks');
  const hit = page.getByRole('dialog', { name: 'Command palette' }).getByRole('option').filter({ hasText: 'Interview plan' });
  await expect(hit).toHaveCount(1);
  await hit.click();
  await expect(page.getByRole('heading', { name: 'Interview plan' })).toBeVisible();
  await expect.poll(() => page.evaluate(() => document.getSelection()?.toString())).toBe('logbooks');

  // Rename it and make it the case's brief; both survive a reload.
  await page.getByRole('button', { name: 'Rename note “Interview plan”' }).click();
  await page.getByRole('textbox', { name: 'Note title' }).fill('Follow-up brief');
  await page.getByRole('textbox', { name: 'Note title' }).press('Enter');
  await page.getByRole('button', { name: 'Make this the brief' }).click();
  await expect(page.getByRole('heading', { name: /Follow-up brief/ })).toContainText('Brief');
  await expect(page.getByRole('button', { name: 'Make this the brief' })).toBeHidden();
  await page.reload();
  await expect(page.getByRole('combobox', { name: 'Open note' })).toHaveValue(await notes.locator('option', { hasText: 'Follow-up brief' }).getAttribute('value') ?? '');
  await expect(page.getByRole('combobox', { name: 'Open note' }).locator('option')).toHaveText(['Brief', 'Follow-up brief (brief)']);
  await expect(briefBox(page)).toContainText('Ask the customs directorate about the lighthouse logbooks.');

  // Delete a note, then Undo brings it back with its citations.
  const openNote = page.getByRole('combobox', { name: 'Open note' });
  await openNote.selectOption({ label: 'Brief' });
  await expect(briefBox(page).locator('[data-cf-citation]').first()).toBeVisible();
  await page.getByRole('button', { name: 'Delete note “Brief”' }).click();
  await expect(page.getByRole('heading', { name: /Follow-up brief/ })).toBeVisible();
  await expect(openNote).toBeHidden();
  await expect(page.getByRole('button', { name: /^Delete note/ })).toBeHidden();
  await page.getByRole('status').getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByRole('heading', { name: 'Brief', exact: true })).toBeVisible();
  await expect(briefBox(page).locator('[data-cf-citation]')).toHaveCount(4);
});
