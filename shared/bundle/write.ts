/**
 * Write a case as a `.casefile` bundle (layout in `format.ts`).
 *
 * The data is checked with the same schemas and reference rules the reader
 * applies, so an export can never produce a file that refuses to import: a
 * problem surfaces now, while the original data is still in the profile,
 * with a message that names the record and field.
 */
import { zipSync, type Zippable } from 'fflate';
import { toAnnotationCollection } from '../annotations/w3c';
import type { SourceBlobRecord } from '../domain/types';
import { sha256Hex } from '../domain/hash';
import { BundleFailure, bundleRef, mb } from './errors';
import {
  BUNDLE_FORMAT,
  BUNDLE_FORMAT_VERSION,
  ENTRY,
  blobPath,
  figurePngPath,
  toCslReferences,
  type BundleData,
  type BundleManifest,
  type ManifestEntry,
} from './format';
import { DEFAULT_LIMITS } from './limits';
import { TABLES, checkIntegrity, checkStringLengths, parseCase, parseTable } from './validate';

export interface WriteOptions {
  /** The Casefile version writing the bundle, recorded in the manifest for support questions. */
  appVersion: string;
  /** Whether the original files go in too. They can be large or private, so the user decides. */
  includeOriginals: boolean;
  /** The export time (ms since 1970); passed in so output is reproducible. */
  now: number;
}

/** Media types that are already compressed; deflating them again costs time and saves nothing. */
const PRECOMPRESSED = /^(image\/(?!svg)|audio\/|video\/|application\/(pdf|zip|gzip|x-7z|epub|vnd\.openxmlformats|vnd\.oasis))/;

const encoder = new TextEncoder();

/**
 * Build the bundle bytes for one case. Throws a `BundleFailure` (an `Error`
 * with a `code` and a message for the user) when the data could not be read
 * back: an invalid record, a duplicate ID or a reference to a record that is
 * not in the case. A stale `activeSourceId` (the reader's resume point,
 * pointing at a deleted source) is left out rather than blocking the export.
 */
export async function writeBundle(data: BundleData, opts: WriteOptions): Promise<Uint8Array> {
  const checked = checkForExport(data, opts.includeOriginals);
  const json = (value: unknown) => encoder.encode(JSON.stringify(value));
  const files = new Map<string, Uint8Array>([
    [ENTRY.case, json(checked.case)],
    [ENTRY.sources, json(checked.sources)],
    [ENTRY.blobIndex, json(checked.blobs.map(({ sourceId, mediaType }) => ({ sourceId, mediaType })))],
    [ENTRY.passages, json(checked.passages)],
    [ENTRY.claims, json(checked.claims)],
    [ENTRY.tags, json(checked.tags)],
    [ENTRY.notes, json(checked.notes)],
    [ENTRY.annotations, json(toAnnotationCollection(checked.case.name, checked.sources, checked.passages, checked.tags, opts.now))],
    [ENTRY.references, json(toCslReferences(checked.sources))],
    [ENTRY.timeline, json(checked.timelineEntries)],
    [ENTRY.entityMerges, json(checked.entityMerges)],
    [ENTRY.entityTags, json(checked.entityTags)],
    [ENTRY.figures, json(checked.figures.map(({ png: _png, ...rest }) => rest))],
  ]);
  for (const [path, bytes] of files) checkStringLengths(path, bytes, DEFAULT_LIMITS.maxStringChars);
  for (const blob of checked.blobs) files.set(blobPath(blob.sourceId), blob.bytes);
  for (const figure of checked.figures) files.set(figurePngPath(figure.id), figure.png);
  checkSizes(files);

  const entries: ManifestEntry[] = await Promise.all(
    [...files].map(async ([path, bytes]) => ({ path, sha256: await sha256Hex(bytes), bytes: bytes.length })),
  );
  const manifest: BundleManifest = {
    format: BUNDLE_FORMAT,
    formatVersion: BUNDLE_FORMAT_VERSION,
    appVersion: opts.appVersion,
    createdAt: new Date(opts.now).toISOString(),
    caseId: checked.case.id,
    entries,
  };

  const mediaTypes = new Map(checked.blobs.map((blob) => [blobPath(blob.sourceId), blob.mediaType]));
  for (const figure of checked.figures) mediaTypes.set(figurePngPath(figure.id), 'image/png');
  const zippable: Zippable = { [ENTRY.manifest]: encoder.encode(JSON.stringify(manifest, null, 2)) };
  for (const [path, bytes] of files) {
    const mediaType = mediaTypes.get(path);
    zippable[path] = [bytes, { level: mediaType !== undefined && PRECOMPRESSED.test(mediaType) ? 0 : 6 }];
  }
  return zipSync(zippable, { mtime: zipTime(opts.now) });
}

