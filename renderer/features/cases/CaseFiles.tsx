import { useEffect } from 'react';
import { failureText, useTranslation } from '../../i18n';
import { useWorkspace } from '../../lib/commands';
import { useContextKeys } from '../../lib/contextKeys';
import { createDialogSlot } from '../../lib/dialogSlot';
import { useNotices } from '../../lib/notices';
import { platform } from '../../platform';
import { DAY_MS, ensureDailyBackup } from './backups';
import { onBundleImportRequest } from './bundleImport';
import { recordRecentCase } from './caseEvents';
import { ExportCaseDialog } from './ExportCaseDialog';
import { RestoreBackupDialog } from './RestoreBackupDialog';
import { useCaseImport } from './useCaseImport';

/** The open "Export case" dialog, for the case it exports. */
export const exportCaseDialog = createDialogSlot<{ caseId: string }>();
/** The open "Restore from backup" dialog (desktop only). */
export const restoreBackupDialog = createDialogSlot<Record<string, never>>();

/**
 * The cases feature's part of the workspace that is always there: the one checked import of case
 * bundles (Import case, dropped and OS-opened bundles, restored backups) with its "already here" dialog,
 * the Export case and Restore from backup dialogs, the daily backup (desktop), and the record of
 * recently opened cases.
 */
export function CaseFiles() {
  const { t } = useTranslation();
  const notices = useNotices();
  const workspace = useWorkspace();
  const { caseId } = useContextKeys();
  const { importFiles, importBackup, dialog: importDialog } = useCaseImport((id) => void workspace.openCase(id));
  const backups = platform().backups;
  const exporting = exportCaseDialog.useOpen();
  const restoring = restoreBackupDialog.useOpen();

  useEffect(() => {
    if (caseId) recordRecentCase(caseId);
  }, [caseId]);

  // The daily backup (desktop): now if the newest is a day old, then checked every hour while Casefile runs.
  useEffect(() => {
    if (!backups) return;
    const check = () =>
      ensureDailyBackup(backups).catch((error: unknown) => {
        notices.error(t('cases.backupFailed', { reason: failureText(error) }));
      });
    void check();
    const timer = setInterval(() => void check(), DAY_MS / 24);
    return () => clearInterval(timer);
  }, [backups, notices, t]);

  // Bundles chosen with Import case, dropped on the window or opened from the operating system.
  useEffect(() => onBundleImportRequest((file) => void importFiles([file])), [importFiles]);

  return (
    <>
      {importDialog}
      {exporting && <ExportCaseDialog caseId={exporting.caseId} onClose={exportCaseDialog.close} />}
      {restoring && backups && <RestoreBackupDialog host={backups} onClose={restoreBackupDialog.close} onRestore={(from, bytes) => void importBackup(from, bytes)} />}
    </>
  );
}
