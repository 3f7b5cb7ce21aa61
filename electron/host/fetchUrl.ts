/**
 * Fetch a web page for import, in the host (Electron main or the web server):
 * http(s) only, every redirect re-checked, a timeout, and a size cap enforced
 * while streaming. Throws an Error whose message is meant for the user.
 */
export interface FetchedPage {
  bytes: Uint8Array;
  finalUrl: string;
  contentType: string;
  fetchedAt: number;
}

export interface FetchOptions {
  timeoutMs?: number;
  maxBytes?: number;
  maxRedirects?: number;
  fetchImpl?: typeof fetch;
}

const ACCEPTED_TYPES = [
  'text/html',
  'application/xhtml+xml',
  'text/plain',
  'text/markdown',
  'application/pdf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
];

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

function megabytes(bytes: number): string {
  return `${Math.round(bytes / (1024 * 1024))} MB`;
}

export async function fetchUrl(raw: string, opts: FetchOptions = {}): Promise<FetchedPage> {
  const timeoutMs = opts.timeoutMs ?? 15_000;
  const maxBytes = opts.maxBytes ?? 20 * 1024 * 1024;
  const maxRedirects = opts.maxRedirects ?? 5;
  const doFetch = opts.fetchImpl ?? fetch;
  let url = checkUrl(raw);
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    for (let hop = 0; ; hop++) {
      let response: Response;
      try {
        response = await doFetch(url, {
          redirect: 'manual',
          signal: controller.signal,
          headers: { Accept: 'text/html,application/xhtml+xml,text/plain;q=0.9,application/pdf;q=0.8,*/*;q=0.1' },
        });
      } catch (error) {
        if (controller.signal.aborted) throw new Error(`The page took longer than ${Math.round(timeoutMs / 1000)} s to answer.`, { cause: error });
        throw new Error(`Could not reach ${url.host}: ${(error as Error).message}`, { cause: error });
      }
      if (response.status >= 300 && response.status < 400 && response.headers.get('location')) {
        if (hop >= maxRedirects) throw new Error(`The page redirected more than ${maxRedirects} times.`);
        url = checkUrl(new URL(response.headers.get('location')!, url).href);
        await response.body?.cancel();
        continue;
      }
      if (!response.ok) throw new Error(`The server answered ${response.status} ${response.statusText || ''}`.trim() + '.');
      const contentType = (response.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
      if (contentType && !ACCEPTED_TYPES.includes(contentType)) throw new Error(`The address serves “${contentType}”, which Casefile cannot import.`);
      const declared = Number(response.headers.get('content-length'));
      if (Number.isFinite(declared) && declared > maxBytes) throw new Error(`The page is larger than ${megabytes(maxBytes)}.`);
      const chunks: Uint8Array[] = [];
      let total = 0;
      const reader = response.body?.getReader();
      if (reader) {
        for (;;) {
          let chunk: ReadableStreamReadResult<Uint8Array>;
          try {
            chunk = await reader.read();
          } catch (error) {
            if (controller.signal.aborted) throw new Error(`The page took longer than ${Math.round(timeoutMs / 1000)} s to answer.`, { cause: error });
            throw error;
          }
          if (chunk.done) break;
          total += chunk.value.byteLength;
          if (total > maxBytes) {
            await reader.cancel();
            throw new Error(`The page is larger than ${megabytes(maxBytes)}.`);
          }
          chunks.push(chunk.value);
        }
      }
      const bytes = new Uint8Array(total);
      let offset = 0;
      for (const c of chunks) {
        bytes.set(c, offset);
        offset += c.byteLength;
      }
      return { bytes, finalUrl: url.href, contentType: contentType || 'text/html', fetchedAt: Date.now() };
    }
  } finally {
    clearTimeout(timer);
  }
}
