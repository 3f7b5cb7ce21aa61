import { useEffect, useMemo, useRef, useState } from 'react';
import { useSource } from '../../db/hooks';
import { useTranslation } from '../../i18n';
import { useContextKeys } from '../../lib/contextKeys';
import { createDialogSlot } from '../../lib/dialogSlot';
import { useNotices } from '../../lib/notices';
import { isBundleFile, requestBundleImport } from '../cases/bundleImport';
import { MetadataDialog } from './MetadataDialog';
import { UrlImportDialog } from './UrlImportDialog';
import { sourceImporter, useImport } from './useImport';

/** The open "Import from URL" dialog, for the case it imports into. */
export const urlImportDialog = createDialogSlot<{ caseId: string }>();
/** The open "Edit details" dialog, for the source it edits. */
export const sourceDetailsDialog = createDialogSlot<{ sourceId: string }>();

/** The sources feature's dialogs, opened by its commands (Import from URL…, Edit details). */
export function SourceDialogs() {
  const notices = useNotices();
  const url = urlImportDialog.useOpen();
  const details = sourceDetailsDialog.useOpen();
  const importer = useMemo(() => (url ? sourceImporter(url.caseId, notices) : null), [url, notices]);
  const source = useSource(details?.sourceId);

  // The source went away (deleted, its case closed) while its details were open: close them for good.
  // (Only after it was shown: while its query starts, the hook may still hold the previous answer.)
  const shown = useRef<string | null>(null);
  useEffect(() => {
    if (details && source?.id === details.sourceId) shown.current = source.id;
    else if (details && source === null && shown.current === details.sourceId) {
      shown.current = null;
      sourceDetailsDialog.close();
    }
  }, [details, source]);

  return (
    <>
      {url && importer && <UrlImportDialog importUrl={importer.importUrl} onClose={urlImportDialog.close} />}
      {details && source?.id === details.sourceId && <MetadataDialog key={source.id} source={source} onClose={sourceDetailsDialog.close} />}
    </>
  );
}

function isEditableTarget(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || target.closest('input, textarea, select, [contenteditable="true"]') !== null);
}

/**
 * Files dropped anywhere on the window become sources of the open case (and `.casefile` bundles are
 * imported as cases); text pasted or dropped outside any text field becomes a source too.
 */
export function WindowImport() {
  const { t } = useTranslation();
  const { caseId } = useContextKeys();
  const { importPicked, importText } = useImport(caseId);
  const [dragging, setDragging] = useState(false);

  useEffect(() => {
    const onDragOver = (e: DragEvent) => {
      const types = e.dataTransfer?.types ?? [];
      if (types.includes('Files') || (!isEditableTarget(e.target) && types.includes('text/plain'))) {
        e.preventDefault();
        setDragging(true);
      }
    };
    const onDragLeave = (e: DragEvent) => {
      // Leaving the window (no element to go to), not moving between elements.
      if (e.relatedTarget === null) setDragging(false);
    };
    const onDrop = async (e: DragEvent) => {
      setDragging(false);
      const transfer = e.dataTransfer;
      if (!transfer || (isEditableTarget(e.target) && !transfer.files.length)) return;
      e.preventDefault();
      const files = Array.from(transfer.files);
      if (files.length) {
        const picked = await Promise.all(files.map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })));
        // Case bundles open as cases; every other file is a source for the open case.
        picked.filter((f) => isBundleFile(f.name)).forEach(requestBundleImport);
        const sources = picked.filter((f) => !isBundleFile(f.name));
        if (sources.length) await importPicked(sources);
        return;
      }
      const dropped = transfer.getData('text/plain');
      if (dropped) await importText(dropped);
    };
    const onPaste = (e: ClipboardEvent) => {
      if (isEditableTarget(e.target)) return;
      const pasted = e.clipboardData?.getData('text/plain');
      if (!pasted) return;
      e.preventDefault();
      void importText(pasted);
    };
    const drop = (e: DragEvent) => void onDrop(e);
    document.addEventListener('dragover', onDragOver);
    document.addEventListener('dragleave', onDragLeave);
    document.addEventListener('drop', drop);
    document.addEventListener('paste', onPaste);
    return () => {
      document.removeEventListener('dragover', onDragOver);
      document.removeEventListener('dragleave', onDragLeave);
      document.removeEventListener('drop', drop);
      document.removeEventListener('paste', onPaste);
    };
  }, [importPicked, importText]);

  return dragging ? (
    <div className="drop-hint" aria-hidden="true">
      {t('sources.dropHint')}
    </div>
  ) : null;
}
