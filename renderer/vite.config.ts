import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('.', import.meta.url));

// The renderer builds once and runs unchanged in Electron (app://) and in the browser (npm run web).
export default defineConfig({
  root,
  base: './',
  plugins: [react()],
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
