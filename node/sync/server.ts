import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Redis } from '@hocuspocus/extension-redis';
import { SQLite } from '@hocuspocus/extension-sqlite';
import {
  Server,
  isTransactionOrigin,
  type Connection,
  type Extension,
  type afterLoadDocumentPayload,
  type beforeHandleMessagePayload,
  type connectedPayload,
  type onAuthenticatePayload,
  type onDisconnectPayload,
  type onRequestPayload,
} from '@hocuspocus/server';
import * as Y from 'yjs';
import { caseDocName, parseDocName } from '../../shared/sync/names';
import { refusalText } from '../../shared/sync/refusal';
import type { TokenClaims } from '../../shared/sync/token';
import { Access } from './access';
import { BlobStore } from './blobs';
import type { SyncServerSettings } from './config';
import { createHttpHandler } from './http';
import { DATABASE_FILE, SCHEMA, SyncDatabase, type DocumentTracker } from './store';
import { Refusal } from './tokens';

/**
 * The Casefile sync server: Hocuspocus (Yjs over WebSocket) with documents in
 * SQLite, an update journal so nothing acknowledged is lost, capability-token
 * authentication, read-only connections, and the blob and invitation routes
 * on the same port. See ARCHITECTURE.md, "Team cases".
 */

export interface SyncServerOptions extends SyncServerSettings {
  secret: Buffer;
  version?: string;
  /** Where log lines go (default: stdout with a timestamp). Tokens are never logged. */
  log?: (line: string) => void;
}

export interface SyncServer {
  host: string;
  port: number;
  /** http://host:port — also the WebSocket address with ws:// */
  url: string;
  wsUrl: string;
  access: Access;
  db: SyncDatabase;
  hocuspocus: Server['hocuspocus'];
  close(): Promise<void>;
}

interface Context {
  claims: TokenClaims;
}

/** A refusal Hocuspocus sends to the provider as "permission denied" with this reason. No `message`, so Hocuspocus does not log it. */
function deny(reason: string, code = 4403): { code: number; reason: string } {
  return { code, reason };
}

/**
 * Stop a connection whose token is no longer good. The whole socket is closed
 * (one member's socket carries that member's documents of one case), so the
 * provider reconnects, authenticates again and is refused with the reason.
 */
function expel(connection: Connection, reason: string): void {
  connection.close({ code: 4401, reason });
  connection.webSocket.close(4401, reason);
}

