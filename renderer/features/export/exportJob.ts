/**
 * The work behind the "Export brief" dialog: `runExportJob` turns the case's
 * records into file bytes with the same `shared/export` code the CLI runs.
 * No DOM and no database here: the job runs inside a Web Worker
 * (export.worker.ts) and in unit tests as it is.
 */
import { numberCitations } from '../../../shared/brief/citations';
import { citationKeys } from '../../../shared/export/citekeys';
import { CslStyleError, listStyles, pandocSidecars, registerCustomStyle, toBibtex, toCslJson } from '../../../shared/export/csl';
import { renderClaimsCsv } from '../../../shared/export/csv';
import { buildExportModel, ExportError, type ExportOptions } from '../../../shared/export/model';
import { renderMarkdown } from '../../../shared/export/markdown';
import { renderDocument, type DocumentFormat } from '../../../shared/export/render';
import type { SourceRecord } from '../../../shared/domain/types';
import { englishText, type MessageRef } from '../../../shared/i18n';
import { CUSTOM_STYLE, exportFileName, type ExportChoices, type ExportKind, type ExportProgress, type ExportRecords, type ExportWords, type JobResult } from './choices';

/** The export options the shared model takes, from the dialog's choices. */
export function exportOptions(choices: ExportChoices, date: string, words?: ExportWords): ExportOptions {
  const options: ExportOptions = { style: choices.style, notes: choices.notes, include: { ...choices.include }, date };
  if (words) options.untitledTitle = words.untitledBrief;
  if (choices.style === CUSTOM_STYLE) {
    if (!choices.customStyle) throw new ExportError('styleGone');
    options.customStyleXml = choices.customStyle.xml;
  }
  const author = choices.author.trim();
  if (author) options.author = author;
  return options;
}

const encode = (text: string) => new TextEncoder().encode(text);

const DOCUMENT_PROGRESS: Record<DocumentFormat, ExportProgress> = {
  md: { step: 'markdown', value: 0.7 },
  html: { step: 'html', value: 0.7 },
  docx: { step: 'docx', value: 0.6 },
  pdf: { step: 'layout', value: 0.5 },
};

/**
 * Build one export. `date` is today's date ("YYYY-MM-DD", local time), which
 * goes into the front matter. PDF stops at the print HTML: printing needs the
 * host (Electron's printToPDF or the web server's Chromium). `words` are the
 * few the document may need in the UI's language (the catalogue's English without them).
 */
export async function runExportJob(
  records: ExportRecords,
  choices: ExportChoices,
  kind: ExportKind,
  date: string,
  progress: (p: ExportProgress) => void = () => undefined,
  words?: ExportWords,
): Promise<JobResult> {
  const stem = exportFileName(records.case.name, records.note.title, 'md').replace(/\.md$/, '');
  if (kind === 'csl-json' || kind === 'bibtex') {
    const sources = citedSources(records);
    if (sources.length === 0) throw new ExportError('noBibliography');
    progress({ step: 'bibliography', value: 0.5 });
    return { kind: 'file', bytes: encode(kind === 'csl-json' ? toCslJson(sources) : toBibtex(sources)) };
  }

  const options = exportOptions(choices, date, words);
  if (kind === 'claims-csv') {
    if (records.claims.length === 0) throw new ExportError('noClaims');
    options.include = { bibliography: false, claimsAppendix: true, evidenceTable: false };
  }
  progress({ step: 'citations', value: 0.15 });
  const model = buildExportModel({ ...records, options });
  if (kind === 'claims-csv') return { kind: 'file', bytes: encode(renderClaimsCsv(model.claims ?? [])) };
  progress(DOCUMENT_PROGRESS[kind]);
  if (kind === 'md' && choices.markdownCitations === 'pandoc') return pandocFiles(records, choices, model, stem);
  return renderDocument(model, kind, { pageSize: choices.pageSize });
}

/**
 * Markdown with Pandoc citations and the three files it names: the cited
 * sources as CSL-JSON (its `bibliography`) and BibTeX, whose keys are the
 * citation keys, and the style as a .csl file (its `csl`), so
 * `pandoc --citeproc` formats the same references in the same style.
 */
function pandocFiles(records: ExportRecords, choices: ExportChoices, model: ReturnType<typeof buildExportModel>, stem: string): JobResult {
  const keys = citationKeys(records.sources);
  const sidecars = pandocSidecars(citedSources(records), keys, choices.style === CUSTOM_STYLE ? 'apa' : choices.style, choices.style === CUSTOM_STYLE ? choices.customStyle?.xml : undefined);
  const markdown = renderMarkdown(model, { pandoc: { keys, bibliography: `${stem}.references.json`, csl: `${stem}.csl` } });
  return {
    kind: 'files',
    files: [
      { suffix: '.md', bytes: encode(markdown), mediaType: 'text/markdown; charset=utf-8', filterName: 'Markdown', extension: 'md' },
      { suffix: '.references.json', bytes: encode(sidecars.json), mediaType: 'application/vnd.citationstyles.csl+json', filterName: 'CSL-JSON', extension: 'json' },
      { suffix: '.references.bib', bytes: encode(sidecars.bib), mediaType: 'application/x-bibtex; charset=utf-8', filterName: 'BibTeX', extension: 'bib' },
      { suffix: '.csl', bytes: encode(sidecars.csl), mediaType: 'application/vnd.citationstyles.style+xml', filterName: 'CSL style', extension: 'csl' },
    ],
  };
}

/** The sources the brief cites, in order of first citation. */
export function citedSources(records: Pick<ExportRecords, 'note' | 'sources' | 'passages'>): SourceRecord[] {
  const passages = new Map(records.passages.map((p) => [p.id, p]));
  const sources = new Map(records.sources.map((s) => [s.id, s]));
  const out = new Map<string, SourceRecord>();
  for (const passageId of numberCitations(records.note.content).order) {
    const source = sources.get(passages.get(passageId)?.sourceId ?? '');
    if (source) out.set(source.id, source);
  }
  return [...out.values()];
}

/** The CSL styles citation-js has (APA, Vancouver, Harvard), for the style menu. */
export function builtInStyles(): { id: string; title: string }[] {
  return listStyles().filter((style) => !style.id.startsWith('custom-'));
}

/**
 * Check a user's .csl file and return the title to show for it. Throws
 * `CslStyleError` with a sentence about what is wrong.
 */
export function checkCustomStyle(xml: string): { title: string } {
  if (xml.trim() === '') throw new CslStyleError('empty');
  const id = registerCustomStyle(xml);
  return { title: listStyles().find((style) => style.id === id)?.title ?? englishText({ key: 'exportError.customStyle' }) };
}

/** A message a person can act on, for any error a job throws, for the page to show in its language. */
export function jobErrorRef(error: unknown): MessageRef {
  if (error instanceof ExportError || error instanceof CslStyleError) return error.detail;
  return { key: 'exportError.failed', values: { reason: error instanceof Error ? error.message : String(error) } };
}
