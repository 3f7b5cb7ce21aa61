import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HocuspocusProvider } from '@hocuspocus/provider';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { DEFAULT_LIMITS, type IssuedToken } from '../../../../shared/sync/api';
import { startSyncServer, type SyncServer, type SyncServerOptions } from '../../../../node/sync/server';

/** Poll until `check` holds; fail with `what` after `timeoutMs`. */
export async function waitFor(check: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}.`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function tempDir(prefix: string): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

export interface TestServer extends SyncServer {
  dataDir: string;
  logs: string[];
  secret: Buffer;
  stop(): Promise<void>;
}

export async function startTestServer(overrides: Partial<SyncServerOptions> = {}, dataDir?: string): Promise<TestServer> {
  const dir = dataDir ? undefined : tempDir('casefile-sync-');
  const logs: string[] = [];
  const secret = overrides.secret ?? randomBytes(32);
  const server = await startSyncServer({
    host: '127.0.0.1',
    port: 0,
    dataDir: dataDir ?? dir!.path,
    maxMessageBytes: DEFAULT_LIMITS.maxMessageBytes,
    maxBlobBytes: DEFAULT_LIMITS.maxBlobBytes,
    durability: 'periodic',
    secret,
    log: (line) => logs.push(line),
    ...overrides,
  });
  return {
    ...server,
    dataDir: dataDir ?? dir!.path,
    logs,
    secret,
    async stop() {
      await server.close();
      dir?.remove();
    },
  };
}

/** Share a new case on the server through its HTTP API; the owner's read-write token. */
export async function shareCase(baseUrl: string, caseId: string, shareKey?: string): Promise<IssuedToken> {
  const res = await fetch(`${baseUrl}/cases`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(shareKey ? { Authorization: `Bearer ${shareKey}` } : {}) },
    body: JSON.stringify({ caseId }),
  });
  if (res.status !== 201) throw new Error(`POST /cases answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as IssuedToken;
}

export async function invite(baseUrl: string, caseId: string, token: string, body: Record<string, unknown>): Promise<IssuedToken> {
  const res = await fetch(`${baseUrl}/cases/${caseId}/invitations`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  if (res.status !== 201) throw new Error(`POST invitations answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as IssuedToken;
}

export interface Client {
  provider: HocuspocusProvider;
  doc: Y.Doc;
  failures: string[];
  closes: number[];
  /** Resolves when the initial sync is done. */
  synced(): Promise<void>;
  /** Resolves when the server has acknowledged every update sent so far. */
  acknowledged(): Promise<void>;
  destroy(): void;
}

/** A Node client as the app will be one: the Hocuspocus provider on `ws`. */
export function connect(wsUrl: string, name: string, token: string | null, doc = new Y.Doc()): Client {
  const failures: string[] = [];
  const closes: number[] = [];
  const provider = new HocuspocusProvider({
    url: wsUrl,
    name,
    document: doc,
    token,
    WebSocketPolyfill: WebSocket,
    // Reconnect quickly in tests (the app keeps the defaults).
    delay: 50,
    minDelay: 50,
    maxDelay: 300,
    onAuthenticationFailed: ({ reason }) => failures.push(reason),
    onClose: ({ event }) => closes.push(event.code),
  } as ConstructorParameters<typeof HocuspocusProvider>[0]);
  return {
    provider,
    doc,
    failures,
    closes,
    synced: () => waitFor(() => provider.isSynced, `${name} to sync`),
    acknowledged: () => waitFor(() => provider.isSynced && provider.unsyncedChanges === 0, `${name}'s changes to be acknowledged`),
    destroy: () => provider.destroy(),
  };
}

export interface RedisProcess {
  port: number;
  url: string;
  stop(): Promise<void>;
}

/** A redis-server of our own on a free loopback port, with a temporary folder and no persistence. */
export async function startRedis(): Promise<RedisProcess> {
  const port = await freePort();
  const dir = tempDir('casefile-redis-');
  const child: ChildProcess = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir.path, '--save', '', '--appendonly', 'no'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await waitFor(() => output.includes('Ready to accept connections') || child.exitCode !== null, 'redis-server to start', 10_000);
  if (child.exitCode !== null) throw new Error(`redis-server did not start:\n${output}`);
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    async stop() {
      child.kill('SIGTERM');
      await exited;
      dir.remove();
    },
  };
}
