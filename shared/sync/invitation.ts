/**
 * Invitations to a shared case: what "Share case…" hands out and "Join case…"
 * takes. An invitation carries the server's address, the case ID, the role and
 * the capability token, as a link or as a code:
 *
 *   casefile://join?server=https%3A%2F%2Fsync.example.org&case=<id>&role=ro#token=cft1.…
 *   CFI1-<base64url JSON {s, c, r, t, l?}>
 *
 * The token sits in the link's fragment, which browsers and proxies never send
 * to a server, so a link opened by mistake does not leave the token in a log.
 * The code form survives chat apps that rewrite or preview links.
 */
import { z } from 'zod';
import { idSchema } from '../bundle/schema';
import { fromBase64Url, readTokenClaims, toBase64Url, TokenError, type Role } from './token';

export const INVITATION_LINK_PREFIX = 'casefile://join';
export const INVITATION_CODE_PREFIX = 'CFI1-';

export interface Invitation {
  /** The server's HTTP(S) base address, normalised (see normaliseServerAddress). */
  server: string;
  caseId: string;
  role: Role;
  token: string;
  /** What the inviter called the case, shown before joining. */
  label?: string;
}

/** An invitation or server address that cannot be used; `message` is written for the user. */
export class InvitationError extends Error {
  override name = 'InvitationError';
}

export interface ServerAddress {
  /** Base for HTTP requests (blobs, invitations), without a trailing slash. */
  http: string;
  /** The WebSocket address of the same server, for the Hocuspocus provider. */
  ws: string;
  /** True when traffic to a non-loopback host would travel without TLS. */
  insecure: boolean;
}

const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/iu;

/**
 * Turn what a person typed as "Server address" into the addresses the client
 * uses. Accepts `https://host[:port][/path]`, `http://…`, `wss://…`, `ws://…`,
 * or a bare `host[:port]` (https, except for loopback, which gets http).
 */
export function normaliseServerAddress(input: string): ServerAddress {
  const text = input.trim();
  if (text === '') throw new InvitationError('Type the sync server’s address, for example https://sync.example.org.');
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//iu.test(text) ? text : `${LOOPBACK.test(text.split(/[:/]/u)[0] ?? '') || /^\[::1\]/u.test(text) ? 'http' : 'https'}://${text}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw new InvitationError(`“${text.slice(0, 200)}” is not a server address. It should look like https://sync.example.org or 127.0.0.1:1234.`);
  }
  const scheme = url.protocol.replace(/:$/u, '').toLowerCase();
  if (!['http', 'https', 'ws', 'wss'].includes(scheme)) {
    throw new InvitationError(`A sync server address starts with https:// (or http:// on your own machine), not ${scheme}://.`);
  }
  if (url.username || url.password) throw new InvitationError('Leave the user name and password out of the server address: invitations carry their own token.');
  if (url.search || url.hash) throw new InvitationError('The server address cannot contain “?” or “#”. Paste an invitation into “Join case…” instead.');
  if (url.hostname === '') throw new InvitationError('The server address has no host name.');
  const secure = scheme === 'https' || scheme === 'wss';
  const rest = `${url.host}${url.pathname.replace(/\/+$/u, '')}`;
  return {
    http: `${secure ? 'https' : 'http'}://${rest}`,
    ws: `${secure ? 'wss' : 'ws'}://${rest}`,
    insecure: !secure && !LOOPBACK.test(url.hostname),
  };
}

const invitationSchema = z.object({
  server: z.string().min(1).max(2000),
  caseId: idSchema,
  role: z.enum(['rw', 'ro']),
  token: z.string().min(1).max(4000),
  label: z.string().max(200).optional(),
});

