/**
 * Fetch a web page for import, in the host (Electron main, the web server, the
 * CLI): http(s) only, every redirect re-checked, one timeout for the whole
 * exchange, and a size cap enforced while streaming. Every failure throws a
 * `FetchFailure` (shared/ipc/fetchFailure.ts): a reason the app shows in the UI's
 * language, with an English message for logs and the CLI.
 *
 * Where it may connect (see addressPolicy.ts): by default only to public
 * addresses. Each hop's host is resolved here, every address it resolves to is
 * checked, and the connection is pinned to those checked addresses (the socket's
 * own lookup answers with them), so a name that resolves to a public address for
 * the check and to 127.0.0.1 for the connection (DNS rebinding) cannot slip
 * through. "Allow local network addresses" lifts the rule for intranet pages; the
 * host's own server (`ownPorts` on this computer) and its secret (`secrets`) are
 * refused even then.
 */
import { lookup as dnsLookup } from 'node:dns/promises';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import type { Readable } from 'node:stream';
import { FetchFailure } from '../../shared/ipc/fetchFailure';
import { ipLiteral, isThisComputer, judgeAddress } from './addressPolicy';

export interface FetchedPage {
  bytes: Uint8Array;
  finalUrl: string;
  /** The media type without parameters, lower case (e.g. `text/html`). */
  contentType: string;
  /** The `charset` parameter of the Content-Type header, as the server wrote it, when it sent one. */
  charset?: string;
  fetchedAt: number;
}

/** A resolved address of a host name. */
export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

export interface FetchOptions {
  /** For the whole exchange, redirects and body included. Default 15 s. */
  timeoutMs?: number;
  /** Default 20 MB. */
  maxBytes?: number;
  /** Default 5. */
  maxRedirects?: number;
  /** The "Allow local network addresses" setting: loopback, private and link-local addresses may be fetched. */
  allowLocalNetwork?: boolean;
  /** Ports on this computer that are never fetched, whatever the setting (the web server's own). */
  ownPorts?: readonly number[];
  /** Strings a fetched page may never contain (the web server's launch token): such a page is refused. */
  secrets?: readonly string[];
  /** Name resolution; injected in tests. Defaults to the system resolver (`dns.lookup`, every address). */
  resolve?: (hostname: string) => Promise<ResolvedAddress[]>;
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

function checkUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new FetchFailure('not-web-address', { address: raw });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new FetchFailure('scheme');
  if (url.username || url.password) throw new FetchFailure('credentials');
  return url;
}

/** The `charset` among a Content-Type's parameters (`charset="windows-1252"` → `windows-1252`), when it is a plausible label. */
function charsetOf(parameters: readonly string[]): string | undefined {
  for (const parameter of parameters) {
    const match = /^\s*charset\s*=\s*"?([A-Za-z0-9._:-]{1,40})"?\s*$/i.exec(parameter);
    if (match) return match[1];
  }
  return undefined;
}

/** A network error as a failure: the host, the system's code (which the app names in words) and its text, for a code it has no words for. */
function unreachable(url: URL, error: unknown): FetchFailure {
  const own = error as { code?: string; message?: string; cause?: { code?: string; message?: string } };
  const network = own.code ?? own.cause?.code ?? '';
  const detail = own.cause?.message ?? own.message ?? String(error);
  return new FetchFailure('unreachable', { host: url.host, network, detail }, { cause: error });
}

function defaultPort(url: URL): number {
  return Number(url.port || (url.protocol === 'https:' ? 443 : 80));
}

async function systemResolve(hostname: string): Promise<ResolvedAddress[]> {
  const found = await dnsLookup(hostname, { all: true, verbatim: true });
  return found.map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));
}

/**
 * The addresses this hop may connect to: every address the host resolves to, each
 * judged; one refused address refuses the host (a public name that also points
 * into the local network is not trusted with either).
 */
async function checkedAddresses(url: URL, opts: FetchOptions): Promise<ResolvedAddress[]> {
  const literal = ipLiteral(url.hostname);
  let addresses: ResolvedAddress[];
  if (literal) {
    addresses = [{ address: literal, family: literal.includes(':') ? 6 : 4 }];
  } else {
    try {
      addresses = await (opts.resolve ?? systemResolve)(url.hostname);
    } catch (error) {
      throw unreachable(url, error);
    }
    if (addresses.length === 0) throw new FetchFailure('unreachable', { host: url.host, network: 'ENODATA', detail: '' });
  }
  const port = defaultPort(url);
  for (const { address } of addresses) {
    if ((opts.ownPorts ?? []).includes(port) && isThisComputer(address)) {
      throw new FetchFailure('own-server', { host: url.host });
    }
    const verdict = judgeAddress(address, opts.allowLocalNetwork ?? false);
    if (!verdict.allowed) {
      const where = literal ? url.host : `${url.host} (${verdict.address})`;
      throw new FetchFailure('not-public', { where, range: verdict.range });
    }
  }
  return addresses;
}

/** A socket lookup that answers only with the addresses already checked: the connection is pinned to them. */
function pinnedLookup(addresses: ResolvedAddress[]): LookupFunction {
  return ((_hostname: string, options: { all?: boolean }, callback: (...args: unknown[]) => void) => {
    if (options?.all) callback(null, addresses.map((a) => ({ address: a.address, family: a.family })));
    else callback(null, addresses[0]!.address, addresses[0]!.family);
  }) as unknown as LookupFunction;
}

