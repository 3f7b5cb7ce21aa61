import { createHash, randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { caseDocName, noteDocName } from '../../../../shared/sync/names';
import { serverInfoSchema, type IssuedToken } from '../../../../shared/sync/api';
import { readRefusalText } from '../../../../shared/sync/refusal';
import { TOKEN_PATTERN } from '../../../../shared/sync/token';
import { UPDATE_PIECES_TYPE, updatesOfBody } from '../../../../shared/sync/updateChunks';
import { signToken } from '../../../../node/sync/tokens';
import { connect, invite, shareCase, sleep, startTestServer, waitFor, type Client, type TestServer } from './helpers';

// Real servers and sockets: give each test room on a machine shared with other work.
vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

const CASE = 'c0ffee00-0000-4000-8000-000000000001';
const OTHER = 'c0ffee00-0000-4000-8000-000000000002';

let server: TestServer;
let owner: IssuedToken;
let otherOwner: IssuedToken;
const clients: Client[] = [];

function client(name: string, token: string | null, doc?: Y.Doc): Client {
  const c = connect(server.wsUrl, name, token, doc);
  clients.push(c);
  return c;
}

beforeAll(async () => {
  server = await startTestServer();
  owner = await shareCase(server.url, CASE);
  otherOwner = await shareCase(server.url, OTHER);
});

afterEach(() => {
  for (const c of clients.splice(0)) c.destroy();
});

afterAll(async () => {
  await server.stop();
});

/** Write something into the case as its owner and wait until the server holds it. */
async function seed(text: string): Promise<void> {
  const a = client(caseDocName(CASE), owner.token);
  await a.synced();
  a.doc.getText('seed').insert(0, text);
  await a.acknowledged();
  a.destroy();
}

/**
 * A client that speaks the protocol by hand: authenticate with `token`, ask
 * for the document (SyncStep1), and record every frame the server sends.
 */
async function rawAttempt(name: string, token: string): Promise<{ types: number[]; reasons: string[]; bytes: number }> {
  const ws = new WebSocket(server.wsUrl);
  const frames: Uint8Array[] = [];
  ws.on('message', (data: Buffer) => frames.push(new Uint8Array(data)));
  await new Promise((r) => ws.once('open', r));
  const auth = encoding.createEncoder();
  encoding.writeVarString(auth, name);
  encoding.writeVarUint(auth, 2); // Auth
  encoding.writeVarUint(auth, 0); // Token
  encoding.writeVarString(auth, token);
  const step1 = encoding.createEncoder();
  encoding.writeVarString(step1, name);
  encoding.writeVarUint(step1, 0); // Sync
  encoding.writeVarUint(step1, 0); // SyncStep1
  encoding.writeVarUint8Array(step1, Y.encodeStateVector(new Y.Doc()));
  const query = encoding.createEncoder();
  encoding.writeVarString(query, name);
  encoding.writeVarUint(query, 3); // QueryAwareness
  ws.send(encoding.toUint8Array(step1));
  ws.send(encoding.toUint8Array(query));
  ws.send(encoding.toUint8Array(auth));
  await sleep(400);
  ws.close();
  const types: number[] = [];
  const reasons: string[] = [];
  for (const frame of frames) {
    const d = decoding.createDecoder(frame);
    decoding.readVarString(d);
    const type = decoding.readVarUint(d);
    types.push(type);
    if (type === 2 && decoding.readVarUint(d) === 1) reasons.push(decoding.readVarString(d));
  }
  return { types, reasons, bytes: frames.reduce((n, f) => n + f.length, 0) };
}

describe('authentication', () => {
  it('answers GET / with what it is and its limits', async () => {
    const info = serverInfoSchema.parse(await (await fetch(server.url)).json());
    expect(info).toMatchObject({ service: 'casefile-sync', shareKeyRequired: false, limits: { maxMessageBytes: 32 * 2 ** 20 } });
  });

  it.each([
    ['no token', () => '', 'no invitation token', 'no-token'],
    ['a token signed by another server', () => signToken(randomBytes(32), { caseId: CASE, role: 'rw', tokenId: owner.tokenId }).token, 'not issued by this server', 'foreign-token'],
    ['a token whose role was changed', () => owner.token.replace(/^cft1\.[^.]+/u, signToken(randomBytes(32), { caseId: CASE, role: 'ro', tokenId: owner.tokenId, issuedAt: owner.issuedAt }).token.split('.').slice(0, 2).join('.')), 'not issued by this server', 'foreign-token'],
    ['a token for another case', () => otherOwner.token, 'for a different case', 'wrong-case'],
    ['a token this server never issued (same secret)', () => signToken(server.secret, { caseId: CASE, role: 'rw' }).token, 'no record of this invitation', 'unknown-token'],
    ['an expired token', () => server.access.issue(CASE, 'rw', { expiresAt: Date.now() - 1 }).token, 'expired', 'expired'],
    ['a garbage token', () => 'let me in', 'not valid', 'invalid-token'],
  ])('refuses %s with a reason, and sends nothing of the case', async (_what, token, reason, name) => {
    await seed('Confidential: the harbour master was paid.');
    const attempt = await rawAttempt(caseDocName(CASE), token());
    expect(attempt.reasons).toHaveLength(1);
    expect(attempt.reasons[0]).toContain(reason);
    // The refusal's stable name leads, for the app to say it in its own language.
    expect(readRefusalText(attempt.reasons[0]!).reason).toBe(name);
    expect(new Set(attempt.types)).toEqual(new Set([2])); // only the Auth answer: no Sync, no Awareness
    expect(attempt.bytes).toBeLessThan(300);

    const c = client(caseDocName(CASE), token());
    await waitFor(() => c.failures.length > 0, 'the refusal');
    expect(c.failures[0]).toContain(reason);
    expect(c.doc.getText('seed').toString()).toBe('');
  });

  it('refuses a revoked invitation, and closes connections that use it', async () => {
    const guest = await invite(server.url, CASE, owner.token, { role: 'rw', label: 'guest' });
    const c = client(caseDocName(CASE), guest.token);
    await c.synced();
    const res = await fetch(`${server.url}/cases/${CASE}/invitations/${guest.tokenId}`, { method: 'DELETE', headers: { Authorization: `Bearer ${owner.token}` } });
    expect(res.status).toBe(204);
    await waitFor(() => c.failures.some((f) => f.includes('revoked')), 'the revoked client to be refused on reconnect');
    c.doc.getText('seed').insert(0, 'written after revocation ');
    await sleep(300);
    const fresh = client(caseDocName(CASE), owner.token);
    await fresh.synced();
    expect(fresh.doc.getText('seed').toString()).not.toContain('after revocation');
    const list = (await (await fetch(`${server.url}/cases/${CASE}/invitations`, { headers: { Authorization: `Bearer ${owner.token}` } })).json()) as { invitations: { tokenId: string; revokedAt?: number; label?: string }[] };
    expect(list.invitations.find((i) => i.tokenId === guest.tokenId)).toMatchObject({ label: 'guest', revokedAt: expect.any(Number) });
  });

  it('refuses document names outside the case namespace', async () => {
    for (const name of ['case', `cases/${CASE}`, `note/${CASE}`, '../etc/passwd', `case/${CASE}/x`]) {
      const attempt = await rawAttempt(name, owner.token);
      expect(attempt.reasons).toEqual(['[not-document] This is not a Casefile document.']);
    }
  });

  it('reaches a note of its own case but no document of another case', async () => {
    const note = client(noteDocName(CASE, 'brief-1'), owner.token);
    await note.synced();
    expect(note.failures).toEqual([]);
    const foreign = client(noteDocName(OTHER, 'brief-1'), owner.token);
    await waitFor(() => foreign.failures.length > 0, 'the refusal');
    expect(foreign.failures[0]).toContain('for a different case');
  });
});

describe('read-only invitations', () => {
  it('can read but not write, and nothing it writes reaches anyone', async () => {
    await seed('Seen by readers. ');
    const reader = await invite(server.url, CASE, owner.token, { role: 'ro', label: 'reviewer' });
    const writer = client(caseDocName(CASE), owner.token);
    const ro = client(caseDocName(CASE), reader.token);
    await writer.synced();
    await ro.synced();
    expect(ro.provider.authorizedScope).toBe('readonly');
    expect(ro.doc.getText('seed').toString()).toContain('Seen by readers.');

    ro.doc.getText('seed').insert(0, 'READER WAS HERE ');
    writer.doc.getText('seed').insert(0, 'writer edit ');
    await writer.acknowledged();
    await waitFor(() => ro.doc.getText('seed').toString().includes('writer edit'), 'the reader to receive the writer’s edit');
    await sleep(300);
    expect(writer.doc.getText('seed').toString()).not.toContain('READER');
    expect(server.hocuspocus.documents.get(caseDocName(CASE))!.getText('seed').toString()).not.toContain('READER');
    expect(ro.provider.unsyncedChanges).toBeGreaterThan(0); // never acknowledged

    const res = await fetch(`${server.url}/cases/${CASE}/invitations`, { method: 'POST', headers: { Authorization: `Bearer ${reader.token}`, 'Content-Type': 'application/json' }, body: '{"role":"ro"}' });
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('read-only');
  });
});

describe('editing together', () => {
  it('two clients typing at once converge on a document that holds both texts', async () => {
    const name = noteDocName(CASE, 'brief-2');
    const a = client(name, owner.token);
    const b = client(name, owner.token);
    await a.synced();
    await b.synced();
    const ta = a.doc.getText('body');
    const tb = b.doc.getText('body');
    for (let i = 0; i < 40; i++) {
      ta.insert(ta.length, `a${i} `);
      tb.insert(0, `b${i} `);
      if (i % 7 === 0) await sleep(5);
    }
    await a.acknowledged();
    await b.acknowledged();
    await waitFor(() => ta.toString() === tb.toString() && ta.length === tb.length && ta.toString().includes('a39') && tb.toString().includes('b39'), 'both to converge');
    for (let i = 0; i < 40; i++) {
      expect(ta.toString()).toContain(`a${i} `);
      expect(ta.toString()).toContain(`b${i} `);
    }
    expect(Y.encodeStateVector(a.doc)).toEqual(Y.encodeStateVector(b.doc));
  });
});

describe('the case document over HTTP (a joining member’s first copy)', () => {
  const piecesOf = async (response: Response) => updatesOfBody(response.headers.get('content-type'), new Uint8Array(await response.arrayBuffer()));
  const stateOf = (token?: string, caseId = CASE, method = 'GET') => fetch(`${server.url}/cases/${caseId}/document`, { method, headers: token ? { Authorization: `Bearer ${token}` } : {} });

  it('gives a member the document as the server holds it, loaded or not, and a WebSocket sync after it sends only what changed', async () => {
    await seed('written before anyone asked over HTTP');
    const reader = await invite(server.url, CASE, owner.token, { role: 'ro' });
    const got = await stateOf(reader.token);
    expect(got.status).toBe(200);
    expect(got.headers.get('cache-control')).toBe('no-store');
    const doc = new Y.Doc();
    for (const piece of await piecesOf(got)) Y.applyUpdate(doc, piece);
    expect(doc.getText('seed').toString()).toContain('written before anyone asked over HTTP');
    // With the document loaded (a member connected), the live copy, this member's latest edit included.
    const live = client(caseDocName(CASE), owner.token);
    await live.synced();
    live.doc.getText('seed').insert(0, 'live edit; ');
    await live.acknowledged();
    const again = new Y.Doc();
    for (const piece of await piecesOf(await stateOf(owner.token))) Y.applyUpdate(again, piece);
    expect(again.getText('seed').toString()).toBe(live.doc.getText('seed').toString());
    // A provider that starts from that copy is synced at once, with the same text.
    const joined = client(caseDocName(CASE), reader.token, again);
    await joined.synced();
    expect(joined.doc.getText('seed').toString()).toBe(live.doc.getText('seed').toString());
  });

  it('sends a big document in pieces that each apply completely, together the whole document', async () => {
    const live = client(caseDocName(CASE), owner.token);
    await live.synced();
    const records = live.doc.getMap('passages');
    live.doc.transact(() => {
      for (let i = 0; i < 4000; i++) records.set(`p${i}`, { comment: `passage ${i}: `.padEnd(120, 'x') });
    });
    await live.acknowledged();
    const got = await stateOf(owner.token);
    expect(got.headers.get('content-type')).toBe(UPDATE_PIECES_TYPE);
    const pieces = await piecesOf(got);
    expect(pieces.length).toBeGreaterThan(1);
    const copy = new Y.Doc();
    for (const piece of pieces) {
      Y.applyUpdate(copy, piece);
      expect(copy.store.pendingStructs).toBeNull();
    }
    expect(copy.getMap('passages').toJSON()).toEqual(records.toJSON());
    expect(Y.encodeStateVector(copy)).toEqual(Y.encodeStateVector(live.doc));
  });

  it('refuses strangers, other cases’ tokens and other methods', async () => {
    expect((await stateOf()).status).toBe(401);
    expect((await stateOf(otherOwner.token)).status).toBe(403);
    expect((await stateOf(owner.token, CASE, 'POST')).status).toBe(405);
  });
});

async function put(caseId: string, sha: string, body: Uint8Array | undefined, token?: string, headers: Record<string, string> = {}) {
  return fetch(`${server.url}/blobs/${caseId}/${sha}`, {
    method: 'PUT',
    headers: { ...(token ? { Authorization: `Bearer ${token}` } : {}), ...headers },
    ...(body ? { body: body as unknown as BodyInit } : {}),
  });
}

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

describe('blobs', () => {
  const bytes = new TextEncoder().encode('%PDF-1.7 a source the team imported\n'.repeat(2000));
  const hash = sha256(bytes);

  it('stores a blob once, by its SHA-256, and serves it to members', async () => {
    const first = await put(CASE, hash, bytes, owner.token);
    expect(first.status).toBe(201);
    const again = await put(CASE, hash, bytes, owner.token);
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ sha256: hash, stored: 'exists' });
    const reader = await invite(server.url, CASE, owner.token, { role: 'ro' });
    const got = await fetch(`${server.url}/blobs/${CASE}/${hash}`, { headers: { Authorization: `Bearer ${reader.token}` } });
    expect(got.status).toBe(200);
    expect(got.headers.get('etag')).toBe(`"${hash}"`);
    expect(new Uint8Array(await got.arrayBuffer())).toEqual(bytes);
    const head = await fetch(`${server.url}/blobs/${CASE}/${hash}`, { method: 'HEAD', headers: { Authorization: `Bearer ${reader.token}` } });
    expect(head.headers.get('content-length')).toBe(String(bytes.length));
  });

  it('refuses bytes whose hash is not their name, and stores nothing', async () => {
    const wrong = sha256(new TextEncoder().encode('something else'));
    const res = await put(CASE, wrong, bytes, owner.token);
    expect(res.status).toBe(422);
    expect(((await res.json()) as { error: { message: string; reason?: string } }).error).toMatchObject({ message: expect.stringContaining('SHA-256 differs'), reason: 'hash-mismatch' });
    const got = await fetch(`${server.url}/blobs/${CASE}/${wrong}`, { headers: { Authorization: `Bearer ${owner.token}` } });
    expect(got.status).toBe(404);
  });

  it('refuses other cases, read-only writers and strangers', async () => {
    await put(CASE, hash, bytes, owner.token);
    const cross = await fetch(`${server.url}/blobs/${CASE}/${hash}`, { headers: { Authorization: `Bearer ${otherOwner.token}` } });
    expect(cross.status).toBe(403);
    expect(((await cross.json()) as { error: { code: string } }).error.code).toBe('wrong-case');
    const crossPut = await put(OTHER, hash, bytes, owner.token);
    expect(crossPut.status).toBe(403);
    const reader = await invite(server.url, CASE, owner.token, { role: 'ro' });
    const roPut = await put(CASE, sha256(new Uint8Array([1, 2, 3])), new Uint8Array([1, 2, 3]), reader.token);
    expect(roPut.status).toBe(403);
    expect(((await roPut.json()) as { error: { code: string } }).error.code).toBe('read-only');
    expect((await fetch(`${server.url}/blobs/${CASE}/${hash}`)).status).toBe(401);
    expect((await fetch(`${server.url}/blobs/${CASE}/not-a-hash`, { headers: { Authorization: `Bearer ${owner.token}` } })).status).toBe(404);
  });

  it('answers CORS preflights so the app can call from its own origin', async () => {
    const res = await fetch(`${server.url}/blobs/${CASE}/${hash}`, { method: 'OPTIONS', headers: { Origin: 'app://casefile', 'Access-Control-Request-Method': 'PUT' } });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-headers')).toContain('Authorization');
  });
});