/**
 * Validate the export and return exactly what will be written. Timeline
 * entries and entity tags whose source or passage is not exported (it is in
 * the Trash) are left out, as the resume point is: they describe records the
 * bundle does not carry.
 */
function checkForExport(data: BundleData, includeOriginals: boolean): BundleData {
  const record = { ...data.case };
  if (record.activeSourceId !== undefined && !data.sources.some((source) => source.id === record.activeSourceId)) {
    delete record.activeSourceId;
  }
  const sourceIds = new Set(data.sources.map((source) => source.id));
  const passageIds = new Set(data.passages.map((passage) => passage.id));
  const timelineEntries = data.timelineEntries.filter((entry) => sourceIds.has(entry.sourceId) && (entry.passageId === undefined || passageIds.has(entry.passageId)));
  const entityTags = data.entityTags.filter((tag) => passageIds.has(tag.passageId));
  const blobs: SourceBlobRecord[] = includeOriginals ? data.blobs : [];
  parseTable(TABLES.blobs, blobs.map(({ sourceId, mediaType }) => ({ sourceId, mediaType })));
  const figures = parseTable(TABLES.figures, data.figures.map(({ png: _png, ...rest }) => rest)).map((figure, index) => ({ ...figure, png: data.figures[index]!.png }));
  const checked: BundleData = {
    case: parseCase(record),
    sources: parseTable(TABLES.sources, data.sources),
    blobs,
    passages: parseTable(TABLES.passages, data.passages),
    claims: parseTable(TABLES.claims, data.claims),
    tags: parseTable(TABLES.tags, data.tags),
    notes: parseTable(TABLES.notes, data.notes),
    timelineEntries: parseTable(TABLES.timelineEntries, timelineEntries),
    entityMerges: parseTable(TABLES.entityMerges, data.entityMerges),
    entityTags: parseTable(TABLES.entityTags, entityTags),
    figures,
  };
  checkIntegrity(checked);
  return checked;
}

/** Refuse to write what the reader would refuse to open. */
function checkSizes(files: ReadonlyMap<string, Uint8Array>): void {
  let total = 0;
  for (const [path, bytes] of files) {
    if (bytes.length > DEFAULT_LIMITS.maxEntryBytes) {
      throw new BundleFailure('too-large', bundleRef('writeEntryTooLarge', { path, size: mb(bytes.length), limit: mb(DEFAULT_LIMITS.maxEntryBytes) }));
    }
    total += bytes.length;
  }
  if (total > DEFAULT_LIMITS.maxTotalBytes) {
    throw new BundleFailure(
      'too-large',
      bundleRef('writeTooLarge', { size: mb(total), limit: mb(DEFAULT_LIMITS.maxTotalBytes) }),
    );
  }
}

/** Zip timestamps only cover 1980–2099 (DOS dates); clamp so any clock value can be written. */
function zipTime(now: number): Date {
  const min = Date.UTC(1980, 0, 1, 12);
  const max = Date.UTC(2099, 11, 31);
  return new Date(Math.min(Math.max(now, min), max));
}
