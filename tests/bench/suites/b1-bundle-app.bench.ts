/**
 * B1 in the app: the same 10,000-passage case as b1-bundle.bench.ts, but
 * through what the user's Import case and Export case run, in Chromium with
 * its real IndexedDB: import = check the whole bundle (readBundle) + write
 * every record in one Dexie transaction; export = read the case from
 * IndexedDB + write the bundle. Each import stores a copy with new IDs, so
 * every run writes 10,000 new passages into a growing database.
 */
import type { Page } from 'playwright-core';
import { injectBenchEntry } from '../inject';
import { writeBundle } from '../../../shared/bundle/write';
import { generateCase } from '../../fixtures/bundle/generateCase';
import { median, round, RUNS, type Figure } from '../stats';

export const kind = 'browser';
export const ids = ['B1-app-import', 'B1-app-export'];

export async function run(ctx: { page: Page; baseURL: string }): Promise<Figure[]> {
  const { page, baseURL } = ctx;
  const data = generateCase({ sources: 5, sourceChars: 400_000, passages: 10_000, claims: 200, tags: 30, originals: true, seed: 2025 });
  const bundle = await writeBundle(data, { appVersion: 'bench', includeOriginals: true, now: Date.UTC(2025, 0, 1) });
  await page.goto(baseURL);
  await page.getByRole('navigation', { name: 'Cases' }).waitFor();
  await injectBenchEntry(page, 'tests/bench/browser/bundleEntry.ts');

  const result = await page.evaluate(
    async ({ base64, runs }) => {
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      const bench = window.__bundleBench!;
      const imports: { readMs: number; writeMs: number; caseId: string }[] = [];
      const exports: { ms: number; bytes: number }[] = [];
      for (let i = 0; i < runs; i++) imports.push(await bench.importCopy(bytes));
      for (let i = 0; i < runs; i++) exports.push(await bench.exportCase(imports[i]!.caseId));
      return { imports, exports };
    },
    { base64: Buffer.from(bundle).toString('base64'), runs: RUNS },
  );

  const importTimes = result.imports.map((r) => r.readMs + r.writeMs);
  const importMs = median(importTimes);
  const exportMs = median(result.exports.map((r) => r.ms));
  const setting = `${data.sources.length} sources of ~400 KB, ${data.passages.length} passages, ${data.claims.length} claims, originals included; ${(bundle.length / 1e6).toFixed(1)} MB bundle`;
  const list = (xs: number[]) => xs.map((ms) => ms.toFixed(0)).join(', ');
  return [
    {
      id: 'B1-app-import',
      label: `Import case in Chromium: validate + one IndexedDB transaction (${setting})`,
      value: round(importMs, 1),
      unit: 'ms',
      target: '≤ 3000 ms',
      pass: importMs <= 3000,
      notes: `median of ${RUNS}; runs: ${list(importTimes)} ms; of which validation ${list(result.imports.map((r) => r.readMs))} ms, write ${list(result.imports.map((r) => r.writeMs))} ms`,
    },
    {
      id: 'B1-app-export',
      label: 'Export case in Chromium: read from IndexedDB + write the bundle (same case)',
      value: round(exportMs, 1),
      unit: 'ms',
      target: '≤ 3000 ms',
      pass: exportMs <= 3000,
      notes: `median of ${RUNS}; runs: ${list(result.exports.map((r) => r.ms))} ms`,
    },
  ];
}
