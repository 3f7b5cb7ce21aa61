/** The claims feature: the Claims tab beside the reader, brought to the front when a claim is opened from elsewhere. */
import { useTranslation } from '../../i18n';
import { defineContribution, type PaneProps } from '../../lib/contributions';
import { ClaimsPanel } from './ClaimsPanel';

function ClaimsPane({ caseRecord, activeSource }: PaneProps) {
  return <ClaimsPanel caseId={caseRecord.id} activeSource={activeSource} />;
}

/** "(3)" after the tab's title: how many claims the case has. */
function ClaimsCount({ claims }: PaneProps) {
  const { t } = useTranslation();
  return claims?.length ? <>{t('panes.count', { count: claims.length })}</> : null;
}

export const claimsContribution = defineContribution({
  id: 'claims',
  panes: [{ id: 'claims', title: 'panes.claims', slot: 'right', order: 20, scope: 'case', component: ClaimsPane, shows: (d) => [d.caseRecord.id, d.activeSource], badge: ClaimsCount, revealOn: ['open-claim'] }],
});
