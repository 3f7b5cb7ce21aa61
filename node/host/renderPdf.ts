import type { Browser } from 'playwright-core';
import { chromiumArgs, findChromium } from './chromium';

/**
 * Render print-styled HTML to PDF with a local Chromium, for the browser build
 * and the CLI (the desktop app prints with webContents.printToPDF instead).
 * Scripts are disabled and every request except `data:` is refused, so the
 * HTML must be self-contained and cannot reach the network or the disk.
 */

/** One browser per process, launched on first use; starting Chromium costs about a second. */
let browser: Promise<Browser> | null = null;

function launch(): Promise<Browser> {
  const launching = (async () => {
    const executablePath = findChromium();
    if (!executablePath) {
      throw new Error('No Chromium was found to render the PDF. Install Chromium (for example `apt-get install chromium`) or set CASEFILE_CHROMIUM to its path.');
    }
    const { chromium } = await import('playwright-core');
    const launched = await chromium.launch({ executablePath, args: chromiumArgs() });
    // A crashed or killed browser is relaunched by the next call instead of failing forever.
    launched.once('disconnected', () => {
      if (browser === launching) browser = null;
    });
    return launched;
  })();
  // A failed launch is not cached, so installing Chromium fixes the next attempt.
  launching.catch(() => {
    if (browser === launching) browser = null;
  });
  return launching;
}

export interface PdfOptions {
  pageSize: 'A4' | 'Letter';
  /** The PDF's document title, used when the HTML has no <title> of its own. */
  title?: string;
  /** Chromium draws no CSS @page margin boxes, so running heads come as templates. */
  headerTemplate?: string;
  footerTemplate?: string;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Give the document a <title> (Chromium writes it into the PDF's metadata) unless it has one. */
export function withTitle(html: string, title: string | undefined): string {
  if (!title || /<title[\s>]/i.test(html)) return html;
  const tag = `<title>${escapeHtml(title)}</title>`;
  const head = /<head(\s[^>]*)?>/i.exec(html);
  if (head) return html.slice(0, head.index + head[0].length) + tag + html.slice(head.index + head[0].length);
  return tag + html;
}

/**
 * Print `html` to PDF bytes. Each call gets a fresh browser context (no shared
 * cookies, cache or storage between exports) on the shared browser. Waiting for
 * `load` covers images and fonts embedded as data: URLs; with scripts off,
 * `document.fonts.ready` cannot be awaited and is not needed.
 */
export async function renderPdf(html: string, opts: PdfOptions): Promise<Uint8Array> {
  browser ??= launch();
  const context = await (await browser).newContext({ javaScriptEnabled: false, offline: true });
  try {
    await context.route('**/*', (route) => (route.request().url().startsWith('data:') ? route.continue() : route.abort('blockedbyclient')));
    const page = await context.newPage();
    await page.setContent(withTitle(html, opts.title), { waitUntil: 'load' });
    // page.pdf() lays the page out for print media itself; emulating print first only added a layout pass.
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

/**
 * Close the shared browser. Short-lived processes (the CLI, tests) call this so
 * they can exit; long-lived hosts may leave it to Playwright, which kills the
 * browsers it launched when the process exits.
 */
export async function closePdfRenderer(): Promise<void> {
  const current = browser;
  browser = null;
  if (!current) return;
  const launched = await current.catch(() => null);
  await launched?.close();
}
