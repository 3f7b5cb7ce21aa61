/**
 * The cases feature: the case list (a sidebar pane), New case, and moving cases in and out — Import case,
 * Export case (as a .casefile bundle or as JSON), Restore from backup… (desktop) — in the Case menu, the
 * palette and the desktop File menu.
 */
import { defineContribution } from '../../lib/contributions';
import { platform } from '../../platform';
import { installUpgradeBackup } from './backups';
import { requestBundleImport } from './bundleImport';
import { CaseFiles, exportCaseDialog, restoreBackupDialog } from './CaseFiles';
import { CaseList } from './CaseList';
import { chooseCaseBundles, newCase } from './caseCommands';

// Registered when the app's modules load, before App opens the database, so an upgrade is always preceded by a
// backup, and so a bundle the OS opens while the app is still starting waits for the case import instead of being lost.
installUpgradeBackup();
platform().onOpenFile(requestBundleImport);

export const casesContribution = defineContribution({
  id: 'cases',
  commands: [
    { id: 'new-case', title: 'commands.new-case', run: newCase },
    { id: 'export-case', title: 'commands.export-case', when: ['caseOpen'], menu: { menu: 'case', group: 1, order: 1 }, run: ({ keys }) => exportCaseDialog.open({ caseId: keys.caseId! }) },
    { id: 'import-case', title: 'commands.import-case', menu: { menu: 'case', group: 1, order: 2 }, run: chooseCaseBundles },
    { id: 'restore-backup', title: 'commands.restore-backup', visibleWhen: ['backups'], menu: { menu: 'case', group: 1, order: 3 }, run: () => restoreBackupDialog.open({}) },
  ],
  panes: [{ id: 'cases', title: 'cases.heading', slot: 'sidebar', order: 10, scope: 'app', component: CaseList }],
  overlays: [CaseFiles],
});
