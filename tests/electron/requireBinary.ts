import { existsSync } from 'node:fs';

/**
 * Global setup: refuse to run without the binary the runner found, so the suite never
 * falls back to `require('electron')`, which would try to download Electron.
 */
export default function requireElectronBinary(): void {
  const binary = process.env.CASEFILE_ELECTRON_BINARY;
  if (!binary || !existsSync(binary)) {
    throw new Error(
      'The Electron smoke suite needs an Electron binary. Start it with `node tests/electron/run.mjs`, which finds one (or explains why there is none).',
    );
  }
}
