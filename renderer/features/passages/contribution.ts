/**
 * The passages feature: the annotated reader (the workspace's main pane), the passage list (sidebar),
 * Update source… (previews how every passage re-anchors, then applies), and W3C annotations in and out (Case menu, File menu).
 */
import { defineContribution } from '../../lib/contributions';
import { exportAnnotations, importAnnotations } from './annotationsIO';
import { PassagesPane, ReaderPane } from './ReaderPane';
import { requestSourceUpdate, SourceUpdates } from './SourceUpdates';

export const passagesContribution = defineContribution({
  id: 'passages',
  commands: [
    {
      id: 'update-source',
      title: 'commands.update-source',
      when: ['sourceOpen', 'editable'],
      run: ({ keys }) => requestSourceUpdate(keys.sourceId!),
    },
    {
      id: 'export-annotations',
      title: 'commands.export-annotations',
      when: ['caseOpen'],
      menu: { menu: 'case', group: 2, order: 1 },
      run: async ({ keys, notices }) => notices.toast(await exportAnnotations(keys.caseId!, keys.caseName ?? '')),
    },
    {
      id: 'import-annotations',
      title: 'commands.import-annotations',
      when: ['caseOpen', 'editable'],
      menu: { menu: 'case', group: 2, order: 2 },
      run: async ({ keys, notices }) => notices.toast(await importAnnotations(keys.caseId!)),
    },
  ],
  panes: [
    { id: 'reader', title: 'panes.reader', slot: 'main', order: 10, scope: 'case', component: ReaderPane },
    { id: 'passages', title: 'panes.passages', slot: 'sidebar', order: 30, scope: 'case', component: PassagesPane, shows: (d) => [d.caseRecord.id, d.passages, d.sources, d.tags] },
  ],
  overlays: [SourceUpdates],
});
