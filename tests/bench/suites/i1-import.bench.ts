/**
 * I1 — importing a 100-page PDF. The harness prints a 100-page report with
 * Chromium (`page.pdf()` from HTML written here, about 400 words a page), then
 * imports it in the app through the real file chooser, and times from handing
 * over the file to the last page's text being in the reader: pdf.js parsing in
 * its worker, layout into page blocks, hashing, storing and rendering.
 * Each run uses a fresh case, so the duplicate check never short-cuts it.
 */
import type { Browser, Page } from 'playwright-core';
import { median, round, RUNS, type Figure } from '../stats';
import { newCase } from './f1-foundation.bench';

export const kind = 'browser';
export const ids = ['I1'];

const PAGES = 100;
const LAST_PAGE_MARK = 'This closing line marks the end of page one hundred.';

const PLACES = ['the northern pier', 'the grain terminal', 'the ferry slip', 'the customs shed', 'the dry dock', 'the container yard', 'the fish market', 'the lock gates'];
const EVENTS = ['inspected', 'repainted', 'closed for repairs', 'reopened', 'surveyed by divers', 'fitted with new lights', 'cleared of silt', 'measured again'];
const PEOPLE = ['the harbour master', 'a council surveyor', 'the night watch', 'two pilots', 'the port engineer', 'an insurance assessor'];

/** Plain report prose, varied by page and paragraph so no two paragraphs are the same. */
export function paragraph(page: number, n: number): string {
  const pick = <T,>(list: readonly T[], k: number) => list[(page * 7 + n * 3 + k) % list.length]!;
  const sentences = [
    `On day ${page * 3 + n} of the survey, ${pick(PLACES, 0)} was ${pick(EVENTS, 1)} while ${pick(PEOPLE, 2)} kept the log.`,
    `The record notes ${(page * 13 + n * 5) % 90 + 10} vessel movements and ${(page + n) % 7} complaints from residents along the quay.`,
    `According to ${pick(PEOPLE, 3)}, the work near ${pick(PLACES, 4)} took ${(page + n * 2) % 9 + 2} hours longer than the plan allowed.`,
    `A follow-up visit to ${pick(PLACES, 5)} was booked for the next tide, and the costs were entered under item ${page * 10 + n}.`,
  ];
  return sentences.join(' ');
}

/** The survey log as HTML, one section per printed page; the last page ends with `lastMark`. */
export function reportHtml(pageCount = PAGES, lastMark = LAST_PAGE_MARK): string {
  const pages = Array.from({ length: pageCount }, (_, i) => {
    const page = i + 1;
    const body = Array.from({ length: 5 }, (_, n) => `<p>${paragraph(page, n)}</p>`).join('\n');
    const close = page === pageCount ? `<p>${lastMark}</p>` : '';
    return `<section${page > 1 ? ' style="break-before: page"' : ''}><h2>Survey log, section ${page}</h2>\n${body}${close}</section>`;
  });
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Harbour survey log</title>
<style>body { font: 11pt/1.45 serif; margin: 2cm; } section { height: 24cm; overflow: hidden; }</style></head><body>${pages.join('\n')}</body></html>`;
}

async function printReport(browser: Browser): Promise<Buffer> {
  const page = await browser.newPage();
  try {
    await page.setContent(reportHtml());
    return await page.pdf({ format: 'A4' });
  } finally {
    await page.close();
  }
}

async function importOnce(page: Page, pdf: Buffer): Promise<number> {
  await newCase(page);
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Import source' }).click();
  const fileChooser = await chooser;
  const t0 = performance.now();
  await fileChooser.setFiles({ name: 'harbour-survey-log.pdf', mimeType: 'application/pdf', buffer: pdf });
  await page.waitForFunction((mark) => document.querySelector('.source-body')?.lastElementChild?.textContent?.includes(mark), LAST_PAGE_MARK, {
    timeout: 120_000,
    polling: 'raf',
  });
  return performance.now() - t0;
}

export async function run(ctx: { page: Page; baseURL: string; browser: Browser }): Promise<Figure[]> {
  const { page, baseURL, browser } = ctx;
  const pdf = await printReport(browser);
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(baseURL);
  await page.getByRole('navigation', { name: 'Cases' }).waitFor();

  // One warm-up import loads pdf.js and its worker, as the first PDF of a session would.
  const cold = await importOnce(page, pdf);
  const pagesShown = await page.evaluate(() => document.querySelectorAll('.source-body .source-page-start').length);
  if (pagesShown !== PAGES) throw new Error(`I1: the reader shows ${pagesShown} page labels, expected ${PAGES}.`);
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) times.push(await importOnce(page, pdf));
  const ms = median(times);
  return [
    {
      id: 'I1',
      label: `Import a ${PAGES}-page PDF (${(pdf.byteLength / 1024).toFixed(0)} KB, ~${PAGES * 5} paragraphs, printed by Chromium): file handed over → last page's text in the reader`,
      value: round(ms, 0),
      unit: 'ms',
      target: '≤ 5000 ms',
      pass: ms <= 5000,
      notes: `median of ${times.length} runs (${times.map((t) => t.toFixed(0)).join(', ')} ms); first import of the session incl. loading pdf.js: ${cold.toFixed(0)} ms`,
    },
  ];
}
