/**
 * A place for one open dialog of a feature: commands open it with props (from anywhere: a menu, the
 * palette, a shortcut), and the feature's overlay renders it while it is open.
 */
import { useSyncExternalStore } from 'react';

export interface DialogSlot<P> {
  open(props: P): void;
  close(): void;
  /** The open dialog's props, or null; re-renders on change. */
  useOpen(): P | null;
  current(): P | null;
}

export function createDialogSlot<P>(): DialogSlot<P> {
  let value: P | null = null;
  const listeners = new Set<() => void>();
  const set = (next: P | null) => {
    value = next;
    for (const listener of [...listeners]) listener();
  };
  const subscribe = (listener: () => void) => {
    listeners.add(listener);
    return () => listeners.delete(listener);
  };
  return {
    open: (props) => set(props),
    close: () => set(null),
    useOpen: () => useSyncExternalStore(subscribe, () => value),
    current: () => value,
  };
}
