#!/usr/bin/env node
// The `casefile` command (package.json "bin"). Bundles node/cli/cli.ts
// with esbuild into .cache/cli/cli.mjs (npm packages stay external and load
// from node_modules) and runs it with the real file system.
import { fileURLToPath, pathToFileURL } from 'node:url';
import { nodeBundle } from './esbuild.config.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const outfile = `${root}.cache/cli/cli.mjs`;

try {
  await nodeBundle({ entry: `${root}node/cli/cli.ts`, outfile, logLevel: 'error' });
} catch {
  console.error('casefile: the command could not be built (see the errors above).');
  process.exit(1);
}

const { main } = await import(pathToFileURL(outfile).href);
await main(process.argv.slice(2));
