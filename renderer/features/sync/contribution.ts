/**
 * Team cases (the app's side of issue 12): Share case… and Join case… in the Case menu and the palette,
 * the sync status bar of a shared case, and the Dexie ↔ case Y.Doc mapping behind them (engine.ts).
 */
import { defineContribution } from '../../lib/contributions';
import { joinDialog, shareDialog, SyncOverlay } from './SyncOverlay';

export const syncContribution = defineContribution({
  id: 'sync',
  commands: [
    { id: 'share-case', title: 'commands.share-case', when: ['caseOpen'], menu: { menu: 'case', group: 4, order: 1 }, run: ({ keys }) => shareDialog.open({ caseId: keys.caseId! }) },
    { id: 'join-case', title: 'commands.join-case', menu: { menu: 'case', group: 4, order: 2 }, run: () => joinDialog.open({}) },
  ],
  overlays: [SyncOverlay],
});
