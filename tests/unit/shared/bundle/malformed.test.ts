import { beforeAll, describe, expect, it } from 'vitest';
import type { BundleErrorCode } from '../../../../shared/bundle/errors';
import { BUNDLE_FORMAT_VERSION } from '../../../../shared/bundle/format';
import { readBundle } from '../../../../shared/bundle/read';
import { createTranslator, translateRef } from '../../../../shared/i18n';
import { writeBundle } from '../../../../shared/bundle/write';
import type { ClaimRecord, PassageRecord } from '../../../../shared/domain/types';
import { generateCase } from '../../../fixtures/bundle/generateCase';
import { asFormat, centralHeader, entryData, flip, readJson, repack, unpack, writeJson, type Entries } from '../../../fixtures/bundle/tamper';

const data = generateCase({ sources: 2, sourceChars: 4_000, passages: 30, claims: 5, tags: 3, originals: true, seed: 11 });
let good: Uint8Array;

beforeAll(async () => {
  good = await writeBundle(data, { appVersion: '0.1.0', includeOriginals: true, now: Date.UTC(2025, 0, 2) });
});

async function refusal(bytes: Uint8Array): Promise<{ code: BundleErrorCode; message: string }> {
  const result = await readBundle(bytes);
  if (result.ok) throw new Error('readBundle accepted a bundle it should have refused');
  // The code and the English; the catalogue reference behind it is checked in tests/unit/shared/i18n/messageRefs.test.ts.
  const { code, message } = result.error;
  return { code, message };
}

/** Change one JSON entry of the good bundle and zip it again with matching fingerprints. */
function edited<T>(path: string, change: (value: T) => T | void): Uint8Array {
  const entries = unpack(good);
  const value = readJson<T>(entries, path);
  writeJson(entries, path, change(value) ?? value);
  return repack(entries);
}

const short = (id: string) => `${id.slice(0, 8)}…`;
const passage = (n: number) => data.passages[n - 1] as PassageRecord;

describe('readBundle: files that are not whole zips', () => {
  it('refuses a file that is not a zip at all', async () => {
    expect(await refusal(new TextEncoder().encode('# My notes\nNot a bundle.'))).toEqual({
      code: 'not-zip',
      message: 'This file is not a Casefile bundle (it is not a zip archive).',
    });
  });

  it('refuses an empty file', async () => {
    expect((await refusal(new Uint8Array())).code).toBe('not-zip');
  });

  it.each([
    ['half of it', (n: number) => n >> 1],
    ['all but its last 10 bytes', (n: number) => n - 10],
    ['all but its first 100 bytes… kept from the start', () => 100],
  ])('says a bundle cut short is incomplete (%s)', async (_, keep) => {
    expect(await refusal(good.slice(0, keep(good.length)))).toEqual({
      code: 'truncated',
      message: 'This bundle is incomplete (the file was cut short). Copy it again from the original.',
    });
  });
});

describe('readBundle: damaged bytes', () => {
  it('names the entry when a byte of its compressed data is flipped', async () => {
    const { start, length } = entryData(good, 'passages.json');
    const error = await refusal(flip(good, start + (length >> 1)));
    expect(['corrupt', 'hash-mismatch']).toContain(error.code);
    expect(error.message).toContain('passages.json');
    expect(error.message).toMatch(/Copy it again from the original\.$/);
  });

  it('catches a flipped byte in a stored entry with the zip checksum', async () => {
    const stored = repack(unpack(good), { level: 0 });
    const { start } = entryData(stored, 'case.json');
    expect(await refusal(flip(stored, start + 5))).toEqual({
      code: 'corrupt',
      message: 'This bundle is damaged: “case.json” does not match its checksum. Copy it again from the original.',
    });
  });

  it('reports a hash mismatch when an entry was changed after the manifest was written', async () => {
    const entries = unpack(good);
    const record = readJson<{ name: string }>(entries, 'case.json');
    writeJson(entries, 'case.json', { ...record, name: 'Renamed behind our back' });
    expect(await refusal(repack(entries, { manifest: false }))).toEqual({
      code: 'hash-mismatch',
      message:
        'This bundle has been altered or damaged: case.json does not match the fingerprint (SHA-256) in its manifest. Copy it again from the original.',
    });
  });

  it('names the entry when a byte of its name in the central directory is flipped', async () => {
    const at = centralHeader(good, 'claims.json');
    const error = await refusal(flip(good, at + 46 + 2, 0x03));
    expect(error.code).toBe('corrupt');
    expect(error.message).toBe(
      'This bundle is damaged: the table of contents and the data disagree about the name of “clbims.json”. Copy it again from the original.',
    );
  });

  it('says where the central directory breaks when a header signature is flipped', async () => {
    const at = centralHeader(good, 'tags.json');
    const error = await refusal(flip(good, at));
    expect(error.code).toBe('corrupt');
    expect(error.message).toMatch(/^This bundle is damaged: its table of contents is unreadable at entry \d+ of \d+\. Copy it again/);
  });

  it('says which entry has inconsistent sizes when a central size field is flipped', async () => {
    const entries = unpack(good);
    const stored = repack(entries, { level: 0 });
    const at = centralHeader(stored, 'notes.json');
    expect(await refusal(flip(stored, at + 24))).toMatchObject({ code: 'corrupt', message: expect.stringContaining('“notes.json”') });
  });
});

