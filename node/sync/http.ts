import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import {
  createInvitationRequestSchema,
  registerCaseRequestSchema,
  SYNC_PROTOCOL,
  type ApiError,
  type ApiErrorCode,
  type InvitationInfo,
  type ServerInfo,
} from '../../shared/sync/api';
import { isValidId, SHA256_PATTERN } from '../../shared/sync/names';
import type { SyncRefusalReason } from '../../shared/sync/refusal';
import type { TokenClaims } from '../../shared/sync/token';
import { frameUpdates, splitUpdate, UPDATE_PIECES_TYPE } from '../../shared/sync/updateChunks';
import type { Access } from './access';
import { BlobError, type BlobStore } from './blobs';
import type { SyncDatabase } from './store';
import { Refusal } from './tokens';

/**
 * The sync server's HTTP side, on the same port as the WebSocket:
 *
 *   GET  /                                    what this server is and its limits
 *   POST /cases                               share a new case: {caseId} → a read-write token
 *   POST /cases/<id>/invitations              (rw) a new invitation: {role, expiresAt?, label?}
 *   GET  /cases/<id>/invitations              (rw) the invitations issued for the case
 *   DELETE /cases/<id>/invitations/<tokenId>  (rw) revoke one, closing its connections
 *   GET  /cases/<id>/document                 the case document's state as Yjs updates applied in order
 *   PUT|GET|HEAD /blobs/<id>/<sha256>         immutable blobs (PUT needs rw)
 *
 * Tokens travel only in `Authorization: Bearer`, never in a URL, and are never
 * logged. Any origin may call (CORS `*`): there are no cookies, and nothing
 * is answered without a token. Answers are JSON `{error: {code, message}}` on failure.
 */

export interface HttpDeps {
  db: SyncDatabase;
  access: Access;
  blobs: BlobStore;
  limits: { maxMessageBytes: number; maxBlobBytes: number };
  shareKey?: string;
  version: string;
  log: (line: string) => void;
  /** Close every live connection that uses this token. */
  onRevoke: (tokenId: string) => void;
  /** The case document's whole state as one Yjs update, as the server holds it now. */
  documentState: (caseId: string) => Promise<Uint8Array>;
}

const MAX_JSON_BYTES = 16 * 1024;

const STATUS: Record<ApiErrorCode, number> = {
  'bad-request': 400,
  unauthorized: 401,
  forbidden: 403,
  'read-only': 403,
  expired: 401,
  revoked: 401,
  'wrong-case': 403,
  'not-found': 404,
  conflict: 409,
  'too-large': 413,
  'hash-mismatch': 422,
  'method-not-allowed': 405,
  'server-error': 500,
};

class HttpFailure extends Error {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    /** The refusal's stable name, for the refusals the app shows in its own words (shared/sync/refusal.ts). */
    readonly why?: SyncRefusalReason,
    readonly param?: string,
  ) {
    super(message);
  }
}

function headers(extra: Record<string, string> = {}): Record<string, string> {
  return {
    'Access-Control-Allow-Origin': '*',
    'Access-Control-Expose-Headers': 'Content-Length, ETag',
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    ...extra,
  };
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, headers({ 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': String(Buffer.byteLength(text)), 'Cache-Control': 'no-store' }));
  res.end(text);
}

function sendError(res: ServerResponse, code: ApiErrorCode, message: string, why?: SyncRefusalReason, param?: string): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const body: ApiError = { error: { code, message, ...(why ? { reason: why } : {}), ...(param !== undefined ? { param } : {}) } };
  sendJson(res, STATUS[code], body);
}

function bearer(req: IncomingMessage): string | null {
  const value = req.headers.authorization;
  if (!value) return null;
  const match = /^Bearer\s+(.+)$/iu.exec(value);
  return match ? match[1]!.trim() : '';
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > MAX_JSON_BYTES) throw new HttpFailure('too-large', 'The request is too large.');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_JSON_BYTES) throw new HttpFailure('too-large', 'The request is too large.');
    chunks.push(chunk);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new HttpFailure('bad-request', 'The request body is not JSON.');
  }
}

