import { useCallback } from 'react';
import { ImportError } from '../../../shared/import/errors';
import { SUPPORTED_EXTENSIONS } from '../../../shared/import/detect';
import type { ImportedSourceDraft } from '../../../shared/import/draft';
import { addSource, findSourceBySha, setActiveSource } from '../../db/repositories';
import { useNotices } from '../../lib/notices';
import { platform, type PickedFile } from '../../platform';

/** The import pipeline (Readability, DOMPurify, marked) loads on first use, not at start-up. */
export const loadImporter = () => import('../../source/import/importFile');

export const SOURCE_FILE_FILTERS = [{ name: 'Articles and documents', extensions: SUPPORTED_EXTENSIONS.map((e) => e.replace(/^\./, '')) }];

/**
 * Import sources into a case: from the file chooser, a drop or a paste.
 * Parsing and validation happen before anything is written; a bad file gets a
 * specific message and leaves the case as it was.
 */
export function useImport(caseId: string | null) {
  const notices = useNotices();

  const store = useCallback(
    async (label: string, makeDraft: () => Promise<ImportedSourceDraft>) => {
      if (!caseId) {
        notices.error('Create or open a case before importing a source.');
        return;
      }
      let draft: ImportedSourceDraft;
      try {
        draft = await makeDraft();
      } catch (error) {
        notices.error(error instanceof ImportError ? error.message : `Could not import “${label}”: ${(error as Error).message}`);
        return;
      }
      const existing = await findSourceBySha(caseId, draft.sha256);
      if (existing) {
        await setActiveSource(caseId, existing.id);
        notices.toast(`“${label}” is already in this case as “${existing.metadata.title}”.`);
        return;
      }
      const record = await addSource(caseId, draft);
      notices.clearError();
      notices.toast(`Imported “${record.metadata.title}”.`);
    },
    [caseId, notices],
  );

  const importPicked = useCallback(
    async (files: PickedFile[]) => {
      for (const file of files) await store(file.name, async () => (await loadImporter()).importFile(file.name, file.bytes));
    },
    [store],
  );

  const chooseAndImport = useCallback(async () => {
    try {
      const files = await platform().openFiles({ title: 'Import source', filters: SOURCE_FILE_FILTERS, multiple: true });
      await importPicked(files);
    } catch (error) {
      notices.error(`Could not open the file: ${(error as Error).message}`);
    }
  }, [importPicked, notices]);

  const importText = useCallback((text: string) => store('pasted text', async () => (await loadImporter()).importPastedText(text)), [store]);

  return { chooseAndImport, importPicked, importText };
}
