import { describe, expect, it } from 'vitest';
import {
  InvitationError,
  formatInvitationCode,
  formatInvitationLink,
  normaliseServerAddress,
  parseInvitation,
  type Invitation,
} from '../../../../shared/sync/invitation';
import { caseDocName, noteDocName, parseDocName } from '../../../../shared/sync/names';
import {
  TOKEN_PATTERN,
  TokenError,
  assembleToken,
  encodeTokenPayload,
  readTokenClaims,
  splitToken,
  toBase64Url,
} from '../../../../shared/sync/token';

const CASE = '3f1d2c9a-7b7e-4d3c-9a55-0d6f2b1e8c44';
// Only the server can make a real MAC; these tests read the format, so any 32 bytes do.
const FAKE_MAC = toBase64Url(new Uint8Array(32).fill(7));

function token(claims: { caseId?: string; role?: 'rw' | 'ro'; expiresAt?: number } = {}): string {
  return assembleToken(
    encodeTokenPayload({ caseId: claims.caseId ?? CASE, role: claims.role ?? 'ro', tokenId: 'tok_12345678', issuedAt: 1_767_225_600_000, ...(claims.expiresAt ? { expiresAt: claims.expiresAt } : {}) }),
    FAKE_MAC,
  );
}

function invitation(overrides: Partial<Invitation> = {}): Invitation {
  return { server: 'https://sync.example.org/casefile', caseId: CASE, role: 'ro', token: token(), label: 'Harbour inquiry (Newsroom)', ...overrides };
}

describe('tokens', () => {
  it('carries case, role, id and expiry, and the pattern finds it in a text', () => {
    const t = token({ role: 'rw', expiresAt: 1_800_000_000_000 });
    expect(readTokenClaims(t)).toEqual({ caseId: CASE, role: 'rw', tokenId: 'tok_12345678', issuedAt: 1_767_225_600_000, expiresAt: 1_800_000_000_000 });
    expect(TOKEN_PATTERN.test(`log line: connected with ${t} ok`)).toBe(true);
    expect(splitToken(t).mac).toBe(FAKE_MAC);
  });

  it.each([
    ['', 'not a Casefile invitation token'],
    ['cft2.abc.def', 'not a Casefile invitation token'],
    [`cft1.${'A'.repeat(20)}.short`, 'damaged'],
    [`cft1.${toBase64Url(new TextEncoder().encode('{"v":1}'))}.${FAKE_MAC}`, 'damaged or from a newer Casefile'],
    [`cft1.${toBase64Url(new TextEncoder().encode('not json'))}.${FAKE_MAC}`, 'cannot be read'],
  ])('refuses %j with a message', (text, message) => {
    expect(() => readTokenClaims(text)).toThrow(TokenError);
    expect(() => readTokenClaims(text)).toThrow(message);
  });
});

describe('document names', () => {
  it('namespaces every document by its case', () => {
    expect(caseDocName(CASE)).toBe(`case/${CASE}`);
    expect(noteDocName(CASE, 'n1')).toBe(`note/${CASE}/n1`);
    expect(parseDocName(`note/${CASE}/n1`)).toEqual({ kind: 'note', caseId: CASE, noteId: 'n1' });
    expect(parseDocName(`case/${CASE}`)).toEqual({ kind: 'case', caseId: CASE });
  });

  it.each(['', 'case', 'case/', `case/${CASE}/x`, 'note/a', 'note/a/b/c', 'case/../etc', 'case/.hidden', 'other/x', 'case/a b'])(
    'does not recognise %j',
    (name) => {
      expect(parseDocName(name)).toBeNull();
    },
  );

  it('refuses to build a name from an ID with a slash', () => {
    expect(() => caseDocName('a/b')).toThrow('Not a valid case ID');
  });
});

describe('server addresses', () => {
  it.each([
    ['https://sync.example.org', 'https://sync.example.org', 'wss://sync.example.org', false],
    ['  https://sync.example.org/casefile/  ', 'https://sync.example.org/casefile', 'wss://sync.example.org/casefile', false],
    ['wss://sync.example.org:8443', 'https://sync.example.org:8443', 'wss://sync.example.org:8443', false],
    ['sync.example.org', 'https://sync.example.org', 'wss://sync.example.org', false],
    ['127.0.0.1:1234', 'http://127.0.0.1:1234', 'ws://127.0.0.1:1234', false],
    ['localhost:1234', 'http://localhost:1234', 'ws://localhost:1234', false],
    ['http://192.168.1.20:1234', 'http://192.168.1.20:1234', 'ws://192.168.1.20:1234', true],
  ])('%j → %s', (input, http, ws, insecure) => {
    expect(normaliseServerAddress(input)).toEqual({ http, ws, insecure });
  });

  it.each([
    ['', 'Type the sync server'],
    ['ftp://example.org', 'not ftp://'],
    ['https://user:pw@example.org', 'user name and password'],
    ['https://example.org/?token=x', 'cannot contain'],
    ['https://', 'not a server address'],
  ])('refuses %j', (input, message) => {
    expect(() => normaliseServerAddress(input)).toThrow(InvitationError);
    expect(() => normaliseServerAddress(input)).toThrow(message);
  });
});

describe('invitations', () => {
  it('round-trips as a link, with the token in the fragment', () => {
    const link = formatInvitationLink(invitation());
    expect(link.startsWith('casefile://join?')).toBe(true);
    expect(link.indexOf('#token=cft1.')).toBeGreaterThan(link.indexOf('?'));
    expect(parseInvitation(link)).toEqual(invitation());
  });

  it('round-trips as a code', () => {
    const code = formatInvitationCode(invitation({ role: 'rw', token: token({ role: 'rw' }) }));
    expect(code).toMatch(/^CFI1-[A-Za-z0-9_-]+$/u);
    expect(parseInvitation(code)).toEqual(invitation({ role: 'rw', token: token({ role: 'rw' }) }));
  });

  it('survives the way people paste: brackets, quotes, line breaks', () => {
    const link = formatInvitationLink(invitation());
    const wrapped = `<${link.slice(0, 40)}\n  ${link.slice(40, 90)}\r\n${link.slice(90)}>`;
    expect(parseInvitation(wrapped)).toEqual(invitation());
    expect(parseInvitation(`“${formatInvitationCode(invitation())}”`)).toEqual(invitation());
  });

  it('normalises the server address it carries', () => {
    expect(parseInvitation(formatInvitationLink(invitation({ server: 'wss://sync.example.org/' }))).server).toBe('https://sync.example.org');
  });

  it.each([
    ['', 'Paste the invitation'],
    ['https://sync.example.org', 'not a Casefile invitation'],
    [token(), 'only the token'],
    ['casefile://join?server=https%3A%2F%2Fsync.example.org&case=x&role=ro', 'incomplete (no token)'],
    ['CFI1-bm90IGpzb24', 'damaged'],
  ])('refuses %j with a clear message', (text, message) => {
    expect(() => parseInvitation(text)).toThrow(InvitationError);
    expect(() => parseInvitation(text)).toThrow(message);
  });

  it('refuses a link whose token is for another case or another role', () => {
    const otherCase = formatInvitationLink(invitation()).replace(`case=${CASE}`, 'case=another-case');
    expect(() => parseInvitation(otherCase)).toThrow('for a different case');
    const link = formatInvitationLink(invitation()).replace('role=ro', 'role=rw');
    expect(() => parseInvitation(link)).toThrow('different kind of access');
  });

  it('refuses a link cut off in the middle of its token', () => {
    const link = formatInvitationLink(invitation());
    expect(() => parseInvitation(link.slice(0, -10))).toThrow('damaged');
  });
});
