/** The evidence map feature: the Evidence map tab beside the reader (claims × sources). */
import { lazy } from 'react';
import { defineContribution, type PaneProps } from '../../lib/contributions';

// Loaded the first time the tab is shown: it brings d3 with it.
const EvidenceMapTab = lazy(async () => {
  const { EvidenceMapPane } = await import('./EvidenceMapPane');
  return { default: ({ caseRecord, sources, passages, claims }: PaneProps) => <EvidenceMapPane caseId={caseRecord.id} caseName={caseRecord.name} sources={sources} passages={passages} claims={claims} /> };
});

export const evidenceMapContribution = defineContribution({
  id: 'evidenceMap',
  panes: [{ id: 'evidenceMap', title: 'panes.evidenceMap', slot: 'right', order: 50, scope: 'case', component: EvidenceMapTab, mountWhenShown: true }],
});
