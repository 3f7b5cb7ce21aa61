import { expect, test } from '@playwright/test';
import { fixture, importThroughChooser, openApp, sourceItems } from './helpers/app';
import { selectWithMouse } from './helpers/select';

test('a claim from a selection, contradicting evidence from another source, and a logged status change survive a reload', async ({ page }) => {
  await openApp(page);
  // A new claim from a selection in the sample article.
  await selectWithMouse(page, 'Dutch police reported more than 100 arrests of their own');
  await page.getByRole('toolbar', { name: 'Selection actions' }).getByRole('button', { name: 'New claim' }).click();
  const claims = page.getByRole('region', { name: 'Claims' });
  await expect(claims.getByLabel('Statement')).toHaveValue('Dutch police reported more than 100 arrests of their own');
  await claims.getByLabel('Claimant').fill('Dutch police');
  await claims.getByLabel('Claimant').blur();

  // A passage from a second source, added as contradicting evidence.
  await importThroughChooser(page, fixture('articles/harbour-seizure.txt'));
  await expect(sourceItems(page)).toHaveCount(2);
  await selectWithMouse(page, '14 people had been detained');
  await page.getByRole('toolbar', { name: 'Selection actions' }).getByRole('button', { name: 'Highlight' }).click();
  await page.getByRole('button', { name: 'Close passage' }).click();
  await claims.getByText('Add evidence').click();
  await claims.getByRole('combobox', { name: 'Add as' }).selectOption('contradicts');
  await claims.getByLabel('Find a passage').fill('14 people');
  await claims.getByRole('button', { name: /^Add as contradicts: 14 people/ }).click();
  await expect(claims.getByText('1 support · 1 contradicts · 2 sources')).toBeVisible();

  await claims.getByRole('combobox', { name: 'Status' }).selectOption('disputed');
  await claims.getByLabel('Reason').fill('The harbour report counts differently.');
  await claims.getByRole('button', { name: 'Change status' }).click();
  await expect(claims.getByRole('region', { name: 'Status history' })).toContainText('Unverified → Disputed — The harbour report counts differently.');

  await page.reload();
  await page.getByRole('tab', { name: /Claims/ }).click();
  const row = claims.getByRole('button', { name: /Dutch police reported more than 100 arrests/ });
  await expect(row).toContainText('Disputed');
  await expect(row).toContainText('1 support · 1 contradicts · 2 sources · 1 independent source');
  await row.click();
  await expect(claims.getByRole('region', { name: 'Status history' })).toContainText('Unverified → Disputed');

  // Clicking the evidence quote switches source and reveals the passage.
  await claims.getByRole('button', { name: /^“14 people had been detained/ }).click();
  await expect(page.getByRole('region', { name: 'Source' }).getByRole('heading', { level: 1 })).toHaveText('Customs officers seize record haul at Port Velden');
  await expect.poll(() => page.evaluate(() => (CSS.highlights.get('cf-flash') as Highlight | undefined)?.values().next().value?.toString())).toBe('14 people had been detained');
});

test('suggested claims find the figures and attributions in a team-written article', async ({ page }) => {
  await openApp(page);
  await importThroughChooser(page, fixture('articles/harbour-seizure.txt'));
  await page.getByRole('tab', { name: /Claims/ }).click();
  const claims = page.getByRole('region', { name: 'Claims' });
  await claims.getByRole('button', { name: 'Suggest claims' }).click();
  const list = claims.getByRole('list', { name: 'Suggested claims' });
  await expect(list).toContainText('3.2 tonnes of cocaine');
  await expect(list).toContainText('€8.7 million');
  await expect(list).toContainText('23 handguns');
  await expect(list).toContainText('March 3');
  await expect(list).toContainText('claimant: Mara Lindqvist');
  await list.getByRole('button', { name: /^Accept suggestion: .*3\.2 tonnes/ }).click();
  await expect(list).not.toContainText('3.2 tonnes of cocaine');
  await claims.getByRole('button', { name: 'Done' }).click();
  await expect(claims.getByRole('button', { name: /3\.2 tonnes of cocaine/ })).toContainText('1 support · 1 source');
});
