/**
 * The app's calls to the sync server's HTTP API (shared/sync/api.ts): check
 * the address, share a case, make invitations, move blobs. Tokens travel in
 * `Authorization: Bearer` only; errors become sentences for the person
 * using the app.
 */
import { API_PATHS, apiErrorSchema, issuedTokenSchema, serverInfoSchema, type IssuedToken, type ServerInfo } from '../../../shared/sync/api';
import type { Role } from '../../../shared/sync/token';
import { t, translate } from '../../i18n';
import { syncRefusalRef } from '../../../shared/sync/refusal';
import { updatesOfBody } from '../../../shared/sync/updateChunks';

export class SyncServerError extends Error {
  override name = 'SyncServerError';
  constructor(
    message: string,
    readonly status = 0,
  ) {
    super(message);
  }
}

async function request(server: string, path: string, init: RequestInit & { token?: string }): Promise<Response> {
  const headers = new Headers(init.headers);
  if (init.token) headers.set('Authorization', `Bearer ${init.token}`);
  let response: Response;
  try {
    response = await fetch(server + path, { ...init, headers });
  } catch {
    throw new SyncServerError(t('sync.unreachable', { server }));
  }
  if (!response.ok) {
    let message: string = t('sync.httpStatus', { status: response.status, statusText: response.statusText });
    try {
      const parsed = apiErrorSchema.safeParse(await response.json());
      if (parsed.success) message = translate(syncRefusalRef({ reason: parsed.data.error.reason, param: parsed.data.error.param, english: parsed.data.error.message }));
    } catch {
      // Not our server's JSON error: keep the status line.
    }
    throw new SyncServerError(message, response.status);
  }
  return response;
}

/** What the server says about itself; refuses anything that is not a Casefile sync server. */
export async function serverInfo(server: string): Promise<ServerInfo> {
  const response = await request(server, API_PATHS.info, { method: 'GET' });
  const parsed = serverInfoSchema.safeParse(await response.json().catch(() => null));
  if (!parsed.success) throw new SyncServerError(t('sync.notServer', { server }));
  return parsed.data;
}

/** Share a case on the server: the owner's read-write token. */
export async function registerCase(server: string, caseId: string, shareKey?: string): Promise<IssuedToken> {
  const response = await request(server, API_PATHS.cases, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ caseId }),
    ...(shareKey ? { token: shareKey } : {}),
  });
  return issuedTokenSchema.parse(await response.json());
}

/** A new invitation token for the case (needs a read-write token). */
export async function createInvitation(server: string, caseId: string, token: string, role: Role): Promise<IssuedToken> {
  const response = await request(server, API_PATHS.invitations(caseId), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ role }),
    token,
  });
  return issuedTokenSchema.parse(await response.json());
}

/** Store a blob under its SHA-256 (a second upload of the same bytes is a no-op on the server). */
export async function putBlob(server: string, caseId: string, token: string, sha256: string, bytes: Uint8Array): Promise<void> {
  await request(server, API_PATHS.blob(caseId, sha256), { method: 'PUT', body: bytes as BodyInit, token, headers: { 'Content-Type': 'application/octet-stream' } });
}

/** Fetch a blob by its SHA-256. */
/**
 * The case document's state as the server holds it, as Yjs updates to apply in order (one, from a
 * server that does not cut it in pieces); null from a server that does not offer it (an older one),
 * which then sends the document over the WebSocket instead.
 */
export async function getDocumentState(server: string, caseId: string, token: string): Promise<Uint8Array[] | null> {
  try {
    const response = await request(server, API_PATHS.document(caseId), { method: 'GET', token });
    const body = new Uint8Array(await response.arrayBuffer());
    try {
      return updatesOfBody(response.headers.get('Content-Type'), body);
    } catch (error) {
      throw new Error(t('sync.documentCutShort', { server }), { cause: error });
    }
  } catch (error) {
    if (error instanceof SyncServerError && error.status === 404) return null;
    throw error;
  }
}

export async function getBlob(server: string, caseId: string, token: string, sha256: string): Promise<Uint8Array> {
  const response = await request(server, API_PATHS.blob(caseId, sha256), { method: 'GET', token });
  return new Uint8Array(await response.arrayBuffer());
}
