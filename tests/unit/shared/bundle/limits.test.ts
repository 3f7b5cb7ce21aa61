import { beforeAll, describe, expect, it } from 'vitest';
import { readBundle } from '../../../../shared/bundle/read';
import { writeBundle } from '../../../../shared/bundle/write';
import { generateCase } from '../../../fixtures/bundle/generateCase';
import { centralHeader, entryData, readJson, repack, unpack, writeJson, type Entries } from '../../../fixtures/bundle/tamper';

const MIB = 1024 * 1024;
const data = generateCase({ sources: 2, sourceChars: 2_000, passages: 10, claims: 3, tags: 2, originals: false, seed: 5 });
let good: Uint8Array;

beforeAll(async () => {
  good = await writeBundle(data, { appVersion: '0.1.0', includeOriginals: false, now: Date.UTC(2025, 0, 2) });
});

async function refusal(bytes: Uint8Array, limits = {}) {
  const result = await readBundle(bytes, { limits });
  if (result.ok) throw new Error('readBundle accepted a bundle it should have refused');
  // The code and the English; the catalogue reference behind it is checked in tests/unit/shared/i18n/messageRefs.test.ts.
  const { code, message } = result.error;
  return { code, message };
}

/**
 * sources.json with the first source's text replaced by `chars` letters,
 * built by splicing bytes around a placeholder: no 100 MB string is ever
 * created, stringified or parsed by the test.
 */
function sourcesWithHugeText(entries: Entries, chars: number): Uint8Array {
  const sources = readJson<{ text: string }[]>(entries, 'sources.json');
  (sources[0] as { text: string }).text = 'HUGE-TEXT-PLACEHOLDER';
  const json = JSON.stringify(sources);
  const cut = json.indexOf('HUGE-TEXT-PLACEHOLDER');
  const before = new TextEncoder().encode(json.slice(0, cut));
  const after = new TextEncoder().encode(json.slice(cut + 'HUGE-TEXT-PLACEHOLDER'.length));
  const bytes = new Uint8Array(before.length + chars + after.length);
  bytes.set(before);
  bytes.fill(0x61, before.length, before.length + chars);
  bytes.set(after, before.length + chars);
  return bytes;
}

describe('readBundle: strings', () => {
  it('refuses a 100 MB string, naming the entry, record and field, before parsing it', async () => {
    const entries = unpack(good);
    entries['sources.json'] = sourcesWithHugeText(entries, 100 * MIB);
    expect(await refusal(repack(entries, { level: 0 }))).toEqual({
      code: 'too-large',
      message: 'sources.json: source 1, field “text” holds 104,857,600 characters (100.0 MB); a bundle may hold no single text over 50.0 MB.',
    });
  });

  it('refuses the same string compressed, from its header, as a zip bomb', async () => {
    const entries = unpack(good);
    entries['sources.json'] = sourcesWithHugeText(entries, 100 * MIB);
    const error = await refusal(repack(entries, { level: 1 }));
    expect(error.code).toBe('zip-bomb');
    expect(error.message).toMatch(/^This bundle was refused: “sources\.json” would unpack to 100\.0 MB, [\d,]+ times its packed size\./);
  });

  it('refuses a field over the 25 MB record limit with the field named', async () => {
    const entries = unpack(good);
    const claims = readJson<{ statement: string }[]>(entries, 'claims.json');
    (claims[1] as { statement: string }).statement = 'x'.repeat(25 * MIB + 1);
    writeJson(entries, 'claims.json', claims);
    const error = await refusal(repack(entries, { level: 0 }));
    expect(error).toEqual({
      code: 'invalid-record',
      message: `claims.json: claim 2 (id ${data.claims[1]?.id.slice(0, 8)}…): field “statement” is longer than the limit of 25.0 MB (26,214,400 characters).`,
    });
  });
});

describe('readBundle: sizes checked from the zip headers before inflating', () => {
  it('refuses a zip bomb from its declared ratio without inflating it', async () => {
    const entries = unpack(good);
    entries['notes.json'] = new Uint8Array(24 * MIB).fill(0x20);
    const bomb = repack(entries, { level: 9 });
    // Overwrite the bomb's deflate stream with bytes no inflater accepts:
    // had the reader inflated it, the answer would be 'corrupt'.
    const { start, length } = entryData(bomb, 'notes.json');
    bomb.fill(0xff, start, start + length);
    const error = await refusal(bomb);
    expect(error.code).toBe('zip-bomb');
    expect(error.message).toMatch(/^This bundle was refused: “notes\.json” would unpack to 24\.0 MB, [\d,]+ times its packed size\. .*Nothing was unpacked\.$/);
  });

  it('reports that same garbage as damage when the entry is not a bomb (the control for the test above)', async () => {
    const bytes = good.slice();
    const { start, length } = entryData(bytes, 'notes.json');
    bytes.fill(0xff, start, start + length);
    expect((await refusal(bytes)).code).toBe('corrupt');
  });

  it('refuses an entry whose declared size is over the cap, before allocating it', async () => {
    const bytes = good.slice();
    const at = centralHeader(bytes, 'case.json');
    new DataView(bytes.buffer).setUint32(at + 24, 300 * MIB, true);
    expect(await refusal(bytes)).toEqual({
      code: 'too-large',
      message: 'This bundle was refused: “case.json” would unpack to 300.0 MB, and a bundle entry may be at most 200.0 MB.',
    });
  });

  it('refuses a bundle whose entries add up to more than the total cap', async () => {
    expect(await refusal(good, { maxTotalBytes: 4096 })).toMatchObject({ code: 'too-large', message: expect.stringMatching(/^This bundle would unpack to [\d.]+ MB; the limit is 0\.0 MB\.$/) });
  });

  it('refuses a bundle with more entries than the cap', async () => {
    expect(await refusal(good, { maxEntries: 4 })).toEqual({ code: 'too-large', message: 'This bundle holds 14 files; a bundle may hold at most 4.' });
  });

  it('refuses entries whose compressed data overlap (the overlapping-file zip bomb)', async () => {
    const bytes = good.slice();
    const at = centralHeader(bytes, 'case.json');
    const { length } = entryData(bytes, 'case.json');
    new DataView(bytes.buffer).setUint32(at + 20, length + 64, true);
    const error = await refusal(bytes);
    expect(error.code).toBe('zip-bomb');
    expect(error.message).toMatch(/^This bundle was refused: the entries “case\.json” and “[a-z.]+” share compressed data/);
  });
});
