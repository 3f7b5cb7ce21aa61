import { createPortal } from 'react-dom';
import { useTranslation } from '../../i18n';
import { DialogFooter } from '../../lib/DialogFooter';
import { useModalDialog } from '../../lib/useModalDialog';
import { ExportBriefForm } from './ExportBriefForm';
import { IntegrityNotice } from './IntegrityNotice';
import { useExportBrief } from './useExportBrief';
import './export.css';

/**
 * The "Export brief" dialog: format and citation options (remembered per
 * case), the integrity check with an explicit "Export anyway", progress, and
 * the bibliography and claims sidecars. The work (useExportBrief) runs in a
 * Web Worker; the file is written only once it is complete.
 */
export function ExportBriefDialog({ caseId, noteId, onClose }: { caseId: string; noteId: string; onClose(): void }) {
  const { t } = useTranslation();
  const dialog = useModalDialog();
  const state = useExportBrief(caseId, noteId, () => dialog.current?.close());
  const { loaded, choices, busy, error, saved, ready, exportAs, cancel } = state;
  const problems = loaded?.problems ?? [];

  // Portalled to <body>, so the dialog does not inherit the styles of the pane heading it opens from.
  return createPortal(
    <dialog
      ref={dialog}
      className="dialog export-dialog"
      aria-labelledby="export-title"
      onClose={onClose}
      onCancel={(e) => {
        // Escape while exporting stops the export first; a second Escape closes.
        if (state.isRunning()) {
          e.preventDefault();
          cancel();
        }
      }}
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (choices) void exportAs(choices.format);
        }}
        noValidate
        aria-busy={busy ? true : undefined}
      >
        <h2 id="export-title">{t('exportBrief.title')}</h2>
        <IntegrityNotice loaded={loaded} failed={Boolean(error)} />
        <ExportBriefForm state={state} />

        <div className="export-status" role="status" aria-live="polite">
          {busy && (
            <>
              <progress max={1} value={busy.value} aria-label={t('exportBrief.progress')} />
              <span>{t(`exportBrief.step.${busy.step}`)}</span>
            </>
          )}
          {!busy && saved && <span>{saved}</span>}
        </div>
        {error && (
          <p role="alert" className="field-error">
            {error}
          </p>
        )}

        <DialogFooter
          cancel={{ label: busy ? t('exportBrief.cancelExport') : problems.length > 0 ? t('dialog.cancel') : t('dialog.close'), onClick: cancel }}
          confirm={problems.length > 0 ? { label: t('exportBrief.exportAnyway'), tone: 'danger', disabled: !ready } : { label: t('exportBrief.export'), disabled: !ready }}
        />
      </form>
    </dialog>,
    document.body,
  );
}
