import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { BundleFailure } from '../../../../shared/bundle/errors';
import { BUNDLE_FORMAT_VERSION } from '../../../../shared/bundle/format';
import { readBundle } from '../../../../shared/bundle/read';
import { writeBundle } from '../../../../shared/bundle/write';
import { MAX_FIGURE_BYTES } from '../../../../shared/bundle/limits';
import { generateCase, withViews } from '../../../fixtures/bundle/generateCase';
import { asFormat, readJson, repack, unpack, writeJson } from '../../../fixtures/bundle/tamper';

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
    const entries = asFormat(unpack(await writeBundle(small(12), OPTS)), 1);
    const result = await readBundle(repack(entries));
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

describe('format 3: the case views (timeline, entities, figures)', () => {
  const viewed = (seed = 21) => withViews(small(seed));

  it('carries timeline entries, entity merges and tags, and figures with their pictures', async () => {
    const data = viewed();
    const bundle = await writeBundle(data, OPTS);
    const entries = unpack(bundle);
    const figure = data.figures[0]!;
    expect(entries[`figures/${figure.id}.png`]).toEqual(figure.png);
    const { png: _png, ...described } = figure;
    expect(readJson<Record<string, unknown>[]>(entries, 'figures.json')).toEqual([described]);
    const result = await readBundle(bundle);
    if (!result.ok) throw new Error(result.error.message);
    expect(result.data).toEqual(data);
    expect(result.data.timelineEntries).toHaveLength(3);
    expect(result.data.figures[0]!.png).toBeInstanceOf(Uint8Array);
  });

  it('still opens a version-2 bundle, which has none of them: the case simply has none', async () => {
    const data = viewed(22);
    const result = await readBundle(repack(asFormat(unpack(await writeBundle(data, OPTS)), 2)));
    if (!result.ok) throw new Error(result.error.message);
    expect(result.data).toEqual({ ...data, notes: result.data.notes, timelineEntries: [], entityMerges: [], entityTags: [], figures: [] });
  });

  it('refuses a version-2 bundle that holds format-3 entries, and a version-3 bundle without them', async () => {
    const entries = unpack(await writeBundle(viewed(23), OPTS));
    const manifest = readJson<Record<string, unknown>>(entries, 'manifest.json');
    writeJson(entries, 'manifest.json', { ...manifest, formatVersion: 2 });
    const older = await readBundle(repack(entries));
    expect(!older.ok && older.error).toMatchObject({ code: 'corrupt', message: expect.stringMatching(/is not part of a version-2 bundle\.$/) });
    writeJson(entries, 'manifest.json', manifest);
    delete entries['entityTags.json'];
    const missing = await readBundle(repack(entries));
    expect(!missing.ok && missing.error).toMatchObject({ code: 'missing-entry', message: 'This bundle is missing entityTags.json.' });
  });

  it('refuses a figure whose picture is not in the bundle, and a picture no figure describes', async () => {
    const data = viewed(24);
    const path = `figures/${data.figures[0]!.id}.png`;
    const entries = unpack(await writeBundle(data, OPTS));
    const png = entries[path]!;
    delete entries[path];
    const missing = await readBundle(repack(entries));
    expect(!missing.ok && missing.error.message).toBe(`figures.json: figure 1 (${data.figures[0]!.id}) should have its picture in ${path}, which is missing.`);
    entries[path] = png;
    entries['figures/stray.png'] = png;
    const stray = await readBundle(repack(entries));
    expect(!stray.ok && stray.error.message).toBe('This bundle holds figures/stray.png, but figures.json does not describe it.');
  });

  it('refuses an over-size figure by name: when exporting, and from the zip headers before unpacking it', async () => {
    const data = viewed(25);
    const figure = data.figures[0]!;
    const big = new Uint8Array(MAX_FIGURE_BYTES + 1);
    for (let at = 0; at < big.length; at += 65_536) crypto.getRandomValues(big.subarray(at, at + 65_536));
    await expect(writeBundle({ ...data, figures: [{ ...figure, png: big }] }, OPTS)).rejects.toMatchObject({
      code: 'too-large',
      message: `figures.json: figure 1 (id ${figure.id.slice(0, 8)}…) is 20.0 MB (its SVG and PNG together); a figure may be at most 20.0 MB.`,
    });
    const entries = unpack(await writeBundle(data, OPTS));
    entries[`figures/${figure.id}.png`] = big;
    const result = await readBundle(repack(entries, { level: 0 }));
    expect(!result.ok && result.error).toMatchObject({
      code: 'too-large',
      message: `This bundle was refused: the picture of figure ${figure.id} (figures/${figure.id}.png) would unpack to 20.0 MB, and a figure may be at most 20.0 MB.`,
    });
  });

  it('refuses an entity tag or timeline entry whose passage is not in the bundle, but drops those of trashed records on export', async () => {
    const data = viewed(26);
    const tag = data.entityTags[0]!;
    const entries = unpack(await writeBundle(data, OPTS));
    writeJson(entries, 'entityTags.json', [{ ...tag, passageId: 'gone' }]);
    const result = await readBundle(repack(entries));
    expect(!result.ok && result.error).toMatchObject({ code: 'dangling-reference', message: `entityTags.json: entity tag 1 (id ${tag.id.slice(0, 8)}…) points to passage gone, which is not in the bundle.` });
    // What export was given names a passage that is not exported (it is in the Trash): left out, not a refusal.
    const trashed = { ...data, passages: data.passages.filter((p) => p.id !== tag.passageId && p.id !== data.timelineEntries[2]!.passageId) };
    trashed.claims = trashed.claims.map((c) => ({ ...c, evidence: c.evidence.filter((e) => trashed.passages.some((p) => p.id === e.passageId)) }));
    const written = await readBundle(await writeBundle(trashed, OPTS));
    if (!written.ok) throw new Error(written.error.message);
    expect(written.data.entityTags).toEqual([]);
    expect(written.data.timelineEntries.map((e) => e.kind)).toEqual(['confirmed', 'corrected']);
  });

  it('names the field of an invalid timeline entry', async () => {
    const data = viewed(27);
    (data.timelineEntries[2] as { date?: unknown }).date = undefined;
    delete data.timelineEntries[2]!.date;
    await expect(writeBundle(data, OPTS)).rejects.toThrow(/^timeline\.json: timeline entry 3 \(id \w{8}…\): field “date” is missing \(a manual event needs its date\)\.$/);
  });
});
