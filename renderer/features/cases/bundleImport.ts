/**
 * The way into the one checked import of case bundles (CaseFiles.tsx) for
 * bundles from anywhere: chosen with Import case, dropped on the window
 * (features/sources' WindowImport) or opened from the operating system.
 * CaseFiles listens and runs the import, conflict dialog included.
 */
import type { PickedFile } from '../../platform';

export { isBundleFile } from '../../db/repositories';

type Listener = (file: PickedFile) => void;
const listeners = new Set<Listener>();
const waiting: PickedFile[] = [];

/**
 * Ask for a bundle to be imported. If CaseFiles is not mounted yet (the app
 * is still opening), the file waits and is imported as soon as it is.
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
