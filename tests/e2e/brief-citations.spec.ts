import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { briefBox, fixture, importThroughChooser, newCase, openApp, sourceItems } from './helpers/app';
import { selectWithMouse } from './helpers/select';

const DETAINED = '14 people had been detained across three provinces';
const HAUL = 'intercepted 3.2 tonnes of cocaine';

/** Citation labels in the brief, in document order. */
async function citationLabels(page: Page): Promise<string[]> {
  return briefBox(page).locator('[data-cf-citation]').evaluateAll((els) => els.map((el) => el.getAttribute('aria-label') ?? ''));
}

async function citeSelection(page: Page, text: string) {
  await selectWithMouse(page, text);
  await page.getByRole('toolbar', { name: 'Selection actions' }).getByRole('button', { name: 'Cite in brief' }).click();
}

async function flashedText(page: Page) {
  return page.evaluate(() => (CSS.highlights.get('cf-flash') as Highlight | undefined)?.values().next().value?.toString());
}

async function caseWithHarbourSource(page: Page) {
  await openApp(page);
  await newCase(page);
  await importThroughChooser(page, fixture('articles/harbour-seizure.txt'));
  await expect(sourceItems(page)).toHaveCount(1);
}

test('Cite in brief numbers citations by first appearance, renumbers when an earlier one is added, and keeps it all after a reload', async ({ page }) => {
  await caseWithHarbourSource(page);
  const brief = briefBox(page);
  await brief.click();
  await page.keyboard.type('Detentions came first.');

  await citeSelection(page, DETAINED);
  await expect(brief.getByRole('link', { name: 'Citation 1' })).toBeVisible();
  await expect.poll(() => citationLabels(page)).toEqual(['Citation 1']);

  // The next citation lands where the caret was left: after the first one.
  await brief.click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type(' The haul was large.');
  await citeSelection(page, HAUL);
  await expect.poll(() => citationLabels(page)).toEqual(['Citation 1', 'Citation 2']);

  // Citing the haul again at the very start makes it the first source a reader meets.
  await brief.click();
  await page.keyboard.press('Control+Home');
  await page.keyboard.type('In short: ');
  await citeSelection(page, HAUL);
  await expect.poll(() => citationLabels(page)).toEqual(['Citation 1', 'Citation 2', 'Citation 1']);
  await expect(brief).toContainText('In short:');
  const passagesOfFirst = await brief.locator('[data-cf-citation]').evaluateAll((els) => els.map((el) => (el as HTMLElement).dataset.passageId));
  expect(passagesOfFirst[0]).toBe(passagesOfFirst[2]);
  expect(passagesOfFirst[1]).not.toBe(passagesOfFirst[0]);

  // Citing the same text again reuses its passage rather than making a duplicate.
  await expect(page.getByRole('list', { name: 'Passages' }).getByRole('listitem')).toHaveCount(2);

  await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible({ timeout: 15_000 });
  await page.reload();
  await expect.poll(() => citationLabels(page)).toEqual(['Citation 1', 'Citation 2', 'Citation 1']);
  await expect(briefBox(page)).toContainText('In short:');
});

test('a citation shows its quote on hover and focus, and opens its passage in the source', async ({ page }) => {
  await caseWithHarbourSource(page);
  const brief = briefBox(page);
  await brief.click();
  await page.keyboard.type('Who was held?');
  await citeSelection(page, DETAINED);
  const citation = brief.getByRole('link', { name: 'Citation 1' });
  await expect(citation).toHaveAccessibleDescription(DETAINED);

  await citation.hover();
  const card = page.getByRole('tooltip');
  await expect(card).toContainText(`“${DETAINED}”`);
  await expect(card).toContainText('Customs officers seize record haul at Port Velden');

  // Another source in front, so following the citation has to switch back.
  await importThroughChooser(page, fixture('suggest/customs-seizure.txt'));
  await expect(sourceItems(page)).toHaveCount(2);
  await expect(page.locator('.source-body')).toContainText('Norland');

  await page.mouse.move(0, 0);
  await citation.focus();
  await expect(page.getByRole('tooltip')).toContainText(DETAINED);
  await page.keyboard.press('Enter');
  await expect(page.locator('.source-body')).toContainText('Port Velden');
  await expect.poll(() => flashedText(page)).toBe(DETAINED);
  // Enter followed the citation; it did not split the paragraph.
  await expect(brief.locator('p')).toHaveCount(1);

  // A mouse click does the same.
  await page.evaluate(() => CSS.highlights.delete('cf-flash'));
  await citation.click();
  await expect.poll(() => flashedText(page)).toBe(DETAINED);
  await expect(page.locator('.source-body').getByText(DETAINED, { exact: false })).toBeInViewport();
});

