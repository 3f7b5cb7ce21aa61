/**
 * The Trash's entry point for the rest of the app: `openTrash()` opens the
 * Trash of the open case (the header's Trash button does the same; a command
 * or menu item can call it). The mounted Trash component listens.
 */
type Listener = () => void;
const listeners = new Set<Listener>();

/** Open the Trash dialog. Does nothing while no case is open (there is no Trash button then either). */
export function openTrash(): void {
  for (const listener of listeners) listener();
}

/** Subscribe the mounted Trash to `openTrash()`; returns the unsubscribe function. */
export function onOpenTrash(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
