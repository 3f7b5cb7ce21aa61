// The one esbuild configuration. Every bundle the project makes outside Vite
// starts here: the Electron main process and preload (CommonJS, `electron`
// external), and the plain-Node programs (the web host, the CLI, the sync
// server, the benchmarks), which are ES modules that load their npm packages
// from node_modules at run time.
import { build } from 'esbuild';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Options every bundle shares. */
const base = {
  bundle: true,
  legalComments: 'none',
  logLevel: 'warning',
  absWorkingDir: repoRoot,
};

/** Electron 45 ships Node 22 and Chromium 140. */
export const ELECTRON_TARGETS = { main: 'node22', preload: 'chrome140' };

/** A bundle for Electron: CommonJS, with `electron` left to the runtime. */
export function electronBundle({ entry, outfile, platform }) {
  return build({
    ...base,
    format: 'cjs',
    external: ['electron'],
    sourcemap: 'linked',
    entryPoints: [entry],
    outfile,
    platform,
    target: platform === 'node' ? ELECTRON_TARGETS.main : ELECTRON_TARGETS.preload,
  });
}

/** A plain-Node ES module bundle whose npm packages stay external. */
export function nodeBundle({ entry, outfile, logLevel = base.logLevel }) {
  return build({
    ...base,
    logLevel,
    entryPoints: [entry],
    outfile,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
  });
}
