import { useEffect } from 'react';
import { useWorkspace } from '../../lib/commands';
import { createDialogSlot } from '../../lib/dialogSlot';
import { JoinDialog } from './JoinDialog';
import { resumeSharedCases } from './manager';
import { ShareDialog } from './ShareDialog';
import { SyncStatus } from './SyncStatus';
import './sync.css';

export const shareDialog = createDialogSlot<{ caseId: string }>();
export const joinDialog = createDialogSlot<Record<string, never>>();

/** The sync feature's part of the workspace: reconnects shared cases, the status bar, the two dialogs. */
export function SyncOverlay() {
  const workspace = useWorkspace();
  const sharing = shareDialog.useOpen();
  const joining = joinDialog.useOpen();
  useEffect(() => {
    void resumeSharedCases();
  }, []);
  return (
    <>
      <SyncStatus />
      {sharing && <ShareDialog caseId={sharing.caseId} onClose={shareDialog.close} />}
      {joining && <JoinDialog onJoined={(id) => void workspace.openCase(id)} onClose={joinDialog.close} />}
    </>
  );
}
