/** The tags feature: the codebook (a sidebar pane), whose tag filter the reader and passage list follow. */
import type { PaneProps } from '../../lib/contributions';
import { defineContribution } from '../../lib/contributions';
import { CodebookPanel } from './CodebookPanel';
import { useTagFilter } from './tagFilter';

function CodebookPane({ caseRecord }: PaneProps) {
  const [filterTagId, setFilter] = useTagFilter(caseRecord.id);
  return <CodebookPanel caseId={caseRecord.id} filterTagId={filterTagId} onFilter={setFilter} />;
}

export const tagsContribution = defineContribution({
  id: 'tags',
  panes: [{ id: 'codebook', title: 'panes.codebook', slot: 'sidebar', order: 40, scope: 'case', component: CodebookPane, shows: (d) => [d.caseRecord.id] }],
});
