/**
 * Fetch a web page for import, in the host (Electron main, the web server, the
 * CLI): http(s) only, every redirect re-checked, one timeout for the whole
 * exchange, and a size cap enforced while streaming. Every failure throws an
 * Error whose message is written for the person who typed the address.
 */
export interface FetchedPage {
  bytes: Uint8Array;
  finalUrl: string;
  /** The media type without parameters, lower case (e.g. `text/html`). */
  contentType: string;
  fetchedAt: number;
}

export interface FetchOptions {
  /** For the whole exchange, redirects and body included. Default 15 s. */
  timeoutMs?: number;
  /** Default 20 MB. */
  maxBytes?: number;
  /** Default 5. */
  maxRedirects?: number;
  /** Injected in tests; defaults to the global fetch. */
  fetchImpl?: typeof fetch;
}

/** Media types Casefile can import; anything else is refused before download. */
export const IMPORTABLE_TYPES: readonly string[] = [
  'text/html',
  'application/xhtml+xml',
  'text/plain',
  'text/markdown',
  'application/pdf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
];

const ACCEPT_HEADER = 'text/html,application/xhtml+xml,text/markdown;q=0.9,text/plain;q=0.9,application/pdf;q=0.8,application/vnd.openxmlformats-officedocument.wordprocessingml.document;q=0.8';

/** Network error codes (from undici's `cause`) in words. */
const NETWORK_ERRORS: Readonly<Record<string, string>> = {
  ENOTFOUND: 'the name could not be found',
  EAI_AGAIN: 'the name could not be looked up (is the network down?)',
  ECONNREFUSED: 'the connection was refused',
  ECONNRESET: 'the connection was cut off',
  EHOSTUNREACH: 'the host is unreachable',
  ENETUNREACH: 'the network is unreachable',
  UND_ERR_SOCKET: 'the connection was cut off',
};

function checkUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new Error(`“${raw}” is not a web address.`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('The address must start with http:// or https://.');
  if (url.username || url.password) throw new Error('Addresses with a user name or password are not fetched.');
  return url;
}

function describeSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.round(bytes / (1024 * 1024))} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}

function describeDuration(ms: number): string {
  return ms >= 1000 ? `${Math.round(ms / 1000)} s` : `${ms} ms`;
}

function describeNetworkError(url: URL, error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  const code = cause?.code ?? '';
  const reason =
    NETWORK_ERRORS[code] ??
    (/CERT|SSL|TLS/i.test(code) ? 'its security certificate is not valid' : (cause?.message ?? (error as Error).message ?? String(error)));
  return `Could not reach ${url.host}: ${reason}.`;
}

/** The body, or null as soon as it grows past maxBytes (the stream is cancelled). */
async function readCapped(body: ReadableStream<Uint8Array> | null, maxBytes: number): Promise<Uint8Array | null> {
  if (!body) return new Uint8Array(0);
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return null;
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

/**
 * Download `raw` for import. Redirects are followed by hand so each hop is
 * checked for http(s) (a redirect to `file:` or `javascript:` is refused), and
 * the size cap is checked against Content-Length up front and again while
 * streaming, so a lying or missing header cannot fill memory.
 */
export async function fetchUrl(raw: string, opts: FetchOptions = {}): Promise<FetchedPage> {
  const timeoutMs = opts.timeoutMs ?? 15_000;
  const maxBytes = opts.maxBytes ?? 20 * 1024 * 1024;
  const maxRedirects = opts.maxRedirects ?? 5;
  const doFetch = opts.fetchImpl ?? fetch;
  const tooLarge = () => new Error(`The page is larger than ${describeSize(maxBytes)}.`);
  const tooSlow = (cause: unknown) => new Error(`The page took longer than ${describeDuration(timeoutMs)} to answer.`, { cause });

  let url = checkUrl(raw);
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    for (let hop = 0; ; hop++) {
      let response: Response;
      try {
        response = await doFetch(url, { redirect: 'manual', signal: controller.signal, headers: { Accept: ACCEPT_HEADER } });
      } catch (error) {
        if (controller.signal.aborted) throw tooSlow(error);
        throw new Error(describeNetworkError(url, error), { cause: error });
      }
      const discard = () => response.body?.cancel().catch(() => undefined);

      const location = response.headers.get('location');
      if (response.status >= 300 && response.status < 400 && location) {
        await discard();
        if (hop >= maxRedirects) throw new Error(`The page redirected more than ${maxRedirects} times.`);
        url = checkUrl(new URL(location, url).href);
        continue;
      }
      if (!response.ok) {
        await discard();
        throw new Error(`The server answered ${`${response.status} ${response.statusText}`.trim()}.`);
      }
      const contentType = (response.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
      if (!contentType) {
        await discard();
        throw new Error('The server did not say what kind of document this is, so Casefile cannot import it.');
      }
      if (!IMPORTABLE_TYPES.includes(contentType)) {
        await discard();
        throw new Error(`The address serves “${contentType}”, which Casefile cannot import (web pages, text, Markdown, PDF and Word documents only).`);
      }
      const declared = Number(response.headers.get('content-length') ?? NaN);
      if (Number.isFinite(declared) && declared > maxBytes) {
        await discard();
        throw tooLarge();
      }
      let bytes: Uint8Array | null;
      try {
        bytes = await readCapped(response.body, maxBytes);
      } catch (error) {
        if (controller.signal.aborted) throw tooSlow(error);
        throw new Error(`The connection to ${url.host} broke off while downloading.`, { cause: error });
      }
      if (!bytes) throw tooLarge();
      return { bytes, finalUrl: url.href, contentType, fetchedAt: Date.now() };
    }
  } finally {
    clearTimeout(timer);
  }
}
