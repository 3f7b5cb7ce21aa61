/**
 * A component whose code is loaded on demand, as with `React.lazy`, that can also be loaded ahead of
 * time (`preload`), and that renders at once once its code is here.
 *
 * Why not `React.lazy` alone: a lazy component always suspends on its first render, even when its
 * module has already arrived, and React holds the content of a Suspense boundary that has shown its
 * fallback for at least 300 ms (so a spinner does not flash). A tab whose code took 50 ms to load was
 * therefore drawn 300 ms after the click, and its data queries (started by its effects) waited as long.
 * Here, once `preload()` has resolved, the component renders its loaded module directly: no fallback,
 * no hold. Before that it behaves exactly like `React.lazy` (the first render suspends).
 */
import { createElement, lazy, type ComponentType } from 'react';

export type Preloadable<P extends object> = ComponentType<P> & {
  /** Load the component's code (once; later calls return the same promise). */
  preload(): Promise<void>;
};

export function preloadable<P extends object>(load: () => Promise<ComponentType<P>>): Preloadable<P> {
  let loaded: ComponentType<P> | null = null;
  let loading: Promise<ComponentType<P>> | null = null;
  const fetchOnce = () =>
    (loading ??= load().then(
      (component) => (loaded = component),
      (error: unknown) => {
        // A failed load (offline, a new build replaced the chunk) may be tried again.
        loading = null;
        throw error;
      },
    ));
  const Lazy = lazy(async () => ({ default: await fetchOnce() }));
  function PreloadableComponent(props: P) {
    return loaded ? createElement(loaded, props) : createElement(Lazy, props);
  }
  return Object.assign(PreloadableComponent, { preload: () => fetchOnce().then(() => undefined) });
}

/** Load the code of every pane that can be loaded ahead; a failure is not shown here (the tab reports it when opened). */
export function preloadPanes(panes: readonly { preload?: () => Promise<unknown> }[]): void {
  for (const pane of panes) pane.preload?.().catch(() => undefined);
}
