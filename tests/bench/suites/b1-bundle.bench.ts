/**
 * B1 — exporting and importing a large case as a `.casefile` bundle: 5
 * sources of ~400 KB, 10,000 passages and 200 claims, with the original
 * files included. We time `writeBundle` and `readBundle` (which validates
 * every byte and record before answering) and report the bundle's size.
 * Both directions must stay well under the time a person waits for a save or
 * open dialog to finish without feedback (~1 s).
 */
import { readBundle } from '../../../shared/bundle/read';
import { writeBundle } from '../../../shared/bundle/write';
import { generateCase } from '../../fixtures/bundle/generateCase';
import { RUNS, median, round, type Figure } from '../stats';

export const kind = 'node';
export const ids = ['B1-write', 'B1-read', 'B1-size'];

async function timeAsync<T>(fn: () => Promise<T>, runs = RUNS): Promise<{ ms: number; runs: number[]; result: T }> {
  const times: number[] = [];
  let result: T | undefined;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    result = await fn();
    times.push(performance.now() - t0);
  }
  return { ms: median(times), runs: times, result: result as T };
}

export async function run(): Promise<Figure[]> {
  const data = generateCase({ sources: 5, sourceChars: 400_000, passages: 10_000, claims: 200, tags: 30, originals: true, seed: 2025 });
  const opts = { appVersion: 'bench', includeOriginals: true, now: Date.UTC(2025, 0, 1) };
  const setting = `${data.sources.length} sources of ~400 KB, ${data.passages.length} passages, ${data.claims.length} claims, originals included`;

  const write = await timeAsync(() => writeBundle(data, opts));
  const bundle = write.result;
  const read = await timeAsync(() => readBundle(bundle));
  if (!read.result.ok) throw new Error(`B1: the benchmark bundle did not validate: ${read.result.error.message}`);
  if (read.result.data.passages.length !== data.passages.length) throw new Error('B1: the bundle came back with a different number of passages.');

  const runs = (t: { runs: number[] }) => `median of ${t.runs.length} runs; runs: ${t.runs.map((ms) => ms.toFixed(0)).join(', ')} ms`;
  const rawBytes = data.sources.reduce((sum, source) => sum + source.text.length, 0);
  return [
    {
      id: 'B1-write',
      label: `writeBundle time (${setting})`,
      value: round(write.ms, 1),
      unit: 'ms',
      target: '≤ 1000 ms',
      pass: write.ms <= 1000,
      notes: runs(write),
    },
    {
      id: 'B1-read',
      label: 'readBundle time, validating everything (same bundle)',
      value: round(read.ms, 1),
      unit: 'ms',
      target: '≤ 1000 ms',
      pass: read.ms <= 1000,
      notes: runs(read),
    },
    {
      id: 'B1-size',
      label: 'bundle size (same case)',
      value: round(bundle.length / 1e6, 2),
      unit: 'MB',
      notes: `source texts alone are ${(rawBytes / 1e6).toFixed(2)} MB, and the originals are stored again in blobs/`,
    },
  ];
}
