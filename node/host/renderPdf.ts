import type { Browser, BrowserContext } from 'playwright-core';
import { cappedPageRanges, countPdfPages, MAX_PDF_PAGES, PDF_TIMEOUT_MS, printSizeProblem } from '../../shared/export/printLimits';
import { refusal } from '../../shared/ipc/hostRefusals';
import { chromiumArgs, findChromium } from './chromium';

/**
 * Render print-styled HTML to PDF with a local Chromium, for the browser build
 * and the CLI (the desktop app prints with webContents.printToPDF instead).
 *
 * Bounded, because the HTML arrives over the local API and could be anything:
 * - the renderer loads exactly one thing, the document itself, fulfilled from
 *   memory with a CSP header that forbids frames and objects; every other request
 *   is aborted, and the PDF browser resolves no host name or address at all
 *   (`--host-resolver-rules`), so not even a frame, object or embed that slipped
 *   past request interception can open a TCP connection;
 * - a print that takes longer than PDF_TIMEOUT_MS (as in Electron) is abandoned
 *   and its context closed, with a message;
 * - Chromium is asked for one page more than MAX_PDF_PAGES, and a PDF that has it
 *   is refused, so nothing past the cap is rendered;
 * - at most MAX_CONCURRENT_RENDERS prints run at once; the rest wait their turn.
 */

/** Two CPU-heavy prints at a time; more would only slow each other down and multiply memory. */
export const MAX_CONCURRENT_RENDERS = 2;

/** The address the print document is served at; it never reaches a network (fulfilled by the route). */
const DOCUMENT_URL = 'https://print.casefile.invalid/brief.html';

/** The print document's own policy: inline styles and data: images and fonts, nothing else, no frames. */
export const PRINT_DOCUMENT_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; frame-src 'none'; object-src 'none'; base-uri 'none'; form-action 'none'";

/** Resource types a print may take from `data:` URLs. */
const DATA_RESOURCE_TYPES: ReadonlySet<string> = new Set(['image', 'font', 'stylesheet']);

/** Every host name and address fails to resolve in the PDF browser: it has no network to reach. */
const NO_NETWORK_ARGS = ['--host-resolver-rules=MAP * ~NOTFOUND'];

/** One browser per process, launched on first use; starting Chromium costs about a second. */
let browser: Promise<Browser> | null = null;

function launch(): Promise<Browser> {
  const launching = (async () => {
    const executablePath = findChromium();
    if (!executablePath) {
      throw new Error('No Chromium was found to render the PDF. Install Chromium (for example `apt-get install chromium`) or set CASEFILE_CHROMIUM to its path.');
    }
    const { chromium } = await import('playwright-core');
    const launched = await chromium.launch({ executablePath, args: [...chromiumArgs(), ...NO_NETWORK_ARGS] });
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
  /** Default PDF_TIMEOUT_MS; smaller in tests. */
  timeoutMs?: number;
  /** Default MAX_PDF_PAGES; smaller in tests. */
  maxPages?: number;
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

/** The print queue: how many prints run and how many wait (for tests and the server's admission). */
let running = 0;
const waiting: Array<() => void> = [];

export function printQueueState(): { running: number; waiting: number } {
  return { running, waiting: waiting.length };
}

async function takeTurn(): Promise<() => void> {
  if (running >= MAX_CONCURRENT_RENDERS) await new Promise<void>((resolve) => waiting.push(resolve));
  else running++;
  let released = false;
  return () => {
    if (released) return;
    released = true;
    // The slot passes straight to the next in line, so `running` never dips and rises.
    const next = waiting.shift();
    if (next) next();
    else running--;
  };
}

class PrintTimeout extends Error {}

/** Close a context, but never wait on a wedged renderer for long: then the whole browser goes. */
async function discard(context: BrowserContext, launched: Browser): Promise<void> {
  const closed = await Promise.race([context.close().then(() => true, () => true), new Promise<false>((resolve) => setTimeout(() => resolve(false), 5_000))]);
  if (!closed) {
    if (browser) browser = null;
    await launched.close().catch(() => undefined);
  }
}

/** The context a print runs in, and whether its caller has given up on it (timed out). */
interface PrintJob {
  context: BrowserContext | null;
  abandoned: boolean;
}

/** Print in a fresh context that can load nothing but the document. */
async function print(launched: Browser, html: string, opts: PdfOptions, maxPages: number, job: PrintJob): Promise<Uint8Array> {
  const context = await launched.newContext({ javaScriptEnabled: false, offline: true });
  job.context = context;
  // Timed out while the context was being made: the caller is gone, so is this print.
  if (job.abandoned) {
    await context.close().catch(() => undefined);
    throw new PrintTimeout();
  }
  await context.route('**/*', (route) => {
    const request = route.request();
    const url = request.url();
    if (url === DOCUMENT_URL && request.isNavigationRequest() && request.frame().parentFrame() === null) {
      return route.fulfill({
        status: 200,
        headers: { 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': PRINT_DOCUMENT_CSP },
        body: withTitle(html, opts.title),
      });
    }
    if (url.startsWith('data:') && DATA_RESOURCE_TYPES.has(request.resourceType())) return route.continue();
    return route.abort('blockedbyclient');
  });
  const page = await context.newPage();
  await page.goto(DOCUMENT_URL, { waitUntil: 'load' });
  // page.pdf() lays the page out for print media itself; emulating print first only added a layout pass.
  const withHeader = Boolean(opts.headerTemplate || opts.footerTemplate);
  const pdf = await page.pdf({
    format: opts.pageSize,
    printBackground: true,
    preferCSSPageSize: true,
    pageRanges: cappedPageRanges(maxPages),
    displayHeaderFooter: withHeader,
    ...(withHeader ? { headerTemplate: opts.headerTemplate ?? '<span></span>', footerTemplate: opts.footerTemplate ?? '<span></span>' } : {}),
  });
  const bytes = new Uint8Array(pdf);
  if (countPdfPages(bytes) > maxPages) throw refusal('pdf-too-long', { pages: maxPages });
  return bytes;
}

/**
 * Print `html` to PDF bytes. Each call gets a fresh browser context (no shared
 * cookies, cache or storage between exports) on the shared browser, and waits
 * its turn in the print queue. Waiting for `load` covers images and fonts
 * embedded as data: URLs; with scripts off, `document.fonts.ready` cannot be
 * awaited and is not needed.
 */
export async function renderPdf(html: string, opts: PdfOptions): Promise<Uint8Array> {
  const tooLarge = printSizeProblem(html);
  if (tooLarge) throw refusal('pdf-too-large', tooLarge);
  const timeoutMs = opts.timeoutMs ?? PDF_TIMEOUT_MS;
  const maxPages = opts.maxPages ?? MAX_PDF_PAGES;
  const release = await takeTurn();
  const job: PrintJob = { context: null, abandoned: false };
  let launched: Browser | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    browser ??= launch();
    launched = await browser;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new PrintTimeout()), timeoutMs);
    });
    return await Promise.race([print(launched, html, opts, maxPages, job), timeout]);
  } catch (error) {
    if (error instanceof PrintTimeout) {
      throw refusal('pdf-timeout:export-instead', { ms: timeoutMs }, { cause: error });
    }
    throw error;
  } finally {
    clearTimeout(timer);
    job.abandoned = true;
    if (job.context && launched) await discard(job.context, launched);
    release();
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

export { MAX_PDF_PAGES, PDF_TIMEOUT_MS };