/** Send one GET to the pinned addresses; resolves with the response head. */
function get(url: URL, addresses: ResolvedAddress[], signal: AbortSignal): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const request = send(url, {
      method: 'GET',
      headers: { Accept: ACCEPT_HEADER, 'Accept-Encoding': 'gzip, deflate, br', 'User-Agent': 'Casefile (URL import)' },
      lookup: pinnedLookup(addresses),
      agent: false,
      signal,
    });
    request.once('response', resolve);
    request.once('error', reject);
    request.end();
  });
}

/** The body as it was meant to be read: decompressed per Content-Encoding. */
function decoded(response: IncomingMessage): Readable {
  const encoding = (response.headers['content-encoding'] ?? 'identity').toLowerCase().trim();
  if (encoding === 'identity' || encoding === '') return response;
  if (encoding === 'gzip' || encoding === 'x-gzip') return response.pipe(createGunzip());
  if (encoding === 'deflate') return response.pipe(createInflate());
  if (encoding === 'br') return response.pipe(createBrotliDecompress());
  response.destroy();
  throw new FetchFailure('compression', { encoding });
}

/** The decoded body, or null as soon as it grows past maxBytes (the connection is closed). */
async function readCapped(response: IncomingMessage, maxBytes: number): Promise<Uint8Array | null> {
  const stream = decoded(response);
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for await (const chunk of stream) {
      const buffer = chunk as Buffer;
      total += buffer.byteLength;
      if (total > maxBytes) return null;
      chunks.push(buffer);
    }
  } finally {
    if (total > maxBytes || !response.complete) {
      response.destroy();
      stream.destroy();
    }
  }
  return new Uint8Array(Buffer.concat(chunks, total));
}

/**
 * Download `raw` for import. Redirects are followed by hand so each hop is
 * checked (scheme, and the addresses its host resolves to), and the size cap is
 * checked against Content-Length up front and again while streaming the decoded
 * body, so a lying header or a compression bomb cannot fill memory.
 */
export async function fetchUrl(raw: string, opts: FetchOptions = {}): Promise<FetchedPage> {
  const timeoutMs = opts.timeoutMs ?? 15_000;
  const maxBytes = opts.maxBytes ?? 20 * 1024 * 1024;
  const maxRedirects = opts.maxRedirects ?? 5;
  const tooLarge = () => new FetchFailure('too-large', { bytes: maxBytes });
  const tooSlow = (cause: unknown) => new FetchFailure('too-slow', { ms: timeoutMs }, { cause });

  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  let timedOut: (() => void) | null = null;
  const deadline = new Promise<never>((_, reject) => {
    timedOut = () => reject(tooSlow(controller.signal.reason));
    controller.signal.addEventListener('abort', timedOut);
  });
  deadline.catch(() => undefined);
  let url = checkUrl(raw);
  try {
    for (let hop = 0; ; hop++) {
      const hopUrl = url;
      const addresses = await Promise.race([checkedAddresses(hopUrl, opts), deadline]);
      let response: IncomingMessage;
      try {
        response = await Promise.race([get(hopUrl, addresses, controller.signal), deadline]);
      } catch (error) {
        if (controller.signal.aborted) throw tooSlow(error);
        throw unreachable(hopUrl, error);
      }
      const status = response.statusCode ?? 0;
      const discard = () => response.destroy();

      const location = response.headers.location;
      if (status >= 300 && status < 400 && location) {
        discard();
        if (hop >= maxRedirects) throw new FetchFailure('redirects', { count: maxRedirects });
        url = checkUrl(new URL(location, hopUrl).href);
        continue;
      }
      if (status < 200 || status >= 300) {
        discard();
        throw new FetchFailure('status', { status: `${status} ${response.statusMessage ?? ''}`.trim() });
      }
      const [mediaType = '', ...parameters] = (response.headers['content-type'] ?? '').split(';');
      const contentType = mediaType.trim().toLowerCase();
      const charset = charsetOf(parameters);
      if (!contentType) {
        discard();
        throw new FetchFailure('no-type');
      }
      if (!IMPORTABLE_TYPES.includes(contentType)) {
        discard();
        throw new FetchFailure('type', { type: contentType });
      }
      const declared = Number(response.headers['content-length'] ?? NaN);
      if (Number.isFinite(declared) && declared > maxBytes) {
        discard();
        throw tooLarge();
      }
      let bytes: Uint8Array | null;
      try {
        bytes = await Promise.race([readCapped(response, maxBytes), deadline]);
      } catch (error) {
        if (error instanceof FetchFailure) throw error;
        if (controller.signal.aborted) throw tooSlow(error);
        if (String((error as { code?: unknown }).code ?? '').startsWith('Z_')) {
          throw new FetchFailure('compressed-damaged', {}, { cause: error });
        }
        throw new FetchFailure('broke-off', { host: hopUrl.host }, { cause: error });
      }
      if (!bytes) throw tooLarge();
      if (opts.secrets?.some((secret) => secret && Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(secret))) {
        throw new FetchFailure('secret');
      }
      return { bytes, finalUrl: hopUrl.href, contentType, ...(charset ? { charset } : {}), fetchedAt: Date.now() };
    }
  } finally {
    clearTimeout(timer);
    if (timedOut) controller.signal.removeEventListener('abort', timedOut);
  }
}
