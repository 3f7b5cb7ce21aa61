/** The timeline feature: the Timeline tab beside the reader (the case's chronology). */
import { defineContribution, type PaneProps } from '../../lib/contributions';
import { preloadable } from '../../lib/preloadable';

// Its code loads once an open case is on screen (or at the first showing, if sooner): it brings d3, chrono and the extraction client; the workers start only when the pane is shown.
const TimelineTab = preloadable(async () => {
  const { TimelinePane } = await import('./TimelinePane');
  return ({ caseRecord, sources, passages, claims }: PaneProps) => <TimelinePane caseId={caseRecord.id} caseName={caseRecord.name} sources={sources} passages={passages} claims={claims} />;
});

export const timelineContribution = defineContribution({
  id: 'timeline',
  panes: [{ id: 'timeline', title: 'panes.timeline', slot: 'right', order: 30, scope: 'case', component: TimelineTab, shows: (d) => [d.caseRecord.id, d.caseRecord.name, d.sources, d.passages, d.claims], preload: TimelineTab.preload, mountWhenShown: true }],
});
