import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { briefInputFromCase, parseCaseJson, toCaseJson } from '../../../../shared/export/caseJson';
import { CASE_PATH, loadCase } from './helpers';

const FIXTURE = readFileSync(CASE_PATH, 'utf8');

/** The fixture with one edit applied to its parsed JSON. */
function edited(edit: (data: Record<string, unknown> & { sources: Record<string, unknown>[]; passages: Record<string, unknown>[]; case: Record<string, unknown> }) => void): string {
  const data = JSON.parse(FIXTURE) as Parameters<typeof edit>[0];
  edit(data);
  return JSON.stringify(data);
}

describe('case JSON', () => {
  it('round-trips through toCaseJson and parseCaseJson', () => {
    const data = loadCase();
    const again = parseCaseJson(toCaseJson(data, new Date(Date.UTC(2025, 0, 2))));
    expect(again.ok && again.data.exportedAt).toBe('2025-01-02T00:00:00.000Z');
    expect(again.ok && again.data.passages).toEqual(data.passages);
  });

  it.each([
    ['text that is not JSON', '{"format": "casefile-case",', /^This file is not JSON \(.+\)\. A Casefile case export is a JSON file/],
    ['a JSON list', '[1, 2]', /not a Casefile case export: it should hold an object/],
    ['another format', JSON.stringify({ format: 'zotero', version: 1 }), /it has "format": "zotero", and a case export has "format": "casefile-case"/],
    ['no format marker', JSON.stringify({ version: 1 }), /it has no "format" field/],
    ['a future version', edited((d) => (d.version = 3)), /exported by a newer version of Casefile \(case format version 3; this version reads version 1\)\. Update Casefile/],
    ['a broken version', edited((d) => (d.version = 'one')), /invalid "version" \("one"\)/],
    ['a passage pointing at a missing source', edited((d) => (d.passages[2]!.sourceId = 'src-gone')), /passage “p-gazette-3” points to source “src-gone”, which is not in the file/],
    ['duplicate IDs', edited((d) => (d.passages[1]!.id = 'p-gazette-1')), /the ID “p-gazette-1” is used by two records \(a passage and a passage\)/],
    ['an ID shared across tables', edited((d) => (d.passages[0]!.id = 'src-report')), /the ID “src-report” is used by two records \(a source and a passage\)/],
    ['a record of another case', edited((d) => (d.sources[0]!.caseId = 'case-other')), /source “src-gazette” belongs to case “case-other”/],
    ['a wrong field type', edited((d) => ((d.sources[1]!.metadata as Record<string, unknown>).title = 42)), /source 2 \(ID “src-report”\): field “metadata\.title” must be text, not a number/],
    ['a missing case field', edited((d) => delete d.case.name), /the case record: field “name” is missing/],
    ['a brief note that is not there', edited((d) => (d.case.briefNoteId = 'note-gone')), /the case's brief is note “note-gone”, which is not in the file/],
  ])('refuses %s with a specific message', (_label, text, message) => {
    const result = parseCaseJson(text);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toMatch(message);
  });

  it('accepts a byte-order mark', () => {
    expect(parseCaseJson(`\uFEFF${FIXTURE}`).ok).toBe(true);
  });

  it('picks the case’s brief note and fills default options', () => {
    const input = briefInputFromCase(loadCase(), { style: 'vancouver', include: { bibliography: false, claimsAppendix: true, evidenceTable: false } });
    expect(input.note.id).toBe('note-brief');
    expect(input.options).toEqual({ style: 'vancouver', notes: 'footnotes', include: { bibliography: false, claimsAppendix: true, evidenceTable: false } });
    const noNotes = { ...loadCase(), notes: [] };
    expect(() => briefInputFromCase(noNotes)).toThrow(/has no brief to export/);
  });
});
