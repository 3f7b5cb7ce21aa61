/** The timeline feature: the Timeline tab beside the reader (the case's chronology). */
import { lazy } from 'react';
import { defineContribution, type PaneProps } from '../../lib/contributions';

// Loaded the first time the tab is shown: it brings d3 and the extraction workers with it.
const TimelineTab = lazy(async () => {
  const { TimelinePane } = await import('./TimelinePane');
  return { default: ({ caseRecord, sources, passages, claims }: PaneProps) => <TimelinePane caseId={caseRecord.id} caseName={caseRecord.name} sources={sources} passages={passages} claims={claims} /> };
});

export const timelineContribution = defineContribution({
  id: 'timeline',
  panes: [{ id: 'timeline', title: 'panes.timeline', slot: 'right', order: 30, scope: 'case', component: TimelineTab, mountWhenShown: true }],
});
