import { Suspense } from 'react';
import { renderToString } from 'react-dom/server';
import { describe, expect, it, vi } from 'vitest';
import { preloadPanes, preloadable } from '../../../../renderer/lib/preloadable';

describe('preloadable', () => {
  it('suspends like React.lazy until its code is loaded, then renders at once', async () => {
    const load = vi.fn(async () => ({ name }: { name: string }) => <p>Hello {name}</p>);
    const Pane = preloadable(load);
    expect(renderToString(<Suspense fallback={<i>loading</i>}>{<Pane name="Ada" />}</Suspense>)).toContain('loading');
    await Pane.preload();
    await Pane.preload();
    expect(load).toHaveBeenCalledTimes(1);
    // No Suspense boundary: a render that suspended here would throw.
    expect(renderToString(<Pane name="Ada" />)).toContain('Ada');
  });

  it('tries again after a failed load', async () => {
    let calls = 0;
    const Pane = preloadable(async () => {
      if (++calls === 1) throw new Error('offline');
      return () => <p>ok</p>;
    });
    await expect(Pane.preload()).rejects.toThrow('offline');
    await Pane.preload();
    expect(renderToString(<Pane />)).toContain('ok');
  });
});

describe('preloadPanes', () => {
  it('loads every pane that can be loaded ahead, past a failure', async () => {
    const loaded: string[] = [];
    preloadPanes([{ preload: async () => void loaded.push('timeline') }, {}, { preload: () => Promise.reject(new Error('offline')) }, { preload: async () => void loaded.push('map') }]);
    await new Promise((resolve) => setTimeout(resolve));
    expect(loaded).toEqual(['timeline', 'map']);
  });
});
