import type { SourceBlock, SourceFormat, SourceMetadata, SourceOcr } from '../domain/types';

/**
 * Everything an import produces before it is stored: the immutable snapshot
 * (`text` + `blocks`, and the sanitised `html` for HTML-like sources), the
 * original `bytes` with their hash and media type, and editable metadata.
 * The repository adds IDs, case, order and timestamps.
 */
export interface ImportedSourceDraft {
  format: SourceFormat;
  text: string;
  blocks: SourceBlock[];
  html?: string;
  sha256: string;
  fileName: string;
  byteLength: number;
  mediaType: string;
  metadata: SourceMetadata;
  bytes: Uint8Array;
  /** Set when the bytes were fetched from a web address (stored as `SourceRecord.fetched`). */
  fetched?: { url: string; finalUrl: string; fetchedAt: number };
  /** True when the title was taken from the body text rather than metadata or the file name. */
  titleFromFirstLine: boolean;
  /** Set when some of the text was recognised from page images (stored as `SourceRecord.ocr`). */
  ocr?: SourceOcr;
  /** Something the user should know about how the file was read ("only form fields …"), shown after the import. */
  note?: string;
}
