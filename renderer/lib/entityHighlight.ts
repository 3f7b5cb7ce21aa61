/**
 * The entity whose mentions the reader highlights: the Entities pane sets
 * it (mention offsets per source), the reader paints the ones in the source
 * on screen. A tiny store so the two panes share IDs and offsets, not code.
 */
import { useSyncExternalStore } from 'react';
import { onNavigate } from './navigation';

export interface EntityHighlight {
  name: string;
  /** Mentions by source ID. */
  mentions: ReadonlyMap<string, readonly { start: number; end: number }[]>;
}

let current: EntityHighlight | null = null;
const listeners = new Set<() => void>();

export function setEntityHighlight(value: EntityHighlight | null): void {
  current = value;
  for (const listener of [...listeners]) listener();
}

export function useEntityHighlight(): EntityHighlight | null {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => current,
  );
}

/**
 * "Show in Entities" from a claim may come before the Entities pane has
 * ever been opened (it loads on first use): the request waits here until
 * the pane takes it.
 */
let pendingClaimant: string | null = null;
onNavigate((request) => {
  if (request.kind === 'open-entity') pendingClaimant = request.claimant;
});

export function takePendingEntityRequest(): string | null {
  const claimant = pendingClaimant;
  pendingClaimant = null;
  return claimant;
}
