import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { BundleFailure } from '../../../../shared/bundle/errors';
import { BUNDLE_FORMAT_VERSION } from '../../../../shared/bundle/format';
import { readBundle } from '../../../../shared/bundle/read';
import { writeBundle } from '../../../../shared/bundle/write';
import { generateCase } from '../../../fixtures/bundle/generateCase';
import { readJson, repack, unpack, writeJson } from '../../../fixtures/bundle/tamper';

const NOW = Date.UTC(2025, 5, 30, 9, 15);
const OPTS = { appVersion: '0.1.0', includeOriginals: true, now: NOW };
const small = (seed = 7, originals = true) => generateCase({ sources: 2, sourceChars: 3_000, passages: 25, claims: 6, tags: 4, originals, seed });

describe('writeBundle → readBundle', () => {
  it('gives back exactly what was written, originals included', async () => {
    const data = small();
    const result = await readBundle(await writeBundle(data, OPTS));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.data).toEqual(data);
    expect(result.data.blobs).toHaveLength(2);
    expect(result.manifest).toMatchObject({ format: 'casefile-bundle', formatVersion: BUNDLE_FORMAT_VERSION, appVersion: '0.1.0', caseId: data.case.id, createdAt: '2025-06-30T09:15:00.000Z' });
  });

  it('carries who created and changed each record, and when', async () => {
    const data = small();
    const stamp = { createdBy: '1a2b3c4d-0000-4000-8000-000000000001', updatedBy: '1a2b3c4d-0000-4000-8000-000000000002', changedAt: NOW };
    const stamped = {
      ...data,
      case: { ...data.case, ...stamp },
      sources: data.sources.map((r) => ({ ...r, ...stamp })),
      passages: data.passages.map((r) => ({ ...r, ...stamp })),
      claims: data.claims.map((r) => ({ ...r, ...stamp })),
      tags: data.tags.map((r) => ({ ...r, ...stamp })),
      notes: data.notes.map((r) => ({ ...r, ...stamp })),
    };
    const result = await readBundle(await writeBundle(stamped, OPTS));
    expect(result.ok && result.data).toEqual(stamped);
  });

  it('leaves the original files out unless the user includes them', async () => {
    const data = small();
    const bundle = await writeBundle(data, { ...OPTS, includeOriginals: false });
    const result = await readBundle(bundle);
    expect(result.ok && result.data).toEqual({ ...data, blobs: [] });
    expect(Object.keys(unpack(bundle)).some((path) => path.startsWith('blobs/'))).toBe(false);
  });

  it('round-trips a case with no sources, passages or notes', async () => {
    const data = { ...generateCase({ sources: 0, sourceChars: 0, passages: 0, claims: 0, tags: 0, originals: false, seed: 1 }), notes: [] };
    const { briefNoteId: _unused, ...bare } = data.case;
    const result = await readBundle(await writeBundle({ ...data, case: bare }, OPTS));
    expect(result.ok && result.data).toEqual({ ...data, case: bare });
  });

  it('lists every entry in the manifest with its real SHA-256 and size', async () => {
    const entries = unpack(await writeBundle(small(), OPTS));
    const manifest = readJson<{ entries: { path: string; sha256: string; bytes: number }[] }>(entries, 'manifest.json');
    const paths = manifest.entries.map((entry) => entry.path).sort();
    expect(paths).toEqual(Object.keys(entries).filter((path) => path !== 'manifest.json').sort());
    for (const entry of manifest.entries) {
      const bytes = entries[entry.path] as Uint8Array;
      expect(entry.bytes).toBe(bytes.length);
      expect(entry.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    }
  });

  it('writes the W3C annotations and CSL-JSON references other tools read', async () => {
    const data = small();
    const entries = unpack(await writeBundle(data, OPTS));
    const annotations = readJson<{ type: string; total: number; label: string; generated: string }>(entries, 'annotations.jsonld');
    expect(annotations).toMatchObject({ type: 'AnnotationCollection', total: data.passages.length, label: data.case.name, generated: '2025-06-30T09:15:00.000Z' });
    const references = readJson<{ id: string; title: string }[]>(entries, 'references.json');
    expect(references.map((item) => item.id)).toEqual(data.sources.map((source) => source.id));
    expect(references[0]).toMatchObject({ ...data.sources[0]?.metadata, id: data.sources[0]?.id });
  });

  it('writes the same bytes for the same case and time', async () => {
    const a = await writeBundle(small(), OPTS);
    const b = await writeBundle(small(), OPTS);
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
  });
});

