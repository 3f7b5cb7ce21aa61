#!/usr/bin/env node
// `npm start`: build the renderer and the Electron bundles, then launch Casefile in
// Electron. Where no Electron runtime is installed (it is downloaded separately from the
// npm package and may be unavailable), say so in one line and serve the same renderer
// build in the browser instead.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildElectron } from './build-electron.mjs';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * The Electron executable, or `null` when there is none. Mirrors the lookup in the
 * electron package's index.js — `path.txt` names the binary inside `dist/`, and
 * `ELECTRON_OVERRIDE_DIST_PATH` replaces `dist/` — but never calls it, because requiring
 * `electron` starts a download when the binary is missing.
 */
export function findElectronBinary(env = process.env) {
  let packageDir;
  try {
    packageDir = path.dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  } catch {
    return null;
  }
  const pathFile = path.join(packageDir, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : '';
  let candidate;
  if (env.ELECTRON_OVERRIDE_DIST_PATH) {
    candidate = path.join(env.ELECTRON_OVERRIDE_DIST_PATH, relative || 'electron');
  } else if (relative) {
    candidate = path.join(packageDir, 'dist', relative);
  } else {
    return null;
  }
  return existsSync(candidate) ? candidate : null;
}

/** Run a command with inherited stdio; resolve with its exit code. */
function run(command, args, options = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: repoRoot, stdio: 'inherit', ...options });
    child.on('error', reject);
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

/** Build the renderer with Vite and the main/preload bundles with esbuild. */
export async function buildApp() {
  const viteBin = path.join(repoRoot, 'node_modules/vite/bin/vite.js');
  const code = await run(process.execPath, [viteBin, 'build', '--config', 'renderer/vite.config.ts']);
  if (code !== 0) throw new Error(`the renderer build failed (exit code ${code})`);
  await buildElectron();
}

async function main() {
  await buildApp();
  const electronBinary = findElectronBinary();
  if (electronBinary) {
    // Electron reads package.json "main" (dist/electron/main.cjs) from the repo root.
    const env = { ...process.env };
    delete env.ELECTRON_RUN_AS_NODE;
    return run(electronBinary, [repoRoot], { env });
  }
  console.log(
    'Casefile: the Electron runtime is not available on this machine (it could not be downloaded), so the same app is served as a browser build instead.',
  );
  // The renderer was just built above; the web server only needs to serve it.
  return run(process.execPath, [path.join(repoRoot, 'scripts/web.mjs')], { env: { ...process.env, CASEFILE_SKIP_BUILD: '1' } });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (error) => {
      console.error(`Casefile could not start: ${error instanceof Error ? error.message : error}`);
      process.exitCode = 1;
    },
  );
}
