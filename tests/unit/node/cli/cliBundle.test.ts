import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../../node/cli/cli';
import { writeBundle } from '../../../../shared/bundle/write';
import type { BundleData } from '../../../../shared/bundle/format';
import { renderMarkdown } from '../../../../shared/export/markdown';
import { CASE_PATH, fixtureModel, loadCase, memoryCliIo } from '../../shared/export/helpers';
import { entryData, flip, readJson, repack, unpack, writeJson } from '../../../fixtures/bundle/tamper';
import { generateCase, withViews } from '../../../fixtures/bundle/generateCase';

/** The export fixture case as a bundle, so bundle and JSON exports can be compared. */
async function fixtureBundle(): Promise<Uint8Array> {
  const json = loadCase();
  const data: BundleData = { case: json.case, sources: json.sources, blobs: [], passages: json.passages, claims: json.claims, tags: json.tags, notes: json.notes, timelineEntries: [], entityMerges: [], entityTags: [], figures: [] };
  return writeBundle(data, { appVersion: 'test', includeOriginals: false, now: Date.UTC(2026, 0, 5) });
}

const memoryIo = memoryCliIo;

describe('casefile export with a .casefile bundle', () => {
  it('exports the same Markdown from a bundle as from the case JSON', async () => {
    const files = new Map([['Harbour case.casefile', await fixtureBundle()], ['case.json', new Uint8Array(readFileSync(CASE_PATH))]]);
    const { io, out } = memoryIo(files);
    expect(await runCli(['export', 'Harbour case.casefile', '--format', 'md'], io)).toBe(0);
    expect(out.stderr).toMatch(/^Wrote Harbour case\.md \(md, 5 notes, 6 citations\)\.\n$/);
    expect(new TextDecoder().decode(files.get('Harbour case.md'))).toBe(renderMarkdown(fixtureModel()));
    expect(await runCli(['export', 'case.json', '--format', 'md', '-o', 'from-json.md'], io)).toBe(0);
    expect(files.get('from-json.md')).toEqual(files.get('Harbour case.md'));
  });

  it('shows the brief’s figures a bundle carries, where case JSON has none to give', async () => {
    const data = withViews(generateCase({ sources: 1, sourceChars: 1_500, passages: 3, claims: 1, tags: 0, originals: false, seed: 4 }));
    const files = new Map([['Harbour.casefile', await writeBundle(data, { appVersion: 'test', includeOriginals: false, now: Date.UTC(2026, 0, 5) })]]);
    const { io } = memoryIo(files);
    expect(await runCli(['export', 'Harbour.casefile', '--format', 'md'], io)).toBe(0);
    const markdown = new TextDecoder().decode(files.get('Harbour.md'));
    expect(markdown).toContain(`![Claims and their evidence](data:image/png;base64,${Buffer.from(data.figures[0]!.png).toString('base64')})`);
    expect(markdown).not.toContain('Figure missing');
  });

  it('accepts the extension in any case and writes docx from a bundle', async () => {
    const files = new Map([['case.CASEFILE', await fixtureBundle()]]);
    const { io } = memoryIo(files);
    expect(await runCli(['export', 'case.CASEFILE', '-f', 'docx'], io)).toBe(0);
    expect(files.get('case.docx')?.slice(0, 2)).toEqual(new Uint8Array([0x50, 0x4b]));
  });

  it.each([
    ['truncated', (good: Uint8Array) => good.slice(0, good.length - 40), /bad\.casefile cannot be exported: This bundle is incomplete \(the file was cut short\)/],
    ['a flipped byte', (good: Uint8Array) => {
        const { start, length } = entryData(good, 'passages.json');
        return flip(good, start + Math.floor(length / 2));
      }, /bad\.casefile cannot be exported: This bundle (is damaged|has been altered or damaged)/],
    [
      'a future format',
      (good: Uint8Array) => {
        const entries = unpack(good);
        writeJson(entries, 'manifest.json', { ...readJson<Record<string, unknown>>(entries, 'manifest.json'), formatVersion: 9 });
        return repack(entries);
      },
      /made by a newer Casefile \(format 9\)/,
    ],
    [
      'a dangling reference',
      (good: Uint8Array) => {
        const entries = unpack(good);
        const passages = readJson<{ sourceId: string }[]>(entries, 'passages.json');
        (passages[0] as { sourceId: string }).sourceId = 'no-such-source';
        writeJson(entries, 'passages.json', passages);
        return repack(entries);
      },
      /passages\.json: passage 1 .* points to source no-such-source, which is not in the bundle/,
    ],
    ['not a zip at all', () => new TextEncoder().encode('{"format":"casefile-case"}'), /bad\.casefile cannot be exported: /],
  ])('exits 2 with a clear message for a bundle that is %s, writing nothing', async (_name, make, message) => {
    const files = new Map([['bad.casefile', make(await fixtureBundle())]]);
    const { io, out } = memoryIo(files);
    expect(await runCli(['export', 'bad.casefile', '--format', 'md'], io)).toBe(2);
    expect(out.stderr).toMatch(message);
    expect(out.stderr.startsWith('casefile: ')).toBe(true);
    expect([...files.keys()]).toEqual(['bad.casefile']);
  });

  it('says which bundle it could not read', async () => {
    const { io, out } = memoryIo(new Map());
    expect(await runCli(['export', 'gone.casefile', '--format', 'md'], io)).toBe(2);
    expect(out.stderr).toBe('casefile: cannot read the case bundle gone.casefile: no such file.\n');
  });
});
