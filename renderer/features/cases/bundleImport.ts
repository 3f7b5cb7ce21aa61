/**
 * The way into the case list's import flow for bundles that arrive from
 * outside it: a `.casefile` dropped on the window (App's drop handler) or
 * opened from the operating system. The case list listens and runs the same
 * checked import as its "Import case" button, conflict dialog included.
 */
import type { PickedFile } from '../../platform';

export { isBundleFile } from '../../db/repositories';

type Listener = (file: PickedFile) => void;
const listeners = new Set<Listener>();
const waiting: PickedFile[] = [];

/**
 * Ask the case list to import a bundle. If it is not mounted yet (the app is
 * still opening), the file waits and is imported as soon as it is.
 */
export function requestBundleImport(file: PickedFile): void {
  if (listeners.size === 0) {
    waiting.push(file);
    return;
  }
  for (const listener of listeners) listener(file);
}

/** Subscribe to bundle import requests; files that arrived earlier are delivered now. */
export function onBundleImportRequest(listener: Listener): () => void {
  listeners.add(listener);
  for (const file of waiting.splice(0)) listener(file);
  return () => listeners.delete(listener);
}
