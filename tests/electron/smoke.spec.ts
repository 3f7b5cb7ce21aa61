/**
 * Smoke test of the packaged shape of the app: the real main process (dist/electron/main.cjs,
 * found through package.json "main") with the real preload and renderer build.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron as electron, expect, test } from '@playwright/test';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

test('Casefile opens one hardened window showing the sample case', async () => {
  const executablePath = process.env.CASEFILE_ELECTRON_BINARY ?? '';
  // A throw-away profile, so the run neither reads nor changes the user's own cases.
  const userData = await mkdtemp(path.join(os.tmpdir(), 'casefile-smoke-'));
  const app = await electron.launch({ executablePath, args: [repoRoot, `--user-data-dir=${userData}`], cwd: repoRoot });
  try {
    const window = await app.firstWindow();
    expect(window.url()).toBe('app://casefile/index.html');

    await expect(window.getByText('Sample case').first()).toBeVisible();
    await expect(window.getByRole('region', { name: 'Source' })).toBeVisible();

    const exposure = await window.evaluate(() => {
      const scope = globalThis as Record<string, unknown>;
      const bridge = scope.casefile as Record<string, unknown> | undefined;
      return {
        require: typeof scope.require,
        process: typeof scope.process,
        bridgeVerbs: bridge ? Object.keys(bridge).sort() : [],
      };
    });
    expect(exposure).toEqual({ require: 'undefined', process: 'undefined', bridgeVerbs: ['invoke', 'onMenu', 'onOpenFile'] });

    const info = await window.evaluate(() =>
      (globalThis as unknown as { casefile: { invoke(channel: string, request: object): Promise<unknown> } }).casefile.invoke('cf:app:info', {}),
    );
    expect(info).toMatchObject({ ok: true, value: { name: 'Casefile', shell: 'electron' } });

    expect(app.windows()).toHaveLength(1);
  } finally {
    await app.close();
    await rm(userData, { recursive: true, force: true });
  }
});