export async function startSyncServer(options: SyncServerOptions): Promise<SyncServer> {
  const log = options.log ?? ((line: string) => console.log(`${new Date().toISOString()} ${line}`));
  // Redis first: a server that cannot relay between instances should not start at all.
  const redis = options.redisUrl ? await redisExtension(options.redisUrl, log) : undefined;
  if (redis) await checkRedis(redis, options.redisUrl!);
  mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
  const dbPath = join(options.dataDir, DATABASE_FILE);
  const db = new SyncDatabase(dbPath, options.durability);
  // With periodic durability, the journal reaches the disk within a second (see store.ts).
  const checkpoints = setInterval(() => {
    try {
      db.checkpoint();
    } catch (error) {
      log(`error: checkpoint failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }, 1_000);
  checkpoints.unref();
  const access = new Access(options.secret, db);
  const blobs = new BlobStore(join(options.dataDir, 'blobs'));
  const trackers = new WeakMap<Y.Doc, DocumentTracker>();

  /** Documents in the same SQLite file as everything else, through the SQLite extension. */
  class CasefileSQLite extends SQLite {
    override async onConfigure() {
      this.db = db.db;
    }
  }
  const sqlite = new CasefileSQLite({
    database: dbPath,
    schema: SCHEMA,
    fetch: async ({ documentName, document }) => {
      const { data, tracker } = db.loadDocument(documentName);
      trackers.set(document, tracker);
      return data;
    },
    store: async ({ documentName, document, state }) => {
      let tracker = trackers.get(document);
      if (!tracker) {
        tracker = { rev: -1, loadedSeq: 0, own: new Set(), merging: true };
        trackers.set(document, tracker);
      }
      db.storeDocument(documentName, state, tracker);
    },
  });

  // The HTTP handler needs the server to close revoked connections, and the server needs the handler.
  const ref: { server?: Server } = {};
  const closeConnectionsOf = (tokenId: string) => {
    for (const document of ref.server?.hocuspocus.documents.values() ?? []) {
      for (const connection of document.getConnections()) {
        if ((connection.context as Context | undefined)?.claims?.tokenId === tokenId) expel(connection, refusalText('revoked', 'This invitation was revoked.'));
      }
    }
  };
  const http = createHttpHandler({
    db,
    access,
    blobs,
    limits: { maxMessageBytes: options.maxMessageBytes, maxBlobBytes: options.maxBlobBytes },
    ...(options.shareKey ? { shareKey: options.shareKey } : {}),
    version: options.version ?? '0',
    log,
    onRevoke: closeConnectionsOf,
    documentState: async (caseId) => {
      const name = caseDocName(caseId);
      // The live document when someone has it open here; else what loading it would give (the stored
      // state and the journal, which every instance writes to), without loading it into memory.
      const live = ref.server?.hocuspocus.documents.get(name);
      if (live) return Y.encodeStateAsUpdate(live);
      return db.loadDocument(name).data ?? Y.encodeStateAsUpdate(new Y.Doc());
    },
  });

  const casefile: Extension = {
    extensionName: 'Casefile',
    priority: 2000,

    async onAuthenticate({ token, documentName, connectionConfig }: onAuthenticatePayload<Context>): Promise<Context> {
      const address = parseDocName(documentName);
      if (!address) {
        log(`refused ${documentName.slice(0, 120)}: not a Casefile document name`);
        throw deny(refusalText('not-document', 'This is not a Casefile document.'));
      }
      const result = access.check(token, address.caseId);
      if (result instanceof Refusal) {
        log(`refused ${documentName}: ${result.code}`);
        throw deny(result.text, 4401);
      }
      connectionConfig.readOnly = result.role === 'ro';
      return { claims: result };
    },

    async connected({ documentName, context }: connectedPayload<Context>) {
      log(`${documentName}: connected (${context.claims.role}, invitation ${context.claims.tokenId})`);
    },

    async onDisconnect({ documentName, context }: onDisconnectPayload<Context>) {
      if (context?.claims) log(`${documentName}: disconnected (invitation ${context.claims.tokenId})`);
    },

    /** A token revoked or expired while connected stops working within Access.RECHECK_MS. */
    async beforeHandleMessage({ context, connection }: beforeHandleMessagePayload<Context>) {
      const refusal = context?.claims ? access.stillValid(context.claims) : new Refusal('unauthorized', 'not-signed-in', 'Not signed in.');
      if (refusal) {
        expel(connection, refusal.text);
        throw deny(refusal.text);
      }
    },

    /** The journal: every update from a client is written to it before Hocuspocus acknowledges it (store.ts says how durably). */
    async afterLoadDocument({ document, documentName }: afterLoadDocumentPayload<Context>) {
      const tracker = trackers.get(document);
      document.on('update', (update: Uint8Array, origin: unknown) => {
        // Another instance journaled what Redis brings; each update is written once.
        if (isTransactionOrigin(origin) && origin.source === 'redis') return;
        db.appendUpdate(documentName, update, tracker);
      });
    },

    async onRequest({ request, response }: onRequestPayload) {
      await http(request, response);
      // Rejecting with nothing tells Hocuspocus the request was answered.
      throw null;
    },
  };

  const server = new Server({
    name: 'casefile-sync',
    port: options.port,
    address: options.host,
    quiet: true,
    stopOnSignals: false,
    websocketOptions: { maxPayload: options.maxMessageBytes },
    extensions: [...(redis ? [redis] : []), casefile, sqlite],
  });
  ref.server = server;

  await new Promise<void>((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      reject(
        new Error(
          error.code === 'EADDRINUSE'
            ? `Port ${options.port} on ${options.host} is already in use. Stop what uses it, or choose another with --port.`
            : error.code === 'EACCES'
              ? `Not allowed to listen on ${options.host}:${options.port}. Ports below 1024 need privileges; choose another with --port.`
              : `Cannot listen on ${options.host}:${options.port}: ${error.message}`,
        ),
      );
    };
    server.httpServer.once('error', onError);
    server.listen().then(() => {
      server.httpServer.off('error', onError);
      resolve();
    }, reject);
  }).catch(async (error: unknown) => {
    clearInterval(checkpoints);
    await redis?.onDestroy();
    db.close();
    throw error;
  });

  const port = server.address.port;
  const hostInUrl = options.host.includes(':') ? `[${options.host}]` : options.host;
  let closing: Promise<void> | undefined;
  return {
    host: options.host,
    port,
    url: `http://${hostInUrl}:${port}`,
    wsUrl: `ws://${hostInUrl}:${port}`,
    access,
    db,
    hocuspocus: server.hocuspocus,
    close() {
      closing ??= (async () => {
        await server.destroy();
        server.httpServer.closeAllConnections();
        clearInterval(checkpoints);
        db.checkpoint();
        db.close();
      })();
      return closing;
    },
  };
}

async function redisExtension(url: string, log: (line: string) => void): Promise<Redis> {
  // Loaded only when asked for: the Redis client costs a single instance about 20 MB of memory.
  const { Redis } = await import('@hocuspocus/extension-redis');
  const u = new URL(url);
  const redis = new Redis({
    host: u.hostname,
    port: u.port ? Number(u.port) : 6379,
    prefix: 'casefile-sync',
    options: {
      ...(u.username ? { username: decodeURIComponent(u.username) } : {}),
      ...(u.password ? { password: decodeURIComponent(u.password) } : {}),
      ...(u.pathname.length > 1 ? { db: Number(u.pathname.slice(1)) } : {}),
      ...(u.protocol === 'rediss:' ? { tls: {} } : {}),
      // Fail a command after a few tries instead of queueing it for ever while Redis is down.
      maxRetriesPerRequest: 5,
    },
  });
  // One line per outage instead of ioredis' stack trace per retry; it keeps reconnecting by itself.
  let down = false;
  for (const client of [redis.pub, redis.sub]) {
    client.on('error', (error: Error) => {
      if (down) return;
      down = true;
      log(`Redis at ${u.host} is unreachable (${error.message}); retrying. Changes reach members on other instances again once it is back.`);
    });
    client.on('ready', () => {
      if (down) log(`Redis at ${u.host} is reachable again.`);
      down = false;
    });
  }
  return redis;
}

/** Refuse to start with a Redis that cannot be reached, rather than start and not relay anything. */
async function checkRedis(redis: Redis, url: string): Promise<void> {
  const where = new URL(url).host;
  const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`Cannot reach Redis at ${where} (no answer within 5 s). Start redis-server, or fix --redis.`)), 5_000).unref());
  try {
    await Promise.race([redis.pub.ping(), timeout]);
  } catch (error) {
    await redis.onDestroy().catch(() => undefined);
    throw error instanceof Error && error.message.startsWith('Cannot reach Redis') ? error : new Error(`Cannot reach Redis at ${where}. Start redis-server, or fix --redis.`);
  }
}