describe('readBundle: the manifest', () => {
  it('refuses a zip without a manifest', async () => {
    const entries = unpack(good);
    delete entries['manifest.json'];
    expect(await refusal(repack(entries, { manifest: false }))).toEqual({
      code: 'missing-entry',
      message: 'This zip archive is not a Casefile bundle: it has no manifest.json.',
    });
  });

  it('asks for an update when the bundle comes from a newer format', async () => {
    const entries = unpack(good);
    const manifest = readJson<Record<string, unknown>>(entries, 'manifest.json');
    const future = BUNDLE_FORMAT_VERSION + 1;
    writeJson(entries, 'manifest.json', { ...manifest, formatVersion: future, somethingNew: true });
    expect(await refusal(repack(entries, { manifest: false }))).toEqual({
      code: 'future-version',
      message: `This bundle was made by a newer Casefile (format ${future}). Update Casefile to open it.`,
    });
  });

  it('reads a format-1 bundle (records without stamps) and a format-2 one as well as a format-3 one', async () => {
    for (const version of [1, 2] as const) {
      const result = await readBundle(repack(asFormat(unpack(good), version)));
      expect(result.ok && result.manifest.formatVersion).toBe(version);
    }
  });

  it('refuses a manifest of another kind of file', async () => {
    const entries = unpack(good);
    writeJson(entries, 'manifest.json', { ...readJson<object>(entries, 'manifest.json'), format: 'other-app' });
    expect(await refusal(repack(entries, { manifest: false }))).toEqual({
      code: 'invalid-record',
      message: 'manifest.json: field “format” must be "casefile-bundle".',
    });
  });

  it('names an entry the manifest lists but the zip lacks', async () => {
    const entries = unpack(good);
    const manifestBytes = entries['manifest.json'] as Uint8Array;
    delete entries['tags.json'];
    const bytes = repack({ ...entries, 'manifest.json': manifestBytes }, { manifest: false });
    expect(await refusal(bytes)).toEqual({ code: 'missing-entry', message: 'This bundle is missing tags.json, which its manifest lists.' });
  });

  it('refuses an entry the manifest does not list', async () => {
    const entries = unpack(good);
    entries['extra.exe'] = new Uint8Array([0x4d, 0x5a]);
    const manifestBytes = entries['manifest.json'] as Uint8Array;
    expect(await refusal(repack({ ...entries, 'manifest.json': manifestBytes }, { manifest: false }))).toEqual({
      code: 'corrupt',
      message: 'This bundle holds “extra.exe”, which its manifest does not list.',
    });
  });
});