describe('sharing cases', () => {
  it('refuses to share a case twice, and needs the share key when one is set', async () => {
    const again = await fetch(`${server.url}/cases`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ caseId: CASE }) });
    expect(again.status).toBe(409);
    const keyed = await startTestServer({ shareKey: 'correct horse battery staple' });
    try {
      const without = await fetch(`${keyed.url}/cases`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ caseId: CASE }) });
      expect(without.status).toBe(403);
      expect(((await without.json()) as { error: { message: string; reason?: string } }).error).toMatchObject({ message: expect.stringContaining('share key'), reason: 'share-key' });
      await expect(shareCase(keyed.url, CASE, 'correct horse battery staple')).resolves.toMatchObject({ role: 'rw', caseId: CASE });
    } finally {
      await keyed.stop();
    }
  });

  it('refuses invitation requests it cannot honour', async () => {
    const bad = await fetch(`${server.url}/cases/${CASE}/invitations`, { method: 'POST', headers: { Authorization: `Bearer ${owner.token}`, 'Content-Type': 'application/json' }, body: '{"role":"admin"}' });
    expect(bad.status).toBe(400);
    const past = await fetch(`${server.url}/cases/${CASE}/invitations`, { method: 'POST', headers: { Authorization: `Bearer ${owner.token}`, 'Content-Type': 'application/json' }, body: JSON.stringify({ role: 'ro', expiresAt: Date.now() - 1000 }) });
    expect(past.status).toBe(400);
  });
});

