/**
 * "Export case as JSON": one readable file with a case's records and no
 * original file bytes. It is what the CLI exports from and what a person can
 * inspect, diff or feed to other tools. (The `.casefile` bundle, with the
 * original files, is a separate format in shared/bundle.)
 *
 * Records are validated with the bundle's schemas, so both formats accept
 * exactly the same records.
 */
import { z } from 'zod';
import { caseSchema, claimSchema, describeIssue, noteSchema, passageSchema, sourceSchema, tagSchema } from '../bundle/schema';
import type { CaseRecord, ClaimRecord, NoteRecord, PassageRecord, SourceRecord, TagRecord } from '../domain/types';
import { DEFAULT_EXPORT_OPTIONS, type ExportInput, type ExportOptions } from './model';

export const CASE_JSON_FORMAT = 'casefile-case';
export const CASE_JSON_VERSION = 1;

export interface CaseJson {
  format: typeof CASE_JSON_FORMAT;
  version: typeof CASE_JSON_VERSION;
  /** ISO timestamp. */
  exportedAt: string;
  case: CaseRecord;
  sources: SourceRecord[];
  passages: PassageRecord[];
  claims: ClaimRecord[];
  tags: TagRecord[];
  notes: NoteRecord[];
}

export type CaseJsonResult = { ok: true; data: CaseJson } | { ok: false; error: string };

const caseJsonSchema = z.strictObject({
  format: z.literal(CASE_JSON_FORMAT),
  version: z.literal(CASE_JSON_VERSION),
  exportedAt: z.string().max(64),
  case: caseSchema,
  sources: z.array(sourceSchema),
  passages: z.array(passageSchema),
  claims: z.array(claimSchema),
  tags: z.array(tagSchema),
  notes: z.array(noteSchema),
});

/** Serialise a case for the JSON export (pretty-printed: the file is meant to be read). */
export function toCaseJson(records: Omit<CaseJson, 'format' | 'version' | 'exportedAt'>, exportedAt: Date): string {
  const data: CaseJson = {
    format: CASE_JSON_FORMAT,
    version: CASE_JSON_VERSION,
    exportedAt: exportedAt.toISOString(),
    case: records.case,
    sources: records.sources,
    passages: records.passages,
    claims: records.claims,
    tags: records.tags,
    notes: records.notes,
  };
  return `${JSON.stringify(data, null, 2)}\n`;
}

/**
 * Parse and check a case JSON file. Never throws: the result carries one
 * sentence naming the first problem (not JSON, another format, a newer
 * version, the record and field that is wrong, a duplicate ID, a passage
 * whose source is missing), so the app and the CLI can show it as is.
 */
export function parseCaseJson(text: string): CaseJsonResult {
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    const detail = error instanceof Error ? ` (${error.message})` : '';
    return fail(`This file is not JSON${detail}. A Casefile case export is a JSON file made by “Export case as JSON”.`);
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return fail('This JSON file is not a Casefile case export: it should hold an object with "format": "casefile-case".');
  }
  const header = raw as Record<string, unknown>;
  if (header.format !== CASE_JSON_FORMAT) {
    const found = header.format === undefined ? 'no "format" field' : `"format": ${JSON.stringify(header.format)}`;
    return fail(`This JSON file is not a Casefile case export: it has ${found}, and a case export has "format": "${CASE_JSON_FORMAT}".`);
  }
  if (typeof header.version !== 'number' || !Number.isInteger(header.version) || header.version < 1) {
    return fail(`This case export has an invalid "version" (${JSON.stringify(header.version)}); it must be a whole number from 1.`);
  }
  if (header.version > CASE_JSON_VERSION) {
    return fail(
      `This case was exported by a newer version of Casefile (case format version ${header.version}; this version reads version ${CASE_JSON_VERSION}). Update Casefile to open it.`,
    );
  }
  const parsed = caseJsonSchema.safeParse(raw, { reportInput: true });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return fail(`This case export is invalid: ${issue ? describeLocated(issue, raw) : 'its content does not match the case format'}.`);
  }
  const problem = integrityProblem(parsed.data);
  return problem ? fail(`This case export is inconsistent: ${problem}.`) : { ok: true, data: parsed.data };
}

/**
 * The export input for a case's brief: the note the case names as its brief,
 * else its first note. Throws with a sentence when the case has no note.
 */
export function briefInputFromCase(data: CaseJson, options: Partial<ExportOptions> = {}): ExportInput {
  const notes = [...data.notes].sort((a, b) => a.order - b.order);
  const note = notes.find((n) => n.id === data.case.briefNoteId) ?? notes[0];
  if (!note) throw new Error(`The case “${data.case.name}” has no brief to export: it holds no notes.`);
  return {
    case: data.case,
    note,
    sources: data.sources,
    passages: data.passages,
    claims: data.claims,
    tags: data.tags,
    options: { ...DEFAULT_EXPORT_OPTIONS, ...options, include: { ...DEFAULT_EXPORT_OPTIONS.include, ...options.include } },
  };
}

function fail(error: string): CaseJsonResult {
  return { ok: false, error };
}

/** `sources[2].metadata.title` → “source 3 (“s-17”): field “metadata.title” must be text”. */
function describeLocated(issue: z.core.$ZodIssue, raw: unknown): string {
  const [table, index, ...rest] = issue.path;
  if (typeof table === 'string' && typeof index === 'number' && table in TABLE_NOUNS) {
    const record = (raw as Record<string, unknown[]>)[table]?.[index] as Record<string, unknown> | undefined;
    const id = typeof record?.id === 'string' ? ` (ID “${record.id}”)` : '';
    return `${TABLE_NOUNS[table]} ${index + 1}${id}: ${describeIssue({ ...issue, path: rest })}`;
  }
  if (table === 'case') return `the case record: ${describeIssue({ ...issue, path: issue.path.slice(1) })}`;
  return describeIssue(issue);
}

const TABLE_NOUNS: Record<string, string> = { sources: 'source', passages: 'passage', claims: 'claim', tags: 'tag', notes: 'note' };

function integrityProblem(data: z.output<typeof caseJsonSchema>): string | null {
  const seen = new Map<string, string>();
  for (const [table, records] of [
    ['source', data.sources],
    ['passage', data.passages],
    ['claim', data.claims],
    ['tag', data.tags],
    ['note', data.notes],
  ] as const) {
    for (const record of records) {
      const previous = seen.get(record.id);
      if (previous) return `the ID “${record.id}” is used by two records (a ${previous} and a ${table}); every ID must be unique`;
      seen.set(record.id, table);
      if (record.caseId !== data.case.id) return `${table} “${record.id}” belongs to case “${record.caseId}”, not to the exported case “${data.case.id}”`;
    }
  }
  const sourceIds = new Set(data.sources.map((s) => s.id));
  const orphan = data.passages.find((p) => !sourceIds.has(p.sourceId));
  if (orphan) return `passage “${orphan.id}” points to source “${orphan.sourceId}”, which is not in the file`;
  if (data.case.briefNoteId !== undefined && !data.notes.some((n) => n.id === data.case.briefNoteId)) {
    return `the case's brief is note “${data.case.briefNoteId}”, which is not in the file`;
  }
  return null;
}
