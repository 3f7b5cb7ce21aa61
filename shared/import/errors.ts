/**
 * Import failures as values with a stable code (for tests and telemetry-free
 * branching in the UI) and a message written for the user: it names the file
 * and says what to do next. The UI shows `message` verbatim.
 */
import { englishText, type MessageRef } from '../i18n';
import { MAX_SOURCE_BYTES, SUPPORTED_EXTENSIONS } from './formats';

export type ImportErrorCode =
  | 'empty'
  | 'binary'
  | 'encoding'
  | 'too-large'
  | 'too-complex'
  | 'unsupported'
  | 'no-text'
  | 'scanned-pdf'
  | 'encrypted'
  | 'corrupt'
  | 'blank'
  | 'too-many-pages'
  | 'needs-ocr'
  | 'ocr-failed'
  | 'cancelled';

export class ImportError extends Error {
  override readonly name = 'ImportError';
  /** The message as a catalogue key with its variables, for the UI to show in its language; `message` is its English. */
  readonly detail: MessageRef | undefined;

  constructor(
    public readonly code: ImportErrorCode,
    message: string | MessageRef,
  ) {
    super(typeof message === 'string' ? message : english(message));
    this.detail = typeof message === 'string' ? undefined : message;
  }
}

const english = englishText;

function ref(key: string, values?: MessageRef['values'], then?: MessageRef): MessageRef {
  return { key: `importError.${key}`, ...(values ? { values } : {}), ...(then ? { then } : {}) };
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
    message: string | MessageRef,
    public readonly offer: OcrOffer,
  ) {
    super('needs-ocr', message);
  }
}

/** "page 3", "pages 2 and 5", "pages 1–4, 7 and 9": page numbers for a sentence, as a message. */
export function pageListRef(pages: readonly number[]): MessageRef {
  const items: MessageRef[] = [];
  for (let i = 0; i < pages.length; ) {
    let j = i;
    while (j + 1 < pages.length && pages[j + 1] === pages[j]! + 1) j++;
    // Three or more pages in a row read as a range; one or two as themselves.
    if (j - i >= 2) items.push(ref('range', { from: pages[i]!, to: pages[j]! }));
    else for (let k = i; k <= j; k++) items.push(ref('page', { page: pages[k]! }));
    i = j + 1;
  }
  const last = items.pop();
  const list = !last ? '' : items.length === 0 ? last : ref('listAnd', { list: items.reduceRight<MessageRef | undefined>((rest, first) => (rest ? ref('listComma', { first, rest }) : first), undefined)!, last });
  return ref('pages', { count: pages.length, list });
}

/** The same in English. */
export function pageList(pages: readonly number[]): string {
  return english(pageListRef(pages));
}

/** The most pages a PDF may have: past this, reading and indexing it would take minutes. */
export const MAX_PDF_PAGES = 5_000;

/** How a message refers to what is imported: a file (“notes.txt”) or the pasted text. */
export type ImportSubject = MessageRef;

/** How a message refers to the file: “notes.txt”. */
export function fileSubject(name: string): ImportSubject {
  return ref('subject.file', { name });
}

/** How a message refers to clipboard text, which has no file name. */
export const PASTED_SUBJECT: ImportSubject = ref('subject.pasted');

/** How a message refers to a file it has no name for. */
export const UNKNOWN_SUBJECT: ImportSubject = ref('subject.unknown');

const MIB = 1024 * 1024;

function supportedList(): string {
  return SUPPORTED_EXTENSIONS.join(', ');
}

/** Bytes as megabytes, the unit the size limit is stated in (messages show one decimal). */
function megabytes(bytes: number): number {
  return Math.round((bytes / MIB) * 10) / 10;
}

/** What `binarySignature` found, as a message names it. */
export type BinaryKind = 'pdf' | 'zipOffice' | 'zip' | 'png' | 'jpeg' | 'gif' | 'gzip' | 'oldOffice';

/** Why bytes are not text when no signature says what they are. */
export type BinaryReason = { kind: 'controlCodes'; encoding: string } | { kind: 'zeroBytes' };

/**
 * Builders for every failure, so the wording lives in one place (the catalogues' `importError` area;
 * `message` is its English). `subject` is `fileSubject(name)` or `PASTED_SUBJECT`.
 */
