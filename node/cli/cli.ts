/**
 * The `casefile` command line: export a case's cited brief without the app.
 *
 *   casefile export <bundle.casefile|case.json> --format md|html|docx|pdf [--style apa|vancouver|harvard1|file.csl]
 *                   [--notes footnotes|endnotes] [--page-size A4|Letter] [--author NAME] [--date YYYY-MM-DD]
 *                   [--claims] [--evidence] [--no-references] [-o out|-]
 *
 * `runCli` takes its file system and output streams as arguments, so tests run
 * it in memory; `main` wires the real ones. The export itself is the same
 * shared code the app runs, so the CLI's Markdown is byte-for-byte the app's.
 *
 * Exit codes: 0 done, 1 the export failed while rendering, 2 bad usage or
 * bad input (with a message on stderr saying which).
 */
import { basename, dirname, extname, join } from 'node:path';
import { BUNDLE_EXTENSION } from '../../shared/bundle/format';
import { readBundle } from '../../shared/bundle/read';
import { briefInputFromCase, CASE_JSON_FORMAT, CASE_JSON_VERSION, parseCaseJson, type CaseJson } from '../../shared/export/caseJson';
import { CslStyleError } from '../../shared/export/csl';
import { pdfHeaderFooter } from '../../shared/export/html';
import { buildExportModel, ExportError, type ExportInput, type ExportOptions } from '../../shared/export/model';
import type { FigureRecord } from '../../shared/domain/types';
import { DOCUMENT_FORMATS, renderDocument, type DocumentFormat } from '../../shared/export/render';

export interface CliIo {
  readFile(path: string): Promise<Uint8Array>;
  writeFile(path: string, data: Uint8Array): Promise<void>;
  stdout(text: string): void;
  stderr(text: string): void;
  /** Turns print HTML into PDF bytes; without it `--format pdf` is refused. */
  renderPdf?(html: string, options: { pageSize: 'A4' | 'Letter'; headerTemplate?: string; footerTemplate?: string }): Promise<Uint8Array>;
}

export type CliFormat = DocumentFormat;
const FORMATS = DOCUMENT_FORMATS;

export const USAGE = `Usage: casefile export <bundle.casefile|case.json> --format md|html|docx|pdf [options]

Export the brief of a case saved with “Export case” (a .casefile bundle)
or exported as JSON (“Export case”, format JSON).

Options:
  --format, -f     md, html, docx or pdf (required)
  --style, -s      apa (default), vancouver, harvard1, or a path to a .csl file
  --notes          footnotes (default) or endnotes
  --page-size      A4 (default) or Letter, for html and pdf
  --author NAME    author line under the title
  --date DATE      date under the title, as YYYY-MM-DD
  --claims         add the claims appendix
  --evidence       add the evidence table
  --no-references  leave out the reference list
  --output, -o     output file; "-" writes md or html to standard output
                   (default: the input file name with the format's extension)
  --help, -h       show this help
`;

class UsageError extends Error {}

interface ParsedArgs {
  input: string;
  format: CliFormat;
  style: string;
  notes: 'footnotes' | 'endnotes';
  pageSize: 'A4' | 'Letter';
  author?: string;
  date?: string;
  claims: boolean;
  evidence: boolean;
  references: boolean;
  output?: string;
}

