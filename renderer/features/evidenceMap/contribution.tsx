/** The evidence map feature: the Evidence map tab beside the reader (claims × sources). */
import { defineContribution, type PaneProps } from '../../lib/contributions';
import { preloadable } from '../../lib/preloadable';

// Its code loads once an open case is on screen (or at the first showing, if sooner): it brings d3 with it.
const EvidenceMapTab = preloadable(async () => {
  const { EvidenceMapPane } = await import('./EvidenceMapPane');
  return ({ caseRecord, sources, passages, claims }: PaneProps) => <EvidenceMapPane caseId={caseRecord.id} caseName={caseRecord.name} sources={sources} passages={passages} claims={claims} />;
});

export const evidenceMapContribution = defineContribution({
  id: 'evidenceMap',
  panes: [{ id: 'evidenceMap', title: 'panes.evidenceMap', slot: 'right', order: 50, scope: 'case', component: EvidenceMapTab, shows: (d) => [d.caseRecord.id, d.caseRecord.name, d.sources, d.passages, d.claims], preload: EvidenceMapTab.preload, mountWhenShown: true }],
});
