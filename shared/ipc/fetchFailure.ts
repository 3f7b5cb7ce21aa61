/**
 * Why a host could not fetch a page for import (`cf:url:fetch`), as a name the app translates. The host's
 * fetcher (node/host/fetchUrl.ts) throws a `FetchFailure`; both hosts answer with its code
 * (`fetch-failed:<reason>`), its English sentence (logs, the CLI, an older app) and its variables, which
 * cross IPC and loopback HTTP as plain data. The renderer shows the catalogue's `urlFetch.<reason>` in the
 * UI's language; a code it does not know (a newer host's, or a plain `fetch-failed`) keeps the English.
 */
import type { MessageRef } from '../i18n';
import { FETCH_FAILED } from './dispatch';
import { HostRefusal, valueNumber, valueText, type RefusalValues } from './refusal';

export const FETCH_FAILURE_REASONS = [
  'not-web-address',
  'scheme',
  'credentials',
  'unreachable',
  'own-server',
  'not-public',
  'compression',
  'redirects',
  'status',
  'no-type',
  'type',
  'too-large',
  'too-slow',
  'compressed-damaged',
  'broke-off',
  'secret',
] as const;

export type FetchFailureReason = (typeof FETCH_FAILURE_REASONS)[number];

/** The variables of a reason's message, as they travel: strings and numbers only. */
export type FetchValues = RefusalValues;

/** Network error codes (Node's, or the resolver's) that have words of their own in `urlFetch.network`. */
const NETWORK_WORDS: Readonly<Record<string, string>> = {
  ENOTFOUND: 'notFound',
  EAI_AGAIN: 'lookupFailed',
  ENODATA: 'noAddress',
  ECONNREFUSED: 'refused',
  ECONNRESET: 'cutOff',
  EPIPE: 'cutOff',
  EHOSTUNREACH: 'hostUnreachable',
  ENETUNREACH: 'networkUnreachable',
  HPE_INVALID_CONSTANT: 'notHttp',
};

/** Address ranges (ipaddr.js's names, and `invalid` for what is not an IP address) that have words of their own in `urlFetch.range`. */
const RANGES = new Set([
  'invalid',
  'loopback',
  'private',
  'linkLocal',
  'uniqueLocal',
  'multicast',
  'broadcast',
  'unspecified',
  'carrierGradeNat',
  'reserved',
  'benchmarking',
  'teredo',
  'ipv4Mapped',
  'rfc6145',
  'discard',
  'siteLocal',
]);

const CODE_PREFIX = `${FETCH_FAILED}:`;

function isFetchFailureReason(value: unknown): value is FetchFailureReason {
  return typeof value === 'string' && (FETCH_FAILURE_REASONS as readonly string[]).includes(value);
}

/** Why a network error happened, as a message: its own words for a code we know, a security certificate for TLS codes, else the system's text. */
function networkRef(code: string, detail: string): MessageRef {
  const words = NETWORK_WORDS[code];
  if (words) return { key: `urlFetch.network.${words}` };
  if (/CERT|SSL|TLS|SIGNATURE|VERIFY/i.test(code)) return { key: 'urlFetch.network.certificate' };
  return { key: 'urlFetch.network.other', values: { detail } };
}

/** A size as the fetcher states its limit: whole megabytes or kilobytes, else bytes. */
function sizeRef(bytes: number): MessageRef {
  if (bytes >= 1024 * 1024) return { key: 'units.megabytes', values: { size: Math.round(bytes / (1024 * 1024)) } };
  if (bytes >= 1024) return { key: 'units.kilobytes', values: { size: Math.round(bytes / 1024) } };
  return { key: 'units.bytes', values: { count: bytes } };
}

function durationRef(ms: number): MessageRef {
  return ms >= 1000 ? { key: 'urlFetch.seconds', values: { n: Math.round(ms / 1000) } } : { key: 'urlFetch.milliseconds', values: { n: ms } };
}


/** The message for a reason and its variables (as `FetchFailure` sends them). */
export function fetchFailureRef(reason: FetchFailureReason, values: FetchValues = {}): MessageRef {
  switch (reason) {
    case 'unreachable':
      return { key: 'urlFetch.unreachable', values: { host: valueText(values.host), why: networkRef(valueText(values.network), valueText(values.detail)) } };
    case 'not-public': {
      const range = valueText(values.range);
      const why: MessageRef = RANGES.has(range) ? { key: `urlFetch.range.${range}` } : { key: 'urlFetch.range.other', values: { range } };
      return { key: 'urlFetch.notPublic', values: { where: valueText(values.where), why, setting: { key: 'urlImport.allowLocal' } } };
    }
    case 'too-large':
      return { key: 'urlFetch.tooLarge', values: { size: sizeRef(valueNumber(values.bytes)) } };
    case 'too-slow':
      return { key: 'urlFetch.tooSlow', values: { duration: durationRef(valueNumber(values.ms)) } };
    case 'redirects':
      return { key: 'urlFetch.redirects', values: { count: valueNumber(values.count) } };
    default: {
      const key = `urlFetch.${reason.replace(/-(\w)/g, (_, letter: string) => letter.toUpperCase())}`;
      return Object.keys(values).length ? { key, values: { ...values } } : { key };
    }
  }
}

/** The message of a `fetch-failed:<reason>` code, or `undefined` for any other code. */
export function fetchFailureMessage(code: string, values: FetchValues): MessageRef | undefined {
  const reason = code.startsWith(CODE_PREFIX) ? code.slice(CODE_PREFIX.length) : undefined;
  return isFetchFailureReason(reason) ? fetchFailureRef(reason, values) : undefined;
}

/**
 * A page the host could not fetch, for a reason it names: a `HostRefusal`, so both hosts pass its code and
 * variables to the renderer as they are; its message is the English of the same catalogue message.
 */
export class FetchFailure extends HostRefusal {
  readonly reason: FetchFailureReason;

  constructor(reason: FetchFailureReason, values: FetchValues = {}, options?: ErrorOptions) {
    super(`${CODE_PREFIX}${reason}`, values, fetchFailureRef(reason, values), options);
    this.name = 'FetchFailure';
    this.reason = reason;
  }
}