/** Run the CLI with `argv` (arguments after the program name). Resolves to the exit code. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  if (argv.length === 0 || argv.includes('--help') || argv.includes('-h')) {
    (argv.length === 0 ? io.stderr : io.stdout)(USAGE);
    return argv.length === 0 ? 2 : 0;
  }
  let args: ParsedArgs;
  try {
    args = parseArgs(argv);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`casefile: ${error.message}\n\n${USAGE}`);
      return 2;
    }
    throw error;
  }
  try {
    return await exportCase(args, io);
  } catch (error) {
    if (error instanceof UsageError || error instanceof CslStyleError || error instanceof ExportError) {
      io.stderr(`casefile: ${error.message}\n`);
      return 2;
    }
    io.stderr(`casefile: the export failed: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}

function parseArgs(argv: readonly string[]): ParsedArgs {
  const [command, ...rest] = argv;
  if (command !== 'export') throw new UsageError(`unknown command “${command}”; the only command is “export”.`);
  const positional: string[] = [];
  const values = new Map<string, string>();
  const flags = new Set<string>();
  const ALIASES: Record<string, string> = { '-f': '--format', '-s': '--style', '-o': '--output' };
  const WITH_VALUE = new Set(['--format', '--style', '--notes', '--page-size', '--author', '--date', '--output']);
  const FLAGS = new Set(['--claims', '--evidence', '--no-references']);
  for (let i = 0; i < rest.length; i++) {
    const raw = rest[i] ?? '';
    const [name0, inline] = raw.startsWith('--') && raw.includes('=') ? [raw.slice(0, raw.indexOf('=')), raw.slice(raw.indexOf('=') + 1)] : [raw, undefined];
    const name = ALIASES[name0] ?? name0;
    if (WITH_VALUE.has(name)) {
      const value = inline ?? rest[++i];
      if (value === undefined || value === '') throw new UsageError(`${name} needs a value.`);
      values.set(name, value);
    } else if (FLAGS.has(name)) {
      flags.add(name);
    } else if (raw.startsWith('-') && raw !== '-') {
      throw new UsageError(`unknown option “${raw}”.`);
    } else {
      positional.push(raw);
    }
  }
  if (positional.length === 0) throw new UsageError('which case? Give the path of a .casefile bundle or a case JSON file.');
  if (positional.length > 1) throw new UsageError(`export takes one case file, not ${positional.length} (${positional.join(', ')}).`);
  const format = values.get('--format');
  if (format === undefined) throw new UsageError('choose an output format with --format md|html|docx|pdf.');
  if (!FORMATS.includes(format as CliFormat)) throw new UsageError(`unknown format “${format}”; choose md, html, docx or pdf.`);
  const notes = values.get('--notes') ?? 'footnotes';
  if (notes !== 'footnotes' && notes !== 'endnotes') throw new UsageError(`--notes must be footnotes or endnotes, not “${notes}”.`);
  const pageSizeRaw = (values.get('--page-size') ?? 'A4').toLowerCase();
  if (pageSizeRaw !== 'a4' && pageSizeRaw !== 'letter') throw new UsageError(`--page-size must be A4 or Letter, not “${values.get('--page-size')}”.`);
  const parsed: ParsedArgs = {
    input: positional[0] ?? '',
    format: format as CliFormat,
    style: values.get('--style') ?? 'apa',
    notes,
    pageSize: pageSizeRaw === 'a4' ? 'A4' : 'Letter',
    claims: flags.has('--claims'),
    evidence: flags.has('--evidence'),
    references: !flags.has('--no-references'),
  };
  const author = values.get('--author');
  const date = values.get('--date');
  const output = values.get('--output');
  if (author !== undefined) parsed.author = author;
  if (date !== undefined) parsed.date = date;
  if (output !== undefined) parsed.output = output;
  return parsed;
}

async function exportCase(args: ParsedArgs, io: CliIo): Promise<number> {
  const data = extname(args.input).toLowerCase() === BUNDLE_EXTENSION ? await readBundleCase(io, args.input) : await readJsonCase(io, args.input);

  const options: Partial<ExportOptions> = {
    notes: args.notes,
    include: { bibliography: args.references, claimsAppendix: args.claims, evidenceTable: args.evidence },
  };
  if (args.style.toLowerCase().endsWith('.csl')) options.customStyleXml = await readText(io, args.style, 'CSL style');
  else options.style = args.style;
  if (args.author !== undefined) options.author = args.author;
  if (args.date !== undefined) options.date = args.date;

  let input: ExportInput;
  try {
    input = briefInputFromCase(data, options);
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  // A bundle carries the brief's figures (case JSON does not): without them the export says "Figure missing".
  if (data.figures) input.figures = data.figures;
  const model = buildExportModel(input);

  const output = args.output ?? join(dirname(args.input), `${basename(args.input, extname(args.input))}.${args.format}`);
  if (output === '-' && (args.format === 'docx' || args.format === 'pdf')) {
    throw new UsageError(`${args.format} is a binary format; give an output file with -o instead of “-”.`);
  }
  if (output !== '-' && output === args.input) throw new UsageError('the output file would overwrite the case file; choose another name with -o.');

  const rendered = await renderDocument(model, args.format, { pageSize: args.pageSize });
  let bytes: Uint8Array;
  if (rendered.kind === 'print') {
    if (!io.renderPdf) throw new UsageError('PDF export is not available here: no PDF renderer was provided.');
    bytes = await io.renderPdf(rendered.html, { pageSize: rendered.pageSize, ...pdfHeaderFooter(model) });
  } else {
    bytes = rendered.bytes;
  }
  if (output === '-') {
    io.stdout(new TextDecoder().decode(bytes));
    return 0;
  }
  try {
    await io.writeFile(output, bytes);
  } catch (error) {
    throw new UsageError(`cannot write ${output}: ${fsReason(error)}.`);
  }
  io.stderr(`Wrote ${output} (${args.format}, ${model.notes.length} ${model.notes.length === 1 ? 'note' : 'notes'}, ${model.citationCount} ${model.citationCount === 1 ? 'citation' : 'citations'}).\n`);
  return 0;
}

/** A case JSON file, checked by the same schemas as bundles. */
async function readJsonCase(io: CliIo, path: string): Promise<CaseJson & { figures?: FigureRecord[] }> {
  const parsed = parseCaseJson(await readText(io, path, 'case file'));
  if (!parsed.ok) throw new UsageError(`${basename(path)}: ${parsed.error}`);
  return parsed.data;
}

