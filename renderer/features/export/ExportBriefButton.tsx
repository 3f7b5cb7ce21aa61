import { lazy, Suspense, useEffect, useState } from 'react';
import { platform } from '../../platform';

// The dialog (and, through it, the export worker) loads on first use.
const ExportBriefDialog = lazy(() => import('./ExportBriefDialog').then((m) => ({ default: m.ExportBriefDialog })));

/**
 * "Export brief": opens the export dialog for this case's brief. The desktop
 * menu's Export brief… (Ctrl/Cmd+E) opens the same dialog.
 */
export function ExportBriefButton({ caseId, noteId }: { caseId: string; noteId: string | undefined }) {
  const [open, setOpen] = useState(false);
  const available = Boolean(caseId && noteId);

  useEffect(
    () =>
      platform().onMenu((command) => {
        if (command === 'export-brief' && available) setOpen(true);
      }),
    [available],
  );

  return (
    <>
      <button type="button" className="small" aria-haspopup="dialog" disabled={!available} onClick={() => setOpen(true)}>
        Export brief
      </button>
      {open && noteId && (
        <Suspense fallback={null}>
          <ExportBriefDialog caseId={caseId} noteId={noteId} onClose={() => setOpen(false)} />
        </Suspense>
      )}
    </>
  );
}
