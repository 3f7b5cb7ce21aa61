/**
 * A Casefile sync server for a spec file: the one `npm run sync-server` runs, started in the test
 * process on loopback (a random port, a temporary data folder) before the file's tests and stopped
 * after them. Returns a getter, valid once the tests run.
 */
import { test } from '@playwright/test';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSyncServer, type SyncServer } from '../../../node/sync/server';
import { DEFAULT_LIMITS } from '../../../shared/sync/api';

export function useLoopbackSyncServer(folderPrefix: string, log: (line: string) => void = () => undefined): () => SyncServer {
  let server: SyncServer | undefined;
  let dataDir: string | undefined;
  test.beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), folderPrefix));
    server = await startSyncServer({
      host: '127.0.0.1',
      port: 0,
      dataDir,
      maxMessageBytes: DEFAULT_LIMITS.maxMessageBytes,
      maxBlobBytes: DEFAULT_LIMITS.maxBlobBytes,
      durability: 'periodic',
      secret: randomBytes(32),
      log,
    });
  });
  test.afterAll(async () => {
    await server?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });
  return () => {
    if (!server) throw new Error('The sync server is started before the tests of this file run.');
    return server;
  };
}
