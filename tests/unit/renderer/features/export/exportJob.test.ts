import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { CUSTOM_STYLE, DEFAULT_CHOICES, exportFileName, FILE_TYPES, parseChoices, type ExportChoices, type ExportRecords } from '../../../../../renderer/features/export/choices';
import { builtInStyles, checkCustomStyle, citedSources, exportOptions, jobErrorRef, runExportJob } from '../../../../../renderer/features/export/exportJob';
import { CslStyleError } from '../../../../../shared/export/csl';
import { pdfHeaderFooter, renderHtml } from '../../../../../shared/export/html';
import { renderMarkdown } from '../../../../../shared/export/markdown';
import { buildExportModel, ExportError } from '../../../../../shared/export/model';
import { FIXTURE_DIR, fixtureInput, loadCase } from '../../../shared/export/helpers';
import { createTranslator, englishText, translateRef } from '../../../../../shared/i18n';

const DATE = '2024-03-11';
const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

function records(): ExportRecords {
  const data = loadCase();
  const note = data.notes[0];
  if (!note) throw new Error('fixture has no note');
  return { case: data.case, note, sources: data.sources, passages: data.passages, claims: data.claims, tags: data.tags };
}

const choices = (patch: Partial<ExportChoices> = {}): ExportChoices => ({ ...DEFAULT_CHOICES, include: { ...DEFAULT_CHOICES.include }, ...patch });

async function fileOf(kind: Parameters<typeof runExportJob>[2], patch: Partial<ExportChoices> = {}): Promise<Uint8Array> {
  const result = await runExportJob(records(), choices(patch), kind, DATE);
  if (result.kind !== 'file') throw new Error(`expected file bytes for ${kind}`);
  return result.bytes;
}

describe('parseChoices', () => {
  it('gives the defaults for nothing stored', () => {
    expect(parseChoices(undefined)).toEqual(DEFAULT_CHOICES);
    expect(parseChoices('pdf')).toEqual(DEFAULT_CHOICES);
  });

  it('keeps every valid field and replaces only the malformed ones', () => {
    const parsed = parseChoices({
      format: 'pdf',
      style: 'vancouver',
      notes: 'endnotes',
      markdownCitations: 'bibtex',
      include: { bibliography: false, claimsAppendix: 'yes', evidenceTable: true },
      pageSize: 'A3',
      author: 'Ada Okafor',
    });
    expect(parsed).toEqual({
      format: 'pdf',
      style: 'vancouver',
      notes: 'endnotes',
      markdownCitations: 'notes',
      include: { bibliography: false, claimsAppendix: false, evidenceTable: true },
      pageSize: 'A4',
      author: 'Ada Okafor',
    });
  });

  it('titles a brief without a name in the words the dialog sends (the UI’s language), the catalogue’s English without them', async () => {
    const nameless = (): ExportRecords => {
      const r = records();
      return { ...r, case: { ...r.case, name: ' ' }, note: { ...r.note, title: '' } };
    };
    const markdown = async (words?: { untitledBrief: string }) => {
      const result = await runExportJob(nameless(), choices(), 'md', DATE, undefined, words);
      if (result.kind !== 'file') throw new Error('expected a file');
      return decode(result.bytes);
    };
    const spanish = await markdown({ untitledBrief: 'Informe sin título' });
    expect(spanish).toContain('Informe sin título');
    expect(spanish).not.toContain('Untitled');
    expect(await markdown()).toContain('Untitled brief');
  });

  it('writes Pandoc citations with the files the Markdown names', async () => {
    const result = await runExportJob(records(), choices({ markdownCitations: 'pandoc' }), 'md', DATE);
    if (result.kind !== 'files') throw new Error(`expected files, got ${result.kind}`);
    expect(result.files.map((f) => f.suffix)).toEqual(['.md', '.references.json', '.references.bib', '.csl']);
    const markdown = decode(result.files[0]!.bytes);
    expect(markdown).toContain('[@okafor2024forty, para. 1]');
    expect(markdown).toMatch(/^bibliography: ".+\.references\.json"$/m);
    expect((JSON.parse(decode(result.files[1]!.bytes)) as { id: string }[]).map((item) => item.id)).toContain('okafor2024forty');
    expect(decode(result.files[2]!.bytes)).toContain('@article{okafor2024forty,');
    expect(decode(result.files[3]!.bytes)).toContain('<style');
  });

  it('keeps the Pandoc citations choice', () => {
    expect(parseChoices({ markdownCitations: 'pandoc' }).markdownCitations).toBe('pandoc');
  });

  it('falls back to APA when the custom style lost its XML, and keeps it when it has one', () => {
    expect(parseChoices({ style: CUSTOM_STYLE }).style).toBe('apa');
    expect(parseChoices({ style: CUSTOM_STYLE, customStyle: { title: 'Mine', xml: '' } }).style).toBe('apa');
    const kept = parseChoices({ style: CUSTOM_STYLE, customStyle: { title: 'Mine', xml: '<style/>' } });
    expect(kept.style).toBe(CUSTOM_STYLE);
    expect(kept.customStyle).toEqual({ title: 'Mine', xml: '<style/>' });
  });

  it('never hands out the shared default object', () => {
    const parsed = parseChoices(undefined);
    parsed.include.claimsAppendix = true;
    expect(DEFAULT_CHOICES.include.claimsAppendix).toBe(false);
  });
});

