import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { OFFLINE_ASSET_SOURCES } from './import/offlineAssets.ts';

const root = fileURLToPath(new URL('.', import.meta.url));
const require = createRequire(import.meta.url);

/** A path inside node_modules ("pdfjs-dist/cmaps") → its place on disk, found the way Node finds the package. */
function packagePath(from: string): string {
  const parts = from.split('/');
  const name = from.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
  const rest = parts.slice(name.split('/').length).join('/');
  return join(dirname(require.resolve(`${name}/package.json`)), rest);
}

/** Every file of OFFLINE_ASSET_SOURCES as [path in the build, file on disk]. */
function offlineFiles(): Map<string, string> {
  const files = new Map<string, string>();
  for (const { from, to, match } of OFFLINE_ASSET_SOURCES) {
    const source = packagePath(from);
    if (statSync(source).isDirectory()) {
      for (const name of readdirSync(source)) if (!match || match.test(name)) files.set(`${to}${name}`, join(source, name));
    } else files.set(to, source);
  }
  return files;
}

/**
 * pdf.js's character maps, standard fonts and decoders, and tesseract.js's
 * worker, core and language data, copied from node_modules into the build
 * (and served by the dev server), so the app never fetches them from a CDN.
 */
function offlineAssets(): Plugin {
  return {
    name: 'casefile-offline-assets',
    configureServer(server) {
      const files = offlineFiles();
      server.middlewares.use((req, res, next) => {
        const path = decodeURIComponent((req.url ?? '').split('?')[0]!.replace(/^\//, ''));
        const file = files.get(path);
        if (!file) return next();
        res.setHeader('Content-Type', path.endsWith('.js') ? 'text/javascript' : path.endsWith('.wasm') ? 'application/wasm' : 'application/octet-stream');
        res.end(readFileSync(file));
      });
    },
    generateBundle() {
      for (const [fileName, file] of offlineFiles()) this.emitFile({ type: 'asset', fileName, source: readFileSync(file) });
    },
  };
}

// The renderer builds once and runs unchanged in Electron (app://) and in the browser (npm run web).
export default defineConfig({
  root,
  base: './',
  plugins: [react(), offlineAssets()],
  resolve: {
    // The browser's own fetch for citation-js, instead of node-fetch and its Node built-ins.
    alias: { 'node-fetch': fileURLToPath(new URL('./shims/node-fetch.ts', import.meta.url)) },
  },
  build: {
    outDir: fileURLToPath(new URL('../dist/renderer', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    modulePreload: { polyfill: false },
    chunkSizeWarningLimit: 2000,
  },
  worker: { format: 'es' },
});
