/**
 * I3 — importing a 1,000-page text PDF in the app. Chromium prints the
 * survey log of I1 at 1,000 pages (about 5,000 paragraphs); the harness
 * imports it through the real file chooser and times from handing over the
 * file to the last page's text in the reader: pdf.js parsing and the layout
 * into page blocks in the PDF worker, hashing, storing and rendering. The
 * longest main-thread task during each import is recorded, the status line
 * must have shown page progress, and one import is cancelled midway to time
 * how soon Cancel takes effect (and to check nothing was stored).
 *
 * Peer: poppler's `pdftotext` on the same file, the tool most people would
 * reach for to get text out of a PDF (native code, no layout into passages,
 * nothing stored or shown).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { printHtml } from '../../fixtures/pdf/makers';
import { median, round, RUNS, type Figure } from '../stats';
import { newCase } from './f1-foundation.bench';
import { reportHtml } from './i1-import.bench';

export const kind = 'browser';
export const ids = ['I3', 'I3-longtask', 'I3-cancel'];

const PAGES = 1_000;
const LAST_PAGE_MARK = 'This closing line marks the end of page one thousand.';
const FILE = 'harbour-survey-log-1000.pdf';

async function watch(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __i3: { longTasks: number[]; statuses: string[] } };
    w.__i3 = { longTasks: [], statuses: [] };
    new PerformanceObserver((list) => list.getEntries().forEach((e) => w.__i3.longTasks.push(e.duration))).observe({ type: 'longtask' });
    new MutationObserver(() => {
      const text = document.querySelector('.import-status-text')?.textContent;
      if (text && w.__i3.statuses.at(-1) !== text) w.__i3.statuses.push(text);
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
}

async function chooseFile(page: Page, path: string): Promise<number> {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Import source' }).click();
  const fileChooser = await chooser;
  const t0 = performance.now();
  await fileChooser.setFiles(path);
  return t0;
}

async function importOnce(page: Page, path: string): Promise<{ ms: number; longestTaskMs: number; sawProgress: boolean }> {
  await newCase(page);
  await watch(page);
  const t0 = await chooseFile(page, path);
  await page.waitForFunction((mark) => document.querySelector('.source-body')?.lastElementChild?.textContent?.includes(mark), LAST_PAGE_MARK, { timeout: 300_000, polling: 200 });
  const ms = performance.now() - t0;
  const { longTasks, statuses } = await page.evaluate(() => (window as unknown as { __i3: { longTasks: number[]; statuses: string[] } }).__i3);
  return { ms, longestTaskMs: Math.max(0, ...longTasks), sawProgress: statuses.some((s) => /^Reading page \d+ of 1000…$/.test(s)) };
}

/** Start an import, press Cancel once a third of the pages are read, and time until the status line is gone. */
async function cancelOnce(page: Page, path: string): Promise<{ ms: number; atPage: number; stored: number }> {
  await newCase(page);
  await chooseFile(page, path);
  const status = page.getByRole('group', { name: `Import of “${FILE}”` });
  await page.waitForFunction(() => Number(/Reading page (\d+)/.exec(document.querySelector('.import-status-text')?.textContent ?? '')?.[1] ?? 0) >= 333, null, {
    timeout: 300_000,
    polling: 50,
  });
  const atPage = Number(/Reading page (\d+)/.exec((await page.locator('.import-status-text').textContent()) ?? '')?.[1] ?? 0);
  const t0 = performance.now();
  await status.getByRole('button', { name: `Cancel importing “${FILE}”` }).click();
  await status.waitFor({ state: 'detached' });
  const ms = performance.now() - t0;
  await page.waitForTimeout(1_000);
  const stored = await page.getByRole('list', { name: 'Sources in this case' }).getByRole('listitem').count();
  return { ms, atPage, stored };
}

export async function run(ctx: { page: Page; baseURL: string; browser: Browser }): Promise<Figure[]> {
  const { page, baseURL, browser } = ctx;
  const pdf = await printHtml(browser, reportHtml(PAGES, LAST_PAGE_MARK));
  const path = join(mkdtempSync(join(tmpdir(), 'casefile-i3-')), FILE);
  writeFileSync(path, pdf);
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(baseURL);
  await page.getByRole('navigation', { name: 'Cases' }).waitFor();

  const runs = [];
  for (let i = 0; i < RUNS; i++) runs.push(await importOnce(page, path));
  const pagesShown = await page.evaluate(() => document.querySelectorAll('.source-body .source-page-start').length);
  if (pagesShown !== PAGES) throw new Error(`I3: the reader shows ${pagesShown} page labels, expected ${PAGES}.`);
  if (!runs.every((r) => r.sawProgress)) throw new Error('I3: the status line did not show page progress in every import.');
  const cancel = await cancelOnce(page, path);
  if (cancel.stored !== 0) throw new Error('I3: a cancelled import stored a source.');

  const peerRuns: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    execFileSync('pdftotext', [path, join(tmpdir(), `casefile-i3-${process.pid}.txt`)]);
    peerRuns.push(performance.now() - t0);
  }
  const ms = median(runs.map((r) => r.ms));
  const peerMs = median(peerRuns);
  const longest = Math.max(...runs.map((r) => r.longestTaskMs));
  const noise = `${cpus().length} cores shared with other work (load average ${loadavg().map((l) => l.toFixed(1)).join(' / ')} at the end)`;
  return [
    {
      id: 'I3',
      label: `Import a ${PAGES}-page text PDF (${(pdf.length / 1024 / 1024).toFixed(1)} MB, ~${PAGES * 5} paragraphs, printed by Chromium): file handed over → last page's text in the reader`,
      value: round(ms, 0),
      unit: 'ms',
      peer: 'pdftotext (poppler), same file',
      peerValue: round(peerMs, 0),
      ratio: round(ms / peerMs, 1),
      target: '≤ 15000 ms',
      pass: ms <= 15_000,
      notes: `median of ${runs.length} imports (${runs.map((r) => r.ms.toFixed(0)).join(', ')} ms), each showing "Reading page n of 1000" with a progress bar; pdftotext ${peerRuns.map((t) => t.toFixed(0)).join(', ')} ms; ${noise}`,
    },
    {
      id: 'I3-longtask',
      label: 'I3 responsiveness: longest main-thread task during the import (PerformanceObserver longtask)',
      value: round(longest, 0),
      unit: 'ms',
      target: '≤ 200 ms',
      pass: longest <= 200,
      notes: `per import: ${runs.map((r) => r.longestTaskMs.toFixed(0)).join(', ')} ms (0 = no task over 50 ms)`,
    },
    {
      id: 'I3-cancel',
      label: 'I3 Cancel: pressed a third of the way through reading → status gone, nothing stored',
      value: round(cancel.ms, 0),
      unit: 'ms',
      target: '≤ 1000 ms',
      pass: cancel.ms <= 1000,
      notes: `cancelled at page ${cancel.atPage} of ${PAGES}; sources stored afterwards: ${cancel.stored}`,
    },
  ];
}
