import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { JA_HTML, VERTICAL_HTML, ZH_HTML, visibleText } from '../fixtures/pdf/sources';
import { writePdf } from '../unit/helpers/pdfWriter';
import { fixture, importThroughChooser, newCase, openApp, sourceItems, sourceRegion, squash } from './helpers/app';

/**
 * Chinese and Japanese PDFs printed by Chromium from HTML the team wrote
 * (tests/fixtures/pdf, made by write-fixtures.mjs with Noto CJK), and PDFs
 * whose text only reads with Adobe's predefined character maps: all import
 * with their text, with pdf.js's maps and fonts loaded from the app itself.
 */

function pdfFile(name: string) {
  return { name, mimeType: 'application/pdf', buffer: readFileSync(fixture(`pdf/${name}`)) };
}

/** Every request the page makes, to prove nothing leaves the app's own origin. */
function recordRequests(page: Page): string[] {
  const urls: string[] = [];
  page.on('request', (request) => urls.push(request.url()));
  page.on('worker', (worker) => urls.push(`worker:${worker.url()}`));
  return urls;
}

async function readerText(page: Page): Promise<string> {
  // Block by block, from the DOM text: blocks off screen are skipped by `content-visibility: auto` and have no innerText.
  return squash((await sourceRegion(page).locator('.source-body > *').allTextContents()).join(' '));
}

test('Chinese, Japanese and vertical Japanese PDFs import with exactly the text of their HTML', async ({ page, baseURL }) => {
  const requests = recordRequests(page);
  await openApp(page);
  await newCase(page);
  const cases: [string, string][] = [
    ['zh.pdf', ZH_HTML],
    ['ja.pdf', JA_HTML],
    ['ja-vertical.pdf', VERTICAL_HTML],
  ];
  for (const [name, html] of cases) {
    await test.step(name, async () => {
      await importThroughChooser(page, pdfFile(name));
      const title = visibleText(html)[0]!;
      await expect(sourceItems(page).filter({ hasText: name })).toHaveCount(1);
      await expect(sourceRegion(page).getByRole('heading', { level: 1 })).toHaveText(title);
      expect(await readerText(page)).toBe(visibleText(html).join(' '));
    });
  }
  // pdf.js fetched its character maps from the app's own origin, and nothing else went anywhere.
  expect(requests.filter((url) => !url.startsWith(baseURL!) && !url.startsWith(`worker:${baseURL!}`) && !url.startsWith('data:') && !url.startsWith('blob:'))).toEqual([]);
});

test('text set in fonts the PDF does not embed reads through the predefined CMaps shipped with the app', async ({ page, baseURL }) => {
  const requests = recordRequests(page);
  await openApp(page);
  await newCase(page);
  const chinese = writePdf([{ cjk: [{ text: '港口管理局星期一发布了报告。', x: 72, y: 700 }], encoding: 'UniGB-UCS2-H' }]);
  const japanese = writePdf([
    {
      cjk: [
        { text: '縦書きの報告書を公表した。', x: 520, y: 740 },
        { text: '検査は三月に行う。', x: 480, y: 740 },
      ],
      encoding: 'UniJIS-UCS2-V',
    },
  ]);
  await importThroughChooser(page, { name: 'predefined-gb.pdf', mimeType: 'application/pdf', buffer: Buffer.from(chinese) });
  await expect(sourceRegion(page)).toContainText('港口管理局星期一发布了报告。');
  await importThroughChooser(page, { name: 'predefined-jis-vertical.pdf', mimeType: 'application/pdf', buffer: Buffer.from(japanese) });
  await expect(sourceRegion(page)).toContainText('縦書きの報告書を公表した。');
  await expect(sourceRegion(page)).toContainText('検査は三月に行う。');
  const cmaps = requests.filter((url) => url.includes('/pdfjs/cmaps/'));
  expect(cmaps.some((url) => url.endsWith('UniGB-UCS2-H.bcmap'))).toBe(true);
  expect(cmaps.some((url) => url.endsWith('UniJIS-UCS2-V.bcmap'))).toBe(true);
  expect(cmaps.every((url) => url.startsWith(baseURL!))).toBe(true);
});
