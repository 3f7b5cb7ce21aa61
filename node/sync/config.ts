import { randomBytes } from 'node:crypto';
import { chmodSync, linkSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { DEFAULT_LIMITS } from '../../shared/sync/api';
import type { Durability } from './store';

/**
 * The sync server's settings: flags first, then the environment, then the
 * defaults. `npm run sync-server -- --port N --data DIR --host H`.
 */

export interface SyncServerSettings {
  host: string;
  port: number;
  dataDir: string;
  /** `redis://[user:password@]host:port[/db]` when several instances share the load. */
  redisUrl?: string;
  /** When set, sharing a new case needs it (`Authorization: Bearer <key>`). */
  shareKey?: string;
  maxMessageBytes: number;
  maxBlobBytes: number;
  /** When an acknowledged update reaches the disk (see node/sync/store.ts). */
  durability: Durability;
}

export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_PORT = 1234;
export const DEFAULT_DATA_DIR = 'sync-data';
export const SECRET_FILE = 'secret';
/** 32 bytes of key material is what HMAC-SHA256 can use; fewer characters than this is refused. */
export const MIN_SECRET_LENGTH = 32;

/** Bad flags or settings; the message is for the person starting the server. */
export class SettingsError extends Error {
  override name = 'SettingsError';
}

export const USAGE = `Usage: npm run sync-server -- [options]
       npm run sync-server -- invite --case ID [--role rw|ro] [--server URL] [--expires DAYS] [--label TEXT] [--data DIR]
       npm run sync-server -- revoke TOKEN_ID [--data DIR]

Options (each also read from the environment):
  --host H            address to listen on            CASEFILE_SYNC_HOST    (default ${DEFAULT_HOST})
  --port N            port to listen on (0: any free)  CASEFILE_SYNC_PORT    (default ${DEFAULT_PORT})
  --data DIR          folder for documents, blobs and the secret
                                                       CASEFILE_SYNC_DATA    (default ./${DEFAULT_DATA_DIR})
  --redis URL         Redis for several instances      CASEFILE_SYNC_REDIS   (e.g. redis://127.0.0.1:6379)
  --share-key KEY     needed to share a new case       CASEFILE_SYNC_SHARE_KEY
  --max-message-mb N  largest WebSocket message        CASEFILE_SYNC_MAX_MESSAGE_MB (default ${DEFAULT_LIMITS.maxMessageBytes / 2 ** 20})
  --max-blob-mb N     largest blob                     CASEFILE_SYNC_MAX_BLOB_MB    (default ${DEFAULT_LIMITS.maxBlobBytes / 2 ** 20})
  --durability D      periodic: acknowledged edits survive a crash of the server,
                      and reach the disk within a second; always: fsync each edit
                      before acknowledging it       CASEFILE_SYNC_DURABILITY (default periodic)
The signing secret comes from CASEFILE_SYNC_SECRET, or is generated into DIR/${SECRET_FILE} (mode 0600) on first start.`;

const FLAGS: Record<string, { env: string; key: keyof Flags }> = {
  '--host': { env: 'CASEFILE_SYNC_HOST', key: 'host' },
  '--port': { env: 'CASEFILE_SYNC_PORT', key: 'port' },
  '--data': { env: 'CASEFILE_SYNC_DATA', key: 'data' },
  '--redis': { env: 'CASEFILE_SYNC_REDIS', key: 'redis' },
  '--share-key': { env: 'CASEFILE_SYNC_SHARE_KEY', key: 'shareKey' },
  '--max-message-mb': { env: 'CASEFILE_SYNC_MAX_MESSAGE_MB', key: 'maxMessageMb' },
  '--max-blob-mb': { env: 'CASEFILE_SYNC_MAX_BLOB_MB', key: 'maxBlobMb' },
  '--durability': { env: 'CASEFILE_SYNC_DURABILITY', key: 'durability' },
};

interface Flags {
  host?: string;
  port?: string;
  data?: string;
  redis?: string;
  shareKey?: string;
  maxMessageMb?: string;
  maxBlobMb?: string;
  durability?: string;
}

/** Split argv into known `--flag value` pairs (also `--flag=value`) and the rest. */
export function splitFlags(argv: readonly string[], extra: readonly string[] = []): { flags: Map<string, string>; rest: string[] } {
  const known = new Set([...Object.keys(FLAGS), ...extra]);
  const flags = new Map<string, string>();
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const eq = arg.indexOf('=');
    const name = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    if (!arg.startsWith('--')) {
      rest.push(arg);
      continue;
    }
    if (!known.has(name)) throw new SettingsError(`Unknown option ${name}.\n\n${USAGE}`);
    const value = eq > 0 ? arg.slice(eq + 1) : argv[++i];
    if (value === undefined || (eq < 0 && value.startsWith('--'))) throw new SettingsError(`${name} needs a value.`);
    flags.set(name, value);
  }
  return { flags, rest };
}

