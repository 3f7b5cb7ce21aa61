import { describe, expect, it } from 'vitest';
import { readBundle } from '../../../../shared/bundle/read';
import { writeBundle } from '../../../../shared/bundle/write';
import { generateCase } from '../../../fixtures/bundle/generateCase';

describe('a source’s import report in a bundle', () => {
  it('travels with the source: encoding, hidden text and metadata authors', async () => {
    const data = generateCase({ sources: 1, sourceChars: 2_000, passages: 3, claims: 0, tags: 0, originals: true, seed: 3 });
    data.sources[0]!.importReport = {
      encoding: { encoding: 'shift_jis', how: 'detected', confidence: 100 },
      hidden: { count: 2, blocks: ['cheap flights', 'best hotels'] },
      metadataAuthors: ['Desk Editor'],
    };
    const result = await readBundle(await writeBundle(data, { appVersion: '0.1.0', includeOriginals: true, now: Date.UTC(2025, 0, 1) }));
    expect(result.ok && result.data.sources[0]!.importReport).toEqual(data.sources[0]!.importReport);
  });

  it('is refused when malformed, naming the field', async () => {
    const data = generateCase({ sources: 1, sourceChars: 500, passages: 0, claims: 0, tags: 0, originals: false, seed: 4 });
    (data.sources[0] as unknown as Record<string, unknown>).importReport = { encoding: { encoding: 'utf-8', how: 'guessed' } };
    await expect(writeBundle(data, { appVersion: '0.1.0', includeOriginals: false, now: Date.UTC(2025, 0, 1) })).rejects.toThrow(/field “importReport\.encoding\.how” must be "bom"/);
  });
});
