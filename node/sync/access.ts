import type { IssuedToken } from '../../shared/sync/api';
import type { Role, TokenClaims } from '../../shared/sync/token';
import type { SyncDatabase } from './store';
import { Refusal, requireWrite, signToken, verifyToken } from './tokens';

/**
 * Who may do what with a case: the one place that turns a token into a
 * decision, for WebSocket documents and HTTP requests alike. A token must be
 * signed by this server, unexpired, for this very case, issued here (so the
 * database knows it) and not revoked; writing needs the 'rw' role.
 */
export class Access {
  /** Revocations are looked up at most this often per token on a live connection. */
  static readonly RECHECK_MS = 2_000;
  private readonly recent = new Map<string, { at: number; ok: boolean }>();

  constructor(
    private readonly secret: Buffer,
    private readonly db: SyncDatabase,
  ) {}

  check(token: string | null | undefined, caseId: string, options: { write?: boolean; now?: number } = {}): TokenClaims | Refusal {
    const claims = verifyToken(this.secret, token, options.now);
    if (claims instanceof Refusal) return claims;
    if (claims.caseId !== caseId) return new Refusal('wrong-case', 'wrong-case', 'This invitation is for a different case.');
    const row = this.db.token(claims.tokenId);
    if (!row || row.caseId !== claims.caseId || row.role !== claims.role) {
      return new Refusal('unauthorized', 'unknown-token', 'This server has no record of this invitation. Ask for a new invitation.');
    }
    if (row.revokedAt !== undefined) return new Refusal('revoked', 'revoked', 'This invitation was revoked. Ask a member of the case for a new one.');
    return (options.write ? requireWrite(claims.role) : null) ?? claims;
  }

  /** For a live connection: whether its token is still good (expiry now, revocation within RECHECK_MS). */
  stillValid(claims: TokenClaims, now = Date.now()): Refusal | null {
    if (claims.expiresAt !== undefined && claims.expiresAt <= now) return new Refusal('expired', 'expired', 'This invitation has expired. Ask for a new invitation.');
    const seen = this.recent.get(claims.tokenId);
    if (seen && now - seen.at < Access.RECHECK_MS) return seen.ok ? null : new Refusal('revoked', 'revoked', 'This invitation was revoked.');
    const row = this.db.token(claims.tokenId);
    const ok = row !== undefined && row.revokedAt === undefined;
    this.recent.set(claims.tokenId, { at: now, ok });
    return ok ? null : new Refusal('revoked', 'revoked', 'This invitation was revoked.');
  }

  /** Issue a new invitation token for a case that is shared here. */
  issue(caseId: string, role: Role, options: { label?: string; expiresAt?: number; issuedBy?: string; now?: number } = {}): IssuedToken {
    const { token, claims } = signToken(this.secret, {
      caseId,
      role,
      issuedAt: options.now ?? Date.now(),
      ...(options.expiresAt === undefined ? {} : { expiresAt: options.expiresAt }),
    });
    this.db.addToken({
      id: claims.tokenId,
      caseId,
      role,
      issuedAt: claims.issuedAt,
      ...(options.label ? { label: options.label } : {}),
      ...(claims.expiresAt === undefined ? {} : { expiresAt: claims.expiresAt }),
      ...(options.issuedBy ? { issuedBy: options.issuedBy } : {}),
    });
    this.recent.delete(claims.tokenId);
    return {
      token,
      tokenId: claims.tokenId,
      caseId,
      role,
      issuedAt: claims.issuedAt,
      ...(claims.expiresAt === undefined ? {} : { expiresAt: claims.expiresAt }),
      ...(options.label ? { label: options.label } : {}),
    };
  }

  revoke(tokenId: string, now = Date.now()): boolean {
    const done = this.db.revokeToken(tokenId, now);
    this.recent.set(tokenId, { at: now, ok: false });
    return done;
  }
}
