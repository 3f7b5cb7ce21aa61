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
  /** Digital Object Identifier, bare ("10.5555/abc"), from an imported reference. */
  DOI?: string;
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

/** How a text, Markdown or HTML file's bytes were decoded (see shared/import/encoding.ts). */
export interface EncodingReport {
  /** The WHATWG name `TextDecoder` reports: "utf-8", "windows-1252", "shift_jis", "gb18030", "utf-16le"… */
  encoding: string;
  how: 'bom' | 'server' | 'declared' | 'utf-8' | 'utf-16-pattern' | 'detected' | 'fallback' | 'chosen';
  /** The label the file declared (meta charset, XML declaration), or for `server` the web server's `charset`, when there was one. */
  declared?: string;
  /** The detector's confidence (0–100), when the encoding was detected. */
  confidence?: number;
}

/**
 * What an import decided or left out, kept with the snapshot and never in
 * its text: the encoding used, the text the page hid from its readers, and
 * authors only the page's metadata names.
 */
export interface SourceImportReport {
  encoding?: EncodingReport;
  /** Blocks of text the page hid from its readers (counted in full; the text of at most 200 kept). */
  hidden?: { count: number; blocks: string[] };
  /** Authors the page's metadata names, when they differ from the byline it shows (which became the author). */
  metadataAuthors?: string[];
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
  /** What the import of this revision decided or left out (encoding, hidden text…). */
  importReport?: SourceImportReport;
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
export const NOTE_SCHEMA_VERSION = 2;

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
  /** The case views' records (issue 14): chronology decisions and events, entity merges and tags, the brief's figures. */
  timelineEntries: TimelineEntryRecord[];
  entityMerges: EntityMergeRecord[];
  entityTags: EntityTagRecord[];
  figures: FigureRecord[];
}

// ------------------------------------------------------------ chronology, entities, figures (issue 14)

/**
 * A date as the chronology keeps it. `start` (and `end`, for a range) are
 * written to their precision: "2024", "2024-03" or "2024-03-05". A point has
 * no `end`; a range has one at the same precision or finer.
 */
export interface EventDate {
  start: string;
  end?: string;
  precision: 'day' | 'month' | 'year';
}

/**
 * What the user did with a date the chronology found, or an event they added.
 * - `confirmed`/`corrected`/`dismissed` refer to a found date by its source
 *   and the exact matched text (`selectors` on the source's text), so they
 *   survive a re-extraction and follow the text through a revision;
 * - `manual` is an event added by hand from a passage, confirmed from the start.
 */
export interface TimelineEntryRecord {
  id: string;
  caseId: string;
  kind: 'confirmed' | 'corrected' | 'dismissed' | 'manual';
  /** The source the date was found in (found dates), or the passage's source (manual). */
  sourceId: string;
  /** Found dates: the matched date text on the source's text. */
  selectors?: [TextQuoteSelector, TextPositionSelector];
  /** Manual events: the passage they were added from. */
  passageId?: string;
  /** The corrected or hand-entered date. */
  date?: EventDate;
  /** A label the user wrote (else the sentence around the date). */
  label?: string;
  createdAt: number;
  updatedAt: number;
}

export type EntityKind = 'person' | 'organization' | 'place';
export const ENTITY_KINDS: readonly EntityKind[] = ['person', 'organization', 'place'];

/** "NCA" is "National Crime Agency": an alias merged into a canonical entity. Undo deletes it. */
export interface EntityMergeRecord {
  id: string;
  caseId: string;
  /** The entity key the alias is merged into (see shared/entities: kind + folded name). */
  into: string;
  /** The entity key that becomes an alias. */
  alias: string;
  createdAt: number;
}

/** A passage tagged with an entity by hand ("this passage is about the NCA"). */
export interface EntityTagRecord {
  id: string;
  caseId: string;
  passageId: string;
  /** Entity key (kind + folded name). */
  entity: string;
  /** The entity's name when tagged, shown if extraction no longer finds it. */
  name: string;
  kind: EntityKind;
  createdAt: number;
}

/**
 * A picture the brief shows as a figure (an exported evidence map). The
 * brief's figure node holds only `figureId`: the drawing lives here once,
 * not as base64 inside every saved editor state.
 */
export interface FigureRecord {
  id: string;
  caseId: string;
  /** Standalone SVG document (UTF-8). */
  svg: string;
  /** The same picture rasterised, for Word and viewers without SVG. */
  png: Uint8Array;
  width: number;
  height: number;
  /** Alternative text for screen readers and exports. */
  alt: string;
  createdAt: number;
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
