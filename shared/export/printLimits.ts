/**
 * The bounds every PDF host applies to the print HTML (Electron's printing window, the
 * browser build's server and the CLI): how long a print may take, how many pages it may
 * have, and how large the HTML may be. One place, so the hosts, the contract and the
 * export dialog cannot disagree.
 */

/** A brief that has not been laid out and printed within this time is stuck, not slow. */
export const PDF_TIMEOUT_MS = 60_000;

/** The longest PDF Casefile prints. A longer brief is refused with a message, not half-printed. */
export const MAX_PDF_PAGES = 1_000;

/**
 * The largest print HTML, in characters. A printed page of a brief holds about 3,000
 * to 5,000 characters of markup, so a brief reaches the page cap well before this.
 */
export const MAX_PRINT_HTML_CHARS = 8 * 1024 * 1024;

/** Why `html` cannot be printed, as the variables of the `pdf-too-large` refusal (shared/ipc/hostRefusals.ts), or null when it is within the size cap. */
export function printSizeProblem(html: string): { chars: number; limit: number } | null {
  return html.length <= MAX_PRINT_HTML_CHARS ? null : { chars: html.length, limit: MAX_PRINT_HTML_CHARS };
}

/**
 * The `pageRanges` that asks Chromium for one page more than the cap: if that page
 * comes out, the brief is too long, and nothing past it was rendered.
 */
export function cappedPageRanges(maxPages: number = MAX_PDF_PAGES): string {
  return `1-${maxPages + 1}`;
}

/**
 * The number of pages in a PDF Chromium printed: its page objects (`/Type /Page`, not
 * the `/Pages` tree nodes). Chromium writes page dictionaries uncompressed, so a scan of
 * the bytes is exact for its output; it is not a general PDF parser.
 */
export function countPdfPages(pdf: Uint8Array): number {
  let count = 0;
  const text = new TextDecoder('latin1').decode(pdf);
  const pattern = /\/Type\s*\/Page(?![A-Za-z])/g;
  while (pattern.exec(text)) count++;
  return count;
}
