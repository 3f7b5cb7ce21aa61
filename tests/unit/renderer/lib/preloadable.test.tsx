import { Suspense } from 'react';
import { renderToString } from 'react-dom/server';
import { describe, expect, it, vi } from 'vitest';
import { preloadable, whenIdle } from '../../../../renderer/lib/preloadable';

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

describe('whenIdle', () => {
  it('runs the tasks one after another, past a failure, and stops when cancelled', async () => {
    vi.useFakeTimers();
    try {
      const ran: number[] = [];
      whenIdle([async () => void ran.push(1), async () => Promise.reject(new Error('no')), async () => void ran.push(3)]);
      await vi.runAllTimersAsync();
      expect(ran).toEqual([1, 3]);
      const later: number[] = [];
      const cancel = whenIdle([async () => void later.push(1)]);
      cancel();
      await vi.runAllTimersAsync();
      expect(later).toEqual([]);
    } finally {
      vi.useRealTimers();
    }
  });
});
