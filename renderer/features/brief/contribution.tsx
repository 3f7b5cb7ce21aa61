/** The brief feature: the Brief tab beside the reader (the case's notes in the editor). */
import { defineContribution, type PaneProps } from '../../lib/contributions';
import { BriefPane } from './BriefPane';

function BriefTab({ caseRecord }: PaneProps) {
  return <BriefPane caseId={caseRecord.id} briefNoteId={caseRecord.briefNoteId} />;
}

export const briefContribution = defineContribution({
  id: 'brief',
  panes: [{ id: 'brief', title: 'panes.brief', slot: 'right', order: 10, scope: 'case', component: BriefTab, shows: (d) => [d.caseRecord.id, d.caseRecord.briefNoteId], revealOn: ['show-brief', 'open-note'] }],
});
