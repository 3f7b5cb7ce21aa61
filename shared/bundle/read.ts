/**
 * Read and validate a `.casefile` bundle. Nothing is returned until all of it
 * has been checked, in the order that spends the least on a bad file:
 *
 *   1. the zip's structure, from its headers alone (`zip.ts`);
 *   2. every entry's declared size and compression ratio, against the limits,
 *      before anything is inflated (a zip bomb never gets its memory);
 *   3. the manifest: present, a Casefile bundle, a format this version reads;
 *   4. every entry: listed, present, CRC and SHA-256 intact;
 *   5. every JSON entry: no over-long string (scanned before parsing), valid
 *      JSON, every record valid against its schema;
 *   6. unique IDs and references that resolve within the bundle, and
 *      figures within their size limit (a figure's PNG is weighed from the
 *      zip's headers at step 4, before it is inflated).
 *
 * A caller therefore either gets the whole case or a `BundleError` and
 * writes nothing: there is no half-imported case.
 */
import { unzipSync } from 'fflate';
import { sha256Hex } from '../domain/hash';
import { jsonSyntaxRef } from '../text/jsonSyntax';
import { BundleFailure, bundleRef, mb, type BundleError } from './errors';
import {
  BUNDLE_FORMAT,
  BUNDLE_FORMAT_VERSION,
  ENTRY,
  blobPath,
  blobSourceId,
  figurePngId,
  figurePngPath,
  manifestSchema,
  requiredEntries,
  type BundleData,
  type BundleManifest,
} from './format';
import { DEFAULT_LIMITS, MAX_FIGURE_BYTES, type BundleLimits } from './limits';
import { describeIssueRef, idSchema } from './schema';
import { TABLES, checkIntegrity, checkStringLengths, parseCase, parseTable } from './validate';
import { crc32, listZipEntries, type ZipEntryInfo } from './zip';

export type ReadResult = { ok: true; data: BundleData; manifest: BundleManifest } | { ok: false; error: BundleError };

export interface ReadOptions {
  /** Tighter (or looser) limits than `DEFAULT_LIMITS`; tests use small ones to exercise the caps cheaply. */
  limits?: Partial<BundleLimits>;
}

/**
 * Open a bundle's bytes. Never throws for anything wrong with the file: the
 * result is `{ ok: false, error }` with a code to branch on and a message to
 * show as is.
 */
export async function readBundle(bytes: Uint8Array, options: ReadOptions = {}): Promise<ReadResult> {
  try {
    return { ok: true, ...(await readChecked(bytes, { ...DEFAULT_LIMITS, ...options.limits })) };
  } catch (error) {
    if (error instanceof BundleFailure) return { ok: false, error: error.toError() };
    throw error;
  }
}

