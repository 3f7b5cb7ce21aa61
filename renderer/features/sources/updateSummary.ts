/**
 * The status lines of a source update (Update source…, Reopen with encoding…):
 * what the applied plan did to the source's passages, in the UI's language.
 */
import type { SourceUpdatePlan } from '../../db/repositories';
import { t } from '../../i18n';

/** What an applied plan did to the passages, for a status line: "3 passages placed · 1 approximately · 2 orphaned — see Passages". */
export function passageCounts(plan: SourceUpdatePlan): string[] {
  const { placed, moved, fuzzy, orphaned } = plan.counts;
  // Separate statements, each a whole message, shown side by side.
  const parts: string[] = [t('updateSource.placed', { count: placed + moved + fuzzy })];
  if (fuzzy) parts.push(t('updateSource.approximately', { count: fuzzy }));
  if (orphaned) parts.push(t('updateSource.orphaned', { count: orphaned }));
  return parts;
}

/** The line the toast shows after an update is applied. */
export function updateSummary(plan: SourceUpdatePlan): string {
  return [t('updateSource.updated', { title: plan.next.metadata.title, revision: plan.next.revision }), ...passageCounts(plan)].join(' · ');
}
