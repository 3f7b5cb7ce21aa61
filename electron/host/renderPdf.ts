import type { Browser } from 'playwright-core';
import { chromiumArgs, findChromium } from './chromium';

/**
 * Render print-styled HTML to PDF with a local Chromium (the browser build and
 * the CLI; the desktop app uses webContents.printToPDF). Scripts are disabled
 * and every network request is refused: the HTML must be self-contained.
 */
let browser: Promise<Browser> | null = null;

async function getBrowser(): Promise<Browser> {
  browser ??= (async () => {
    const executablePath = findChromium();
    if (!executablePath) throw new Error('No Chromium was found to render the PDF. Install Chromium (for example `apt-get install chromium`) or set CASEFILE_CHROMIUM.');
    const { chromium } = await import('playwright-core');
    const launched = await chromium.launch({ executablePath, args: chromiumArgs() });
    process.once('exit', () => void launched.close());
    return launched;
  })();
  try {
    return await browser;
  } catch (error) {
    browser = null;
    throw error;
  }
}

export interface PdfOptions {
  pageSize: 'A4' | 'Letter';
  headerTemplate?: string;
  footerTemplate?: string;
}

export async function renderPdf(html: string, opts: PdfOptions): Promise<Uint8Array> {
  const context = await (await getBrowser()).newContext({ javaScriptEnabled: false, offline: true });
  try {
    await context.route('**/*', (route) => (route.request().url().startsWith('data:') ? route.continue() : route.abort()));
    const page = await context.newPage();
    await page.setContent(html, { waitUntil: 'load' });
    await page.emulateMedia({ media: 'print' });
    const withHeader = Boolean(opts.headerTemplate || opts.footerTemplate);
    const pdf = await page.pdf({
      format: opts.pageSize,
      printBackground: true,
      preferCSSPageSize: true,
      displayHeaderFooter: withHeader,
      ...(withHeader ? { headerTemplate: opts.headerTemplate ?? '<span></span>', footerTemplate: opts.footerTemplate ?? '<span></span>' } : {}),
    });
    return new Uint8Array(pdf);
  } finally {
    await context.close();
  }
}

export async function closePdfRenderer(): Promise<void> {
  const current = browser;
  browser = null;
  if (current) await (await current).close();
}