/** Constant-time comparison of two secrets of any length. */
function sameSecret(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

function refuse(refusal: Refusal): never {
  throw new HttpFailure(refusal.code, refusal.reason, refusal.why, refusal.param);
}

export function createHttpHandler(deps: HttpDeps): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  const authorize = (req: IncomingMessage, caseId: string, write: boolean): TokenClaims => {
    const result = deps.access.check(bearer(req), caseId, { write });
    if (result instanceof Refusal) refuse(result);
    return result;
  };

  const info = (): ServerInfo => ({
    service: 'casefile-sync',
    protocol: SYNC_PROTOCOL,
    version: deps.version,
    limits: deps.limits,
    shareKeyRequired: deps.shareKey !== undefined,
  });

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method ?? 'GET';
    const path = new URL(req.url ?? '/', 'http://sync.invalid').pathname;
    const parts = path.split('/').filter(Boolean).map((p) => {
      try {
        return decodeURIComponent(p);
      } catch {
        throw new HttpFailure('bad-request', 'The address is malformed.');
      }
    });

    if (method === 'OPTIONS') {
      res.writeHead(204, headers({ 'Access-Control-Allow-Methods': 'GET, HEAD, PUT, POST, DELETE, OPTIONS', 'Access-Control-Allow-Headers': 'Authorization, Content-Type', 'Access-Control-Max-Age': '600' }));
      res.end();
      return;
    }

    if (parts.length === 0) {
      if (method !== 'GET' && method !== 'HEAD') throw new HttpFailure('method-not-allowed', 'Use GET here.');
      sendJson(res, 200, info());
      return;
    }

    if (parts[0] === 'cases') {
      if (parts.length === 1) {
        if (method !== 'POST') throw new HttpFailure('method-not-allowed', 'Use POST to share a case.');
        if (deps.shareKey !== undefined && !sameSecret(bearer(req) ?? '', deps.shareKey)) {
          throw new HttpFailure('forbidden', 'This server needs its share key to share a new case. Ask whoever runs the server for it.', 'share-key');
        }
        const body = registerCaseRequestSchema.safeParse(await readJson(req));
        if (!body.success) throw new HttpFailure('bad-request', 'Send {"caseId": "<the case ID>"}.');
        const { caseId } = body.data;
        if (!deps.db.registerCase(caseId, Date.now())) {
          throw new HttpFailure('conflict', 'This case is already shared on this server. To work on it, ask one of its members for an invitation.', 'already-shared');
        }
        const issued = deps.access.issue(caseId, 'rw', { label: 'owner' });
        deps.log(`case ${caseId} shared (owner invitation ${issued.tokenId})`);
        sendJson(res, 201, issued);
        return;
      }
      const caseId = parts[1]!;
      if (isValidId(caseId) && parts[2] === 'document' && parts.length === 3) {
        // A joining member's first copy: received whole over HTTP, applied before the WebSocket
        // provider attaches (whose sync then sends only what changed since), so the app does not
        // encode the whole document a second time for the provider's own update listener.
        if (method !== 'GET') throw new HttpFailure('method-not-allowed', 'Use GET here.');
        authorize(req, caseId, false);
        // In pieces that each integrate on their own (updateChunks.ts), so the app applies a big case
        // a few hundred kilobytes at a time, with the page answering in between.
        const body = frameUpdates(splitUpdate(await deps.documentState(caseId)));
        res.writeHead(200, headers({ 'Content-Type': UPDATE_PIECES_TYPE, 'Content-Length': String(body.byteLength), 'Cache-Control': 'no-store' }));
        res.end(body);
        return;
      }
      if (!isValidId(caseId) || parts[2] !== 'invitations' || parts.length > 4) throw new HttpFailure('not-found', 'There is nothing at this address.');
      const claims = authorize(req, caseId, true);
      if (parts.length === 3 && method === 'POST') {
        const body = createInvitationRequestSchema.safeParse(await readJson(req));
        if (!body.success) throw new HttpFailure('bad-request', `The invitation request is not valid (${body.error.issues[0]?.path.join('.') || 'body'}: ${body.error.issues[0]?.message ?? ''}).`);
        if (body.data.expiresAt !== undefined && body.data.expiresAt <= Date.now()) throw new HttpFailure('bad-request', 'The expiry date is already past.', 'expiry-past');
        const issued = deps.access.issue(caseId, body.data.role, { ...body.data, issuedBy: claims.tokenId });
        deps.log(`case ${caseId}: invitation ${issued.tokenId} (${issued.role}) issued by ${claims.tokenId}`);
        sendJson(res, 201, issued);
        return;
      }
      if (parts.length === 3 && method === 'GET') {
        const invitations: InvitationInfo[] = deps.db.tokens(caseId).map(({ id, caseId: _c, ...rest }) => ({ tokenId: id, ...rest }));
        sendJson(res, 200, { invitations });
        return;
      }
      if (parts.length === 4 && method === 'DELETE') {
        const tokenId = parts[3]!;
        const row = deps.db.token(tokenId);
        if (!row || row.caseId !== caseId) throw new HttpFailure('not-found', 'This case has no such invitation.', 'no-such-invitation');
        deps.access.revoke(tokenId);
        deps.onRevoke(tokenId);
        deps.log(`case ${caseId}: invitation ${tokenId} revoked by ${claims.tokenId}`);
        res.writeHead(204, headers());
        res.end();
        return;
      }
      throw new HttpFailure('method-not-allowed', 'This method is not allowed here.');
    }

    if (parts[0] === 'blobs' && parts.length === 3) {
      const [, caseId, sha256] = parts as [string, string, string];
      if (!isValidId(caseId) || !SHA256_PATTERN.test(sha256)) throw new HttpFailure('not-found', 'A blob address is /blobs/<case ID>/<lower-case hex SHA-256>.');
      if (method === 'PUT') {
        authorize(req, caseId, true);
        const declared = Number(req.headers['content-length'] ?? NaN);
        if (Number.isFinite(declared) && declared > deps.limits.maxBlobBytes) {
          throw new HttpFailure('too-large', `This file is larger than the server accepts (${Math.round(deps.limits.maxBlobBytes / 2 ** 20)} MB).`, 'blob-too-large', String(Math.round(deps.limits.maxBlobBytes / 2 ** 20)));
        }
        const outcome = await deps.blobs.put(caseId, sha256, req, deps.limits.maxBlobBytes);
        if (outcome === 'exists') req.resume();
        sendJson(res, outcome === 'created' ? 201 : 200, { sha256, stored: outcome });
        return;
      }
      if (method === 'GET' || method === 'HEAD') {
        authorize(req, caseId, false);
        const size = await deps.blobs.size(caseId, sha256);
        if (size === null) throw new HttpFailure('not-found', 'The server does not have this file yet.', 'blob-missing');
        res.writeHead(200, headers({ 'Content-Type': 'application/octet-stream', 'Content-Length': String(size), ETag: `"${sha256}"`, 'Cache-Control': 'private, max-age=31536000, immutable' }));
        if (method === 'HEAD') {
          res.end();
          return;
        }
        await pipeline(deps.blobs.read(caseId, sha256), res);
        return;
      }
      throw new HttpFailure('method-not-allowed', 'Blobs take PUT, GET and HEAD.');
    }

    throw new HttpFailure('not-found', 'There is nothing at this address.');
  }

  return async (req, res) => {
    try {
      await route(req, res);
    } catch (error) {
      if (error instanceof HttpFailure || error instanceof BlobError) sendError(res, error.code, error.message, error.why, error.param);
      else {
        deps.log(`error: ${req.method} ${new URL(req.url ?? '/', 'http://sync.invalid').pathname}: ${error instanceof Error ? error.message : String(error)}`);
        sendError(res, 'server-error', 'The sync server could not do this; see its log.');
      }
    }
  };
}
