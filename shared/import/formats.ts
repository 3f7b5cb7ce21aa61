/**
 * The file formats Casefile can import, in one table. Adding a format (PDF,
 * DOCX) means adding a row here; the file chooser filter, the "Supported: …"
 * error message and the router all read from it.
 */

/** How the bytes of a source are interpreted. */
export type SourceKind = 'text' | 'markdown' | 'html' | 'pdf' | 'docx' | 'image';

interface FormatRow {
  readonly kind: SourceKind;
  /** Stored next to the original bytes so an export can hand them back with the right type. */
  readonly mediaType: string;
}

export const FORMATS = {
  '.txt': { kind: 'text', mediaType: 'text/plain' },
  '.md': { kind: 'markdown', mediaType: 'text/markdown' },
  '.html': { kind: 'html', mediaType: 'text/html' },
  '.htm': { kind: 'html', mediaType: 'text/html' },
  '.pdf': { kind: 'pdf', mediaType: 'application/pdf' },
  '.docx': { kind: 'docx', mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' },
  // Images are read by text recognition (OCR).
  '.png': { kind: 'image', mediaType: 'image/png' },
  '.jpg': { kind: 'image', mediaType: 'image/jpeg' },
  '.jpeg': { kind: 'image', mediaType: 'image/jpeg' },
  '.tif': { kind: 'image', mediaType: 'image/tiff' },
  '.tiff': { kind: 'image', mediaType: 'image/tiff' },
} as const satisfies Record<string, FormatRow>;

/** Lower-case extensions with their dot, in the order users see them listed. */
export const SUPPORTED_EXTENSIONS: readonly string[] = Object.freeze(Object.keys(FORMATS));

/** Largest original file accepted: big enough for a long report, small enough to keep IndexedDB and anchoring quick. */
export const MAX_SOURCE_BYTES = 20 * 1024 * 1024;

/** The lower-cased extension of a file name including its dot (".html"), or '' when it has none. */
export function extensionOf(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? name;
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot).toLowerCase() : '';
}

/** The file name without its folder or extension: the last-resort title of a source. */
export function baseName(name: string): string {
  const base = (name.split(/[\\/]/).pop() ?? name).trim();
  const dot = base.lastIndexOf('.');
  return (dot > 0 ? base.slice(0, dot) : base).trim() || base;
}

/** The format row for a supported extension, or undefined. */
export function formatFor(name: string): FormatRow | undefined {
  const ext = extensionOf(name);
  return Object.hasOwn(FORMATS, ext) ? FORMATS[ext as keyof typeof FORMATS] : undefined;
}
