// @vitest-environment jsdom
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { describe, expect, it } from 'vitest';
import { VirtualList } from '../../../../renderer/lib/VirtualList';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

describe('VirtualList', () => {
  it('does not key every row again when its parent re-renders with the same items', async () => {
    const items = Array.from({ length: 5000 }, (_, i) => ({ id: `row-${i}` }));
    let keyed = 0;
    // A caller's usual style: a new arrow on every render.
    const List = ({ tick }: { tick: number }) => (
      <VirtualList
        items={items}
        itemKey={(item) => {
          keyed++;
          return item.id;
        }}
        estimateSize={20}
        renderItem={(item) => `${item.id} ${tick}`}
      />
    );
    const root = createRoot(document.createElement('div'));
    await act(() => root.render(<List tick={0} />));
    expect(keyed).toBeGreaterThanOrEqual(items.length);

    keyed = 0;
    await act(() => root.render(<List tick={1} />));
    await act(() => root.render(<List tick={2} />));
    // Only rendered rows (none have a size in jsdom, so a handful at most) may be keyed again, never all 5,000.
    expect(keyed).toBeLessThan(100);

    // New items are keyed afresh.
    const more = [...items, { id: 'row-new' }];
    const Next = () => <VirtualList items={more} itemKey={(item) => (keyed++, item.id)} estimateSize={20} renderItem={(item) => item.id} />;
    keyed = 0;
    await act(() => root.render(<Next />));
    expect(keyed).toBeGreaterThanOrEqual(more.length);
    act(() => root.unmount());
  });
});
