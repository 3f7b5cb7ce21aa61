/**
 * Foundation figures, measured in Chromium against the real browser build:
 * F1 import of a 2 MB plain-text source until its full text is visible, and
 * the JS heap afterwards; F2 the initial JavaScript of the build, gzipped.
 */
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { median, round, RUNS, type Figure } from '../stats';
import { syntheticArticle } from '../synthetic';

export const kind = 'browser';
export const ids = ['F1', 'F1-heap', 'F2'];

// Suites are bundled into .cache/bench/ and run from the repository root.
const root = `${process.cwd()}/`;

export async function newCase(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'New case' }).click();
  await page.getByRole('textbox', { name: /^Name of case/ }).press('Enter');
  await page.getByText('No source yet').waitFor();
}

export async function heapMB(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
  await cdp.detach();
  return usedSize / (1024 * 1024);
}

export async function run(ctx: { page: Page; baseURL: string }): Promise<Figure[]> {
  const { page, baseURL } = ctx;
  const { text, lastParagraph } = syntheticArticle();
  const buffer = Buffer.from(text, 'utf8');
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(baseURL);
  await page.getByRole('navigation', { name: 'Cases' }).waitFor();

  const appRuns: number[] = [];
  const floorRuns: number[] = [];
  let heap = 0;
  for (let i = 0; i < RUNS; i++) {
    await newCase(page);
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Import source' }).click();
    const t0 = performance.now();
    await (await chooser).setFiles({ name: `synthetic-${i}.txt`, mimeType: 'text/plain', buffer });
    await page.waitForFunction((last) => document.querySelector('.source-body')?.lastElementChild?.textContent === last, lastParagraph, { polling: 'raf', timeout: 60_000 });
    appRuns.push(performance.now() - t0);
    heap = await heapMB(page);

    // Peer, same page and process: the floor of putting the same text on screen as one <pre>.
    floorRuns.push(
      await page.evaluate(async (t) => {
        const t1 = performance.now();
        const pre = document.createElement('pre');
        pre.textContent = t;
        document.body.append(pre);
        pre.getBoundingClientRect();
        await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
        const ms = performance.now() - t1;
        pre.remove();
        return ms;
      }, text),
    );
  }
  const app = median(appRuns);
  const floor = median(floorRuns);

  const html = readFileSync(`${root}dist/renderer/index.html`, 'utf8');
  const initial = [...html.matchAll(/(?:src|href)="\.\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]!);
  const gzip = initial.reduce((sum, file) => sum + gzipSync(readFileSync(`${root}dist/renderer/${file}`)).length, 0);

  return [
    {
      id: 'F1',
      label: `Import a ${round(buffer.length / (1024 * 1024), 1)} MB .txt until its full text is visible`,
      value: round(app, 0),
      unit: 'ms',
      peer: 'same text as one <pre> (render floor)',
      peerValue: round(floor, 0),
      ratio: round(app / floor, 1),
      notes: `median of ${RUNS}; includes validation, SHA-256, normalisation, IndexedDB write and React render`,
    },
    { id: 'F1-heap', label: 'JS heap after the 2 MB imports (after GC)', value: round(heap, 1), unit: 'MB' },
    { id: 'F2', label: `Initial JS of the browser build, gzip (${initial.length} file${initial.length === 1 ? '' : 's'})`, value: round(gzip / 1024, 1), unit: 'KB' },
  ];
}
