/** The entities feature: the Entities tab beside the reader, brought to the front by "Show in Entities" on a claim. */
import { lazy } from 'react';
import { defineContribution, type PaneProps } from '../../lib/contributions';

// Loaded the first time the tab is shown: it brings the extraction workers with it.
const EntitiesTab = lazy(async () => {
  const { EntitiesPane } = await import('./EntitiesPane');
  return { default: ({ caseRecord, sources, passages, claims }: PaneProps) => <EntitiesPane caseId={caseRecord.id} sources={sources} passages={passages} claims={claims} /> };
});

export const entitiesContribution = defineContribution({
  id: 'entities',
  panes: [{ id: 'entities', title: 'panes.entities', slot: 'right', order: 40, scope: 'case', component: EntitiesTab, mountWhenShown: true, revealOn: ['open-entity'] }],
});
