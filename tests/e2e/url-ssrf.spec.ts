import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { createServer, type Server } from 'node:http';
import { newCase, openApp, openUrlDialog } from './helpers/app';

/**
 * Import from URL must not become a way into this computer or the local network
 * (server-side request forgery): a page that redirects to Casefile's own local
 * server would otherwise be stored as a source, launch token and all. Loopback
 * and private addresses are refused unless "Allow local network addresses" is on,
 * and the app's own server is refused even then.
 */
let pages: Server;
let origin = '';
let appOrigin = '';
const hits: string[] = [];

test.beforeAll(async () => {
  appOrigin = new URL(String(test.info().project.use.baseURL)).origin;
  pages = createServer((req, res) => {
    hits.push(req.url ?? '/');
    if (req.url === '/to-casefile') {
      res.writeHead(302, { Location: `${appOrigin}/` });
      return res.end();
    }
    if (req.url === '/to-casefile-by-name') {
      res.writeHead(307, { Location: `${appOrigin.replace('127.0.0.1', 'localhost')}/index.html` });
      return res.end();
    }
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(`<!doctype html><html lang="en"><head><title>Canteen menu for March</title></head><body><article><h1>Canteen menu for March</h1>
<p>The intranet lists soup on Mondays and a vegetarian curry every Thursday for the whole of March.</p>
<p>Staff who need a meal outside these hours can ask the night desk for a voucher at the start of their shift.</p></article></body></html>`);
  });
  await new Promise<void>((resolve) => pages.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(pages.address() as { port: number }).port}`;
});

test.afterAll(async () => {
  await new Promise((resolve) => pages.close(resolve));
});

async function storedSourceTexts(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const open = indexedDB.open('casefile');
    const db: IDBDatabase = await new Promise((r) => (open.onsuccess = () => r(open.result)));
    const all: { text: string; html?: string }[] = await new Promise((r) => {
      const req = db.transaction('sources').objectStore('sources').getAll();
      req.onsuccess = () => r(req.result as { text: string; html?: string }[]);
    });
    db.close();
    return all.map((s) => `${s.text}\n${s.html ?? ''}`);
  });
}

async function tryImport(page: Page, dialog: ReturnType<Page['getByRole']>, url: string): Promise<void> {
  await dialog.getByRole('textbox', { name: 'Address' }).fill(url);
  await dialog.getByRole('button', { name: 'Import' }).click();
}

test('Import from URL refuses loopback by default and the app’s own server always; with the setting on, loopback pages import', async ({ page }) => {
  await openApp(page);
  await newCase(page);
  const token = await page.locator('meta[name="casefile-token"]').getAttribute('content');
  expect(token).toMatch(/^[0-9a-f]{64}$/);

  // Default: a loopback page is refused before any request is made to it.
  let dialog = await openUrlDialog(page, { allowLocal: false });
  hits.length = 0;
  await tryImport(page, dialog, `${origin}/to-casefile`);
  const alert = dialog.getByRole('alert');
  await expect(alert).toContainText('Casefile does not fetch 127.0.0.1:');
  await expect(alert).toContainText('turn on “Allow local network addresses”');
  expect(hits).toEqual([]);
  const axe = await new AxeBuilder({ page }).include('dialog').analyze();
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
  await page.screenshot({ path: test.info().outputPath('url-refused.png') });

  // The app's own address, typed directly, is refused too.
  await tryImport(page, dialog, `${appOrigin}/`);
  await expect(alert).toContainText('Casefile does not fetch');

  // With the setting on: a loopback page that redirects to the app's own server is still refused, by number or by name.
  await dialog.getByRole('checkbox', { name: 'Allow local network addresses' }).check();
  for (const path of ['/to-casefile', '/to-casefile-by-name']) {
    hits.length = 0;
    await tryImport(page, dialog, `${origin}${path}`);
    await expect(alert).toContainText('Casefile does not fetch its own local server');
    expect(hits).toEqual([path]);
  }
  await expect(page.getByText('No source yet')).toBeVisible();
  expect((await storedSourceTexts(page)).filter((text) => text.includes(token!))).toEqual([]);

  // …and an ordinary loopback page imports.
  await tryImport(page, dialog, `${origin}/canteen`);
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('region', { name: 'Source' })).toContainText('vegetarian curry every Thursday');
  const texts = await storedSourceTexts(page);
  expect(texts.some((text) => text.includes('vegetarian curry'))).toBe(true);
  expect(texts.filter((text) => text.includes(token!))).toEqual([]);

  // The setting is remembered.
  await page.reload();
  dialog = page.getByRole('dialog', { name: 'Import from URL' });
  await page.getByRole('button', { name: 'Import from URL…' }).click();
  await expect(dialog.getByRole('checkbox', { name: 'Allow local network addresses' })).toBeChecked();
});
