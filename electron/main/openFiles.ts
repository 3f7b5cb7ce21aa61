/**
 * `.casefile` bundles opened from the operating system: on the command line of the first
 * launch, forwarded from a second launch (Windows, Linux), or through macOS `open-file`,
 * which can arrive before the window exists. Paths are held until the UI has loaded and
 * then delivered one by one.
 */
import path from 'node:path';

export const CASEFILE_EXTENSION = '.casefile';

/**
 * The `.casefile` paths in a command line, resolved against the launching directory.
 * Flags (`--foo`, macOS `-psn_…`) and everything else are ignored, so Electron's and
 * Chromium's own switches are never mistaken for files.
 */
export function findCasefilePaths(argv: readonly string[], workingDirectory: string): string[] {
  const found: string[] = [];
  for (const arg of argv) {
    if (arg.startsWith('-') || !arg.toLowerCase().endsWith(CASEFILE_EXTENSION)) continue;
    const resolved = path.resolve(workingDirectory, arg);
    if (!found.includes(resolved)) found.push(resolved);
  }
  return found;
}

export interface OpenFileQueue {
  /** Deliver now if the UI is ready, otherwise remember for later. */
  open(filePaths: readonly string[]): void;
  /** The UI finished loading (`true`) or is reloading (`false`). */
  setReady(ready: boolean): void;
}

/**
 * Hold opened files until the renderer can receive them. `deliver` must report its own
 * failures to the user; the queue only guarantees each path is delivered once, in order.
 */
export function createOpenFileQueue(deliver: (filePath: string) => Promise<void>): OpenFileQueue {
  let ready = false;
  const pending: string[] = [];
  let chain: Promise<void> = Promise.resolve();

  const flush = (): void => {
    while (ready && pending.length > 0) {
      const next = pending.shift() as string;
      chain = chain.then(() => deliver(next)).catch((error: unknown) => {
        console.error('[open-file] delivery failed', error);
      });
    }
  };

  return {
    open(filePaths) {
      pending.push(...filePaths);
      flush();
    },
    setReady(value) {
      ready = value;
      flush();
    },
  };
}
