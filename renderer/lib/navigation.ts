/**
 * Cross-pane requests, by ID only: "show this passage in the reader", "open
 * this claim". Panes that can act subscribe; the reader and the editor never
 * import each other.
 */
export type NavigationRequest =
  | { kind: 'reveal-passage'; passageId: string }
  | { kind: 'open-claim'; claimId: string }
  | { kind: 'open-passage-card'; passageId: string }
  /** Show the brief pane (after something was written into it from elsewhere). */
  | { kind: 'show-brief' }
  /** Show a range of a source's text (a search hit): switch to the source, scroll to the range and flash it. */
  | { kind: 'reveal-text'; sourceId: string; start: number; end: number }
  /** Open a note (the brief) and, with `query`, show where the words occur. */
  | { kind: 'open-note'; noteId: string; query?: string }
  /** Show the entity a claim's claimant names in the Entities pane. */
  | { kind: 'open-entity'; claimant: string };

type Listener = (request: NavigationRequest) => void;
const listeners = new Set<Listener>();

export function navigate(request: NavigationRequest): void {
  for (const listener of [...listeners]) listener(request);
}

export function onNavigate(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
