/**
 * The status lines of a source update (Update source…, Reopen with encoding…):
 * what the applied plan did to the source's passages.
 */
import type { SourceUpdatePlan } from '../../db/repositories';

/** "3 passages" / "1 passage" */
export function passagesLabel(n: number): string {
  return `${n} ${n === 1 ? 'passage' : 'passages'}`;
}

/** What an applied plan did to the passages, for a status line: "3 passages placed · 1 approximately · 2 orphaned — see Passages". */
export function passageCounts(plan: SourceUpdatePlan): string[] {
  const { placed, moved, fuzzy, orphaned } = plan.counts;
  const parts = [`${passagesLabel(placed + moved + fuzzy)} placed`];
  if (fuzzy) parts.push(`${fuzzy} approximately`);
  if (orphaned) parts.push(`${orphaned} orphaned — see Passages`);
  return parts;
}

/** The line the toast shows after an update is applied. */
export function updateSummary(plan: SourceUpdatePlan): string {
  return [`Updated “${plan.next.metadata.title}” to revision ${plan.next.revision}`, ...passageCounts(plan)].join(' · ');
}
