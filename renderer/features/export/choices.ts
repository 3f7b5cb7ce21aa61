/**
 * What the "Export brief" dialog asks for: the choices (validated when read
 * back from storage), file names and media types, and the shapes the export
 * worker exchanges with the page. Pure and light: no citation-js here, so the
 * dialog can use it without pulling the formatters into the main bundle.
 */
import type { CaseRecord, ClaimRecord, FigureRecord, NoteRecord, PassageRecord, SourceRecord, TagRecord } from '../../../shared/domain/types';
import { safeFileStem } from '../../../shared/domain/fileName';
import type { DocumentFormat, RenderedDocument } from '../../../shared/export/render';

export type BriefFormat = DocumentFormat;
export type SidecarKind = 'csl-json' | 'bibtex' | 'claims-csv';
export type ExportKind = BriefFormat | SidecarKind;

/** The brief's formats, in the dialog's order; each is named by `exportBrief.format.<value>`. */
export const BRIEF_FORMATS: readonly BriefFormat[] = ['md', 'pdf', 'html', 'docx'];

/** The sidecar exports under "More exports"; each is named by `exportBrief.sidecar.<value>`. */
export const SIDECARS: readonly SidecarKind[] = ['csl-json', 'bibtex', 'claims-csv'];

/** The style value that means "the .csl file the user loaded" (kept in `customStyle`). */
export const CUSTOM_STYLE = 'custom';

/** Everything the dialog lets the user choose; remembered per case. */
export interface ExportChoices {
  format: BriefFormat;
  /** A built-in CSL style ID, or {@link CUSTOM_STYLE}. */
  style: string;
  /** The loaded .csl file: its title (for the menu) and its XML. */
  customStyle?: { title: string; xml: string };
  notes: 'footnotes' | 'endnotes';
  /**
   * How Markdown cites: footnotes that quote each passage (the default), or
   * Pandoc citations `[@key, para. 7]` with a bibliography and a CSL style
   * written beside the file, for `pandoc --citeproc`.
   */
  markdownCitations: 'notes' | 'pandoc';
  include: { bibliography: boolean; claimsAppendix: boolean; evidenceTable: boolean };
  pageSize: 'A4' | 'Letter';
  author: string;
}

export const DEFAULT_CHOICES: ExportChoices = {
  format: 'md',
  style: 'apa',
  notes: 'footnotes',
  markdownCitations: 'notes',
  include: { bibliography: true, claimsAppendix: false, evidenceTable: false },
  pageSize: 'A4',
  author: '',
};

/** The meta key under which a case's last export choices are kept. */
export function choicesKey(caseId: string): string {
  return `exportChoices:${caseId}`;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Read stored choices back field by field: anything missing or malformed (an
 * older app, a hand-edited database) falls back to the default for that field
 * only, and a custom style without its XML falls back to APA.
 */
export function parseChoices(value: unknown): ExportChoices {
  const out: ExportChoices = { ...DEFAULT_CHOICES, include: { ...DEFAULT_CHOICES.include } };
  if (!isObject(value)) return out;
  if (BRIEF_FORMATS.some((f) => f === value.format)) out.format = value.format as BriefFormat;
  if (value.notes === 'footnotes' || value.notes === 'endnotes') out.notes = value.notes;
  if (value.markdownCitations === 'notes' || value.markdownCitations === 'pandoc') out.markdownCitations = value.markdownCitations;
  if (value.pageSize === 'A4' || value.pageSize === 'Letter') out.pageSize = value.pageSize;
  if (typeof value.author === 'string') out.author = value.author.slice(0, 300);
  if (isObject(value.include)) {
    for (const key of ['bibliography', 'claimsAppendix', 'evidenceTable'] as const) {
      if (typeof value.include[key] === 'boolean') out.include[key] = value.include[key];
    }
  }
  const custom = value.customStyle;
  if (isObject(custom) && typeof custom.title === 'string' && typeof custom.xml === 'string' && custom.xml.trim() !== '') {
    out.customStyle = { title: custom.title, xml: custom.xml };
  }
  if (typeof value.style === 'string' && value.style !== '' && (value.style !== CUSTOM_STYLE || out.customStyle)) out.style = value.style;
  return out;
}

/** Extension and media type of each export; the save dialog's filter is named by `exportBrief.fileType.<kind>`. */
export interface FileType {
  extension: string;
  mediaType: string;
}

export const FILE_TYPES: Record<ExportKind, FileType> = {
  md: { extension: 'md', mediaType: 'text/markdown; charset=utf-8' },
  pdf: { extension: 'pdf', mediaType: 'application/pdf' },
  html: { extension: 'html', mediaType: 'text/html; charset=utf-8' },
  docx: { extension: 'docx', mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' },
  'csl-json': { extension: 'json', mediaType: 'application/vnd.citationstyles.csl+json' },
  bibtex: { extension: 'bib', mediaType: 'application/x-bibtex; charset=utf-8' },
  'claims-csv': { extension: 'csv', mediaType: 'text/csv; charset=utf-8' },
};


/**
 * "Harbour-case-brief.pdf", "Harbour-case-Draft-two.docx" (a note with its
 * own title), "Harbour-case-references.bib", "Harbour-case-claims.csv", with
 * the one file-name rule of shared/domain/fileName.ts.
 */
export function exportFileName(caseName: string, noteTitle: string, kind: ExportKind): string {
  const base = safeFileStem(caseName, 'case', 'hyphenated');
  const note = safeFileStem(noteTitle, '', 'hyphenated');
  const stem =
    kind === 'csl-json' || kind === 'bibtex' ? `${base}-references` : kind === 'claims-csv' ? `${base}-claims` : note && note.toLowerCase() !== 'brief' ? `${base}-${note}` : `${base}-brief`;
  return `${stem}.${FILE_TYPES[kind].extension}`;
}

/** Words an export writes that the worker cannot choose (it has no language): the dialog sends them in the UI's. */
export interface ExportWords {
  /** The document's title when neither the case nor the brief has one. */
  untitledBrief: string;
}

/** The records an export reads, all from one case. */
export interface ExportRecords {
  case: CaseRecord;
  note: NoteRecord;
  sources: SourceRecord[];
  passages: PassageRecord[];
  claims: ClaimRecord[];
  tags: TagRecord[];
  /** Pictures of the brief's figures (evidence maps); absent for a brief without any. */
  figures?: FigureRecord[];
}

/** The steps an export goes through; the dialog names each with `exportBrief.step.<step>`. */
export type ExportStep = 'preparing' | 'citations' | 'bibliography' | 'markdown' | 'html' | 'docx' | 'layout' | 'printing' | 'saving';

export interface ExportProgress {
  step: ExportStep;
  /** 0…1 */
  value: number;
}

/**
 * What a job returns: the shared renderer's result (file bytes, or print HTML for the host's PDF renderer),
 * or, for Pandoc citations, the Markdown and the files beside it (named after the Markdown's name without ".md").
 */
export type JobResult = RenderedDocument | { kind: 'files'; files: { suffix: string; bytes: Uint8Array; mediaType: string; filterName: string; extension: string }[] };
