import { reanchorAll } from '../../../shared/anchoring';
import type { SourceRecord } from '../../../shared/domain/types';
import { describeEncoding } from '../../../shared/import/encoding';
import { ImportError } from '../../../shared/import/errors';
import { getSourceBlob, locatorAt, replaceSourceText, type SourceUpdateResult } from '../../db/repositories';
import { platform } from '../../platform';
import { loadImporter, SOURCE_FILE_FILTERS } from '../sources/useImport';

/** "… · 5 passages placed · 1 approximately · 2 orphaned — see Passages": how a new revision took the passages. */
function passagesSummary(result: SourceUpdateResult): string[] {
  const parts = [`${result.placed + result.moved + result.fuzzy} passages placed`];
  if (result.fuzzy) parts.push(`${result.fuzzy} approximately`);
  if (result.orphaned) parts.push(`${result.orphaned} orphaned — see Passages`);
  return parts;
}

/**
 * "Update source…": pick the revised file, parse it like any import, re-anchor
 * every passage against the new text, and store the new revision. Returns a
 * status line; throws with a specific message on bad input (nothing written).
 */
export async function updateSourceFromFile(source: SourceRecord): Promise<string | null> {
  const [file] = await platform().openFiles({ title: `Update “${source.metadata.title}”`, filters: SOURCE_FILE_FILTERS });
  if (!file) return null;
  const draft = await (await loadImporter()).importFile(file.name, file.bytes);
  if (draft.sha256 === source.sha256) return `“${file.name}” is the same file as the current version; nothing changed.`;
  const result = await replaceSourceText(source.id, draft, reanchorAll, locatorAt);
  return [`Updated “${source.metadata.title}” to revision ${result.source.revision}`, ...passagesSummary(result)].join(' · ');
}

/**
 * "Reopen with encoding…": read the source's ORIGINAL bytes again in the
 * encoding the user chose, and store the result as a new revision of the
 * snapshot, as Update source does: passages move with the text where their
 * words are found and become orphans where they are not (a quote taken from
 * garbled text usually is not). The bytes, and so the SHA-256, stay the same.
 */
export async function reopenWithEncoding(source: SourceRecord, encoding: string): Promise<string> {
  const blob = await getSourceBlob(source.id);
  if (!blob) {
    throw new ImportError('unsupported', `The original file of “${source.metadata.title}” is not kept in this case (it came from a bundle without originals), so it cannot be read again. Import the file again instead.`);
  }
  const importer = await loadImporter();
  const draft = await importer.importFile(source.fileName, blob.bytes, { encoding, ...(source.fetched ? { baseUrl: source.fetched.finalUrl } : {}) });
  if (source.fetched) draft.fetched = source.fetched;
  const result = await replaceSourceText(source.id, draft, reanchorAll, locatorAt);
  const how = draft.importReport?.encoding ? describeEncoding(draft.importReport.encoding).replace(/, chosen with “Reopen with encoding…”$/, '') : encoding;
  return [`Reopened “${source.metadata.title}” as ${how} (revision ${result.source.revision})`, ...passagesSummary(result)].join(' · ');
}