test('[[ opens a typeahead over passages and claims; Enter inserts the citation; axe finds nothing serious', async ({ page }) => {
  await openApp(page);
  const brief = briefBox(page);
  await expect(brief.locator('[data-cf-citation]').first()).toBeVisible();
  const before = (await citationLabels(page)).length;

  await brief.click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type(' Prices: [[six-month sub');
  const menu = page.getByRole('listbox', { name: 'Insert citation' });
  await expect(menu.getByRole('option')).toHaveCount(1);
  await expect(menu.getByRole('option').first()).toContainText('€1,500 for a six-month subscription');

  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help}`)).toEqual([]);

  await page.keyboard.press('Enter');
  await expect(menu).toBeHidden();
  const labels = await citationLabels(page);
  expect(labels).toHaveLength(before + 1);
  await expect(brief).not.toContainText('[[');
  const last = brief.locator('[data-cf-citation]').last();
  await expect(last).toHaveAccessibleDescription(/€1,000 apiece and charged €1,500/);

  // Ctrl+Shift+C opens the same menu; a claim inserts its statement as a claim reference with its citations.
  await page.keyboard.press('Control+Shift+C');
  await page.keyboard.type('746');
  await expect(menu.getByRole('option').filter({ hasText: 'Claim' })).toHaveCount(1);
  await menu.getByRole('option').filter({ hasText: 'Claim' }).click();
  await expect(brief.locator('mark[data-status="supported"]').last()).toContainText('UK police arrested 746 people');

  // The citation card open, for axe as well.
  await last.focus();
  await expect(page.getByRole('tooltip')).toBeVisible();
  const axe2 = await new AxeBuilder({ page }).analyze();
  expect(axe2.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help}`)).toEqual([]);
});

test('dragging a passage into the brief inserts a block quote of its exact text and its citation', async ({ page }) => {
  await openApp(page);
  const brief = briefBox(page);
  await expect(brief.locator('[data-cf-citation]').first()).toBeVisible();
  const item = page.getByRole('list', { name: 'Passages' }).getByRole('button', { name: /13 June 2020/ });
  await item.dragTo(brief.locator('h2').first());
  const quote = brief.locator('blockquote').filter({ hasText: 'The operators only noticed the breach on 13 June 2020' });
  await expect(quote).toHaveCount(1);
  expect(await quote.evaluate((el) => el.textContent)).toMatch(/^The operators only noticed the breach on 13 June 2020\d+$/);
  await expect(quote.locator('[data-cf-citation]')).toHaveAccessibleName('Citation 1');
  // It went right after the heading it was dropped on, so it is now the first citation.
  expect((await citationLabels(page))[0]).toBe('Citation 1');
});

