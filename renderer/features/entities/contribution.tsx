/** The entities feature: the Entities tab beside the reader, brought to the front by "Show in Entities" on a claim. */
import { defineContribution, type PaneProps } from '../../lib/contributions';
import { preloadable } from '../../lib/preloadable';

// Its code loads once an open case is on screen (or at the first showing, if sooner); the extraction workers start only when the pane is shown.
const EntitiesTab = preloadable(async () => {
  const { EntitiesPane } = await import('./EntitiesPane');
  return ({ caseRecord, sources, passages, claims }: PaneProps) => <EntitiesPane caseId={caseRecord.id} sources={sources} passages={passages} claims={claims} />;
});

export const entitiesContribution = defineContribution({
  id: 'entities',
  panes: [{ id: 'entities', title: 'panes.entities', slot: 'right', order: 40, scope: 'case', component: EntitiesTab, shows: (d) => [d.caseRecord.id, d.sources, d.passages, d.claims], preload: EntitiesTab.preload, mountWhenShown: true, revealOn: ['open-entity'] }],
});
