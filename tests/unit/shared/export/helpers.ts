/**
 * Shared setup for the export tests: the fixture case, a model built from it,
 * and Pandoc (found on PATH; required on CI, optional locally).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { briefInputFromCase, parseCaseJson, type CaseJson } from '../../../../shared/export/caseJson';
import type { CliIo } from '../../../../node/cli/cli';
import { buildExportModel, type ExportInput, type ExportModel, type ExportOptions } from '../../../../shared/export/model';

export const FIXTURE_DIR = fileURLToPath(new URL('../../../fixtures/export/', import.meta.url));
export const CASE_PATH = join(FIXTURE_DIR, 'case.json');

/** The fixture case, parsed through the same path users' files take. */
export function loadCase(): CaseJson {
  const parsed = parseCaseJson(readFileSync(CASE_PATH, 'utf8'));
  if (!parsed.ok) throw new Error(`fixture case.json is invalid: ${parsed.error}`);
  return parsed.data;
}

export function fixtureInput(options: Partial<ExportOptions> = {}): ExportInput {
  return briefInputFromCase(loadCase(), options);
}

export function fixtureModel(options: Partial<ExportOptions> = {}): ExportModel {
  return buildExportModel(fixtureInput(options));
}

/** A program's path from PATH, or null. */
export function findTool(name: string): string | null {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir && existsSync(join(dir, name))) return join(dir, name);
  }
  return null;
}

/**
 * A program the export tests check files with, from PATH. `npm test` installs
 * them first (tests/tools.mjs), so a missing one is a failure, never a skip.
 */
export function requireTool(name: string): string {
  const path = findTool(name);
  if (!path) throw new Error(`${name} is required by this test but was not found on PATH; run node tests/tools.mjs (it installs pandoc, poppler-utils and qpdf from Debian as root).`);
  return path;
}

/** Run pandoc on Markdown and return its stdout; throws with pandoc's stderr on failure. */
export function pandoc(markdown: string, to: string, extra: string[] = []): string {
  const result = spawnSync(requireTool('pandoc'), ['-f', 'markdown', '-t', to, ...extra], { input: markdown, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`pandoc failed (${result.status}): ${result.stderr}`);
  return result.stdout;
}

type PandocNode = { t: string; c?: unknown };

/** Every node of a Pandoc JSON AST with the given tag, depth first. */
export function pandocNodes(ast: unknown, tag: string): PandocNode[] {
  const found: PandocNode[] = [];
  const visit = (value: unknown) => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (value && typeof value === 'object') {
      const node = value as PandocNode & Record<string, unknown>;
      if (node.t === tag) found.push(node);
      Object.values(node).forEach(visit);
    }
  };
  visit(ast);
  return found;
}

/** The literal text of Pandoc inlines: Str joined, Space/SoftBreak as one space, Code kept. */
export function pandocText(ast: unknown): string {
  let out = '';
  const visit = (value: unknown) => {
    if (Array.isArray(value)) return value.forEach(visit);
    if (!value || typeof value !== 'object') return;
    const node = value as PandocNode;
    if (node.t === 'Str') out += String(node.c);
    else if (node.t === 'Space' || node.t === 'SoftBreak' || node.t === 'LineBreak') out += ' ';
    else if (node.t === 'Code') out += String((node.c as [unknown, string])[1]);
    else if (node.t === 'Note') return; // a note's text is not part of the sentence it hangs on
    else if (node.t === 'Quoted') {
      // Pandoc's `smart` extension turns straight quotes into Quoted nodes: typography, not structure.
      const [kind, inlines] = node.c as [{ t: string }, unknown];
      const mark = kind.t === 'DoubleQuote' ? '“' : '‘';
      out += mark;
      visit(inlines);
      out += mark === '“' ? '”' : '’';
    }
    else if (node.c !== undefined) visit(node.c);
  };
  visit(ast);
  return normaliseText(out);
}

/**
 * Compare text modulo typography: straight and curly quotes are one character
 * (Pandoc's `smart` extension curls them), and whitespace runs are one space.
 */
export function normaliseText(text: string): string {
  return text.replace(/[‘’]/g, "'").replace(/[“”]/g, '"').replace(/\s+/g, ' ').trim();
}

/** The CLI's file system and output in memory: files by path, captured stdout/stderr, and PDF requests answered with a stub. */
export function memoryCliIo(files: Map<string, Uint8Array>) {
  const out = { stdout: '', stderr: '', pdfCalls: [] as { html: string; options: unknown }[] };
  const io: CliIo = {
    readFile: async (path) => {
      const bytes = files.get(path);
      if (!bytes) throw Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' });
      return bytes;
    },
    writeFile: async (path, data) => void files.set(path, data),
    stdout: (text) => void (out.stdout += text),
    stderr: (text) => void (out.stderr += text),
    renderPdf: async (html, options) => {
      out.pdfCalls.push({ html, options });
      return new TextEncoder().encode('%PDF-1.7 fake');
    },
  };
  return { io, out };
}
