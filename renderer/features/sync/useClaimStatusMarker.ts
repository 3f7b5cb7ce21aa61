import { useCallback, useMemo, useSyncExternalStore } from 'react';
import type { ClaimStatus } from '../../../shared/domain/types';
import { useActor } from '../../db/hooks';
import { caseSync, useSyncState } from './manager';

export interface ClaimStatusMarker {
  /** The changes made at the same time, oldest first; the last one's status is the one shown. */
  changes: { by: string; name: string | undefined; mine: boolean; to: ClaimStatus; at: number }[];
  /** The names to show ("changed at the same time by …"): everyone but this person, unknown members as undefined. */
  others: (string | undefined)[];
  /** Record a confirmation of the status shown, which clears the marker for everyone. */
  confirm(): Promise<void>;
}

/**
 * The "changed at the same time by …" marker of a claim of a shared case (null when the case is not
 * shared, or nobody changed its status at the same time, or someone has confirmed since), kept current
 * as the case's document changes. The rule is `concurrentStatusMarker` in shared/sync/statusLog.ts.
 */
export function useClaimStatusMarker(caseId: string, claimId: string): ClaimStatusMarker | null {
  useSyncState(caseId); // re-render when the case starts or stops syncing
  const sync = caseSync(caseId);
  const viewer = useActor()?.id;
  const subscribe = useCallback((listener: () => void) => (sync ? sync.onDocUpdate(listener) : () => undefined), [sync]);
  // A string, so an update that leaves the marker as it was re-renders nothing.
  const key = useSyncExternalStore(subscribe, () => {
    const marker = sync && viewer ? sync.claimStatusMarker(claimId, viewer) : null;
    if (!marker) return '';
    return JSON.stringify({
      changes: marker.changes.map((c) => ({ by: c.by, name: marker.names.get(c.by), mine: c.by === viewer, to: c.to, at: c.at })),
      others: marker.others.map((by) => marker.names.get(by) ?? null),
    });
  });
  return useMemo(() => {
    if (!key || !sync) return null;
    const parsed = JSON.parse(key) as { changes: ClaimStatusMarker['changes']; others: (string | null)[] };
    return { changes: parsed.changes, others: parsed.others.map((n) => n ?? undefined), confirm: () => sync.confirmClaimStatus(claimId) };
  }, [claimId, key, sync]);
}

const NONE: ReadonlySet<string> = new Set();

/** The IDs of a shared case's claims that carry the "changed at the same time" marker (empty when not shared). */
export function useClaimsChangedAtSameTime(caseId: string): ReadonlySet<string> {
  useSyncState(caseId);
  const sync = caseSync(caseId);
  const subscribe = useCallback((listener: () => void) => (sync ? sync.onDocUpdate(listener) : () => undefined), [sync]);
  const key = useSyncExternalStore(subscribe, () => (sync ? sync.claimsChangedAtSameTime().join('\n') : ''));
  return useMemo(() => (key ? new Set(key.split('\n')) : NONE), [key]);
}
