/**
 * The app's own bundle import/export code, for the B1 browser benchmark
 * (tests/bench/suites/b1-bundle-app.bench.ts): evaluated in the app's page,
 * it opens the same IndexedDB database the app uses and exposes the
 * repository functions the case list calls.
 */
import './jitless';
import { openDatabase } from '../../../renderer/db';
import { asCopy, exportCaseBundle, readCaseBundle, writeImportedCases } from '../../../renderer/db/repositories';

declare global {
  interface Window {
    __bundleBench?: {
      /** Check a bundle, give it new IDs, and store it in one transaction; returns the times of the two halves. */
      importCopy(bytes: Uint8Array): Promise<{ readMs: number; writeMs: number; caseId: string }>;
      /** Read a stored case and write its bundle; returns the time and size. */
      exportCase(caseId: string): Promise<{ ms: number; bytes: number }>;
    };
  }
}

window.__bundleBench = {
  async importCopy(bytes) {
    await openDatabase();
    const t0 = performance.now();
    const read = await readCaseBundle(bytes);
    const t1 = performance.now();
    if (!read.ok) throw new Error(read.error.message);
    const copy = asCopy(read.data);
    const t2 = performance.now();
    await writeImportedCases([copy]);
    const t3 = performance.now();
    return { readMs: t1 - t0, writeMs: t3 - t2, caseId: copy.case.id };
  },
  async exportCase(caseId) {
    await openDatabase();
    const t0 = performance.now();
    const { bytes } = await exportCaseBundle(caseId, { includeOriginals: true, appVersion: 'bench' });
    return { ms: performance.now() - t0, bytes: bytes.length };
  },
};
