/**
 * The context keys (VS Code's term): small facts about what the workspace shows — the open case, source
 * and note — published by the parts of the UI that know them and read by command enablement and the
 * panes. A store outside React so commands run from a menu or a shortcut read the same values.
 */
import { useLayoutEffect, useSyncExternalStore } from 'react';
import type { Condition, ContextKeys } from './contributions';

const INITIAL: ContextKeys = { caseId: null, caseName: null, sourceId: null, noteId: null, backups: false, readOnly: false };

let keys: ContextKeys = INITIAL;
const listeners = new Set<() => void>();

export function contextKeys(): ContextKeys {
  return keys;
}

export function setContextKeys(patch: Partial<ContextKeys>): void {
  const changed = (Object.keys(patch) as (keyof ContextKeys)[]).some((key) => patch[key] !== keys[key]);
  if (!changed) return;
  keys = { ...keys, ...patch };
  for (const listener of [...listeners]) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The keys, re-rendering when any changes. */
export function useContextKeys(): ContextKeys {
  return useSyncExternalStore(subscribe, contextKeys);
}

/** Publish one key while the component is mounted (cleared to `cleared` when it unmounts). */
export function usePublishContextKey<K extends keyof ContextKeys>(key: K, value: ContextKeys[K], cleared: ContextKeys[K]): void {
  useLayoutEffect(() => {
    setContextKeys({ [key]: value } as Partial<ContextKeys>);
  }, [key, value]);
  useLayoutEffect(() => () => setContextKeys({ [key]: cleared } as Partial<ContextKeys>), [key, cleared]);
}

/** Whether a condition holds for these keys. */
export function holds(condition: Condition, values: ContextKeys): boolean {
  switch (condition) {
    case 'caseOpen':
      return values.caseId !== null;
    case 'sourceOpen':
      return values.caseId !== null && values.sourceId !== null;
    case 'noteOpen':
      return values.caseId !== null && values.noteId !== null;
    case 'backups':
      return values.backups;
    case 'editable':
      return !values.readOnly;
  }
}

/** The first condition that does not hold, or null. */
export function firstUnmet(conditions: readonly Condition[] | undefined, values: ContextKeys): Condition | null {
  return conditions?.find((condition) => !holds(condition, values)) ?? null;
}

/** For tests: back to the state before any key was published. */
export function resetContextKeys(): void {
  keys = INITIAL;
  for (const listener of [...listeners]) listener();
}