describe('readBundle: records', () => {
  it('names the passage that points to a source outside the bundle', async () => {
    const bytes = edited<PassageRecord[]>('passages.json', (passages) => {
      (passages[11] as PassageRecord).sourceId = '9ab0c4d2-7e51-4c1e-9f00-5d2b1e7a3c11';
    });
    expect(await refusal(bytes)).toEqual({
      code: 'dangling-reference',
      message: `passages.json: passage 12 (id ${short(passage(12).id)}) points to source 9ab0c4d2…, which is not in the bundle.`,
    });
  });

  it('names claim evidence that points to a missing passage', async () => {
    const bytes = edited<ClaimRecord[]>('claims.json', (claims) => {
      (claims[0] as ClaimRecord).evidence.push({ passageId: 'gone', stance: 'context', addedAt: 1 });
    });
    expect(await refusal(bytes)).toEqual({
      code: 'dangling-reference',
      message: `claims.json: claim 1 (id ${short(data.claims[0]?.id ?? '')}): its evidence points to passage gone, which is not in the bundle.`,
    });
  });

  it('names a record that belongs to another case', async () => {
    const bytes = edited<PassageRecord[]>('passages.json', (passages) => {
      (passages[0] as PassageRecord).caseId = 'other-case';
    });
    expect((await refusal(bytes)).message).toBe(
      `passages.json: passage 1 (id ${short(passage(1).id)}) belongs to case other-case, not to this bundle’s case ${short(data.case.id)}.`,
    );
  });

  it('refuses a brief note id that is not in the bundle', async () => {
    const bytes = edited<Record<string, unknown>>('case.json', (record) => ({ ...record, briefNoteId: 'no-such-note' }));
    expect(await refusal(bytes)).toEqual({ code: 'dangling-reference', message: 'case.json: the case’s brief points to note no-such-note, which is not in the bundle.' });
  });

  it('names both records when an id is used twice in a table', async () => {
    const bytes = edited<PassageRecord[]>('passages.json', (passages) => [...passages, { ...passage(1), comment: 'twin' }]);
    expect(await refusal(bytes)).toEqual({
      code: 'duplicate-id',
      message: `passages.json: passage 31 (id ${short(passage(1).id)}) has the same id as passage 1 in passages.json.`,
    });
  });

  it('refuses an id shared between tables', async () => {
    const bytes = edited<ClaimRecord[]>('claims.json', (claims) => {
      (claims[2] as ClaimRecord).id = passage(5).id;
    });
    expect(await refusal(bytes)).toEqual({
      code: 'duplicate-id',
      message: `claims.json: claim 3 (id ${short(passage(5).id)}) has the same id as passage 5 in passages.json.`,
    });
  });

  it('names the record and field of a value of the wrong type', async () => {
    const bytes = edited<unknown[]>('passages.json', (passages) => {
      const third = passages[2] as { selectors: [{ exact: unknown }] };
      third.selectors[0].exact = 42;
    });
    expect(await refusal(bytes)).toEqual({
      code: 'invalid-record',
      message: `passages.json: passage 3 (id ${short(passage(3).id)}): field “selectors[0].exact” must be text, not a number.`,
    });
  });

  it('names a missing field', async () => {
    const bytes = edited<Record<string, unknown>[]>('tags.json', (tags) => {
      delete (tags[1] as Record<string, unknown>).color;
    });
    expect((await refusal(bytes)).message).toBe(`tags.json: tag 2 (id ${short(data.tags[1]?.id ?? '')}): field “color” is missing (it must be text).`);
  });

  it('refuses a field this version does not know, rather than dropping it', async () => {
    const bytes = edited<Record<string, unknown>[]>('notes.json', (notes) => {
      (notes[0] as Record<string, unknown>).pinned = true;
    });
    expect(await refusal(bytes)).toEqual({
      code: 'invalid-record',
      message: `notes.json: note 1 (id ${short(data.notes[0]?.id ?? '')}): the record has a field this version of Casefile does not know: “pinned”.`,
    });
  });

  it('refuses a source id that would escape the blobs folder', async () => {
    const bytes = edited<Record<string, unknown>[]>('blobs.json', (blobs) => {
      (blobs[0] as Record<string, unknown>).sourceId = '../manifest.json';
    });
    const error = await refusal(bytes);
    expect(error.code).toBe('invalid-record');
    expect(error.message).toMatch(/^blobs\.json: original file 1 \(source \.\.\/manifest\.json\): field “sourceId” must be an ID of letters/);
  });

  it('names a paragraph block that runs past the end of the source text', async () => {
    const bytes = edited<{ blocks: { end: number }[]; text: string }[]>('sources.json', (sources) => {
      const first = sources[0] as { blocks: { end: number }[]; text: string };
      (first.blocks[2] as { end: number }).end = first.text.length + 1;
    });
    expect(await refusal(bytes)).toEqual({
      code: 'invalid-record',
      message: `sources.json: source 1 (id ${short(data.sources[0]?.id ?? '')}): field “blocks[2].end” goes past the end of the source text (${(data.sources[0]?.text.length ?? 0).toLocaleString('en-US')} characters).`,
    });
  });

  it('accepts a media type with parameters', async () => {
    const bytes = edited<{ mediaType: string }[]>('blobs.json', (blobs) => {
      (blobs[0] as { mediaType: string }).mediaType = 'text/plain; charset=utf-8';
    });
    const result = await readBundle(bytes);
    expect(result.ok && result.data.blobs[0]?.mediaType).toBe('text/plain; charset=utf-8');
  });

  it('refuses an original file that no index entry describes', async () => {
    const entries: Entries = unpack(good);
    writeJson(entries, 'blobs.json', readJson<unknown[]>(entries, 'blobs.json').slice(1));
    expect(await refusal(repack(entries))).toMatchObject({ code: 'corrupt', message: expect.stringMatching(/^This bundle holds blobs\/.+, but blobs\.json does not describe it\.$/) });
  });

  it('refuses entries that are not JSON, saying where in our words, not the engine’s', async () => {
    const entries = unpack(good);
    entries['tags.json'] = new TextEncoder().encode('[{"id": ');
    expect(await refusal(repack(entries))).toMatchObject({
      code: 'corrupt',
      message: 'This bundle is damaged: tags.json is not valid JSON (it ends too early, as if a closing bracket, brace or quote were missing). Copy it again from the original.',
    });
    entries['tags.json'] = new TextEncoder().encode('[\n  {"id": "t1"},\n  {"id": "t2",}\n]');
    const placed = await readBundle(repack(entries));
    if (placed.ok) throw new Error('accepted');
    expect(placed.error.message).toBe('This bundle is damaged: tags.json is not valid JSON (unexpected text at line 3, column 15). Copy it again from the original.');
    expect(translateRef(createTranslator('es'), placed.error.detail!)).toBe(
      'Este paquete está dañado: tags.json no es JSON válido (texto inesperado en la línea 3, columna 15). Vuelve a copiarlo desde el original.',
    );
  });
});
