#!/usr/bin/env node
// Bundle the Electron main process and preload into dist/electron/.
//
//   dist/electron/main.cjs     Node/CommonJS, `electron` external (package.json "main")
//   dist/electron/preload.cjs  one CommonJS file whose only require is `electron`,
//                              because a sandboxed preload cannot load any other module
//
// main.cjs finds the preload next to itself and the renderer at ../renderer, so this
// layout is part of the app's contract with electron-builder's `files` list.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { electronBundle, repoRoot } from './esbuild.config.mjs';

const outDir = path.join(repoRoot, 'dist/electron');

/**
 * Fail the build when the preload requires anything but electron: such a preload loads
 * fine in an unsandboxed dev setup and breaks only on users' machines.
 */
export async function assertPreloadIsSelfContained(preloadPath) {
  const code = await readFile(preloadPath, 'utf8');
  const requires = [...code.matchAll(/\brequire\s*\(\s*([^)]*)\)/g)].map((match) => match[1].trim());
  const foreign = requires.filter((spec) => spec !== '"electron"' && spec !== "'electron'");
  if (foreign.length > 0) {
    throw new Error(
      `${path.relative(repoRoot, preloadPath)} must require only "electron", but it also requires: ${foreign.join(', ')}`,
    );
  }
}

/** Build both bundles and check the preload; returns the output paths. */
export async function buildElectron() {
  const mainPath = path.join(outDir, 'main.cjs');
  const preloadPath = path.join(outDir, 'preload.cjs');
  await Promise.all([
    electronBundle({ entry: path.join(repoRoot, 'electron/main/index.ts'), outfile: mainPath, platform: 'node' }),
    electronBundle({ entry: path.join(repoRoot, 'electron/preload/index.ts'), outfile: preloadPath, platform: 'browser' }),
  ]);
  await assertPreloadIsSelfContained(preloadPath);
  return { mainPath, preloadPath };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    const { mainPath, preloadPath } = await buildElectron();
    console.log(`Built ${path.relative(repoRoot, mainPath)} and ${path.relative(repoRoot, preloadPath)}`);
  } catch (error) {
    console.error(`Electron build failed: ${error instanceof Error ? error.message : error}`);
    process.exitCode = 1;
  }
}