describe('exportFileName', () => {
  it('names the brief after the case, and after the note when it has its own title', () => {
    expect(exportFileName('Pier 9 tobacco seizure', 'Brief', 'pdf')).toBe('Pier-9-tobacco-seizure-brief.pdf');
    expect(exportFileName('Pier 9 tobacco seizure', 'Draft for the editor', 'docx')).toBe('Pier-9-tobacco-seizure-Draft-for-the-editor.docx');
    expect(exportFileName('Pier 9', 'Brief', 'csl-json')).toBe('Pier-9-references.json');
    expect(exportFileName('Pier 9', 'Brief', 'bibtex')).toBe('Pier-9-references.bib');
    expect(exportFileName('Pier 9', 'Brief', 'claims-csv')).toBe('Pier-9-claims.csv');
  });

  it('drops characters file systems object to, and never starts with a dot', () => {
    expect(exportFileName('../etc/passwd: "x" <y>*?', 'Brief', 'md')).toBe('etcpasswd-x-y-brief.md');
    expect(exportFileName('///', '', 'html')).toBe('case-brief.html');
    expect(exportFileName('Écluse – Saint-Malo', 'Brief', 'md')).toBe('Écluse-Saint-Malo-brief.md');
  });

  it('gives every kind its extension and media type', () => {
    expect(Object.fromEntries(Object.entries(FILE_TYPES).map(([k, t]) => [k, `${t.extension} ${t.mediaType.split(';')[0]}`]))).toEqual({
      md: 'md text/markdown',
      pdf: 'pdf application/pdf',
      html: 'html text/html',
      docx: 'docx application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      'csl-json': 'json application/vnd.citationstyles.csl+json',
      bibtex: 'bib application/x-bibtex',
      'claims-csv': 'csv text/csv',
    });
  });
});

