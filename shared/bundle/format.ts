/**
 * The `.casefile` bundle layout, format version 2 (version 1 is read too).
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
 *
 * The last two are derived views written for other software; Casefile reads
 * its own records back from the JSON files above them and only checks that
 * the derived files are intact.
 *
 * Format history: 1, the first; 2, records may carry their stamps
 * (`createdBy`, `updatedBy`, `changedAt`), so a case keeps who wrote what,
 * and sources may carry `ocr`, the provenance of text recognised by OCR.
 * The layout is the same, so a version-1 bundle reads as a version-2 one
 * without stamps or OCR records. A newer version is refused with "made by a
 * newer Casefile", never read with fields this one cannot place.
 */
import { z } from 'zod';
import type {
  CaseData,
  SourceMetadata,
  SourceRecord,
} from '../domain/types';

export const BUNDLE_FORMAT = 'casefile-bundle';
export const BUNDLE_FORMAT_VERSION = 2;
/** Every format version this Casefile reads. */
export const READABLE_FORMAT_VERSIONS = [1, 2] as const;
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

const BLOB_FOLDER = 'blobs/';

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
