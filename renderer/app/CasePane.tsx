import { memo } from 'react';
import type { PaneContribution, PaneProps } from '../lib/contributions';

type CaseScoped = Extract<PaneContribution, { scope: 'case' }>;

/**
 * Whether a case pane would show the same thing for `next` as for `previous`: the same pane, and either
 * the same data object or, when the pane says what it shows (`shows`), the same values of it.
 */
export function showsTheSame(pane: CaseScoped, previous: PaneProps, next: PaneProps): boolean {
  if (previous === next) return true;
  if (!pane.shows) return false;
  const before = pane.shows(previous);
  const after = pane.shows(next);
  return before.length === after.length && before.every((value, i) => Object.is(value, after[i]));
}

/** A case pane, re-rendered by the workspace only when what it shows of the open case changed. */
export const CasePane = memo(
  function CasePane({ pane, data }: { pane: CaseScoped; data: PaneProps }) {
    return <pane.component {...data} />;
  },
  (previous, next) => previous.pane === next.pane && showsTheSame(next.pane, previous.data, next.data),
);
