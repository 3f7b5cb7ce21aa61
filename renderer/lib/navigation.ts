/**
 * Cross-pane requests, by ID only: "show this passage in the reader", "open
 * this claim". Panes that can act subscribe; the reader and the editor never
 * import each other.
 */
export type NavigationRequest =
  | { kind: 'reveal-passage'; passageId: string }
  | { kind: 'open-claim'; claimId: string }
  | { kind: 'open-passage-card'; passageId: string }
  | { kind: 'show-brief' };

type Listener = (request: NavigationRequest) => void;
const listeners = new Set<Listener>();

export function navigate(request: NavigationRequest): void {
  for (const listener of [...listeners]) listener(request);
}

export function onNavigate(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
