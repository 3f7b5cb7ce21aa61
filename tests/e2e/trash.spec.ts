import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { briefBox, openApp } from './helpers/app';
import { highlightedTexts } from './helpers/select';

const USERS = 'EncroChat had about 60,000 users worldwide';
const DAY = 24 * 60 * 60 * 1000;

async function expectNoSeriousAxeViolations(page: Page, include: string): Promise<void> {
  const results = await new AxeBuilder({ page }).include(include).analyze();
  expect(results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes[0]?.html}`)).toEqual([]);
}

/** Delete a passage from its card; a cited one asks first, and is confirmed from the keyboard (the card may reach below the window). */
async function deletePassageFromList(page: Page, quote: RegExp, cited: boolean): Promise<void> {
  await page.getByRole('list', { name: 'Passages' }).getByRole('button', { name: quote }).click();
  const card = page.getByRole('dialog', { name: 'Passage' });
  await card.getByRole('button', { name: 'Delete passage' }).click();
  if (cited) await card.getByRole('alertdialog').getByRole('button', { name: 'Delete cited passage' }).press('Enter');
  await expect(card).toBeHidden();
}

test('a cited passage restored from the Trash is cited, highlighted, tagged and evidence again', async ({ page }, testInfo) => {
  await openApp(page);
  const brief = briefBox(page);
  await expect(brief.getByRole('link', { name: 'Citation 3', exact: true }).first()).toBeVisible();
  await expect.poll(() => highlightedTexts(page)).toContain(USERS);
  await page.getByRole('tab', { name: /Claims/ }).click();
  const claims = page.getByRole('region', { name: 'Claims' });
  await expect(claims.getByText('1 support · 1 context · 1 source')).toBeVisible();
  await page.getByRole('tab', { name: 'Brief' }).click();

  // Delete the passage the brief cites twice and a claim rests on.
  await deletePassageFromList(page, /60,000 users worldwide/, true);
  const card = page.getByRole('dialog', { name: 'Passage' });
  await expect(brief.getByRole('link', { name: 'Citation 3 (missing passage)' })).toHaveCount(2);
  await expect.poll(() => highlightedTexts(page)).not.toContain(USERS);
  await page.getByRole('tab', { name: /Claims/ }).click();
  await expect(claims.getByText('1 context · 1 source')).toBeVisible();
  await page.getByRole('tab', { name: 'Brief' }).click();

  // The Trash, opened from its button in the header, lists it; restore it from there.
  const trashButton = page.getByRole('banner').getByRole('button', { name: 'Trash (1 item)' });
  await trashButton.click();
  const trash = page.getByRole('dialog', { name: 'Trash' });
  await expect(trash).toBeVisible();
  const item = trash.getByRole('listitem').filter({ hasText: USERS });
  await expect(item).toContainText('Passage in “');
  await expect(item).toContainText(/Deleted (now|\d+ seconds? ago) by Author [0-9A-F]{4}/);
  await expectNoSeriousAxeViolations(page, '.trash-dialog');
  await page.screenshot({ path: testInfo.outputPath('trash-dialog.png') });
  await trash.getByRole('button', { name: `Restore passage “${USERS}”` }).click();
  await expect(trash.getByRole('status')).toHaveText(`Restored passage “${USERS}”.`);
  await expect(trash.getByText('Nothing from this case is in the Trash.')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(trash).toBeHidden();
  await expect(page.getByRole('banner').getByRole('button', { name: 'Trash', exact: true })).toBeVisible();

  // Its citations show their number again, its highlight is repainted, it carries its tag, and the claim rests on it again.
  await expect(brief.getByRole('link', { name: 'Citation 3', exact: true })).toHaveCount(2);
  await expect(brief.getByRole('link', { name: /missing passage/ })).toHaveCount(0);
  await expect.poll(() => highlightedTexts(page)).toContain(USERS);
  await page.getByRole('list', { name: 'Passages' }).getByRole('button', { name: /60,000 users worldwide/ }).click();
  await expect(card.getByRole('button', { name: 'Remove tag attribution/Europol' })).toBeVisible();
  await card.getByRole('button', { name: 'Close passage' }).click();
  await page.getByRole('tab', { name: /Claims/ }).click();
  await expect(claims.getByText('1 support · 1 context · 1 source')).toBeVisible();

  await page.reload();
  // The case remembers its front tab (Claims, last); the brief is one click away.
  await page.getByRole('tab', { name: 'Brief' }).click();
  await expect(briefBox(page).getByRole('link', { name: 'Citation 3', exact: true })).toHaveCount(2);
  await expect.poll(() => highlightedTexts(page)).toContain(USERS);
});

test('the Trash by keyboard: a source comes back with its passages, a case comes back, and Empty trash asks first', async ({ page }, testInfo) => {
  await openApp(page);
  await expect.poll(async () => (await highlightedTexts(page)).length).toBe(5);
  const sourceTitle = (await page.getByRole('list', { name: 'Sources in this case' }).getByRole('listitem').first().locator('.item-title').textContent()) ?? '';
  await page.getByRole('button', { name: `Remove source “${sourceTitle}”` }).click();
  await expect(page.getByText('No source yet')).toBeVisible();
  await expect(briefBox(page).getByRole('link', { name: /missing passage/ }).first()).toBeVisible();

  // Open the Trash from the keyboard and restore the source: Tab to its Restore button, Enter.
  const trashButton = page.getByRole('banner').getByRole('button', { name: /^Trash/ });
  await trashButton.focus();
  await page.keyboard.press('Enter');
  const trash = page.getByRole('dialog', { name: 'Trash' });
  await expect(trash).toBeVisible();
  await expect(trash.getByRole('listitem')).toHaveCount(1);
  await expect(trash.getByRole('listitem')).toContainText('Source with 5 passages');
  const restore = trash.getByRole('button', { name: `Restore source “${sourceTitle}”` });
  for (let i = 0; i < 10 && !(await restore.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab');
  await expect(restore).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(trash.getByRole('status')).toHaveText(`Restored source “${sourceTitle}” with 5 passages.`);
  await page.keyboard.press('Escape');
  await expect.poll(async () => (await highlightedTexts(page)).length).toBe(5);
  await expect(briefBox(page).getByRole('link', { name: /missing passage/ })).toHaveCount(0);

  // A deleted case is in the Trash too, and comes back whole.
  await page.getByRole('button', { name: 'New case' }).click();
  await expect(page.getByRole('textbox', { name: /^Name of case/ })).toBeFocused();
  await page.keyboard.type('Harbour follow-up');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: 'Harbour follow-up', exact: true })).toHaveAttribute('aria-current', 'page');
  await page.getByRole('button', { name: 'Delete case “Harbour follow-up”' }).click();
  await expect(page.getByRole('button', { name: 'Harbour follow-up', exact: true })).toHaveCount(0);
  await deletePassageFromList(page, /746 arrests/, true);

  // Who deleted what: the name this device writes as, changed from the header, shows on everything at once.
  await page.getByRole('banner').getByRole('button', { name: /^Your name: Author [0-9A-F]{4}$/ }).click();
  const yourName = page.getByRole('dialog', { name: 'Your name' });
  await yourName.getByRole('textbox', { name: 'Your name' }).fill('   ');
  await yourName.getByRole('button', { name: 'Save' }).click();
  await expect(yourName.getByRole('alert')).toHaveText('Your name cannot be empty: it is shown on what you create and change.');
  await yourName.getByRole('textbox', { name: 'Your name' }).fill('Ada Okafor');
  await expectNoSeriousAxeViolations(page, 'dialog');
  await yourName.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('banner').getByRole('button', { name: 'Your name: Ada Okafor' })).toBeVisible();

  await page.getByRole('banner').getByRole('button', { name: /^Trash/ }).click();
  await expect(trash.getByRole('region', { name: 'Deleted cases' }).getByRole('listitem')).toHaveText([/Harbour follow-up.*by Ada Okafor/]);
  await expect(trash.getByRole('listitem').filter({ hasText: '746 arrests' })).toContainText('by Ada Okafor');
  await expectNoSeriousAxeViolations(page, '.trash-dialog');

  // Empty trash asks first, with a visible Cancel; Cancel keeps everything.
  await trash.getByRole('button', { name: 'Empty trash' }).click();
  const confirm = trash.getByRole('group', { name: /Delete everything in the Trash for good\? That is 2 items/ });
  await expect(confirm.getByRole('button', { name: 'Cancel' })).toBeVisible();
  await expect(confirm.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await page.screenshot({ path: testInfo.outputPath('trash-empty-confirm.png') });
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await expect(trash.getByRole('listitem')).toHaveCount(2);

  await trash.getByRole('button', { name: 'Restore case “Harbour follow-up”' }).click();
  await expect(trash).toBeHidden();
  await expect(page.getByRole('button', { name: 'Harbour follow-up', exact: true })).toHaveAttribute('aria-current', 'page');

  // Back in the sample case, empty its Trash for good.
  await page.getByRole('button', { name: /^Sample case/ }).click();
  await page.getByRole('banner').getByRole('button', { name: 'Trash (1 item)' }).click();
  await trash.getByRole('button', { name: 'Empty trash' }).click();
  await trash.getByRole('button', { name: 'Delete for good' }).click();
  await expect(trash.getByRole('status')).toHaveText('The Trash is empty: 1 record was deleted for good.');
  await expect(trash.getByText('Nothing from this case is in the Trash.')).toBeVisible();
  await expect(trash.getByRole('button', { name: 'Empty trash' })).toBeDisabled();
  await page.keyboard.press('Escape');
  await expect.poll(async () => (await highlightedTexts(page)).length).toBe(4);
});

test('the Trash lets go of what has been in it longer than 30 days', async ({ page }) => {
  await openApp(page);
  await deletePassageFromList(page, /746 arrests/, true);
  await page.getByRole('banner').getByRole('button', { name: 'Trash (1 item)' }).click();
  await expect(page.getByRole('dialog', { name: 'Trash' }).getByRole('listitem')).toHaveCount(1);
  await page.keyboard.press('Escape');

  // 29 days on, it is still there; 31 days on, the app lets it go when it starts. (Only the date moves; timers run as usual.)
  const start = await page.evaluate(() => Date.now());
  await page.clock.setSystemTime(start + 29 * DAY);
  await page.reload();
  await expect(page.getByRole('banner').getByRole('button', { name: 'Trash (1 item)' })).toBeVisible();
  await page.clock.setSystemTime(start + 31 * DAY);
  await page.reload();
  await expect(page.getByRole('banner').getByRole('button', { name: 'Trash', exact: true })).toBeVisible();
  await page.getByRole('banner').getByRole('button', { name: 'Trash', exact: true }).click();
  await expect(page.getByRole('dialog', { name: 'Trash' }).getByText('Nothing from this case is in the Trash.')).toBeVisible();
});
