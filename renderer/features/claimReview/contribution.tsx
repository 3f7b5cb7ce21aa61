/** The ClaimReview feature: Export ClaimReview (schema.org JSON-LD for fact-check pages) and its dialog. */
import { lazy, Suspense } from 'react';
import { useCase, useClaims, usePassages, useSources } from '../../db/hooks';
import { defineContribution } from '../../lib/contributions';
import { createDialogSlot } from '../../lib/dialogSlot';

// The dialog (and the extraction it reads claimants with) loads on first use.
const ClaimReviewDialog = lazy(async () => ({ default: (await import('./ClaimReviewDialog')).ClaimReviewDialog }));

const claimReviewDialog = createDialogSlot<{ caseId: string }>();

/** The overlay: the dialog while it is open, with the case's records. */
function ClaimReviewDialogHost() {
  const open = claimReviewDialog.useOpen();
  const caseRecord = useCase(open?.caseId);
  const claims = useClaims(open?.caseId);
  const passages = usePassages(open?.caseId);
  const sources = useSources(open?.caseId);
  if (!open || !caseRecord || !claims || !passages || !sources) return null;
  return (
    <Suspense fallback={null}>
      <ClaimReviewDialog key={open.caseId} caseId={open.caseId} caseName={caseRecord.name} claims={claims} passages={passages} sources={sources} onClose={claimReviewDialog.close} />
    </Suspense>
  );
}

export const claimReviewContribution = defineContribution({
  id: 'claimReview',
  commands: [{ id: 'export-claimreview', title: 'commands.export-claimreview', when: ['caseOpen'], run: ({ keys }) => claimReviewDialog.open({ caseId: keys.caseId! }) }],
  overlays: [ClaimReviewDialogHost],
});