describe('writeBundle refuses data that could not be imported again', () => {
  const refusal = async (data: ReturnType<typeof small>) => {
    try {
      await writeBundle(data, OPTS);
    } catch (error) {
      expect(error).toBeInstanceOf(BundleFailure);
      return error as BundleFailure;
    }
    throw new Error('writeBundle accepted data it should have refused');
  };

  it('names the passage whose source is not in the case', async () => {
    const data = small();
    const passage = data.passages[3];
    if (!passage) throw new Error('fixture has too few passages');
    passage.sourceId = 'missing-source';
    const error = await refusal(data);
    expect(error.code).toBe('dangling-reference');
    expect(error.message).toBe(`passages.json: passage 4 (id ${passage.id.slice(0, 8)}…) points to source missing-source, which is not in the bundle.`);
  });

  it('names the record and field of an invalid value', async () => {
    const data = small();
    (data.claims[1] as { status: string }).status = 'probably';
    const error = await refusal(data);
    expect(error.code).toBe('invalid-record');
    expect(error.message).toMatch(/^claims\.json: claim 2 \(id [0-9a-f]{8}…\): field “status” must be "unverified", "supported", "disputed", "false" or "inconclusive"\.$/);
  });

  it('drops a resume point that names a deleted source instead of blocking the export', async () => {
    const data = small();
    data.case.activeSourceId = 'deleted-source';
    const result = await readBundle(await writeBundle(data, OPTS));
    expect(result.ok).toBe(true);
    expect(result.ok && result.data.case.activeSourceId).toBeUndefined();
  });
});

describe('format 2: the provenance of recognised text', () => {
  const withOcr = () => {
    const data = small(11);
    const source = data.sources[0]!;
    source.ocr = {
      engine: 'tesseract.js',
      version: '7.0.0',
      languages: ['eng', 'chi_sim'],
      model: '4.0.0_best_int',
      pages: [1],
      blocks: [{ index: 0, confidence: 88.5 }],
      uncertain: [{ start: source.blocks[0]!.start, end: source.blocks[0]!.start + 3, confidence: 41 }],
    };
    return data;
  };

  it('carries a source’s OCR record through a bundle unchanged', async () => {
    const data = withOcr();
    const result = await readBundle(await writeBundle(data, OPTS));
    expect(result.ok && result.data.sources[0]!.ocr).toEqual(data.sources[0]!.ocr);
  });

  it('still opens version-1 bundles, which have no OCR records', async () => {
    const entries = unpack(await writeBundle(small(12), OPTS));
    writeJson(entries, 'manifest.json', { ...readJson<Record<string, unknown>>(entries, 'manifest.json'), formatVersion: 1 });
    const result = await readBundle(repack(entries, { manifest: false }));
    expect(result.ok).toBe(true);
  });

  it('refuses an OCR record that points outside its source, whether writing or reading', async () => {
    const data = withOcr();
    const entries = unpack(await writeBundle(data, OPTS));
    const sources = readJson<{ text: string; ocr?: { uncertain: { end: number }[] } }[]>(entries, 'sources.json');
    sources[0]!.ocr!.uncertain[0]!.end = sources[0]!.text.length + 5;
    writeJson(entries, 'sources.json', sources);
    const result = await readBundle(repack(entries));
    expect(!result.ok && result.error.message).toMatch(/^sources\.json: source 1 \(id \w+…\): field “ocr\.uncertain\[0\]” is not a range inside the source text\.$/);
    data.sources[0]!.ocr!.uncertain[0]!.end = data.sources[0]!.text.length + 5;
    await expect(writeBundle(data, OPTS)).rejects.toThrow(/field “ocr\.uncertain\[0\]” is not a range inside the source text/);
  });
});
