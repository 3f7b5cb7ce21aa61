/**
 * Capability tokens for a shared case: the format, not the signature.
 *
 *   cft1.<payload>.<mac>
 *
 * `payload` is base64url JSON `{v, c, r, i, t, e?}`: format version, case ID,
 * role ('rw' | 'ro'), token ID, issued-at and optional expiry (epoch ms).
 * `mac` is base64url HMAC-SHA256, under the server's secret, of the ASCII text
 * `cft1.<payload>`: the case ID and role are inside what is signed, so neither
 * can be changed without the secret. Only the server signs and verifies
 * (node/sync/tokens.ts); this module lets both sides read the claims, e.g. so
 * the Join dialog can say "read-only" before connecting.
 *
 * Why more than case and role:
 * - the token ID lets one invitation be revoked (a leaked link, a member who
 *   left) without touching anyone else's, and lets logs name a token without
 *   writing the token;
 * - the optional expiry gives time-limited access (an outside reviewer for a
 *   week) without anyone having to remember to revoke it;
 * - issued-at is for the list of invitations, nothing is decided on it.
 */
import { z } from 'zod';
import { base64ToBytes, bytesToBase64 } from '../ipc/wire';
import { idSchema } from '../bundle/schema';

export const TOKEN_PREFIX = 'cft1';

/** Finds a token anywhere in a text: for tests that prove logs, exports and bundles carry none. */
export const TOKEN_PATTERN = /cft1\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{43}/u;

export type Role = 'rw' | 'ro';
export const ROLES: readonly Role[] = ['rw', 'ro'];

export interface TokenClaims {
  caseId: string;
  role: Role;
  tokenId: string;
  issuedAt: number;
  expiresAt?: number;
}

/** A token that cannot be read; `message` is written for the person holding it. */
export class TokenError extends Error {
  override name = 'TokenError';
  constructor(
    message: string,
    /** What is wrong, for a message in the UI's language: not a token at all, damaged, unreadable contents, or contents from a newer version. */
    readonly kind: 'not-token' | 'damaged' | 'unreadable' | 'newer',
  ) {
    super(message);
  }
}

const payloadSchema = z
  .object({
    v: z.literal(1),
    c: idSchema,
    r: z.enum(['rw', 'ro']),
    i: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/u),
    t: z.number().int().nonnegative(),
    e: z.number().int().positive().optional(),
  })
  .strict();

export function toBase64Url(bytes: Uint8Array): string {
  return bytesToBase64(bytes).replace(/\+/gu, '-').replace(/\//gu, '_').replace(/=+$/u, '');
}

export function fromBase64Url(text: string): Uint8Array {
  if (!/^[A-Za-z0-9_-]*$/u.test(text)) throw new Error('Invalid base64url.');
  return base64ToBytes(text.replace(/-/gu, '+').replace(/_/gu, '/'));
}

/** The payload part of a token for these claims. */
export function encodeTokenPayload(claims: TokenClaims): string {
  const payload = payloadSchema.parse({
    v: 1,
    c: claims.caseId,
    r: claims.role,
    i: claims.tokenId,
    t: claims.issuedAt,
    ...(claims.expiresAt === undefined ? {} : { e: claims.expiresAt }),
  });
  return toBase64Url(new TextEncoder().encode(JSON.stringify(payload)));
}

/** The exact text the MAC is computed over. */
export function tokenSigningInput(payload: string): string {
  return `${TOKEN_PREFIX}.${payload}`;
}

export function assembleToken(payload: string, mac: string): string {
  return `${TOKEN_PREFIX}.${payload}.${mac}`;
}

/** Split a token into its payload and MAC, or throw a TokenError saying what is wrong. */
export function splitToken(token: string): { payload: string; mac: string } {
  const parts = token.trim().split('.');
  if (parts.length !== 3 || parts[0] !== TOKEN_PREFIX) {
    throw new TokenError('This is not a Casefile invitation token (it should start with "cft1.").', 'not-token');
  }
  const [, payload, mac] = parts as [string, string, string];
  if (!/^[A-Za-z0-9_-]+$/u.test(payload) || !/^[A-Za-z0-9_-]{43}$/u.test(mac)) {
    throw new TokenError('The invitation token is damaged: part of it is missing or was changed. Ask for a new invitation.', 'damaged');
  }
  return { payload, mac };
}

/** Read the claims of a token without checking its signature (only the server can). */
export function readTokenClaims(token: string): TokenClaims {
  const { payload } = splitToken(token);
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(fromBase64Url(payload)));
  } catch {
    throw new TokenError('The invitation token is damaged: its contents cannot be read. Ask for a new invitation.', 'unreadable');
  }
  const parsed = payloadSchema.safeParse(json);
  if (!parsed.success) {
    throw new TokenError('The invitation token is damaged or from a newer Casefile: its contents are not what this version expects.', 'newer');
  }
  const p = parsed.data;
  return { caseId: p.c, role: p.r, tokenId: p.i, issuedAt: p.t, ...(p.e === undefined ? {} : { expiresAt: p.e }) };
}
