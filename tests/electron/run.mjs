#!/usr/bin/env node
// Run the Electron smoke suite: `node tests/electron/run.mjs [--no-build]`.
// Where no Electron binary is installed the suite cannot run; it says so in one line and
// exits successfully, because that is a property of the machine, not a failure of the app.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildApp, findElectronBinary } from '../../scripts/start.mjs';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const binary = findElectronBinary();
if (!binary) {
  console.log('Electron smoke suite skipped: no Electron binary on this machine');
} else {
  if (!process.argv.includes('--no-build')) await buildApp();
  const cli = path.join(repoRoot, 'node_modules/@playwright/test/cli.js');
  const child = spawn(process.execPath, [cli, 'test', '--config', 'tests/electron/playwright.config.ts'], {
    cwd: repoRoot,
    stdio: 'inherit',
    env: { ...process.env, CASEFILE_ELECTRON_BINARY: binary },
  });
  child.on('exit', (code, signal) => {
    process.exitCode = code ?? (signal ? 1 : 0);
  });
}
