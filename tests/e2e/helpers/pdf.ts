import type { Browser } from '@playwright/test';

/** A sentence that the report below prints on its second page. */
export const PAGE_TWO_SENTENCE = 'The harbour master recorded nineteen late departures during the fog week.';

/** A two-page report, written by the team, that Chromium prints to PDF for tests. */
export const REPORT_HTML = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Harbour operations review</title>
<style>body { font: 12pt/1.5 serif; margin: 2cm; } .next { break-before: page; }</style></head><body>
<h1>Harbour operations review</h1>
<p>This review covers the winter quarter at the northern harbour, from the first week of December to the end of February.</p>
<p>Pilots reported that the new buoys on the approach channel were easier to see at night than the old ones.</p>
<div class="next">
<h2>Delays</h2>
<p>${PAGE_TWO_SENTENCE} Most of the ships affected were small ferries on the island route.</p>
<p>The operator has asked for a second radar mast on the breakwater.</p>
</div></body></html>`;

/** Print HTML to PDF with Chromium, in a page of its own. */
export async function printPdf(browser: Browser, html: string): Promise<Buffer> {
  const page = await browser.newPage();
  try {
    await page.setContent(html);
    return await page.pdf({ format: 'A4' });
  } finally {
    await page.close();
  }
}
