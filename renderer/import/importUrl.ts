/**
 * A page the host fetched → a source draft. The host (Electron main or the
 * local web server) does the network part under its rules: http(s) only,
 * redirects re-checked, a timeout and a size cap. Here the bytes take the same
 * path as a file of their media type, and the draft remembers where they came
 * from: the address typed, the address after redirects, and when.
 */
import type { ImportedSourceDraft } from '../../shared/import/draft';
import { ImportError } from '../../shared/import/errors';
import { importFile, type ImportOptions } from './importFile';

export interface FetchedPage {
  bytes: Uint8Array;
  finalUrl: string;
  contentType: string;
  /** The `charset` parameter of the server's Content-Type, when it sent one. */
  charset?: string;
  fetchedAt: number;
}

/** Media type → the extension whose import pipeline reads it. */
const EXTENSION_FOR_TYPE: Readonly<Record<string, string>> = {
  'text/html': '.html',
  'application/xhtml+xml': '.html',
  'text/plain': '.txt',
  'text/markdown': '.md',
  'application/pdf': '.pdf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': '.docx',
};

/**
 * Check an address before asking the host, so a typo is answered at once. The
 * wording matches the host's own checks, which run again there.
 */
export function checkWebAddress(raw: string): string {
  const trimmed = raw.trim();
  if (!trimmed) throw new ImportError('unsupported', { key: 'importError.noAddress' });
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    throw new ImportError('unsupported', { key: 'importError.notAddress', values: { address: trimmed } });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ImportError('unsupported', { key: 'importError.scheme' });
  if (url.username || url.password) throw new ImportError('unsupported', { key: 'importError.credentials' });
  return url.href;
}

/** A file name for the fetched document: the last path segment with the right extension, else the host name. */
export function fileNameForUrl(finalUrl: string, contentType: string): string {
  const extension = EXTENSION_FOR_TYPE[contentType];
  if (!extension) {
    throw new ImportError('unsupported', { key: 'importError.contentType', values: { type: contentType } });
  }
  const url = new URL(finalUrl);
  let segment = url.pathname.split('/').filter(Boolean).pop() ?? '';
  try {
    segment = decodeURIComponent(segment);
  } catch {
    // A malformed escape stays as it was typed.
  }
  // eslint-disable-next-line no-control-regex -- control characters are not allowed in file names
  const stem = segment.replace(/\.[a-z0-9]{1,5}$/i, '').replace(/[\\/:*?"<>|\u0000-\u001f]+/g, ' ').trim() || url.hostname || 'page';
  return `${stem.slice(0, 120)}${extension}`;
}

/**
 * Turn a fetched page into a draft. HTML goes through Readability and the
 * sanitiser with the final address as its base (relative links resolve
 * against it); PDF and Word pages are read like files. The citation URL is
 * the page's own canonical address when it names one, else the final address.
 */
export async function importFetchedPage(requestedUrl: string, page: FetchedPage, opts: Omit<ImportOptions, 'baseUrl' | 'now' | 'serverCharset' | 'encoding'> = {}): Promise<ImportedSourceDraft> {
  const name = fileNameForUrl(page.finalUrl, page.contentType);
  const draft = await importFile(name, page.bytes, { ...opts, baseUrl: page.finalUrl, now: page.fetchedAt, ...(page.charset ? { serverCharset: page.charset } : {}) });
  draft.fetched = { url: requestedUrl, finalUrl: page.finalUrl, fetchedAt: page.fetchedAt };
  draft.metadata = { ...draft.metadata, URL: draft.metadata.URL ?? page.finalUrl };
  if (draft.format !== 'html' && draft.metadata.type === 'document') draft.metadata.type = 'webpage';
  return draft;
}
