import { chmodSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadSecret, resolveSettings, SettingsError, splitFlags } from '../../../../node/sync/config';
import { tempDir } from './helpers';

const dirs: { remove(): void }[] = [];
afterEach(() => dirs.splice(0).forEach((d) => d.remove()));

function settings(argv: string[], env: NodeJS.ProcessEnv = {}) {
  return resolveSettings(splitFlags(argv).flags, env, '/srv/casefile');
}

describe('settings', () => {
  it('defaults to loopback, port 1234 and ./sync-data', () => {
    expect(settings([])).toEqual({ host: '127.0.0.1', port: 1234, dataDir: '/srv/casefile/sync-data', maxMessageBytes: 32 * 2 ** 20, maxBlobBytes: 64 * 2 ** 20, durability: 'periodic' });
    expect(settings(['--durability', 'always'])).toMatchObject({ durability: 'always' });
  });

  it('takes flags before the environment', () => {
    const env = { CASEFILE_SYNC_PORT: '4000', CASEFILE_SYNC_HOST: '0.0.0.0', CASEFILE_SYNC_DATA: '/var/lib/cf', CASEFILE_SYNC_REDIS: 'redis://10.0.0.5:6379' };
    expect(settings(['--port', '5000', '--data=rel/dir'], env)).toMatchObject({ port: 5000, host: '0.0.0.0', dataDir: '/srv/casefile/rel/dir', redisUrl: 'redis://10.0.0.5:6379' });
    expect(settings(['--max-message-mb', '8', '--max-blob-mb', '0.5'])).toMatchObject({ maxMessageBytes: 8 * 2 ** 20, maxBlobBytes: 2 ** 19 });
  });

  it.each([
    [['--port', '70000'], 'from 0 to 65535'],
    [['--port', 'http'], 'from 0 to 65535'],
    [['--redis', 'http://x'], 'must start with redis://'],
    [['--share-key', 'short'], 'at least 16'],
    [['--max-blob-mb', '-1'], 'megabytes'],
    [['--verbose'], 'Unknown option --verbose'],
    [['--port'], '--port needs a value'],
    [['--durability', 'sometimes'], 'periodic or always'],
  ])('refuses %j', (argv, message) => {
    expect(() => settings(argv)).toThrow(SettingsError);
    expect(() => settings(argv)).toThrow(message);
  });
});

describe('the signing secret', () => {
  it('is generated once into the data folder, readable by its owner only, and reused', () => {
    const dir = tempDir('casefile-secret-');
    dirs.push(dir);
    const first = loadSecret(join(dir.path, 'data'), {});
    expect(first.source).toBe('generated');
    const file = join(dir.path, 'data', 'secret');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const again = loadSecret(join(dir.path, 'data'), {});
    expect(again.source).toBe('file');
    expect(again.secret.equals(first.secret)).toBe(true);
    expect(readFileSync(file, 'utf8').trim()).toMatch(/^[0-9a-f]{64}$/u);
  });

  it('comes from CASEFILE_SYNC_SECRET when set, which must be long enough', () => {
    const dir = tempDir('casefile-secret-');
    dirs.push(dir);
    expect(loadSecret(dir.path, { CASEFILE_SYNC_SECRET: 'x'.repeat(40) })).toMatchObject({ source: 'environment' });
    expect(() => loadSecret(dir.path, { CASEFILE_SYNC_SECRET: 'hunter2' })).toThrow('at least 32 characters');
  });

  it('refuses a secret file others can read', () => {
    const dir = tempDir('casefile-secret-');
    dirs.push(dir);
    writeFileSync(join(dir.path, 'secret'), 'f'.repeat(64));
    chmodSync(join(dir.path, 'secret'), 0o644);
    expect(() => loadSecret(dir.path, {})).toThrow('chmod 600');
  });
});
