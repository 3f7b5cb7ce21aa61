/** "Find in source" requests from the Find command to the reader's find bar (the one mounted). */
type Listener = () => void;
const listeners = new Set<Listener>();

export function requestFind(): void {
  for (const listener of [...listeners]) listener();
}

export function onFindRequest(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
