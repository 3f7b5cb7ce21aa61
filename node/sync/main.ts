import { join } from 'node:path';
import { formatInvitationCode, formatInvitationLink, normaliseServerAddress } from '../../shared/sync/invitation';
import { isValidId } from '../../shared/sync/names';
import { Access } from './access';
import { loadSecret, resolveSettings, SettingsError, splitFlags, USAGE } from './config';
import { startSyncServer } from './server';
import { DATABASE_FILE, SyncDatabase } from './store';

/**
 * `npm run sync-server [-- options]`: start the server, or, for whoever runs
 * it, `invite` (print an invitation to a case) and `revoke` (cancel one).
 * Returns the exit code; a server keeps running until SIGINT or SIGTERM.
 */
export async function main(argv: readonly string[], env: NodeJS.ProcessEnv, info: { version: string }): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h') || argv[0] === 'help') {
    console.log(USAGE);
    return 0;
  }
  try {
    const { flags, rest } = splitFlags(argv, ['--case', '--role', '--server', '--expires', '--label']);
    const settings = resolveSettings(flags, env);
    const command = rest[0];
    if (command === 'invite') return invite(flags, settings.dataDir, env, settings);
    if (command === 'revoke') return revoke(rest[1], settings.dataDir);
    if (command !== undefined) throw new SettingsError(`Unknown command “${command}”.\n\n${USAGE}`);

    const { secret, source } = loadSecret(settings.dataDir, env);
    const server = await startSyncServer({ ...settings, secret, version: info.version });
    console.log(`Casefile sync server ${info.version} is listening on ${server.wsUrl} (WebSocket and HTTP on the same port).`);
    console.log(`  data folder: ${settings.dataDir}`);
    console.log(`  signing secret: ${source === 'environment' ? 'from CASEFILE_SYNC_SECRET' : source === 'generated' ? `generated into ${join(settings.dataDir, 'secret')}` : `from ${join(settings.dataDir, 'secret')}`}`);
    if (settings.redisUrl) console.log(`  Redis: ${new URL(settings.redisUrl).host} (several instances)`);
    console.log(`  durability: ${settings.durability === 'always' ? 'every acknowledged edit is flushed to the disk first' : 'acknowledged edits survive a crash of the server and reach the disk within a second'}`);
    console.log(`  limits: messages up to ${settings.maxMessageBytes / 2 ** 20} MB, blobs up to ${settings.maxBlobBytes / 2 ** 20} MB`);
    console.log(`  sharing a new case: ${settings.shareKey ? 'needs the share key' : 'open to anyone who can reach this server (set --share-key to restrict it)'}`);

    let stopping = false;
    const stop = (signal: string) => {
      if (stopping) return;
      stopping = true;
      console.log(`${signal} received: storing documents and shutting down.`);
      const forced = setTimeout(() => process.exit(1), 10_000);
      forced.unref();
      server.close().then(
        () => process.exit(0),
        (error: unknown) => {
          console.error(error instanceof Error ? error.message : String(error));
          process.exit(1);
        },
      );
    };
    process.on('SIGINT', () => stop('SIGINT'));
    process.on('SIGTERM', () => stop('SIGTERM'));
    return new Promise<number>(() => undefined);
  } catch (error) {
    console.error(`sync-server: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}

function invite(flags: ReadonlyMap<string, string>, dataDir: string, env: NodeJS.ProcessEnv, settings: { host: string; port: number }): number {
  const caseId = flags.get('--case');
  if (!caseId || !isValidId(caseId)) throw new SettingsError('invite needs --case with the ID of the case (Case details in the app show it).');
  const role = flags.get('--role') ?? 'rw';
  if (role !== 'rw' && role !== 'ro') throw new SettingsError('--role is rw (read and write) or ro (read-only).');
  const server = normaliseServerAddress(flags.get('--server') ?? `http://${settings.host}:${settings.port}`).http;
  const days = flags.get('--expires');
  let expiresAt: number | undefined;
  if (days !== undefined) {
    const n = Number(days);
    if (!Number.isFinite(n) || n <= 0) throw new SettingsError('--expires is a number of days, such as 7.');
    expiresAt = Date.now() + Math.round(n * 86_400_000);
  }
  const { secret } = loadSecret(dataDir, env);
  const db = new SyncDatabase(join(dataDir, DATABASE_FILE));
  try {
    db.registerCase(caseId, Date.now());
    const label = flags.get('--label');
    const issued = new Access(secret, db).issue(caseId, role, { ...(label ? { label } : {}), ...(expiresAt ? { expiresAt } : {}), issuedBy: 'command line' });
    const invitation = { server, caseId, role, token: issued.token } as const;
    console.log(`Invitation ${issued.tokenId} (${role === 'rw' ? 'read and write' : 'read-only'}${expiresAt ? `, until ${new Date(expiresAt).toISOString().slice(0, 10)}` : ''}). Send one of these to the person joining:`);
    console.log(formatInvitationLink(invitation));
    console.log(formatInvitationCode(invitation));
    console.log(`To cancel it: npm run sync-server -- revoke ${issued.tokenId} --data "${dataDir}"`);
    return 0;
  } finally {
    db.close();
  }
}

function revoke(tokenId: string | undefined, dataDir: string): number {
  if (!tokenId) throw new SettingsError('revoke needs the invitation’s ID (as printed by invite, or listed in the app).');
  const db = new SyncDatabase(join(dataDir, DATABASE_FILE));
  try {
    if (!db.revokeToken(tokenId, Date.now())) {
      console.error(db.token(tokenId) ? `Invitation ${tokenId} was already revoked.` : `There is no invitation ${tokenId} in ${dataDir}.`);
      return 1;
    }
    console.log(`Invitation ${tokenId} is revoked; connections using it stop within a few seconds.`);
    return 0;
  } finally {
    db.close();
  }
}
