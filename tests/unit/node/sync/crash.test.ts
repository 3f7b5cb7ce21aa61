import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { caseDocName } from '../../../../shared/sync/names';
import { TOKEN_PATTERN } from '../../../../shared/sync/token';
import { connect, freePort, invite, shareCase, sleep, tempDir, waitFor, type Client } from './helpers';

/**
 * The server as users run it (`npm run sync-server`, a child process), killed
 * with SIGKILL in the middle of editing. Nothing it had acknowledged may be
 * lost, and the clients resync. Its whole output is kept to check that no
 * token ever reaches a log.
 */

const root = fileURLToPath(new URL('../../../..', import.meta.url));
const data = tempDir('casefile-sync-crash-');
let output = '';
let child: ChildProcess | undefined;

async function startServer(port: number): Promise<ChildProcess> {
  const proc = spawn(process.execPath, ['scripts/sync-server.mjs', '--port', String(port), '--data', data.path], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, CASEFILE_SYNC_SECRET: '' } });
  let mine = '';
  proc.stdout!.on('data', (c: Buffer) => ((mine += c.toString()), (output += c.toString())));
  proc.stderr!.on('data', (c: Buffer) => ((mine += c.toString()), (output += c.toString())));
  await waitFor(() => mine.includes('is listening on') || proc.exitCode !== null, 'the sync server to start', 60_000);
  if (proc.exitCode !== null) throw new Error(`The sync server did not start:\n${mine}`);
  return proc;
}

afterAll(() => {
  child?.kill('SIGKILL');
  data.remove();
});

describe('a server killed mid-editing', () => {
  it('loses no acknowledged edit, and the clients resync after it restarts', async () => {
    const port = await freePort();
    child = await startServer(port);
    const base = `http://127.0.0.1:${port}`;
    const ws = `ws://127.0.0.1:${port}`;
    const caseId = 'crash-case-1';
    const owner = await shareCase(base, caseId);
    const member = await invite(base, caseId, owner.token, { role: 'rw', label: 'member' });
    const name = caseDocName(caseId);

    // Two writers, each appending numbered marks, one update per mark. The
    // server acknowledges a connection's updates in order, so with n updates
    // unacknowledged, every mark but the last n has been acknowledged.
    const writers = [
      { id: 'A', token: owner.token, client: undefined as Client | undefined, typed: 0, acked: 0 },
      { id: 'B', token: member.token, client: undefined as Client | undefined, typed: 0, acked: 0 },
    ];
    for (const w of writers) {
      w.client = connect(ws, name, w.token);
      w.client.provider.on('unsyncedChanges', ({ number }: { number: number }) => {
        // Sending fires this before `typed` counts the new mark, which only makes the count lower.
        w.acked = Math.max(w.acked, w.typed - number);
      });
      await w.client.synced();
    }
    let typing = true;
    const loops = writers.map(async (w) => {
      const text = w.client!.doc.getText('body');
      while (typing) {
        text.insert(text.length, `${w.id}${w.typed + 1};`);
        w.typed++;
        await sleep(4 + Math.random() * 8);
      }
    });
    await waitFor(() => writers.every((w) => w.acked > 40), 'both writers to have edits acknowledged', 30_000);
    await sleep(200 + Math.random() * 300);
    // Listen before killing: a process killed by a signal has a null exitCode, so once its 'exit' has passed
    // nothing else says it is gone (waiting for it afterwards hung the test for its whole timeout, now and then).
    const killed = child;
    const gone = new Promise((resolve) => killed.once('exit', resolve));
    killed.kill('SIGKILL');
    const ackedAtKill = writers.map((w) => w.acked);
    typing = false;
    await Promise.all(loops);
    expect(writers.every((w) => w.typed >= w.acked)).toBe(true);
    for (const w of writers) w.client!.destroy();
    await gone;

    // Restart on the same folder; a newcomer sees what the server had acknowledged. On a new port: test files run in
    // parallel, and once the old port is free another file's server may take it (the clients would then wait on a
    // server that does not know the case).
    const restartPort = await freePort();
    child = await startServer(restartPort);
    const wsAgain = `ws://127.0.0.1:${restartPort}`;
    const newcomer = connect(wsAgain, name, owner.token);
    await newcomer.synced();
    const seen = newcomer.doc.getText('body').toString();
    writers.forEach((w, k) => {
      for (let i = 1; i <= ackedAtKill[k]!; i++) expect(seen, `${w.id}${i} was acknowledged before the kill`).toContain(`${w.id}${i};`);
    });

    // The writers come back with their documents and everyone converges on every mark typed.
    const back = writers.map((w) => connect(wsAgain, name, w.token, w.client!.doc));
    for (const c of back) await c.acknowledged();
    const all = [newcomer, ...back];
    const final = () => all.map((c) => c.doc.getText('body').toString());
    await waitFor(() => new Set(final()).size === 1 && writers.every((w) => final()[0]!.includes(`${w.id}${w.typed};`)), 'everyone to converge');
    for (const w of writers) for (let i = 1; i <= w.typed; i++) expect(final()[0]).toContain(`${w.id}${i};`);
    expect(Y.encodeStateVector(newcomer.doc)).toEqual(Y.encodeStateVector(back[0]!.doc));
    for (const c of all) c.destroy();

    // Refusals are logged too, still without tokens.
    const stranger = connect(wsAgain, name, `${owner.token.slice(0, -4)}AAAA`);
    await waitFor(() => stranger.failures.length > 0, 'the refusal');
    stranger.destroy();
    await sleep(100);
    expect(output).toContain('refused');
    expect(output).toContain('connected (rw');
    expect(output.match(TOKEN_PATTERN)).toBeNull();
    for (const t of [owner.token, member.token]) for (const part of t.split('.').slice(1)) expect(output).not.toContain(part);
  }, 120_000);
});