/** Check an invitation's parts against each other; returns it with the server address normalised. */
export function validateInvitation(input: Invitation): Invitation {
  const parsed = invitationSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.join('.') || 'invitation';
    throw new InvitationError(`This invitation is incomplete or damaged (${field}: ${issue?.message ?? 'invalid'}). Ask for a new one.`);
  }
  const inv = parsed.data;
  const server = normaliseServerAddress(inv.server).http;
  let claims;
  try {
    claims = readTokenClaims(inv.token);
  } catch (error) {
    throw new InvitationError(error instanceof TokenError ? error.message : 'The invitation token cannot be read. Ask for a new invitation.');
  }
  if (claims.caseId !== inv.caseId) throw new InvitationError('This invitation is damaged: its token is for a different case than the one it names. Ask for a new invitation.');
  if (claims.role !== inv.role) throw new InvitationError('This invitation is damaged: its token gives a different kind of access than the one it names. Ask for a new invitation.');
  return { server, caseId: inv.caseId, role: inv.role, token: inv.token.trim(), ...(inv.label ? { label: inv.label } : {}) };
}

/** The invitation as a link. */
export function formatInvitationLink(input: Invitation): string {
  const inv = validateInvitation(input);
  const query = new URLSearchParams({ server: inv.server, case: inv.caseId, role: inv.role });
  if (inv.label) query.set('label', inv.label);
  return `${INVITATION_LINK_PREFIX}?${query.toString()}#token=${inv.token}`;
}

/** The invitation as one opaque code. */
export function formatInvitationCode(input: Invitation): string {
  const inv = validateInvitation(input);
  const json = JSON.stringify({ s: inv.server, c: inv.caseId, r: inv.role, t: inv.token, ...(inv.label ? { l: inv.label } : {}) });
  return INVITATION_CODE_PREFIX + toBase64Url(new TextEncoder().encode(json));
}

/**
 * Read an invitation pasted by a person: a link or a code, possibly wrapped in
 * angle brackets or quotes and broken over lines by an e-mail program.
 * Throws an InvitationError whose message says what is wrong.
 */
export function parseInvitation(text: string): Invitation {
  const cleaned = text
    .trim()
    .replace(/^[<"'“‘]+|[>"'”’]+$/gu, '')
    .replace(/\s+/gu, '');
  if (cleaned === '') throw new InvitationError('Paste the invitation you were sent: a link starting with casefile://join or a code starting with CFI1-.');
  if (cleaned.toUpperCase().startsWith(INVITATION_CODE_PREFIX)) return parseCode(cleaned.slice(INVITATION_CODE_PREFIX.length));
  if (cleaned.toLowerCase().startsWith(INVITATION_LINK_PREFIX)) return parseLink(cleaned);
  if (/^cft1\./u.test(cleaned)) {
    throw new InvitationError('This is only the token of an invitation. Paste the whole invitation: the link starting with casefile://join or the code starting with CFI1-.');
  }
  throw new InvitationError('This is not a Casefile invitation. It should be a link starting with casefile://join or a code starting with CFI1-.');
}

function parseLink(text: string): Invitation {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new InvitationError('This invitation link is damaged and cannot be read. Ask for a new one.');
  }
  const q = url.searchParams;
  const fragment = new URLSearchParams(url.hash.replace(/^#/u, ''));
  const missing = [['server', q.get('server')], ['case', q.get('case')], ['role', q.get('role')], ['token', fragment.get('token')]]
    .filter(([, v]) => !v)
    .map(([k]) => k);
  if (missing.length > 0) {
    throw new InvitationError(`This invitation link is incomplete (no ${missing.join(', ')}); it may have been cut off when it was copied. Ask for a new one.`);
  }
  const role = q.get('role');
  if (role !== 'rw' && role !== 'ro') throw new InvitationError(`This invitation link names an unknown kind of access (“${role}”).`);
  const label = q.get('label');
  return validateInvitation({ server: q.get('server')!, caseId: q.get('case')!, role, token: fragment.get('token')!, ...(label ? { label } : {}) });
}

const codeSchema = z.object({ s: z.string(), c: z.string(), r: z.enum(['rw', 'ro']), t: z.string(), l: z.string().optional() });

function parseCode(body: string): Invitation {
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(fromBase64Url(body)));
  } catch {
    throw new InvitationError('This invitation code is damaged (part of it may be missing). Ask for a new one.');
  }
  const parsed = codeSchema.safeParse(json);
  if (!parsed.success) throw new InvitationError('This invitation code is damaged or from a newer Casefile. Ask for a new one.');
  const { s, c, r, t, l } = parsed.data;
  return validateInvitation({ server: s, caseId: c, role: r, token: t, ...(l ? { label: l } : {}) });
}
