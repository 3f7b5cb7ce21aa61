/**
 * The `.casefile` bundle layout, format version 3 (versions 1 and 2 are read too).
 *
 * A zip holding:
 *   manifest.json       what the bundle is, and the path, SHA-256 and size of every other entry
 *   case.json           the CaseRecord
 *   sources.json        SourceRecord[] (text snapshots, without original bytes)
 *   blobs.json          [{ sourceId, mediaType }] for each original file included
 *   blobs/<sourceId>    the original bytes, only when the user chose to include them
 *   passages.json       PassageRecord[]
 *   claims.json         ClaimRecord[]
 *   tags.json           TagRecord[]
 *   notes.json          NoteRecord[] (the brief is one of them)
 *   annotations.jsonld  the passages as a W3C Web Annotation collection, for other tools
 *   references.json     the sources as CSL-JSON, for reference managers
 *   timeline.json       TimelineEntryRecord[] (chronology decisions and events; format 3)
 *   entityMerges.json   EntityMergeRecord[] (format 3)
 *   entityTags.json     EntityTagRecord[] (format 3)
 *   figures.json        FigureRecord[] without `png` (format 3); the SVG is in the record
 *   figures/<id>.png    each figure's PNG bytes (format 3)
 *
 * The last two are derived views written for other software; Casefile reads
 * its own records back from the JSON files above them and only checks that
 * the derived files are intact.
 *
 * Format history: 1, the first; 2, records may carry their stamps
 * (`createdBy`, `updatedBy`, `changedAt`), so a case keeps who wrote what,
 * and sources may carry `ocr`, the provenance of text recognised by OCR.
 * The layout is the same, so a version-1 bundle reads as a version-2 one
 * without stamps or OCR records. 3, the case views' records (issue 14): the
 * timeline, entity merges, entity tags and the brief's figures, in four new
 * entries (and one PNG per figure). A version-1 or -2 bundle has none of them
 * and reads as a case with none; a version-3 bundle must have all four. A
 * newer version is refused with "made by a newer Casefile", never read with
 * fields this one cannot place.
 */
import { z } from 'zod';
import type {
  CaseData,
  FigureRecord,
  SourceMetadata,
  SourceRecord,
} from '../domain/types';

export const BUNDLE_FORMAT = 'casefile-bundle';
export const BUNDLE_FORMAT_VERSION = 3;
/** Every format version this Casefile reads. */
export const READABLE_FORMAT_VERSIONS = [1, 2, 3] as const;
/** The extension the desktop shell registers and save dialogs suggest. */
export const BUNDLE_EXTENSION = '.casefile';

/** Everything a case is made of: what `writeBundle` takes and `readBundle` gives back (originals only with `includeOriginals`). */
export type BundleData = CaseData;

export const ENTRY = {
  manifest: 'manifest.json',
  case: 'case.json',
  sources: 'sources.json',
  blobIndex: 'blobs.json',
  passages: 'passages.json',
  claims: 'claims.json',
  tags: 'tags.json',
  notes: 'notes.json',
  annotations: 'annotations.jsonld',
  references: 'references.json',
  timeline: 'timeline.json',
  entityMerges: 'entityMerges.json',
  entityTags: 'entityTags.json',
  figures: 'figures.json',
} as const;

/** Entries every version-1 bundle has besides the manifest. */
export const REQUIRED_ENTRIES: readonly string[] = [
  ENTRY.case,
  ENTRY.sources,
  ENTRY.blobIndex,
  ENTRY.passages,
  ENTRY.claims,
  ENTRY.tags,
  ENTRY.notes,
  ENTRY.annotations,
  ENTRY.references,
];

/** Entries a version-3 bundle has besides those of version 1 (and one `figures/<id>.png` per figure). */
export const VIEW_ENTRIES: readonly string[] = [ENTRY.timeline, ENTRY.entityMerges, ENTRY.entityTags, ENTRY.figures];

/** The fixed entries a bundle of this format version has besides the manifest. */
export function requiredEntries(formatVersion: number): readonly string[] {
  return formatVersion >= 3 ? [...REQUIRED_ENTRIES, ...VIEW_ENTRIES] : REQUIRED_ENTRIES;
}

/** A figure as `figures.json` holds it: the record without its PNG, which is the entry `figures/<id>.png`. */
export type FigureIndexItem = Omit<FigureRecord, 'png'>;

const BLOB_FOLDER = 'blobs/';
const FIGURE_FOLDER = 'figures/';
const PNG = '.png';

/** Where a figure's PNG lives in the zip. Figure IDs are schema-checked to be path-safe. */
export function figurePngPath(figureId: string): string {
  return FIGURE_FOLDER + figureId + PNG;
}

/** The figure ID a `figures/<id>.png` path belongs to, or undefined for any other path. */
export function figurePngId(path: string): string | undefined {
  return path.startsWith(FIGURE_FOLDER) && path.endsWith(PNG) ? path.slice(FIGURE_FOLDER.length, -PNG.length) : undefined;
}

/** Where a source's original bytes live in the zip. Source IDs are schema-checked to be path-safe. */
export function blobPath(sourceId: string): string {
  return BLOB_FOLDER + sourceId;
}

/** The source ID a `blobs/<id>` path belongs to, or undefined for any other path. */
export function blobSourceId(path: string): string | undefined {
  return path.startsWith(BLOB_FOLDER) ? path.slice(BLOB_FOLDER.length) : undefined;
}

export const manifestEntrySchema = z.strictObject({
  path: z.string().min(1).max(200),
  sha256: z.string().regex(/^[0-9a-f]{64}$/, { error: 'must be a SHA-256 digest in lower-case hex' }),
  bytes: z.number().int().nonnegative(),
});

export const manifestSchema = z.strictObject({
  format: z.literal(BUNDLE_FORMAT),
  formatVersion: z.union(READABLE_FORMAT_VERSIONS.map((v) => z.literal(v))),
  appVersion: z.string().min(1).max(100),
  createdAt: z.iso.datetime({ error: 'must be an ISO 8601 date-time' }),
  caseId: z.string().min(1).max(200),
  entries: z.array(manifestEntrySchema),
});

export type ManifestEntry = z.output<typeof manifestEntrySchema>;
export type BundleManifest = z.output<typeof manifestSchema>;

/** A source as CSL-JSON: its editable metadata plus the ID citations refer to. */
export type CslItem = SourceMetadata & { id: string };

/**
 * The bundle's `references.json`: every source as a CSL-JSON item, in the
 * case's source order, so Zotero, pandoc-citeproc and friends can cite them.
 */
export function toCslReferences(sources: readonly SourceRecord[]): CslItem[] {
  return [...sources].sort((a, b) => a.order - b.order).map((source) => ({ id: source.id, ...source.metadata }));
}