async function readChecked(bytes: Uint8Array, limits: BundleLimits): Promise<{ data: BundleData; manifest: BundleManifest }> {
  const listing = listZipEntries(bytes);
  checkBudget(listing.entries, limits);
  const byName = new Map(listing.entries.map((entry) => [entry.name, entry]));
  if (!byName.has(ENTRY.manifest)) {
    throw new BundleFailure('missing-entry', bundleRef('noManifest', { entry: ENTRY.manifest }));
  }
  const manifestBytes = extract(bytes, byName, new Set([ENTRY.manifest])).get(ENTRY.manifest) as Uint8Array;
  const manifest = parseManifest(manifestBytes, limits);
  const files = extract(bytes, byName, checkManifestEntries(manifest, byName));
  await checkHashes(manifest, files);

  const json = (path: string): unknown => parseJson(path, files.get(path) as Uint8Array, limits);
  const record = parseCase(json(ENTRY.case));
  if (record.id !== manifest.caseId) {
    throw new BundleFailure('corrupt', bundleRef('otherCase', { manifest: ENTRY.manifest, named: manifest.caseId, entry: ENTRY.case, held: record.id }));
  }
  const blobIndex = parseTable(TABLES.blobs, json(ENTRY.blobIndex));
  // Bundles before format 3 have no case views: the case simply has none.
  const views = manifest.formatVersion >= 3;
  const figureIndex = views ? parseTable(TABLES.figures, json(ENTRY.figures)) : [];
  const data: BundleData = {
    case: record,
    sources: parseTable(TABLES.sources, json(ENTRY.sources)),
    blobs: blobIndex.map((item, index) => {
      const path = blobPath(item.sourceId);
      const blob = files.get(path);
      if (!blob) {
        throw new BundleFailure('missing-entry', bundleRef('originalMissing', { index: ENTRY.blobIndex, n: index + 1, id: item.sourceId, path }));
      }
      return { sourceId: item.sourceId, mediaType: item.mediaType, bytes: blob };
    }),
    passages: parseTable(TABLES.passages, json(ENTRY.passages)),
    claims: parseTable(TABLES.claims, json(ENTRY.claims)),
    tags: parseTable(TABLES.tags, json(ENTRY.tags)),
    notes: parseTable(TABLES.notes, json(ENTRY.notes)),
    timelineEntries: views ? parseTable(TABLES.timelineEntries, json(ENTRY.timeline)) : [],
    entityMerges: views ? parseTable(TABLES.entityMerges, json(ENTRY.entityMerges)) : [],
    entityTags: views ? parseTable(TABLES.entityTags, json(ENTRY.entityTags)) : [],
    figures: figureIndex.map((item, index) => {
      const path = figurePngPath(item.id);
      const png = files.get(path);
      if (!png) throw new BundleFailure('missing-entry', bundleRef('pictureMissing', { index: ENTRY.figures, n: index + 1, id: item.id, path }));
      return { ...item, png };
    }),
  };
  const indexed = new Set(blobIndex.map((item) => blobPath(item.sourceId)));
  const pictured = new Set(figureIndex.map((item) => figurePngPath(item.id)));
  for (const path of files.keys()) {
    if (blobSourceId(path) !== undefined && !indexed.has(path)) {
      throw new BundleFailure('corrupt', bundleRef('undescribed', { path, index: ENTRY.blobIndex }));
    }
    if (figurePngId(path) !== undefined && !pictured.has(path)) {
      throw new BundleFailure('corrupt', bundleRef('undescribed', { path, index: ENTRY.figures }));
    }
  }
  // The derived views are not imported, but they are part of what was exported: they must at least be intact JSON.
  json(ENTRY.annotations);
  json(ENTRY.references);
  checkIntegrity(data);
  return { data, manifest };
}

/** Weigh every entry by its declared sizes before inflating any of them. */
function checkBudget(entries: readonly ZipEntryInfo[], limits: BundleLimits): void {
  if (entries.length > limits.maxEntries) {
    throw new BundleFailure('too-large', bundleRef('tooManyFiles', { count: entries.length, limit: limits.maxEntries }));
  }
  let total = 0;
  for (const entry of entries) {
    if (entry.size > limits.maxEntryBytes) {
      throw new BundleFailure(
        'too-large',
        bundleRef('entryTooLarge', { name: entry.name, size: mb(entry.size), limit: mb(limits.maxEntryBytes) }),
      );
    }
    if (entry.size > limits.ratioFloorBytes && entry.size > entry.compressedSize * limits.maxRatio) {
      const ratio = entry.compressedSize === 0 ? bundleRef('fromNothing') : bundleRef('timesPacked', { ratio: Math.round(entry.size / entry.compressedSize) });
      throw new BundleFailure('zip-bomb', bundleRef('zipBomb', { name: entry.name, size: mb(entry.size), ratio }));
    }
    total += entry.size;
  }
  if (total > limits.maxTotalBytes) {
    throw new BundleFailure('too-large', bundleRef('totalTooLarge', { size: mb(total), limit: mb(limits.maxTotalBytes) }));
  }
}

/**
 * Inflate the named entries with fflate. Its filter runs before each entry is
 * inflated; there we insist that fflate's reading of the sizes matches ours,
 * so the budget checked above is the memory actually spent. Each result is
 * then checked against the zip's CRC-32.
 */
function extract(bytes: Uint8Array, byName: ReadonlyMap<string, ZipEntryInfo>, wanted: ReadonlySet<string>): Map<string, Uint8Array> {
  let current = '';
  let unzipped: Record<string, Uint8Array>;
  try {
    unzipped = unzipSync(bytes, {
      filter: (file) => {
        if (!wanted.has(file.name)) return false;
        const info = byName.get(file.name);
        if (!info || info.size !== file.originalSize || info.compressedSize !== file.size) {
          throw new BundleFailure('corrupt', bundleRef('damaged', { what: bundleRef('zip.sizes', { name: file.name }) }));
        }
        current = file.name;
        return true;
      },
    });
  } catch (error) {
    if (error instanceof BundleFailure) throw error;
    throw new BundleFailure('corrupt', bundleRef('damaged', { what: bundleRef('cannotUnpack', { name: current, reason: error instanceof Error ? error.message : 'unknown error' }) }));
  }
  const files = new Map<string, Uint8Array>();
  for (const name of wanted) {
    const data = unzipped[name];
    const info = byName.get(name);
    if (!data || !info || data.length !== info.size || crc32(data) !== info.crc32) {
      throw new BundleFailure('corrupt', bundleRef('damaged', { what: bundleRef('checksum', { name }) }));
    }
    files.set(name, data);
  }
  return files;
}

