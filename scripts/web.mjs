#!/usr/bin/env node
// `npm run web`: build the renderer (unless CASEFILE_SKIP_BUILD=1), bundle the
// host server, and serve both on 127.0.0.1:PORT (default 4173) until SIGINT or
// SIGTERM. The e2e tests start the app this same way.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { nodeBundle } from './esbuild.config.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const rendererDir = `${root}dist/renderer`;
const outfile = `${root}dist/web/server.mjs`;

function fail(message) {
  console.error(`npm run web: ${message}`);
  process.exit(1);
}

const port = Number(process.env.PORT ?? 4173);
if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`PORT must be a whole number from 0 to 65535, not “${process.env.PORT}”.`);

if (process.env.CASEFILE_SKIP_BUILD === '1') {
  if (!existsSync(`${rendererDir}/index.html`)) fail('CASEFILE_SKIP_BUILD=1 but there is no renderer build in dist/renderer. Run `npm run build:renderer` first.');
} else {
  const vite = fileURLToPath(new URL('../node_modules/vite/bin/vite.js', import.meta.url));
  const result = spawnSync(process.execPath, [vite, 'build', '--config', 'renderer/vite.config.ts', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) fail('the renderer build failed (see above).');
}

// The server is TypeScript; bundle it (dependencies stay in node_modules) rather than ship a loader.
await nodeBundle({ entry: `${root}node/web/server.ts`, outfile });

const { startWebServer } = await import(pathToFileURL(outfile).href);
const { version } = JSON.parse(readFileSync(`${root}package.json`, 'utf8'));
let server;
try {
  server = await startWebServer({ rootDir: rendererDir, port, appVersion: version });
} catch (error) {
  fail(error instanceof Error ? error.message : String(error));
}
console.log(`Casefile is running at ${server.url}`);

let stopping = false;
async function stop(signal) {
  if (stopping) return;
  stopping = true;
  console.log(`\nCasefile: ${signal} received, shutting down.`);
  // Playwright kills the PDF renderer's browser when this process exits.
  const forced = setTimeout(() => process.exit(0), 5_000);
  forced.unref();
  await server.close().catch(() => undefined);
  process.exit(0);
}
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));
