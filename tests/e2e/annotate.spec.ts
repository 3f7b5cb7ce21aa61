import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { caseMenu, fixture, importThroughChooser, newCase, openApp, sourceRegion } from './helpers/app';
import { clickText, highlightedTexts, readerDomShape, selectWithMouse } from './helpers/select';

const SENTENCE = 'The regional customs directorate said 14 people had been detained across three provinces';

test('highlight a sentence with the mouse, tag it, and find it all again after a reload', async ({ page }) => {
  await openApp(page);
  await newCase(page);
  await importThroughChooser(page, fixture('articles/harbour-seizure.txt'));
  await expect(sourceRegion(page)).toContainText(SENTENCE);
  const shapeBefore = await readerDomShape(page);
  expect(shapeBefore).not.toBe('');

  await selectWithMouse(page, SENTENCE);
  const toolbar = page.getByRole('toolbar', { name: 'Selection actions' });
  await expect(toolbar).toBeVisible();
  await toolbar.getByRole('button', { name: 'Highlight' }).click();

  const card = page.getByRole('dialog', { name: 'Passage' });
  await expect(card.locator('blockquote')).toHaveText(SENTENCE);
  const tags = card.getByRole('combobox', { name: 'Tags' });
  await tags.fill('arrests');
  await tags.press('Enter');
  await expect(card.getByRole('button', { name: 'Remove tag arrests' })).toBeVisible();
  await card.getByRole('button', { name: 'Close passage' }).click();

  expect(await highlightedTexts(page)).toEqual([SENTENCE]);
  await page.reload();
  await expect(sourceRegion(page)).toContainText(SENTENCE);
  await expect.poll(() => highlightedTexts(page)).toEqual([SENTENCE]);
  expect(await readerDomShape(page)).toBe(shapeBefore);

  const list = page.getByRole('list', { name: 'Passages' });
  await expect(list.getByRole('listitem')).toHaveCount(1);
  await list.getByRole('button', { name: /14 people had been detained/ }).click();
  await expect(page.getByRole('dialog', { name: 'Passage' }).getByRole('button', { name: 'Remove tag arrests' })).toBeVisible();
});

test('clicking a highlight opens its card; delete can be undone', async ({ page }) => {
  await openApp(page);
  await newCase(page);
  await importThroughChooser(page, fixture('articles/harbour-seizure.txt'));
  await selectWithMouse(page, '23 handguns');
  await page.getByRole('toolbar', { name: 'Selection actions' }).getByRole('button', { name: 'Comment' }).click();
  const card = page.getByRole('dialog', { name: 'Passage' });
  await expect(card.getByLabel('Comment')).toBeFocused();
  await card.getByLabel('Comment').fill('Check the count against the court filing.');
  await card.getByRole('button', { name: 'Close passage' }).click();
  await expect(card).toBeHidden();

  await clickText(page, '23 handguns');
  await expect(card.getByLabel('Comment')).toHaveValue('Check the count against the court filing.');
  await card.getByRole('button', { name: 'Delete passage' }).click();
  await expect.poll(() => highlightedTexts(page)).toEqual([]);
  await page.getByRole('status').getByRole('button', { name: 'Undo' }).click();
  await expect.poll(() => highlightedTexts(page)).toEqual(['23 handguns']);
});

test('a whitespace-only selection creates nothing', async ({ page }) => {
  await openApp(page);
  await newCase(page);
  await importThroughChooser(page, fixture('articles/harbour-seizure.txt'));
  await expect(sourceRegion(page)).toContainText('Port Velden');
  await page.evaluate(() => {
    const body = document.querySelector('.source-body')!;
    const range = document.createRange();
    range.setStart(body.children[0]!.firstChild!, body.children[0]!.textContent!.length);
    range.setEnd(body.children[1]!.firstChild!, 0);
    document.getSelection()!.removeAllRanges();
    document.getSelection()!.addRange(range);
  });
  await page.waitForTimeout(300);
  await expect(page.getByRole('toolbar', { name: 'Selection actions' })).toHaveCount(0);
});

test('annotations export as W3C JSON-LD and import back identically', async ({ page }) => {
  await openApp(page);
  await newCase(page);
  await importThroughChooser(page, fixture('articles/harbour-seizure.txt'));
  for (const text of ['3.2 tonnes of cocaine', '€8.7 million']) {
    await selectWithMouse(page, text);
    await page.getByRole('toolbar', { name: 'Selection actions' }).getByRole('button', { name: 'Highlight' }).click();
    const card = page.getByRole('dialog', { name: 'Passage' });
    await card.getByRole('combobox', { name: 'Tags' }).fill('seizures');
    await card.getByRole('combobox', { name: 'Tags' }).press('Enter');
    await card.getByLabel('Comment').fill(`About ${text}`);
    await card.getByRole('button', { name: 'Close passage' }).click();
  }
  const snapshot = () =>
    page.evaluate(async () => {
      const open = indexedDB.open('casefile');
      const db: IDBDatabase = await new Promise((r) => (open.onsuccess = () => r(open.result)));
      const read = <T,>(store: string): Promise<T[]> =>
        new Promise((r) => {
          const req = db.transaction(store).objectStore(store).getAll();
          req.onsuccess = () => r(req.result as T[]);
        });
      const cases = await read<{ id: string; name: string }>('cases');
      const caseId = cases.find((c) => c.name === 'Untitled case')?.id;
      const all = await read<{ id: string; caseId: string; deletedAt?: number }>('passages');
      db.close();
      // Live passages as the case holds them: what the database adds (who wrote it, when, Trash state) is not part of an annotation.
      const own = ({ createdBy: _c, updatedBy: _u, changedAt: _t, deletedAt: _d, ...rest }: { id: string; caseId: string; [k: string]: unknown }) => rest;
      return all.filter((p) => p.caseId === caseId && !p.deletedAt).map(own).sort((a, b) => a.id.localeCompare(b.id));
    });
  await expect.poll(async () => (await snapshot()).length).toBe(2);
  const before = await snapshot();

  const download = page.waitForEvent('download');
  await caseMenu(page, 'Export annotations');
  const file = await (await download).path();
  const json = JSON.parse(readFileSync(file, 'utf8'));
  expect(json['@context']).toBe('http://www.w3.org/ns/anno.jsonld');
  expect(json.first.items[0].id).toMatch(/^urn:uuid:/);

  for (let i = 0; i < 2; i++) {
    await page.getByRole('list', { name: 'Passages' }).getByRole('button').first().click();
    await page.getByRole('dialog', { name: 'Passage' }).getByRole('button', { name: 'Delete passage' }).click();
  }
  await expect.poll(async () => (await snapshot()).length).toBe(0);

  const chooser = page.waitForEvent('filechooser');
  await caseMenu(page, 'Import annotations');
  await (await chooser).setFiles(file);
  await expect.poll(async () => (await snapshot()).length).toBe(2);
  expect(await snapshot()).toEqual(before);
});

test('axe: no serious or critical violations with the toolbar, a passage card and the claims panel open', async ({ page }) => {
  await openApp(page);
  await selectWithMouse(page, '746 arrests');
  await expect(page.getByRole('toolbar', { name: 'Selection actions' })).toBeVisible();
  let results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
  await page.getByRole('toolbar', { name: 'Selection actions' }).getByRole('button', { name: 'Highlight' }).click();
  await expect(page.getByRole('dialog', { name: 'Passage' })).toBeVisible();
  await page.getByRole('tab', { name: /Claims/ }).click();
  await expect(page.getByRole('region', { name: 'Claims' })).toBeVisible();
  results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes[0]?.html}`)).toEqual([]);
});
