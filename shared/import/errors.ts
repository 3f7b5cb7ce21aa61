/**
 * Import failures as values with a stable code (for tests and telemetry-free
 * branching in the UI) and a message written for the user: it names the file
 * and says what to do next. The UI shows `message` verbatim.
 */
import { MAX_SOURCE_BYTES, SUPPORTED_EXTENSIONS } from './formats';

export type ImportErrorCode =
  | 'empty'
  | 'binary'
  | 'encoding'
  | 'too-large'
  | 'unsupported'
  | 'no-text'
  | 'scanned-pdf'
  | 'encrypted'
  | 'corrupt'
  | 'blank'
  | 'too-many-pages'
  | 'needs-ocr'
  | 'ocr-failed';

export class ImportError extends Error {
  override readonly name = 'ImportError';

  constructor(
    public readonly code: ImportErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/**
 * What an import that needs text recognition asks the user: which pages and
 * why. Thrown as {@link OcrNeeded}; the UI offers OCR with a language choice
 * and calls the import again with those languages.
 */
export interface OcrOffer {
  /** Pages with no text layer but something painted on them (scans, text drawn as outlines). */
  scanned: number[];
  /** Pages whose text layer does not read as text. */
  garbled: number[];
  /** Pages in the whole file (an image file: 1, or its TIFF pages). */
  pageCount: number;
  /** True for an image file, whose text can only come from OCR. */
  image: boolean;
}

/** Every page an offer would recognise, in order. */
export function offerPages(offer: OcrOffer): number[] {
  return [...new Set([...offer.scanned, ...offer.garbled])].sort((a, b) => a - b);
}

/** The import cannot go on without OCR; `offer` says what would be recognised. */
export class OcrNeeded extends ImportError {
  constructor(
    message: string,
    public readonly offer: OcrOffer,
  ) {
    super('needs-ocr', message);
  }
}

/** "page 3", "pages 2 and 5", "pages 1–4, 7 and 9": page numbers for a sentence. */
export function pageList(pages: readonly number[]): string {
  const items: string[] = [];
  for (let i = 0; i < pages.length; ) {
    let j = i;
    while (j + 1 < pages.length && pages[j + 1] === pages[j]! + 1) j++;
    // Three or more pages in a row read as a range; one or two as themselves.
    if (j - i >= 2) items.push(`${groupDigits(pages[i]!)}–${groupDigits(pages[j]!)}`);
    else for (let k = i; k <= j; k++) items.push(groupDigits(pages[k]!));
    i = j + 1;
  }
  const words = items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
  return `${pages.length === 1 ? 'page' : 'pages'} ${words}`;
}

/** The most pages a PDF may have: past this, reading and indexing it would take minutes. */
export const MAX_PDF_PAGES = 5_000;

/** How a message refers to the file: “notes.txt”. */
export function fileSubject(name: string): string {
  return `“${name}”`;
}

/** How a message refers to clipboard text, which has no file name. */
export const PASTED_SUBJECT = 'The pasted text';

/** 1234567 → "1,234,567", independent of the machine's locale so messages and tests agree. */
export function groupDigits(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

const MIB = 1024 * 1024;

/** Bytes as megabytes with one decimal ("23.4 MB"), the unit the size limit is stated in. */
export function formatMegabytes(bytes: number): string {
  return `${(bytes / MIB).toFixed(1)} MB`;
}

function supportedList(): string {
  return SUPPORTED_EXTENSIONS.join(', ');
}

/**
 * Builders for every failure, so the wording lives in one place. `subject` is
 * `fileSubject(name)` or `PASTED_SUBJECT`.
 */
export const importErrors = {
  empty: (subject: string) => new ImportError('empty', `${subject} is empty: there is no text to import.`),

  binary: (name: string, what?: string) =>
    new ImportError(
      'binary',
      `${fileSubject(name)} looks like a binary file${what ? ` (${what})` : ''}, not text. Choose the article saved as ${supportedList()}.`,
    ),

  invalidUtf8: (name: string, position: number) =>
    new ImportError(
      'encoding',
      `${fileSubject(name)} is not valid UTF-8 text (first bad byte at position ${groupDigits(position)}). Save it as UTF-8 and import it again.`,
    ),

  utf16: (name: string) =>
    new ImportError('encoding', `${fileSubject(name)} is saved as UTF-16 text. Save it as UTF-8 and import it again.`),

  tooLarge: (subject: string, bytes: number) =>
    new ImportError('too-large', `${subject} is ${formatMegabytes(bytes)}; Casefile imports sources up to ${MAX_SOURCE_BYTES / MIB} MB.`),

  unsupported: (name: string, extension: string) =>
    new ImportError(
      'unsupported',
      extension
        ? `Casefile cannot import “${extension}” files. Supported: ${supportedList()}.`
        : `Casefile cannot import ${fileSubject(name)}: the file name has no extension. Supported: ${supportedList()}.`,
    ),

  noText: (name: string) =>
    new ImportError(
      'no-text',
      `${fileSubject(name)} has no readable text. If the article only appears in a browser, copy its text and paste it into Casefile instead.`,
    ),

  /**
   * A PDF with pages that need text recognition: scanned pages (no text
   * layer, something painted) and pages whose text layer is garbage. Each
   * kind is named with its pages.
   */
  needsOcr: (name: string, scanned: number[], garbled: number[], pageCount: number, stamped = false) => {
    const parts: string[] = [];
    // `stamped`: some scanned pages carry a line of text (a stamp, a filing header) and nothing else.
    const layer = stamped ? 'little or no text layer' : 'no text layer';
    if (scanned.length === pageCount) parts.push(`${fileSubject(name)} has ${layer}: it looks scanned.`);
    else if (scanned.length) parts.push(`${fileSubject(name)} has ${layer} on ${pageList(scanned)} (${scanned.length === 1 ? 'it looks' : 'they look'} scanned).`);
    if (garbled.length) {
      const subject = scanned.length ? 'Its text layer' : `The text layer of ${fileSubject(name)}`;
      parts.push(`${subject} does not read as text on ${pageList(garbled)} (control or unmapped characters, mojibake, or words run together).`);
    }
    const all = [...new Set([...scanned, ...garbled])];
    parts.push(`Casefile can recognise the text of ${all.length === pageCount ? (pageCount === 1 ? 'the page' : 'every page') : all.length === 1 ? 'that page' : 'those pages'} from the page image (OCR), on this computer.`);
    return new OcrNeeded(parts.join(' '), { scanned, garbled, pageCount, image: false });
  },

  /** An image file: its text can only come from OCR. */
  imageNeedsOcr: (name: string, pageCount: number) =>
    new OcrNeeded(`${fileSubject(name)} is an image. Casefile can recognise its text (OCR) on this computer.`, {
      scanned: Array.from({ length: pageCount }, (_, i) => i + 1),
      garbled: [],
      pageCount,
      image: true,
    }),

  blankPdf: (name: string, pageCount: number) =>
    new ImportError(
      'blank',
      `${fileSubject(name)} is blank: ${pageCount === 1 ? 'its page has' : `its ${groupDigits(pageCount)} pages have`} no text, no images and no form fields to import.`,
    ),

  tooManyPages: (name: string, pageCount: number) =>
    new ImportError(
      'too-many-pages',
      `${fileSubject(name)} has ${groupDigits(pageCount)} pages; Casefile imports PDFs of up to ${groupDigits(MAX_PDF_PAGES)} pages. Split it into parts (for example with “qpdf --split-pages”) and import the parts you need.`,
    ),

  damagedPage: (name: string, page: number) =>
    new ImportError('corrupt', `${fileSubject(name)} is damaged: page ${groupDigits(page)} cannot be read, so Casefile did not import the file.`),

  imageTooLarge: (name: string, width: number, height: number, maxMegapixels: number) =>
    new ImportError(
      'too-large',
      `${fileSubject(name)} is ${groupDigits(width)} × ${groupDigits(height)} pixels; Casefile recognises images of up to ${maxMegapixels} megapixels. Scale it down (300 dpi is plenty for text) and import it again.`,
    ),

  nothingRecognised: (name: string, languages: string) =>
    new ImportError(
      'no-text',
      `No text was recognised in ${fileSubject(name)} (languages: ${languages}). If it does hold text, try again with the document’s languages, or with a sharper scan.`,
    ),

  ocrFailed: (name: string, reason: string) => new ImportError('ocr-failed', `Text recognition (OCR) of ${fileSubject(name)} failed: ${reason}`),

  emptyWordDocument: (name: string) =>
    new ImportError('no-text', `${fileSubject(name)} has no text: the Word document is empty, or holds only pictures, shapes or embedded objects.`),

  encryptedPdf: (name: string) =>
    new ImportError(
      'encrypted',
      `${fileSubject(name)} is protected with a password. Open it in a PDF reader, save a copy without the password, and import that copy.`,
    ),

  corrupt: (name: string, format: string) =>
    new ImportError('corrupt', `${fileSubject(name)} is damaged or is not really a ${format} file, so Casefile cannot read it.`),
};
