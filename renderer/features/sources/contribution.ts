/**
 * The sources feature: the sources list (a sidebar pane), Import source (Ctrl/Cmd+O), Import from URL…
 * and Edit details, importing what is dropped on or pasted into the window, and the imports in flight
 * (progress, Cancel and the OCR question), floating over the workspace.
 */
import { defineContribution } from '../../lib/contributions';
import { ImportStatus } from './ImportStatus';
import { sourceDetailsDialog, SourceDialogs, urlImportDialog, WindowImport } from './SourceOverlays';
import { SourceList } from './SourceList';
import { sourceImporter } from './useImport';

export const sourcesContribution = defineContribution({
  id: 'sources',
  commands: [
    { id: 'import-source', title: 'commands.import-source', when: ['caseOpen', 'editable'], run: ({ keys, notices }) => sourceImporter(keys.caseId, notices).chooseAndImport() },
    { id: 'import-url', title: 'commands.import-url', when: ['caseOpen', 'editable'], run: ({ keys }) => urlImportDialog.open({ caseId: keys.caseId! }) },
    { id: 'edit-source', title: 'commands.edit-source', when: ['sourceOpen', 'editable'], run: ({ keys }) => sourceDetailsDialog.open({ sourceId: keys.sourceId! }) },
  ],
  panes: [{ id: 'sources', title: 'panes.sources', slot: 'sidebar', order: 20, scope: 'case', component: SourceList, shows: (d) => [d.caseRecord.id, d.sources, d.activeSourceId] }],
  overlays: [SourceDialogs, WindowImport, ImportStatus],
});