describe('runExportJob', () => {
  it('writes the same Markdown as the shared renderers with the same options (what the CLI runs)', async () => {
    const expected = renderMarkdown(buildExportModel(fixtureInput({ date: DATE })));
    expect(decode(await fileOf('md'))).toBe(expected);
  });

  it('passes notes, includes and author through', async () => {
    const md = decode(await fileOf('md', { notes: 'endnotes', include: { bibliography: false, claimsAppendix: true, evidenceTable: true }, author: '  Ada Okafor ' }));
    expect(md).toContain('author: "Ada Okafor"');
    expect(md).not.toContain('## References');
    expect(md).toContain('## Claims');
    expect(md).toContain('## Evidence');
  });

  it('stops a PDF at print HTML with the title for the running head, as the CLI prints it', async () => {
    const progress: string[] = [];
    const result = await runExportJob(records(), choices({ format: 'pdf', pageSize: 'Letter' }), 'pdf', DATE, (p) => progress.push(p.step));
    if (result.kind !== 'print') throw new Error('expected print HTML');
    const model = buildExportModel(fixtureInput({ date: DATE }));
    expect(result.html).toBe(renderHtml(model, { print: true, pageSize: 'Letter' }));
    expect(result.pageSize).toBe('Letter');
    expect(pdfHeaderFooter({ title: result.title })).toEqual(pdfHeaderFooter(model));
    expect(progress.length).toBeGreaterThan(0);
  });

  it('writes standalone HTML for reading and a Word file with footnotes', async () => {
    expect(decode(await fileOf('html'))).toBe(renderHtml(buildExportModel(fixtureInput({ date: DATE })), { print: false, pageSize: 'A4' }));
    const zip = unzipSync(await fileOf('docx'));
    expect(Object.keys(zip)).toContain('word/footnotes.xml');
  });

  it('formats with a loaded .csl style', async () => {
    const xml = readFileSync(join(FIXTURE_DIR, 'casefile-test.csl'), 'utf8');
    expect(checkCustomStyle(xml)).toEqual({ title: 'Casefile test style' });
    const md = decode(await fileOf('md', { style: CUSTOM_STYLE, customStyle: { title: 'Casefile test style', xml } }));
    expect(md).toContain('FORTY TONNES OF TOBACCO SEIZED AT PIER 9 — Ada Okafor');
  });

  it('writes the cited sources as CSL-JSON and BibTeX, and the claims as CSV', async () => {
    const items = JSON.parse(decode(await fileOf('csl-json'))) as { id: string }[];
    expect(items.map((item) => item.id)).toEqual(['src-gazette', 'src-report', 'src-interview']);
    expect(decode(await fileOf('bibtex')).match(/^@\w+\{/gm)).toHaveLength(3);
    const csv = decode(await fileOf('claims-csv')).split('\r\n');
    expect(csv[0]).toBe('Claim,Claimant,Status,Supporting,Contradicting,Independent sources,Tags');
    expect(csv.filter(Boolean)).toHaveLength(3);
  });

  it('refuses sidecars with nothing in them, with a reason', async () => {
    const bare = { ...records(), claims: [], note: { ...records().note, content: { root: { type: 'root', children: [] } } } };
    await expect(runExportJob(bare, choices(), 'bibtex', DATE)).rejects.toThrow('The brief cites no sources yet');
    await expect(runExportJob(bare, choices(), 'claims-csv', DATE)).rejects.toThrow('This case has no claims yet');
  });

  it('reports a bad date or a lost custom style as an ExportError', async () => {
    await expect(runExportJob(records(), choices(), 'md', '2024-02-30')).rejects.toBeInstanceOf(ExportError);
    expect(() => exportOptions(choices({ style: CUSTOM_STYLE }), DATE)).toThrow('load the .csl file again');
  });
});

describe('styles and errors', () => {
  it('lists the styles citation-js ships, with their titles, and never a custom one', () => {
    checkCustomStyle(readFileSync(join(FIXTURE_DIR, 'casefile-test.csl'), 'utf8'));
    const styles = builtInStyles();
    expect(styles.map((s) => s.id).sort()).toEqual(['apa', 'harvard1', 'vancouver']);
    expect(styles.find((s) => s.id === 'apa')?.title).toMatch(/APA/);
  });

  it('rejects files that are not CSL styles with a sentence about why', () => {
    expect(() => checkCustomStyle('   ')).toThrow(CslStyleError);
    expect(() => checkCustomStyle('<html><body>not a style</body></html>')).toThrow(CslStyleError);
  });

  it('words errors for people: export and style errors as they are, anything else prefixed', () => {
    expect(englishText(jobErrorRef(new ExportError('noClaims')))).toBe('This case has no claims yet, so there is no claims table to export.');
    expect(englishText(jobErrorRef(new CslStyleError('noBibliography')))).toBe('This CSL style has no <bibliography> section, which Casefile needs to format the reference list.');
    expect(englishText(jobErrorRef(new TypeError('x is undefined')))).toBe('Casefile could not build the export: x is undefined');
    expect(translateRef(createTranslator('es'), jobErrorRef(new CslStyleError('noElements')))).toBe('Este archivo no es XML: no contiene ningún elemento.');
  });

  it('finds the cited sources in order of first citation', () => {
    expect(citedSources(records()).map((s) => s.id)).toEqual(['src-gazette', 'src-report', 'src-interview']);
  });
});
