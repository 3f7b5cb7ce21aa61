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
import { englishText, type MessageRef } from '../i18n';
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

/** An invitation or server address that cannot be used: `detail` says why for the UI to translate, `message` is its English. */
export class InvitationError extends Error {
  override name = 'InvitationError';
  readonly detail: MessageRef;

  constructor(key: string, values?: MessageRef['values']) {
    const detail: MessageRef = { key: `invitation.${key}`, ...(values ? { values } : {}) };
    super(englishText(detail));
    this.detail = detail;
  }
}

/** The UI's message for each kind of token trouble. */
const TOKEN_TROUBLE: Record<TokenError['kind'], string> = { 'not-token': 'tokenNotToken', damaged: 'tokenDamaged', unreadable: 'tokenUnreadable', newer: 'tokenNewer' };

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
  if (text === '') throw new InvitationError('serverEmpty');
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//iu.test(text) ? text : `${LOOPBACK.test(text.split(/[:/]/u)[0] ?? '') || /^\[::1\]/u.test(text) ? 'http' : 'https'}://${text}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw new InvitationError('notAddress', { text: text.slice(0, 200) });
  }
  const scheme = url.protocol.replace(/:$/u, '').toLowerCase();
  if (!['http', 'https', 'ws', 'wss'].includes(scheme)) {
    throw new InvitationError('scheme', { scheme });
  }
  if (url.username || url.password) throw new InvitationError('credentials');
  if (url.search || url.hash) throw new InvitationError('queryOrHash');
  if (url.hostname === '') throw new InvitationError('noHost');
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
    throw new InvitationError('incomplete', { field, issue: issue?.message ?? 'invalid' });
  }
  const inv = parsed.data;
  const server = normaliseServerAddress(inv.server).http;
  let claims;
  try {
    claims = readTokenClaims(inv.token);
  } catch (error) {
    throw new InvitationError(error instanceof TokenError ? TOKEN_TROUBLE[error.kind] : 'tokenUnreadable');
  }
  if (claims.caseId !== inv.caseId) throw new InvitationError('otherCase');
  if (claims.role !== inv.role) throw new InvitationError('otherRole');
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
  if (cleaned === '') throw new InvitationError('empty');
  if (cleaned.toUpperCase().startsWith(INVITATION_CODE_PREFIX)) return parseCode(cleaned.slice(INVITATION_CODE_PREFIX.length));
  if (cleaned.toLowerCase().startsWith(INVITATION_LINK_PREFIX)) return parseLink(cleaned);
  if (/^cft1\./u.test(cleaned)) {
    throw new InvitationError('onlyToken');
  }
  throw new InvitationError('notInvitation');
}

function parseLink(text: string): Invitation {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new InvitationError('linkDamaged');
  }
  const q = url.searchParams;
  const fragment = new URLSearchParams(url.hash.replace(/^#/u, ''));
  const missing = [['server', q.get('server')], ['case', q.get('case')], ['role', q.get('role')], ['token', fragment.get('token')]]
    .filter(([, v]) => !v)
    .map(([k]) => k);
  if (missing.length > 0) {
    throw new InvitationError('linkIncomplete', { missing: missing.join(', ') });
  }
  const role = q.get('role');
  if (role !== 'rw' && role !== 'ro') throw new InvitationError('unknownRole', { role: role ?? '' });
  const label = q.get('label');
  return validateInvitation({ server: q.get('server')!, caseId: q.get('case')!, role, token: fragment.get('token')!, ...(label ? { label } : {}) });
}

const codeSchema = z.object({ s: z.string(), c: z.string(), r: z.enum(['rw', 'ro']), t: z.string(), l: z.string().optional() });

function parseCode(body: string): Invitation {
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(fromBase64Url(body)));
  } catch {
    throw new InvitationError('codeDamaged');
  }
  const parsed = codeSchema.safeParse(json);
  if (!parsed.success) throw new InvitationError('codeNewer');
  const { s, c, r, t, l } = parsed.data;
  return validateInvitation({ server: s, caseId: c, role: r, token: t, ...(l ? { label: l } : {}) });
}
