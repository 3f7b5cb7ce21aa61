/**
 * Why the sync server refused something, as a stable name the app translates. The server keeps its
 * English sentence for its log and for older apps, and sends the name with it: in an HTTP error's
 * body as `reason` (and `param`), and over the WebSocket at the head of the refusal's text,
 * `[reason] English…` or `[reason:param] English…` (Hocuspocus carries a refusal as one string).
 * The app shows the catalogue's `syncRefusal.<reason>`; a refusal it cannot name (a newer server's,
 * another server's) is shown inside a sentence of its own with the server's words as the detail.
 */
import type { MessageRef } from '../i18n';

export const SYNC_REFUSAL_REASONS = [
  'no-token',
  'invalid-token',
  'foreign-token',
  'unknown-token',
  'expired',
  'revoked',
  'wrong-case',
  'read-only',
  'not-document',
  'not-signed-in',
  'share-key',
  'already-shared',
  'no-such-invitation',
  'expiry-past',
  'blob-too-large',
  'blob-missing',
  'hash-mismatch',
] as const;

export type SyncRefusalReason = (typeof SYNC_REFUSAL_REASONS)[number];

export function isSyncRefusalReason(value: unknown): value is SyncRefusalReason {
  return typeof value === 'string' && (SYNC_REFUSAL_REASONS as readonly string[]).includes(value);
}

const PARAM = /^[\w.-]{1,40}$/u;

/** The text of a WebSocket refusal: the reason's name (and its parameter), then the English for people reading logs. */
export function refusalText(reason: SyncRefusalReason, english: string, param?: string): string {
  return `[${reason}${param !== undefined && PARAM.test(param) ? `:${param}` : ''}] ${english}`;
}

/** A refusal's text split back into its name, parameter and English; a text without a name is all English. */
export function readRefusalText(text: string): { reason?: SyncRefusalReason; param?: string; english: string } {
  const match = /^\[([a-z-]+)(?::([\w.-]{1,40}))?\] ([\s\S]*)$/u.exec(text);
  if (!match || !isSyncRefusalReason(match[1])) return { english: text };
  return { reason: match[1], ...(match[2] !== undefined ? { param: match[2] } : {}), english: match[3] ?? '' };
}

/**
 * The message for a refusal: the catalogue's own words for a reason the app knows (an expiry date or a
 * size as its variable), else the server's English inside a translated sentence.
 */
export function syncRefusalRef(refusal: { reason?: string | undefined; param?: string | undefined; english: string }): MessageRef {
  const { reason, param, english } = refusal;
  if (!isSyncRefusalReason(reason)) return { key: 'syncRefusal.other', values: { reason: english.replace(/\.$/u, '') } };
  if (reason === 'expired' && param && /^\d{4}-\d{2}-\d{2}$/u.test(param)) return { key: 'syncRefusal.expiredOn', values: { date: param } };
  if (reason === 'blob-too-large' && param && /^\d+$/u.test(param)) return { key: 'syncRefusal.blobTooLargeMb', values: { size: Number(param) } };
  return { key: `syncRefusal.${reason}` };
}

/** The message for a WebSocket refusal's text. */
export function syncRefusalTextRef(text: string): MessageRef {
  return syncRefusalRef(readRefusalText(text));
}
