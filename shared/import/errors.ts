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
  | 'too-complex'
  | 'unsupported'
  | 'no-text'
  | 'scanned-pdf'
  | 'encrypted'
  | 'corrupt'
  | 'cancelled';

export class ImportError extends Error {
  override readonly name = 'ImportError';

  constructor(
    public readonly code: ImportErrorCode,
    message: string,
  ) {
    super(message);
  }
}

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

  /** `what` names a recognised format ("a PNG image"); `why` says what gave it away when nothing does. */
  binary: (name: string, what?: string, why?: string) =>
    new ImportError(
      'binary',
      `${fileSubject(name)} looks like a binary file${what ? ` (${what})` : ''}, not text${why ? `: ${why}` : ''}. Choose the article saved as ${supportedList()}.`,
    ),

  utf32: (name: string) =>
    new ImportError('encoding', `${fileSubject(name)} is saved as UTF-32 text, which Casefile cannot read. Save it as UTF-8 and import it again.`),

  unknownEncoding: (name: string, label: string) =>
    new ImportError('encoding', `Casefile cannot read ${fileSubject(name)} as “${label}”: this system has no decoder for that encoding. Choose another one.`),

  tooLarge: (subject: string, bytes: number) =>
    new ImportError('too-large', `${subject} is ${formatMegabytes(bytes)}; Casefile imports sources up to ${MAX_SOURCE_BYTES / MIB} MB.`),

  tooDeep: (name: string, limit: number) =>
    new ImportError(
      'too-complex',
      `${fileSubject(name)} nests its elements more than ${groupDigits(limit)} levels deep (browsers stop nesting there themselves), so Casefile cannot read it faithfully. Open it in a browser, save it as PDF and import that.`,
    ),

  tooManyElements: (name: string, limit: number) =>
    new ImportError(
      'too-complex',
      `${fileSubject(name)} has more than ${groupDigits(limit)} HTML elements, more than any article; Casefile reads pages of up to ${groupDigits(limit)}. Save the part you need (for example with the browser’s “Save as PDF”) and import that.`,
    ),

  zipBomb: (name: string, format: string, entry: string, bytes: number, limit: number, measured = false) =>
    new ImportError(
      'too-complex',
      `${fileSubject(name)} would unpack to more than ${formatMegabytes(limit)} (“${entry}” alone is ${measured ? 'over ' : ''}${formatMegabytes(bytes)}), far more than any real ${format} file holds, so Casefile did not open it. It may be damaged, or built to overload the computer.`,
    ),

  zipLies: (name: string, format: string, entry: string) =>
    new ImportError(
      'too-complex',
      `${fileSubject(name)} is not a sound ${format} file: “${entry}” unpacks to more than the file’s own table of contents says, a trick of archives built to overload the computer. Casefile did not open it.`,
    ),

  cancelled: (subject: string) => new ImportError('cancelled', `The import of ${subject} was cancelled; nothing was added.`),

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

  noTextWord: (name: string) =>
    new ImportError('no-text', `${fileSubject(name)} has no text: the document is empty, or holds only pictures or drawings. Casefile imports the text of Word documents.`),

  onlyHiddenText: (name: string, hidden: number) =>
    new ImportError(
      'no-text',
      `${fileSubject(name)} has no text its readers could see: all of it (${hidden === 1 ? 'one block' : `${groupDigits(hidden)} blocks`}) is hidden by the page itself, so there is nothing to import.`,
    ),

  scannedPdf: (name: string) =>
    new ImportError(
      'scanned-pdf',
      `${fileSubject(name)} has no text layer (it looks scanned); Casefile cannot read scanned PDFs yet — no OCR. Run it through text recognition (OCR) in another program and import the result.`,
    ),

  encryptedPdf: (name: string) =>
    new ImportError(
      'encrypted',
      `${fileSubject(name)} is protected with a password. Open it in a PDF reader, save a copy without the password, and import that copy.`,
    ),

  corrupt: (name: string, format: string) =>
    new ImportError('corrupt', `${fileSubject(name)} is damaged or is not really a ${format} file, so Casefile cannot read it.`),
};