describe('caps', () => {
  it('closes a connection that sends a message over the cap, and keeps none of it', async () => {
    const small = await startTestServer({ maxMessageBytes: 64 * 1024 });
    try {
      const t = await shareCase(small.url, CASE);
      const c = connect(small.wsUrl, caseDocName(CASE), t.token);
      clients.push(c);
      await c.synced();
      c.doc.getText('body').insert(0, 'x'.repeat(100 * 1024));
      await waitFor(() => c.closes.includes(1009), 'the oversized message to close the connection');
      c.destroy(); // or it reconnects and sends it again
      await sleep(200);
      expect(small.hocuspocus.documents.get(caseDocName(CASE))?.getText('body').length ?? 0).toBe(0);
    } finally {
      await small.stop();
    }
  });

  it('refuses a blob over the cap, whether it says its size or not', async () => {
    const small = await startTestServer({ maxBlobBytes: 1024 });
    try {
      const t = await shareCase(small.url, CASE);
      const big = randomBytes(4096);
      const declared = await fetch(`${small.url}/blobs/${CASE}/${sha256(big)}`, { method: 'PUT', headers: { Authorization: `Bearer ${t.token}` }, body: big });
      expect(declared.status).toBe(413);
      // Chunked, so the server only finds out while reading.
      const status = await new Promise<number>((resolve, reject) => {
        const req = request(`${small.url}/blobs/${CASE}/${sha256(big)}`, { method: 'PUT', headers: { Authorization: `Bearer ${t.token}`, 'Transfer-Encoding': 'chunked' } }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.on('error', reject);
        req.write(big.subarray(0, 800));
        setTimeout(() => req.end(big.subarray(800)), 50);
      });
      expect(status).toBe(413);
      expect((await fetch(`${small.url}/blobs/${CASE}/${sha256(big)}`, { headers: { Authorization: `Bearer ${t.token}` } })).status).toBe(404);
    } finally {
      await small.stop();
    }
  });
});

describe('logs and the data folder', () => {
  it('never contain a token', () => {
    expect(server.logs.length).toBeGreaterThan(5);
    expect(server.logs.filter((l) => TOKEN_PATTERN.test(l))).toEqual([]);
    expect(server.logs.join('\n')).not.toContain(owner.token.split('.')[2]!);
    // Everything the server keeps: database, its write-ahead log, blobs, the secret.
    const files = readdirSync(server.dataDir, { recursive: true, withFileTypes: true }).filter((f) => f.isFile());
    expect(files.map((f) => f.name)).toContain('casefile-sync.sqlite');
    for (const file of files) {
      const text = readFileSync(join(file.parentPath, file.name)).toString('latin1');
      expect(TOKEN_PATTERN.test(text), file.name).toBe(false);
      for (const t of [owner.token, otherOwner.token]) expect(text.includes(t.split('.')[2]!), file.name).toBe(false);
    }
  });
});
