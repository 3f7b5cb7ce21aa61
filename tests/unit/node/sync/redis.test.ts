import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { caseDocName, noteDocName } from '../../../../shared/sync/names';
import { connect, freePort, invite, shareCase, sleep, startRedis, startTestServer, tempDir, waitFor, type RedisProcess, type TestServer } from './helpers';

// Real servers and sockets: give each test room on a machine shared with other work.
vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

/** Two instances sharing one data folder and one Redis, as README "Working as a team" sets them up. */

let redis: RedisProcess;
let one: TestServer;
let two: TestServer;
const data = tempDir('casefile-sync-redis-');

beforeAll(async () => {
  redis = await startRedis();
  const secret = randomBytes(32);
  one = await startTestServer({ redisUrl: redis.url, secret }, data.path);
  two = await startTestServer({ redisUrl: redis.url, secret }, data.path);
});

afterAll(async () => {
  await one?.stop();
  await two?.stop();
  await redis?.stop();
  data.remove();
});

describe('two instances with Redis', () => {
  it('a client on each converges, and an invitation from one works on the other', async () => {
    const caseId = 'redis-case-1';
    const owner = await shareCase(one.url, caseId);
    const member = await invite(two.url, caseId, owner.token, { role: 'rw' });
    const name = noteDocName(caseId, 'brief');
    const a = connect(one.wsUrl, name, owner.token);
    const b = connect(two.wsUrl, name, member.token);
    await a.synced();
    await b.synced();
    const ta = a.doc.getText('body');
    const tb = b.doc.getText('body');
    // Each word goes in at a random word boundary, so words interleave but never split.
    const boundary = (t: Y.Text) => {
      const s = t.toString();
      const cuts = [0, ...[...s.matchAll(/ /gu)].map((m) => m.index + 1)];
      return cuts[Math.floor(Math.random() * cuts.length)]!;
    };
    for (let i = 0; i < 60; i++) {
      ta.insert(boundary(ta), `a${i} `);
      tb.insert(boundary(tb), `b${i} `);
      if (i % 10 === 0) await sleep(10);
    }
    await a.acknowledged();
    await b.acknowledged();
    await waitFor(() => ta.toString() === tb.toString() && ta.toString().includes('a59 ') && ta.toString().includes('b59 '), 'the two clients to converge across instances');
    for (let i = 0; i < 60; i++) expect(ta.toString()).toContain(`b${i} `);
    expect(Y.encodeStateVector(a.doc)).toEqual(Y.encodeStateVector(b.doc));
    a.destroy();
    b.destroy();

    // Later, on either instance, a newcomer gets all of it from the shared store.
    await sleep(1500);
    for (const server of [one, two]) {
      const c = connect(server.wsUrl, name, owner.token);
      await c.synced();
      expect(c.doc.getText('body').toString()).toBe(ta.toString());
      c.destroy();
    }
  });

  it('case documents converge too, and a read-only client on the other instance cannot write', async () => {
    const caseId = 'redis-case-2';
    const owner = await shareCase(two.url, caseId);
    const reader = await invite(one.url, caseId, owner.token, { role: 'ro' });
    const name = caseDocName(caseId);
    const w = connect(two.wsUrl, name, owner.token);
    const r = connect(one.wsUrl, name, reader.token);
    await w.synced();
    await r.synced();
    w.doc.getMap('passages').set('p1', 'from the writer');
    r.doc.getMap('passages').set('p2', 'from the reader');
    await w.acknowledged();
    await waitFor(() => r.doc.getMap('passages').get('p1') === 'from the writer', 'the reader to receive the writer’s passage');
    await sleep(500);
    expect(w.doc.getMap('passages').has('p2')).toBe(false);
    expect(one.hocuspocus.documents.get(name)?.getMap('passages').has('p2')).toBe(false);
    w.destroy();
    r.destroy();
  });

  it('refuses to start when Redis cannot be reached, and says so', async () => {
    const nobody = await freePort();
    const dir = tempDir('casefile-sync-noredis-');
    try {
      await expect(startTestServer({ redisUrl: `redis://127.0.0.1:${nobody}` }, dir.path)).rejects.toThrow(`Cannot reach Redis at 127.0.0.1:${nobody}. Start redis-server, or fix --redis.`);
    } finally {
      dir.remove();
    }
  });
});
