/**
 * Domain records stored in IndexedDB and carried in bundles.
 * Plain data only: no classes, no DOM, no Node. IDs are UUID strings.
 */

/** CSL-JSON name (author, editor). */
export interface CslName {
  family?: string;
  given?: string;
  /** Institutional or single-field name, e.g. "National Crime Agency". */
  literal?: string;
}

/** CSL-JSON date: `date-parts` is [[year, month?, day?]]. */
export interface CslDate {
  'date-parts'?: [[number, number?, number?]];
  raw?: string;
}

/** Editable bibliographic metadata, in CSL-JSON shape. */
export interface SourceMetadata {
  type: 'article-newspaper' | 'article-journal' | 'report' | 'webpage' | 'document' | 'interview' | 'legal_case';
  title: string;
  author?: CslName[];
  'container-title'?: string;
  publisher?: string;
  issued?: CslDate;
  accessed?: CslDate;
  URL?: string;
  language?: string;
}

/**
 * Who created a record, who changed it last and when: kept by the database
 * on every write (renderer/db/changeLog.ts) and carried by bundles, so a
 * case keeps its authorship wherever it goes. Actors are IDs
 * (`ActorRecord.id`); names are looked up, so renaming oneself renames every
 * stamp. Optional: records written before stamps existed have none.
 */
export interface Stamps {
  createdBy?: string;
  /** Who changed it last; absent while its creation is its last change (see `lastChange`). */
  updatedBy?: string;
  /** When a field last changed (ms); absent like `updatedBy`. Unlike a record's own `updatedAt`, every change moves it. */
  changedAt?: number;
}

export interface CaseRecord extends Stamps {
  id: string;
  name: string;
  createdAt: number;
  updatedAt: number;
  /** The note that is this case's brief. */
  briefNoteId?: string;
  /** The source last shown in the reader, so reopening a case resumes there. */
  activeSourceId?: string;
}

export type SourceFormat = 'text' | 'markdown' | 'html' | 'pdf' | 'docx' | 'image';

/** A block of the snapshot text: a paragraph (text/html) or a page (pdf). Offsets into `text`. */
export interface SourceBlock {
  start: number;
  end: number;
  /** Paragraph number for text/HTML, page number for PDF. 1-based. */
  n: number;
  kind: 'paragraph' | 'heading' | 'quote' | 'list-item' | 'page';
}

/**
 * A source is an immutable snapshot: `text` is the normalised plain text that
 * every passage offset refers to. Only `metadata` may be edited afterwards.
 * Replacing the text ("Update source…") writes a new revision and re-anchors.
 */
export interface SourceRecord extends Stamps {
  id: string;
  caseId: string;
  format: SourceFormat;
  text: string;
  blocks: SourceBlock[];
  /** Sanitised HTML rendition, when the source came from HTML/DOCX. */
  html?: string;
  /** SHA-256 (hex) of the original bytes. */
  sha256: string;
  fileName: string;
  byteLength: number;
  importedAt: number;
  metadata: SourceMetadata;
  /** Bumped when the text is replaced by a revision. */
  revision: number;
  /** Set when the snapshot was fetched from a URL. */
  fetched?: { url: string; finalUrl: string; fetchedAt: number };
  /** Set when some or all of the text was recognised from page images (OCR) rather than read from the file. */
  ocr?: SourceOcr;
  /** Position in the case's source list. */
  order: number;
}

/**
 * The provenance of recognised text, kept with the snapshot it describes, so
 * the reader can mark uncertain words and exports can say "(OCR)".
 */
export interface SourceOcr {
  /** The recognition engine ("Tesseract (tesseract.js)") and its version. */
  engine: string;
  version: string;
  /** Tesseract language codes the user chose ("eng", "chi_sim"), and the trained model they came from. */
  languages: string[];
  model: string;
  /** Pages whose text was recognised: PDF page numbers, or image pages (1 for a single image). */
  pages: number[];
  /** Mean word confidence (0–100) of each recognised block, by the block's index in `blocks`. */
  blocks: { index: number; confidence: number }[];
  /** Words recognised with low confidence, as [start, end) offsets into `text`. */
  uncertain: { start: number; end: number; confidence: number }[];
}

/** Original bytes of a source, kept apart from the snapshot so lists stay light. */
export interface SourceBlobRecord {
  sourceId: string;
  bytes: Uint8Array;
  mediaType: string;
}

