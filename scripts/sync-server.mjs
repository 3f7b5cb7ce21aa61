#!/usr/bin/env node
// `npm run sync-server [-- options]`: bundle the sync server (node/sync, plain
// Node; its npm packages stay in node_modules) and run it. `--help` lists the
// options; see README.md, "Working as a team".
import { readFileSync, renameSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { stop } from 'esbuild';
import { nodeBundle } from './esbuild.config.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const outfile = `${root}dist/sync/server.mjs`;
// Bundled aside and renamed into place, so two servers started at once (the
// Redis set-up, the tests) never import a half-written file.
const aside = `${root}dist/sync/server.${process.pid}.mjs`;
await nodeBundle({ entry: `${root}node/sync/main.ts`, outfile: aside });
renameSync(aside, outfile);
// esbuild keeps a helper process for further builds; a long-running server needs none.
await stop();

const { main } = await import(pathToFileURL(outfile).href);
const { version } = JSON.parse(readFileSync(`${root}package.json`, 'utf8'));
const code = await main(process.argv.slice(2), process.env, { version });
process.exit(code);
