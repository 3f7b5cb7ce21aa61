import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { fixture, importThroughChooser, openApp, sourceItems } from './helpers/app';

function claimsRegion(page: Page) {
  return page.getByRole('region', { name: 'Claims' });
}

async function showClaims(page: Page) {
  await page.getByRole('tab', { name: /Claims/ }).click();
  await expect(claimsRegion(page)).toBeVisible();
}

/** Accept the suggestion whose sentence contains `words`, from the open suggestions list. */
async function acceptSuggestionWith(page: Page, words: string) {
  const list = claimsRegion(page).getByRole('list', { name: 'Suggested claims' });
  const item = list.getByRole('listitem').filter({ hasText: words });
  await expect(item).toHaveCount(1);
  await item.getByRole('button', { name: /^Accept suggestion: / }).click();
  // Accepted suggestions become claims and leave the list.
  await expect(list.getByRole('listitem').filter({ hasText: words })).toHaveCount(0);
}

async function expectNoSeriousAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).include('[aria-label="Claims"]').analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`)).toEqual([]);
}

test('a suggested claim is disputed with a reason and gains contradicting evidence from another source, all surviving reloads', async ({ page }) => {
  await openApp(page);
  await showClaims(page);
  const claims = claimsRegion(page);

  // Suggestions for the sample article, computed on the device.
  await claims.getByRole('button', { name: 'Suggest claims' }).click();
  await expect(claims.getByRole('heading', { name: /Suggested claims in “Inside the EncroChat takedown/ })).toBeVisible();
  await acceptSuggestionWith(page, '746 arrests');
  await page.screenshot({ path: 'test-results/claims-suggestions.png' });
  await claims.getByRole('button', { name: 'Done' }).click();

  // The new claim, opened from the list with the keyboard.
  const row = claims.getByRole('button', { name: /746 arrests/ });
  await expect(row).toContainText('Unverified');
  await expect(row).toContainText('1 support · 1 source');
  await expect(row).toContainText('1 independent source');
  await row.focus();
  await page.keyboard.press('Enter');
  await expect(claims.getByLabel('Statement')).toHaveValue(/746 arrests/);

  await claims.getByRole('combobox', { name: 'Status' }).selectOption('disputed');
  await claims.getByLabel('Reason').fill('The NCA counted arrests, not charges.');
  await claims.getByRole('button', { name: 'Change status' }).click();
  const history = claims.getByRole('region', { name: 'Status history' });
  await expect(history).toContainText('Unverified → Disputed — The NCA counted arrests, not charges.');

  await page.reload();
  await showClaims(page);
  await expect(claims.getByRole('button', { name: /746 arrests/ })).toContainText('Disputed');
  await claims.getByRole('button', { name: /746 arrests/ }).click();
  await expect(history).toContainText('Unverified → Disputed — The NCA counted arrests, not charges.');
  await claims.getByRole('button', { name: 'Back to claims' }).click();

  // A second source, and a passage from it through its own suggestions.
  await importThroughChooser(page, fixture('articles/harbour-seizure.txt'));
  await expect(sourceItems(page)).toHaveCount(2);
  await expect(page.getByRole('region', { name: 'Source' }).getByRole('heading', { level: 1 })).toHaveText('Customs officers seize record haul at Port Velden');
  await showClaims(page);
  await claims.getByRole('button', { name: 'Suggest claims' }).click();
  await acceptSuggestionWith(page, '14 people had been detained');
  await claims.getByRole('button', { name: 'Done' }).click();

  // That passage contradicts the first claim.
  await claims.getByRole('button', { name: /746 arrests/ }).click();
  await claims.getByText('Add evidence').click();
  await claims.getByLabel('From source').selectOption({ label: 'Customs officers seize record haul at Port Velden' });
  await claims.getByLabel('Find a passage').fill('14 people');
  await claims.getByRole('combobox', { name: 'Add as' }).selectOption('contradicts');
  await claims.getByRole('button', { name: /^Add as contradicts: .*14 people had been detained/ }).click();
  await expect(claims.getByRole('status').filter({ hasText: 'Added as contradicting evidence.' })).toBeVisible();
  await expect(claims.getByText('1 support · 1 contradicts · 2 sources')).toBeVisible();
  await expect(claims.getByRole('list', { name: 'Evidence' }).getByRole('combobox', { name: 'Stance' }).nth(1)).toHaveValue('contradicts');
  await page.screenshot({ path: 'test-results/claims-detail.png', fullPage: true });
  await expectNoSeriousAxeViolations(page);

  await page.reload();
  await showClaims(page);
  const again = claims.getByRole('button', { name: /746 arrests/ });
  await expect(again).toContainText('Disputed');
  await expect(again).toContainText('1 support · 1 contradicts · 2 sources');
  await expect(again).toContainText('1 independent source');

  // Clicking a quote switches the reader to its source and flashes the passage.
  await again.click();
  await claims.getByRole('button', { name: /14 people had been detained/ }).click();
  await expect(page.getByRole('region', { name: 'Source' }).getByRole('heading', { level: 1 })).toHaveText('Customs officers seize record haul at Port Velden');
  await expect
    .poll(() => page.evaluate(() => (CSS.highlights.get('cf-flash') as Highlight | undefined)?.values().next().value?.toString()))
    .toContain('14 people had been detained');
});

test('filters, an invalid edit refused with a message, and delete with Undo', async ({ page }) => {
  await openApp(page);
  await showClaims(page);
  const claims = claimsRegion(page);
  const rows = claims.getByRole('list', { name: 'Claims in this case' }).getByRole('listitem');
  await expect(rows).toHaveCount(2);

  await claims.getByRole('combobox', { name: 'Filter by status' }).selectOption('supported');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('UK police arrested 746 people');
  await claims.getByRole('combobox', { name: 'Filter by status' }).selectOption('');
  await claims.getByRole('combobox', { name: 'Filter by tag' }).selectOption({ label: 'arrests' });
  await expect(rows).toHaveCount(1);
  await claims.getByRole('combobox', { name: 'Filter by tag' }).selectOption('');
  await expect(rows).toHaveCount(2);

  // An empty statement is refused, and the stored one stays.
  await claims.getByRole('button', { name: /EncroChat had about 60,000 users/ }).click();
  await expect(claims.getByText('1 support · 1 context · 1 source')).toBeVisible();
  const statement = claims.getByLabel('Statement');
  await statement.fill('   ');
  await statement.press('Enter');
  await expect(claims.getByRole('alert')).toHaveText('A claim needs a statement: write what is being claimed.');
  await claims.getByRole('button', { name: 'Back to claims' }).click();
  await expect(statement).toBeFocused();
  await statement.press('Escape');
  await expect(statement).toHaveValue('EncroChat had about 60,000 users worldwide');
  await expect(claims.getByRole('alert')).toHaveCount(0);
  await claims.getByLabel('Claimant').fill('Europol press office');
  await claims.getByLabel('Claimant').press('Enter');
  await expectNoSeriousAxeViolations(page);

  await claims.getByRole('button', { name: 'Delete claim' }).click();
  await expect(rows).toHaveCount(1);
  await page.getByRole('status').getByRole('button', { name: 'Undo' }).click();
  await expect(rows).toHaveCount(2);
  await page.reload();
  await showClaims(page);
  await expect(claims.getByRole('button', { name: /EncroChat had about 60,000 users/ })).toContainText('Europol press office');
});