/** A `.casefile` bundle, validated completely (hashes, schemas, references, size limits) before anything is exported. */
async function readBundleCase(io: CliIo, path: string): Promise<CaseJson & { figures: FigureRecord[] }> {
  let bytes: Uint8Array;
  try {
    bytes = await io.readFile(path);
  } catch (error) {
    throw new UsageError(`cannot read the case bundle ${path}: ${fsReason(error)}.`);
  }
  const result = await readBundle(bytes);
  if (!result.ok) throw new UsageError(`${basename(path)} cannot be exported: ${result.error.message}`);
  const { case: record, sources, passages, claims, tags, notes, figures } = result.data;
  return { format: CASE_JSON_FORMAT, version: CASE_JSON_VERSION, exportedAt: result.manifest.createdAt, case: record, sources, passages, claims, tags, notes, figures };
}

async function readText(io: CliIo, path: string, what: string): Promise<string> {
  let bytes: Uint8Array;
  try {
    bytes = await io.readFile(path);
  } catch (error) {
    throw new UsageError(`cannot read the ${what} ${path}: ${fsReason(error)}.`);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new UsageError(`the ${what} ${path} is not UTF-8 text.`);
  }
}

function fsReason(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'it is a folder, not a file';
  return error instanceof Error ? error.message : String(error);
}

/**
 * Run with the real file system, stdout/stderr and the local Chromium PDF
 * renderer (loaded only when a PDF is asked for). Sets the process exit code.
 */
export async function main(argv: readonly string[] = process.argv.slice(2)): Promise<void> {
  const { readFile, writeFile } = await import('node:fs/promises');
  const io: CliIo = {
    readFile: async (path) => new Uint8Array(await readFile(path)),
    writeFile: (path, data) => writeFile(path, data),
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    async renderPdf(html, options) {
      const { renderPdf, closePdfRenderer } = await import('../host/renderPdf');
      try {
        return await renderPdf(html, options);
      } finally {
        await closePdfRenderer();
      }
    },
  };
  process.exitCode = await runCli(argv, io);
}
