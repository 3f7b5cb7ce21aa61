import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../../node/cli/cli';
import { renderMarkdown } from '../../../../shared/export/markdown';
import { CASE_PATH, FIXTURE_DIR, fixtureModel, memoryCliIo } from '../../shared/export/helpers';

/** An in-memory file system holding the fixture case and the test style. */
function memoryIo(extra: Record<string, string> = {}) {
  const files = new Map<string, Uint8Array>([
    ['case.json', readFileSync(CASE_PATH)],
    ['style.csl', readFileSync(join(FIXTURE_DIR, 'casefile-test.csl'))],
    ...Object.entries(extra).map(([k, v]) => [k, new TextEncoder().encode(v)] as [string, Uint8Array]),
  ]);
  const { io, out } = memoryCliIo(files);
  const text = (path: string) => new TextDecoder().decode(files.get(path));
  return { io, files, out, text };
}

describe('casefile export', () => {
  it('writes the same Markdown as renderMarkdown(buildExportModel(…))', async () => {
    const { io, text, out } = memoryIo();
    expect(await runCli(['export', 'case.json', '--format', 'md', '-o', 'brief.md'], io)).toBe(0);
    expect(text('brief.md')).toBe(renderMarkdown(fixtureModel()));
    expect(out.stderr).toBe('Wrote brief.md (md, 5 notes, 6 citations).\n');
  });

  it('names the output after the input by default, and writes to stdout with -o -', async () => {
    const { io, files, out } = memoryIo();
    expect(await runCli(['export', 'case.json', '-f', 'html'], io)).toBe(0);
    expect(new TextDecoder().decode(files.get('case.html'))).toContain('<h1 class="title">Pier 9 tobacco seizure</h1>');
    expect(await runCli(['export', 'case.json', '--format=md', '--notes', 'endnotes', '--style', 'vancouver', '-o', '-'], io)).toBe(0);
    expect(out.stdout).toBe(renderMarkdown(fixtureModel({ notes: 'endnotes', style: 'vancouver' })));
  });

  it('applies options: a .csl file, claims, evidence, author, date', async () => {
    const { io, text } = memoryIo();
    const code = await runCli(['export', 'case.json', '-f', 'md', '-s', 'style.csl', '--claims', '--evidence', '--author', 'Desk', '--date', '2024-03-11', '-o', 'x.md'], io);
    expect(code).toBe(0);
    const md = text('x.md');
    expect(md).toContain('FORTY TONNES OF TOBACCO SEIZED AT PIER 9 — Ada Okafor');
    expect(md).toContain('## Claims');
    expect(md).toContain('## Evidence');
    expect(md).toContain('author: "Desk"');
  });

  it('writes DOCX and hands print HTML with header/footer templates to the PDF renderer', async () => {
    const { io, files, out } = memoryIo();
    expect(await runCli(['export', 'case.json', '-f', 'docx', '-o', 'b.docx'], io)).toBe(0);
    expect(strFromU8(unzipSync(files.get('b.docx') ?? new Uint8Array())['word/footnotes.xml'] ?? new Uint8Array())).toContain('w:footnote');
    expect(await runCli(['export', 'case.json', '-f', 'pdf', '--page-size', 'letter', '-o', 'b.pdf'], io)).toBe(0);
    expect(out.pdfCalls[0]?.html).toContain('@page { size: letter;');
    expect(out.pdfCalls[0]?.options).toMatchObject({ pageSize: 'Letter', footerTemplate: expect.stringContaining('pageNumber') });
    expect(new TextDecoder().decode(files.get('b.pdf'))).toBe('%PDF-1.7 fake');
  });

  it.each([
    [['export', 'missing.json', '-f', 'md'], /cannot read the case file missing\.json: no such file/],
    [['export', 'case.json', '-f', 'rtf'], /unknown format “rtf”; choose md, html, docx or pdf/],
    [['export', 'case.json'], /choose an output format with --format/],
    [['export', '-f', 'md'], /which case\?/],
    [['export', 'a.json', 'b.json', '-f', 'md'], /one case file, not 2/],
    [['export', 'case.json', '-f', 'md', '--notes', 'sidenotes'], /--notes must be footnotes or endnotes/],
    [['export', 'case.json', '-f', 'md', '--bogus'], /unknown option “--bogus”/],
    [['export', 'case.json', '-f', 'md', '--style'], /--style needs a value/],
    [['export', 'case.json', '-f', 'md', '--style', 'chicago'], /Unknown citation style “chicago”/],
    [['export', 'case.json', '-f', 'md', '--style', 'nope.csl'], /cannot read the CSL style nope\.csl/],
    [['export', 'case.json', '-f', 'md', '--date', 'yesterday'], /not a valid ISO date/],
    [['export', 'case.json', '-f', 'docx', '-o', '-'], /binary format/],
    [['export', 'case.json', '-f', 'md', '-o', 'case.json'], /would overwrite the case file/],
    [['export', 'bad.json', '-f', 'md'], /bad\.json: This file is not JSON/],
    [['export', 'other.json', '-f', 'md'], /other\.json: This JSON file is not a Casefile case export/],
    [['export', 'case.casefile', '-f', 'md'], /cannot read the case bundle case\.casefile: no such file/],
    [['publish', 'case.json'], /unknown command “publish”/],
    [[], /Usage: casefile export/],
  ])('exits 2 with a message for %j', async (argv, message) => {
    const { io, out, files } = memoryIo({ 'bad.json': '{nope', 'other.json': '{"format":"x"}' });
    const before = [...files.keys()].sort();
    expect(await runCli(argv, io)).toBe(2);
    expect(out.stderr).toMatch(message);
    expect([...files.keys()].sort()).toEqual(before); // nothing half-written
  });

  it('refuses PDF when no renderer is available, and prints help on --help', async () => {
    const { io, out } = memoryIo();
    delete io.renderPdf;
    expect(await runCli(['export', 'case.json', '-f', 'pdf'], io)).toBe(2);
    expect(out.stderr).toMatch(/PDF export is not available here/);
    expect(await runCli(['--help'], io)).toBe(0);
    expect(out.stdout).toMatch(/^Usage: casefile export/);
  });

  it('exits 1 when rendering fails', async () => {
    const { io, out } = memoryIo();
    io.renderPdf = async () => {
      throw new Error('Chromium crashed');
    };
    expect(await runCli(['export', 'case.json', '-f', 'pdf', '-o', 'x.pdf'], io)).toBe(1);
    expect(out.stderr).toBe('casefile: the export failed: Chromium crashed\n');
  });
});