function parseManifest(bytes: Uint8Array, limits: BundleLimits): BundleManifest {
  const raw = parseJson(ENTRY.manifest, bytes, limits);
  const claimed = typeof raw === 'object' && raw !== null ? (raw as { format?: unknown; formatVersion?: unknown }) : {};
  if (claimed.format === BUNDLE_FORMAT && typeof claimed.formatVersion === 'number' && claimed.formatVersion > BUNDLE_FORMAT_VERSION) {
    throw new BundleFailure(
      'future-version',
      bundleRef('newer', { version: claimed.formatVersion }),
    );
  }
  const result = manifestSchema.safeParse(raw, { reportInput: true });
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new BundleFailure('invalid-record', issue ? bundleRef('invalidRecord', { location: ENTRY.manifest, issue: describeIssueRef(issue) }) : bundleRef('notManifest', { entry: ENTRY.manifest }));
  }
  return result.data;
}

/**
 * Check that the manifest lists exactly this format's entries, each once, and
 * that the zip holds exactly those. Returns the set of paths to inflate.
 */
function checkManifestEntries(manifest: BundleManifest, byName: ReadonlyMap<string, ZipEntryInfo>): Set<string> {
  const listed = new Set<string>();
  const required = requiredEntries(manifest.formatVersion);
  manifest.entries.forEach((entry, index) => {
    const where = bundleRef('manifestEntry', { manifest: ENTRY.manifest, n: index + 1, path: entry.path });
    if (listed.has(entry.path)) throw new BundleFailure('corrupt', bundleRef('listedTwice', { where }));
    const sourceId = blobSourceId(entry.path);
    const figureId = manifest.formatVersion >= 3 ? figurePngId(entry.path) : undefined;
    const id = sourceId ?? figureId;
    const known = id === undefined ? required.includes(entry.path) : idSchema.safeParse(id).success;
    if (!known) throw new BundleFailure('corrupt', bundleRef('notInVersion', { where, version: manifest.formatVersion }));
    const zipped = byName.get(entry.path);
    if (!zipped) throw new BundleFailure('missing-entry', bundleRef('missingListed', { path: entry.path }));
    // Weighed before it is inflated, like every entry: a figure's picture has its own, smaller limit.
    if (figureId !== undefined && zipped.size > MAX_FIGURE_BYTES) {
      throw new BundleFailure(
        'too-large',
        bundleRef('pictureTooLarge', { id: figureId, path: entry.path, size: mb(zipped.size), limit: mb(MAX_FIGURE_BYTES) }),
      );
    }
    listed.add(entry.path);
  });
  for (const path of required) {
    if (!listed.has(path)) throw new BundleFailure('missing-entry', bundleRef('missing', { path }));
  }
  for (const name of byName.keys()) {
    if (name !== ENTRY.manifest && !listed.has(name)) {
      throw new BundleFailure('corrupt', bundleRef('unlisted', { name }));
    }
  }
  return listed;
}

async function checkHashes(manifest: BundleManifest, files: ReadonlyMap<string, Uint8Array>): Promise<void> {
  const actual = await Promise.all(manifest.entries.map(async (entry) => sha256Hex(files.get(entry.path) as Uint8Array)));
  manifest.entries.forEach((entry, index) => {
    const bytes = files.get(entry.path) as Uint8Array;
    if (bytes.length !== entry.bytes || actual[index] !== entry.sha256) {
      throw new BundleFailure(
        'hash-mismatch',
        bundleRef('altered', { path: entry.path }),
      );
    }
  });
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function parseJson(path: string, bytes: Uint8Array, limits: BundleLimits): unknown {
  checkStringLengths(path, bytes, limits.maxStringChars);
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    throw new BundleFailure('corrupt', bundleRef('damaged', { what: bundleRef('notUtf8', { path }) }));
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new BundleFailure('corrupt', bundleRef('damaged', { what: bundleRef('notJson', { path, problem: jsonSyntaxRef(text) }) }));
  }
}