/** W3C Web Annotation selectors. */
export interface TextQuoteSelector {
  type: 'TextQuoteSelector';
  exact: string;
  prefix: string;
  suffix: string;
}
export interface TextPositionSelector {
  type: 'TextPositionSelector';
  start: number;
  end: number;
}
export type PassageSelector = TextQuoteSelector | TextPositionSelector;

export type AnchorStatus = 'exact' | 'moved' | 'fuzzy' | 'orphaned';

export interface Locator {
  kind: 'paragraph' | 'page';
  value: number;
}

export interface PassageRecord extends Stamps {
  id: string;
  caseId: string;
  sourceId: string;
  selectors: [TextQuoteSelector, TextPositionSelector];
  /** Tag IDs. */
  tags: string[];
  comment: string;
  locator: Locator;
  anchor: AnchorStatus;
  createdAt: number;
  updatedAt: number;
}

export type ClaimStatus = 'unverified' | 'supported' | 'disputed' | 'false' | 'inconclusive';
export const CLAIM_STATUSES: readonly ClaimStatus[] = ['unverified', 'supported', 'disputed', 'false', 'inconclusive'];

export type Stance = 'supports' | 'contradicts' | 'context';
export const STANCES: readonly Stance[] = ['supports', 'contradicts', 'context'];

export interface EvidenceItem {
  passageId: string;
  stance: Stance;
  addedAt: number;
}

export interface StatusChange {
  at: number;
  from: ClaimStatus;
  to: ClaimStatus;
  reason?: string;
}

export interface ClaimRecord extends Stamps {
  id: string;
  caseId: string;
  statement: string;
  claimant: string;
  status: ClaimStatus;
  tags: string[];
  note: string;
  evidence: EvidenceItem[];
  statusLog: StatusChange[];
  createdAt: number;
  updatedAt: number;
}

export interface TagRecord extends Stamps {
  id: string;
  caseId: string;
  /** Hierarchy through "parent/child" names. */
  name: string;
  color: string;
  description: string;
  createdAt: number;
}

/** The app-level version of the serialised brief JSON. See docs in ARCHITECTURE.md (brief change log). */
export const NOTE_SCHEMA_VERSION = 1;

export interface NoteRecord extends Stamps {
  id: string;
  caseId: string;
  title: string;
  /** Serialised Lexical editor state (editorState.toJSON()), or null when never written. */
  content: unknown;
  schemaVersion: number;
  /** Plain text of the note, kept for search and the "never overwrite non-empty with empty" rule. */
  plainText: string;
  createdAt: number;
  updatedAt: number;
  order: number;
}

/**
 * Everything one case is made of. The same shape is a delete-with-undo
 * snapshot, the bundled sample case, and the contents of a `.casefile` bundle.
 */
export interface CaseData {
  case: CaseRecord;
  sources: SourceRecord[];
  /** Original files of the sources (a bundle may leave them out). */
  blobs: SourceBlobRecord[];
  passages: PassageRecord[];
  claims: ClaimRecord[];
  tags: TagRecord[];
  notes: NoteRecord[];
}

/**
 * What the database keeps on every record of a case for the Trash (bundles
 * and case JSON do not carry it): whether the record is live, and while it
 * is in the Trash, when, by whom and together with what it was deleted.
 */
export interface Tracked {
  /** 0 while the record is live; the time it was moved to the Trash while it is there. */
  deletedAt?: number;
  deletedBy?: string;
  /** Records deleted in one action share this ID (a source and its passages), and are restored together. */
  deletion?: string;
  /** The links deleting the record took away, so restoring it puts them back. */
  unlinked?: Unlinked;
}

/** The links a deletion took away from other records, kept on the tombstone. */
export interface Unlinked {
  /** A passage: the claims it was evidence for, with its stance, when it was added and its place in the claim's list. */
  evidence?: { claimId: string; stance: Stance; addedAt: number; index: number }[];
  /** A tag: the passages and claims that carried it. */
  taggedPassages?: string[];
  taggedClaims?: string[];
  /** A note that was the case's brief, and the note that became the brief in its place. */
  brief?: { successor: string };
  /** A source that was the one open in the reader. */
  wasActive?: boolean;
}

/** A record as the database holds it. */
export type Stored<T> = T & Tracked;

/** The person (or device) writing: created on first run, named by the user. */
export interface ActorRecord {
  id: string;
  name: string;
  createdAt: number;
}
