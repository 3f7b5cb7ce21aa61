import { expect, test } from '@playwright/test';
import { briefBox, openApp, sourceRegion } from './helpers/app';

test('a fresh profile opens the sample case with its source and brief', async ({ page }) => {
  await openApp(page);
  const cases = page.getByRole('navigation', { name: 'Cases' });
  await expect(cases.getByRole('button', { name: 'Sample case: the EncroChat takedown', exact: true })).toHaveAttribute('aria-current', 'page');
  const source = sourceRegion(page);
  await expect(source.getByRole('heading', { level: 1 })).toHaveText(/Inside the EncroChat takedown/);
  await expect(source).toContainText('the National Crime Agency reported 746 arrests');
  await expect(source).toContainText('€1,500 for a six-month subscription');
  await expect(briefBox(page)).toContainText('What the EncroChat operation achieved');
});

test('the sample case is not recreated after the user deletes it', async ({ page }) => {
  await openApp(page);
  await page.getByRole('button', { name: /Delete case “Sample case/ }).click();
  await expect(page.getByText('No cases yet')).toBeVisible();
  await page.reload();
  await expect(page.getByText('No cases yet')).toBeVisible();
});