function megabytes(name: string, text: string | undefined, fallback: number): number {
  if (text === undefined || text === '') return fallback;
  const mb = Number(text);
  if (!Number.isFinite(mb) || mb <= 0 || mb > 4096) throw new SettingsError(`${name} must be a number of megabytes between 0 and 4096, not “${text}”.`);
  return Math.round(mb * 2 ** 20);
}

/** Resolve the settings from flags and the environment. Throws SettingsError with a clear message. */
export function resolveSettings(flags: ReadonlyMap<string, string>, env: NodeJS.ProcessEnv, cwd = process.cwd()): SyncServerSettings {
  const value: Flags = {};
  for (const [flag, { env: name, key }] of Object.entries(FLAGS)) {
    const v = flags.get(flag) ?? env[name];
    if (v !== undefined && v !== '') value[key] = v;
  }
  const port = value.port === undefined ? DEFAULT_PORT : Number(value.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new SettingsError(`The port must be a whole number from 0 to 65535, not “${value.port}”.`);
  if (value.redis !== undefined) {
    let url: URL;
    try {
      url = new URL(value.redis);
    } catch {
      throw new SettingsError(`The Redis address must look like redis://127.0.0.1:6379, not “${value.redis}”.`);
    }
    if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') throw new SettingsError(`The Redis address must start with redis:// (or rediss:// for TLS), not ${url.protocol}//.`);
  }
  if (value.shareKey !== undefined && value.shareKey.length < 16) throw new SettingsError('The share key must be at least 16 characters long; a short key can be guessed.');
  const durability = value.durability ?? 'periodic';
  if (durability !== 'periodic' && durability !== 'always') throw new SettingsError(`--durability is periodic or always, not “${durability}”.`);
  const dataDir = value.data ?? DEFAULT_DATA_DIR;
  return {
    host: value.host ?? DEFAULT_HOST,
    port,
    dataDir: isAbsolute(dataDir) ? dataDir : resolve(cwd, dataDir),
    ...(value.redis === undefined ? {} : { redisUrl: value.redis }),
    ...(value.shareKey === undefined ? {} : { shareKey: value.shareKey }),
    maxMessageBytes: megabytes('--max-message-mb', value.maxMessageMb, DEFAULT_LIMITS.maxMessageBytes),
    maxBlobBytes: megabytes('--max-blob-mb', value.maxBlobMb, DEFAULT_LIMITS.maxBlobBytes),
    durability,
  };
}

/**
 * The signing secret: CASEFILE_SYNC_SECRET, else the one in the data folder,
 * else a new random one written there readable by the owner only. Instances
 * that share a data folder share the secret. Changing it invalidates every
 * invitation ever issued.
 */
export function loadSecret(dataDir: string, env: NodeJS.ProcessEnv): { secret: Buffer; source: 'environment' | 'file' | 'generated' } {
  const fromEnv = env.CASEFILE_SYNC_SECRET;
  if (fromEnv !== undefined && fromEnv !== '') {
    if (fromEnv.length < MIN_SECRET_LENGTH) {
      throw new SettingsError(`CASEFILE_SYNC_SECRET must be at least ${MIN_SECRET_LENGTH} characters long (for example: openssl rand -hex 32).`);
    }
    return { secret: Buffer.from(fromEnv, 'utf8'), source: 'environment' };
  }
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const path = join(dataDir, SECRET_FILE);
  // Written aside, then linked into place: link() never overwrites and the file
  // appears complete, so two instances starting on a fresh folder share one secret.
  const aside = `${path}.${process.pid}.${randomBytes(4).toString('hex')}`;
  writeFileSync(aside, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600 });
  chmodSync(aside, 0o600);
  try {
    linkSync(aside, path);
    return { secret: readSecretFile(path), source: 'generated' };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    rmSync(aside, { force: true });
  }
  if (process.platform !== 'win32' && (statSync(path).mode & 0o077) !== 0) {
    throw new SettingsError(`${path} can be read by other users. Run: chmod 600 "${path}"`);
  }
  return { secret: readSecretFile(path), source: 'file' };
}

function readSecretFile(path: string): Buffer {
  const text = readFileSync(path, 'utf8').trim();
  if (text.length < MIN_SECRET_LENGTH) throw new SettingsError(`${path} holds a secret shorter than ${MIN_SECRET_LENGTH} characters. Delete it to have a new one generated (every invitation will have to be issued again).`);
  return Buffer.from(text, 'utf8');
}