export const importErrors = {
  empty: (subject: ImportSubject) => new ImportError('empty', ref('empty', { subject })),

  /** `what` names a recognised format (a PNG image); `why` says what gave it away when nothing does. */
  binary: (name: string, what?: BinaryKind, why?: BinaryReason) => {
    const supported = supportedList();
    if (what) return new ImportError('binary', ref('binaryWhat', { name, what: ref(`format.${what}`), supported }));
    if (why) {
      const reason = why.kind === 'controlCodes' ? ref('whyControlCodes', { encoding: why.encoding }) : ref('whyZeroBytes');
      return new ImportError('binary', ref('binaryWhy', { name, why: reason, supported }));
    }
    return new ImportError('binary', ref('binary', { name, supported }));
  },

  utf32: (name: string) => new ImportError('encoding', ref('utf32', { name })),

  unknownEncoding: (name: string, label: string) => new ImportError('encoding', ref('unknownEncoding', { name, label })),

  tooLarge: (subject: ImportSubject, bytes: number) => new ImportError('too-large', ref('tooLarge', { subject, size: megabytes(bytes), limit: MAX_SOURCE_BYTES / MIB })),

  tooDeep: (name: string, limit: number) => new ImportError('too-complex', ref('tooDeep', { name, limit })),

  tooManyElements: (name: string, limit: number) => new ImportError('too-complex', ref('tooManyElements', { name, limit })),

  zipBomb: (name: string, format: string, entry: string, bytes: number, limit: number, measured = false) =>
    new ImportError('too-complex', ref(measured ? 'zipBombOver' : 'zipBomb', { name, format, entry, size: megabytes(bytes), limit: megabytes(limit) })),

  zipLies: (name: string, format: string, entry: string) => new ImportError('too-complex', ref('zipLies', { name, format, entry })),

  cancelled: (subject: ImportSubject) => new ImportError('cancelled', ref('cancelled', { subject })),

  unsupported: (name: string, extension: string) =>
    new ImportError('unsupported', extension ? ref('unsupported', { extension, supported: supportedList() }) : ref('noExtension', { name, supported: supportedList() })),

  noText: (name: string) => new ImportError('no-text', ref('noText', { name })),

  onlyHiddenText: (name: string, hidden: number) => new ImportError('no-text', ref('onlyHiddenText', { name, count: hidden })),

  /**
   * A PDF with pages that need text recognition: scanned pages (no text
   * layer, something painted) and pages whose text layer is garbage. Each
   * kind is named with its pages.
   */
  needsOcr: (name: string, scanned: number[], garbled: number[], pageCount: number, stamped = false) => {
    const parts: MessageRef[] = [];
    // `stamped`: some scanned pages carry a line of text (a stamp, a filing header) and nothing else.
    if (scanned.length === pageCount) parts.push(ref(stamped ? 'stampedAll' : 'scannedAll', { name }));
    else if (scanned.length) parts.push(ref(stamped ? 'stampedSome' : 'scannedSome', { name, count: scanned.length, pages: pageListRef(scanned) }));
    if (garbled.length) parts.push(scanned.length ? ref('garbledToo', { pages: pageListRef(garbled) }) : ref('garbled', { name, pages: pageListRef(garbled) }));
    const all = [...new Set([...scanned, ...garbled])];
    parts.push(ref(all.length === pageCount ? (pageCount === 1 ? 'offerThePage' : 'offerEveryPage') : all.length === 1 ? 'offerThatPage' : 'offerThosePages'));
    const message = parts.reduceRight<MessageRef | undefined>((then, part) => (then ? { ...part, then } : part), undefined)!;
    return new OcrNeeded(message, { scanned, garbled, pageCount, image: false });
  },

  /** An image file: its text can only come from OCR. */
  imageNeedsOcr: (name: string, pageCount: number) =>
    new OcrNeeded(ref('imageNeedsOcr', { name }), {
      scanned: Array.from({ length: pageCount }, (_, i) => i + 1),
      garbled: [],
      pageCount,
      image: true,
    }),

  blankPdf: (name: string, pageCount: number) => new ImportError('blank', ref('blankPdf', { name, count: pageCount })),

  tooManyPages: (name: string, pageCount: number) => new ImportError('too-many-pages', ref('tooManyPages', { name, pages: pageCount, limit: MAX_PDF_PAGES })),

  damagedPage: (name: string, page: number) => new ImportError('corrupt', ref('damagedPage', { name, page })),

  imageTooLarge: (name: string, width: number, height: number, maxMegapixels: number) =>
    new ImportError('too-large', ref('imageTooLarge', { name, width, height, limit: maxMegapixels })),

  nothingRecognised: (name: string, languages: string) => new ImportError('no-text', ref('nothingRecognised', { name, languages })),

  /** `reason` is the engine's own words, or a message. */
  ocrFailed: (name: string, reason: string | MessageRef) => new ImportError('ocr-failed', ref('ocrFailed', { name, reason })),

  /** The OCR engine for `languages` did not start; `reason` is its own words. */
  engineFailed: (languages: string, reason: string): MessageRef => ref('engineFailed', { languages, reason }),

  emptyWordDocument: (name: string) => new ImportError('no-text', ref('emptyWordDocument', { name })),

  encryptedPdf: (name: string) => new ImportError('encrypted', ref('encryptedPdf', { name })),

  corrupt: (name: string, format: string) => new ImportError('corrupt', ref('corrupt', { name, format })),

  /** A zip whose table of contents overlaps itself or claims impossible sizes. */
  overlapping: (name: string, format: string) => new ImportError('too-complex', ref('overlapping', { name, format })),

  tooManyEntries: (name: string, format: string, count: number) => new ImportError('too-complex', ref('tooManyEntries', { name, format, count })),

  /** The PDF worker itself stopped (crashed, or could not start); `detail` is the browser's words, if any. */
  readerStopped: (name: string, detail: string) => new ImportError('corrupt', ref('readerStopped', { name, detail: detail ? ` (${detail})` : '' })),

  /** A reader that failed in its own words (the PDF worker's). */
  unreadable: (name: string, reason: string) => new ImportError('corrupt', ref('unreadable', { name, reason })),
};
