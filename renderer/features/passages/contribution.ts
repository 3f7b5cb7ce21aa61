/**
 * The passages feature: the annotated reader (the workspace's main pane), the passage list (sidebar),
 * Update source… (re-anchors every passage), and W3C annotations in and out (Case menu, File menu).
 */
import { getSource } from '../../db/repositories';
import { t } from '../../i18n';
import { defineContribution } from '../../lib/contributions';
import { exportAnnotations, importAnnotations } from './annotationsIO';
import { PassagesPane, ReaderPane } from './ReaderPane';
import { updateSourceFromFile } from './updateSource';

export const passagesContribution = defineContribution({
  id: 'passages',
  commands: [
    {
      id: 'update-source',
      title: 'commands.update-source',
      when: ['sourceOpen'],
      run: async ({ keys, notices }) => {
        const source = await getSource(keys.sourceId!);
        if (!source) return notices.error(t('commands.condition.sourceOpen'));
        const message = await updateSourceFromFile(source);
        if (message) notices.toast(message);
      },
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
      when: ['caseOpen'],
      menu: { menu: 'case', group: 2, order: 2 },
      run: async ({ keys, notices }) => notices.toast(await importAnnotations(keys.caseId!)),
    },
  ],
  panes: [
    { id: 'reader', title: 'panes.reader', slot: 'main', order: 10, scope: 'case', component: ReaderPane },
    { id: 'passages', title: 'panes.passages', slot: 'sidebar', order: 30, scope: 'case', component: PassagesPane },
  ],
});
