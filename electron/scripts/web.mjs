#!/usr/bin/env node
// `npm run web`: build the renderer, then serve it with the local host server on
// 127.0.0.1 (PORT, default 4173) until interrupted.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('../..', import.meta.url));

if (process.env.CASEFILE_SKIP_BUILD !== '1') {
  const result = spawnSync(process.execPath, [fileURLToPath(new URL('../../node_modules/vite/bin/vite.js', import.meta.url)), 'build', '--config', 'renderer/vite.config.ts', '--logLevel', 'warn'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const outfile = `${root}dist/web/server.mjs`;
await build({
  entryPoints: [`${root}electron/web/server.ts`],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  logLevel: 'warning',
});

const { startWebServer } = await import(pathToFileURL(outfile).href);
const { version } = JSON.parse(readFileSync(`${root}package.json`, 'utf8'));
const port = Number(process.env.PORT ?? 4173);
const server = await startWebServer({ rootDir: `${root}dist/renderer`, port, appVersion: version });
console.log(`Casefile is running at ${server.url}`);

const stop = async () => {
  await server.close();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
