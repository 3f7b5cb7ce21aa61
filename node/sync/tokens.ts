import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { ApiErrorCode } from '../../shared/sync/api';
import { refusalText, type SyncRefusalReason } from '../../shared/sync/refusal';
import {
  assembleToken,
  encodeTokenPayload,
  fromBase64Url,
  readTokenClaims,
  splitToken,
  toBase64Url,
  tokenSigningInput,
  type Role,
  type TokenClaims,
} from '../../shared/sync/token';

/**
 * Signing and checking capability tokens (format in shared/sync/token.ts):
 * HMAC-SHA256 under the server's secret, compared in constant time. The MAC
 * is checked before anything in the payload is believed.
 */

/**
 * Why a token was refused: the HTTP code, the refusal's stable name (shared/sync/refusal.ts), which the
 * app shows in its own language, with its parameter, and an English sentence for logs and older apps.
 * Never contains the token.
 */
export class Refusal {
  constructor(
    readonly code: ApiErrorCode,
    readonly why: SyncRefusalReason,
    readonly reason: string,
    readonly param?: string,
  ) {}

  /** The refusal as it travels over the WebSocket: its name, then the English. */
  get text(): string {
    return refusalText(this.why, this.reason, this.param);
  }
}

export function macOf(secret: Buffer, payload: string): string {
  return toBase64Url(createHmac('sha256', secret).update(tokenSigningInput(payload), 'ascii').digest());
}

export function newTokenId(): string {
  return toBase64Url(randomBytes(12));
}

export function signToken(secret: Buffer, claims: Omit<TokenClaims, 'tokenId' | 'issuedAt'> & Partial<Pick<TokenClaims, 'tokenId' | 'issuedAt'>>): { token: string; claims: TokenClaims } {
  const full: TokenClaims = { tokenId: newTokenId(), issuedAt: Date.now(), ...claims };
  const payload = encodeTokenPayload(full);
  return { token: assembleToken(payload, macOf(secret, payload)), claims: full };
}

/**
 * The claims of a token this server signed, or a Refusal: no token, a damaged
 * one, one signed by another server (or with an older secret), or an expired one.
 */
export function verifyToken(secret: Buffer, token: string | null | undefined, now = Date.now()): TokenClaims | Refusal {
  if (!token || token.trim() === '') return new Refusal('unauthorized', 'no-token', 'This case needs an invitation: no invitation token was sent.');
  let parts;
  try {
    parts = splitToken(token);
  } catch {
    return new Refusal('unauthorized', 'invalid-token', 'The invitation token is not valid. Ask for a new invitation.');
  }
  const expected = fromBase64Url(macOf(secret, parts.payload));
  const given = fromBase64Url(parts.mac);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return new Refusal('unauthorized', 'foreign-token', 'This invitation was not issued by this server, or the server’s secret has changed. Ask for a new invitation.');
  }
  let claims: TokenClaims;
  try {
    claims = readTokenClaims(token);
  } catch {
    return new Refusal('unauthorized', 'invalid-token', 'The invitation token is not valid. Ask for a new invitation.');
  }
  if (claims.expiresAt !== undefined && claims.expiresAt <= now) {
    const day = new Date(claims.expiresAt).toISOString().slice(0, 10);
    return new Refusal('expired', 'expired', `This invitation expired on ${day}. Ask for a new invitation.`, day);
  }
  return claims;
}

/** What a role may do, in words for refusals. */
export function requireWrite(role: Role): Refusal | null {
  return role === 'rw' ? null : new Refusal('read-only', 'read-only', 'This invitation is read-only: it can open the case but not change it.');
}
