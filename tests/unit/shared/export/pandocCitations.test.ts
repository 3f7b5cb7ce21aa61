/**
 * Pandoc citeproc mode (issue 14, acceptance 4): `[@key, para. 7]`
 * citations with a CSL-JSON (and BibTeX) sidecar and the style's CSL file
 * compile with `pandoc --citeproc` into the same references as the
 * footnote mode's own reference list.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { citationKeys } from '../../../../shared/export/citekeys';
import { pandocSidecars } from '../../../../shared/export/csl';
import { renderMarkdown } from '../../../../shared/export/markdown';
import { fixtureInput, fixtureModel, normaliseText, pandoc, requireTool } from './helpers';

const dir = mkdtempSync(join(tmpdir(), 'casefile-citeproc-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function citeprocMarkdown(style = 'apa') {
  const input = fixtureInput({ style });
  const model = fixtureModel({ style });
  const keys = citationKeys(input.sources);
  const cited = input.sources.filter((s) => model.notes.some((n) => n.sourceId === s.id));
  const sidecars = pandocSidecars(cited, keys, style);
  writeFileSync(join(dir, 'brief.references.json'), sidecars.json);
  writeFileSync(join(dir, 'brief.references.bib'), sidecars.bib);
  writeFileSync(join(dir, 'brief.csl'), sidecars.csl);
  const markdown = renderMarkdown(model, { pandoc: { keys, bibliography: 'brief.references.json', csl: 'brief.csl' } });
  writeFileSync(join(dir, 'brief.md'), markdown);
  return { markdown, model, keys, sidecars };
}

function runPandoc(args: string[]): string {
  const result = spawnSync(requireTool('pandoc'), args, { cwd: dir, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`pandoc failed: ${result.stderr}`);
  return result.stdout;
}

/** The reference entries of Pandoc plain-text output: the paragraphs after the "References" heading. */
function referencesOf(plain: string): string[] {
  const after = plain.split(/^References\s*$/m)[1] ?? '';
  return after
    .split(/\n\s*\n/)
    .map((entry) => normaliseText(entry.replace(/\s+/g, ' ')))
    .filter((entry) => entry !== '' && !/^-+$/.test(entry))
    // Plain output lists the notes after the references.
    .filter((entry) => !/^\[\d+\]/.test(entry));
}

describe('Pandoc citations ([@key])', () => {
  it('writes readable, stable keys with locators and no notes of its own', () => {
    const { markdown, keys } = citeprocMarkdown();
    expect([...keys.values()]).toEqual(expect.arrayContaining(['okafor2024forty']));
    expect(markdown).toContain('[@okafor2024forty, para. 1]');
    expect(markdown).not.toMatch(/\[\^\d+\]/);
    expect(markdown).toMatch(/^bibliography: "brief\.references\.json"$/m);
    expect(markdown).toMatch(/^csl: "brief\.csl"$/m);
  });

  it('the keys do not change when the brief cites other sources', () => {
    const input = fixtureInput();
    const all = citationKeys(input.sources);
    const fewer = citationKeys([...input.sources].reverse());
    expect(fewer).toEqual(all);
  });

  it('compiles with pandoc --citeproc into the same references as the footnote mode', () => {
    const { model } = citeprocMarkdown();
    const citeproc = referencesOf(runPandoc(['brief.md', '--citeproc', '-t', 'plain', '--columns=2000']));
    const footnote = referencesOf(pandoc(renderMarkdown(model), 'plain', ['--columns=2000']));
    expect(citeproc.length).toBe(model.bibliography.length);
    expect(citeproc).toEqual(footnote);
  });

  it('the BibTeX sidecar works too', () => {
    const { model } = citeprocMarkdown();
    const withBib = referencesOf(runPandoc(['brief.md', '--citeproc', '--bibliography=brief.references.bib', '--metadata=bibliography:brief.references.bib', '-t', 'plain', '--columns=2000']));
    expect(withBib.length).toBe(model.bibliography.length);
  });
});
