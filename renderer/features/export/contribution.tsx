/** The export feature: Export brief (Ctrl/Cmd+E), its dialog and the export worker behind it. */
import { lazy, Suspense } from 'react';
import { defineContribution } from '../../lib/contributions';
import { createDialogSlot } from '../../lib/dialogSlot';

// The dialog (and, through it, the export worker) loads on first use.
const ExportBriefDialog = lazy(() => import('./ExportBriefDialog').then((m) => ({ default: m.ExportBriefDialog })));

const exportBriefDialog = createDialogSlot<{ caseId: string; noteId: string }>();

function ExportBriefDialogHost() {
  const open = exportBriefDialog.useOpen();
  if (!open) return null;
  return (
    <Suspense fallback={null}>
      <ExportBriefDialog key={`${open.caseId}:${open.noteId}`} caseId={open.caseId} noteId={open.noteId} onClose={exportBriefDialog.close} />
    </Suspense>
  );
}

export const exportContribution = defineContribution({
  id: 'export',
  commands: [{ id: 'export-brief', title: 'commands.export-brief', when: ['noteOpen'], run: ({ keys }) => exportBriefDialog.open({ caseId: keys.caseId!, noteId: keys.noteId! }) }],
  overlays: [ExportBriefDialogHost],
});