test('deleting a cited passage asks first, leaves a missing marker, and Check citations lists it and a drifted quote', async ({ page }) => {
  await openApp(page);
  const brief = briefBox(page);
  await expect(brief.locator('[data-cf-citation]').first()).toBeVisible();

  // The sample brief quotes the 60,000-users passage; change the quote's wording.
  const quote = brief.locator('blockquote');
  await quote.click();
  await page.keyboard.press('End');
  await expect(quote).toContainText('60,000 users worldwide');
  await quote.getByText('60,000').dblclick();
  await page.keyboard.type('90,000');
  await expect(quote).toContainText('90,000 users worldwide');

  // Delete the £54 million passage from its card: the card says where it is cited.
  await page.getByRole('list', { name: 'Passages' }).getByRole('button', { name: /£54 million in cash/ }).click();
  const card = page.getByRole('dialog', { name: 'Passage' });
  await card.getByRole('button', { name: 'Delete passage' }).click();
  const confirm = card.getByRole('alertdialog');
  await expect(confirm).toContainText('This passage is cited in “Brief” (citation 2)');
  await confirm.getByRole('button', { name: 'Delete cited passage' }).click();
  await expect(card).toBeHidden();

  const missing = brief.getByRole('link', { name: 'Citation 2 (missing passage)' });
  await expect(missing).toBeVisible();
  await expect(missing).toContainText('missing passage');

  await page.getByRole('button', { name: 'Check citations' }).click();
  const panel = page.getByRole('region', { name: 'Citation check' });
  await expect(panel.getByRole('status')).toHaveText('2 problems found');
  await expect(panel.getByRole('listitem')).toHaveText([/Broken citation.*Citation 2 points to a passage that has been deleted/, /Quote changed.*no longer matches its passage/]);
  await panel.getByRole('button', { name: /Broken citation/ }).click();
  await expect(missing).toBeFocused();

  // Undo the deletion from the toast: the citation is whole again and the check says so.
  await page.getByRole('status').getByRole('button', { name: 'Undo' }).click();
  await expect(brief.getByRole('link', { name: 'Citation 2' })).toBeVisible();
  await expect(panel.getByRole('listitem')).toHaveCount(1);
  await page.screenshot({ path: 'test-results/brief-integrity.png' });
});

test('a claim reference shows the claim’s status and follows it live', async ({ page }) => {
  await openApp(page);
  const mark = briefBox(page).locator('mark').first();
  await expect(mark).toHaveAttribute('data-status-label', 'Supported');
  await page.getByRole('tab', { name: /Claims/ }).click();
  const claims = page.getByRole('region', { name: 'Claims' });
  await claims.getByRole('button', { name: /746 people/ }).click();
  await claims.getByRole('combobox', { name: 'Status' }).selectOption('disputed');
  await claims.getByLabel('Reason').fill('Detentions, not charges.');
  await claims.getByRole('button', { name: 'Change status' }).click();
  await expect(claims.getByRole('region', { name: 'Status history' })).toContainText('Disputed');
  await page.getByRole('tab', { name: 'Brief' }).click();
  await expect(mark).toHaveAttribute('data-status-label', 'Disputed');
  await expect(mark).toHaveAccessibleDescription(/UK police arrested 746 people.*Disputed/);
});

test('Refer to claim… marks selected brief words as a claim reference, and removes it again', async ({ page }) => {
  await openApp(page);
  const brief = briefBox(page);
  await expect(brief.locator('mark')).toHaveCount(1);
  // Select "Europol’s estimate" in the last paragraph with the keyboard.
  const words = brief.getByText(/Still to verify/);
  await words.click();
  await page.keyboard.press('Home');
  await page.keyboard.press('Shift+End');
  await page.getByRole('button', { name: 'Refer to claim…' }).click();
  const claim = page.getByRole('combobox', { name: 'Claim' });
  await expect(claim).toBeFocused();
  await claim.selectOption({ label: 'EncroChat had about 60,000 users worldwide (Unverified)' });
  await page.getByRole('button', { name: 'Mark', exact: true }).click();
  const mark = brief.locator('mark').nth(1);
  await expect(mark).toHaveAttribute('data-status-label', 'Unverified');
  await expect(mark).toContainText('Still to verify');
  await expect(mark).toHaveAccessibleDescription(/EncroChat had about 60,000 users worldwide/);

  // With the caret inside it, the same button removes the reference.
  await mark.click();
  await page.getByRole('button', { name: 'Refer to claim…' }).click();
  await expect(brief.locator('mark')).toHaveCount(1);
  await expect(page.getByRole('status').filter({ hasText: 'Claim reference removed.' })).toBeVisible();
});
