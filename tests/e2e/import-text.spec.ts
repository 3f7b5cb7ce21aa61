import { expect, test } from '@playwright/test';
import { fixture, importThroughChooser, newCase, openApp, readFixture, sourceItems, sourceRegion, squash } from './helpers/app';

test('importing a .txt article shows its full text in the Source region', async ({ page }) => {
  await openApp(page);
  await newCase(page);
  await importThroughChooser(page, fixture('articles/harbour-seizure.txt'));
  const source = sourceRegion(page);
  await expect(source.getByRole('heading', { level: 1 })).toHaveText('Customs officers seize record haul at Port Velden');
  await expect(sourceItems(page)).toHaveCount(1);
  // Polled: the reader may render the stored source once more after the import, and read mid-render it is empty.
  await expect.poll(async () => squash(await source.getByRole('article').innerText())).toBe(squash(readFixture('articles/harbour-seizure.txt')));
});

test('several sources per case, switched from the list', async ({ page }) => {
  await openApp(page);
  await newCase(page);
  await importThroughChooser(page, fixture('articles/harbour-seizure.txt'));
  await importThroughChooser(page, fixture('articles/transcript-crlf.txt'));
  await expect(sourceItems(page)).toHaveCount(2);
  await expect(sourceRegion(page)).toContainText('Speaker B: I was not there.');
  await sourceItems(page).first().getByRole('button', { name: /^Customs officers/ }).click();
  await expect(sourceRegion(page)).toContainText('3.2 tonnes of cocaine');
});

test('pasting plain text outside the brief imports it as a source', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await openApp(page);
  await newCase(page);
  await page.evaluate(() => navigator.clipboard.writeText('Pasted witness note\n\nThe van left the depot at 04:10.'));
  await page.getByRole('navigation', { name: 'Cases' }).getByRole('heading').click();
  await page.keyboard.press('ControlOrMeta+V');
  await expect(sourceRegion(page)).toContainText('The van left the depot at 04:10.');
});

test('editing source details updates the reader header', async ({ page }) => {
  await openApp(page);
  await newCase(page);
  await importThroughChooser(page, fixture('articles/harbour-seizure.txt'));
  await sourceRegion(page).getByRole('button', { name: 'Edit details' }).click();
  const dialog = page.getByRole('dialog', { name: 'Source details' });
  await dialog.getByLabel('Authors').fill('Jonas Amari');
  await dialog.getByLabel('Publication').fill('Velden Courier');
  await dialog.getByLabel('Date published').fill('2024-03-05');
  await dialog.getByLabel('URL').fill('javascript:alert(1)');
  await dialog.getByRole('button', { name: 'Save details' }).click();
  await expect(dialog.getByRole('alert')).toHaveText(/must be a web address/);
  await dialog.getByLabel('URL').fill('https://courier.example/port-velden');
  await dialog.getByRole('button', { name: 'Save details' }).click();
  await expect(dialog).toBeHidden();
  await expect(sourceRegion(page)).toContainText('Jonas Amari · Velden Courier · 5 March 2024');
});

test('dropping a file on the window imports it', async ({ page }) => {
  await openApp(page);
  await newCase(page);
  const transfer = await page.evaluateHandle(() => {
    const dt = new DataTransfer();
    dt.items.add(new File(['Dropped memo\n\nThe inspection found 12 sealed containers.'], 'memo.txt', { type: 'text/plain' }));
    return dt;
  });
  await page.dispatchEvent('.app', 'dragover', { dataTransfer: transfer });
  await page.dispatchEvent('.app', 'drop', { dataTransfer: transfer });
  await expect(sourceRegion(page)).toContainText('The inspection found 12 sealed containers.');
  await expect(sourceItems(page)).toHaveCount(1);
});
