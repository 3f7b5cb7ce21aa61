import { reanchorAll } from '../../../shared/anchoring';
import type { SourceRecord } from '../../../shared/domain/types';
import { locatorAt, replaceSourceText } from '../../db/repositories';
import { platform } from '../../platform';
import { draftWithProgress, loadImporter, SOURCE_FILE_FILTERS } from '../sources/useImport';

/**
 * "Update source…": pick the revised file, parse it like any import, re-anchor
 * every passage against the new text, and store the new revision. Returns a
 * status line; throws with a specific message on bad input (nothing written).
 */
export async function updateSourceFromFile(source: SourceRecord): Promise<string | null> {
  const [file] = await platform().openFiles({ title: `Update “${source.metadata.title}”`, filters: SOURCE_FILE_FILTERS });
  if (!file) return null;
  const importer = await loadImporter();
  const draft = await draftWithProgress(file.name, (control) => importer.importFile(file.name, file.bytes, control));
  if (!draft) return `Update of “${source.metadata.title}” cancelled; nothing changed.`;
  if (draft.sha256 === source.sha256) return `“${file.name}” is the same file as the current version; nothing changed.`;
  const result = await replaceSourceText(source.id, draft, reanchorAll, locatorAt);
  const parts = [`Updated “${source.metadata.title}” to revision ${result.source.revision}`, `${result.placed + result.moved + result.fuzzy} passages placed`];
  if (result.fuzzy) parts.push(`${result.fuzzy} approximately`);
  if (result.orphaned) parts.push(`${result.orphaned} orphaned — see Passages`);
  return parts.join(' · ');
}
