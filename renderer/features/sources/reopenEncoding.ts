import { reanchorAll } from '../../../shared/anchoring';
import type { SourceRecord } from '../../../shared/domain/types';
import { encodingLabelRef } from '../../../shared/import/encoding';
import { ImportError } from '../../../shared/import/errors';
import { applySourceUpdate, getSourceBlob, locatorAt, planSourceUpdate, type SourceUpdateUndo } from '../../db/repositories';
import { t, translate } from '../../i18n';
import { passageCounts } from './updateSummary';
import { loadImporter } from './useImport';

/**
 * "Reopen with encoding…": read the source's ORIGINAL bytes again in the
 * encoding the user chose, and store the result as a new revision of the
 * snapshot through the same plan and apply as Update source: passages move
 * with the text where their words are found and become orphans where they
 * are not (a quote taken from garbled letters usually is not). The bytes,
 * and so the SHA-256, stay the same. Returns the status line and what Undo needs.
 */
export async function reopenWithEncoding(source: SourceRecord, encoding: string): Promise<{ message: string; undo: SourceUpdateUndo }> {
  const blob = await getSourceBlob(source.id);
  if (!blob) {
    throw new ImportError('unsupported', { key: 'importError.originalMissing', values: { title: source.metadata.title } });
  }
  const importer = await loadImporter();
  const draft = await importer.importFile(source.fileName, blob.bytes, { encoding, ...(source.fetched ? { baseUrl: source.fetched.finalUrl } : {}) });
  if (source.fetched) draft.fetched = source.fetched;
  const plan = await planSourceUpdate(source.id, draft, reanchorAll, locatorAt);
  const undo = await applySourceUpdate(plan);
  const read = translate(encodingLabelRef(draft.importReport?.encoding?.encoding ?? encoding));
  const message = [t('importReport.reopened', { title: plan.next.metadata.title, encoding: read, revision: plan.next.revision }), ...passageCounts(plan)].join(' · ');
  return { message, undo };
}
