import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent, type ReactNode, type Ref } from 'react';

export interface VirtualListProps<T> {
  items: readonly T[];
  /** A stable key per item (its record ID). */
  itemKey(item: T): string;
  /** The item's content, inside its `<li>`. */
  renderItem(item: T, index: number): ReactNode;
  /** Class of each `<li>`. */
  itemClassName?(item: T): string | undefined;
  /** A first guess of a row's height in pixels; rows are measured once rendered. */
  estimateSize: number;
  /** Class of the scroll box (its CSS gives the box its maximum height). */
  className?: string;
  listClassName?: string;
  'aria-label'?: string;
  'aria-labelledby'?: string;
  /** The `<ul>`, for callers that look items up in it. */
  listRef?: Ref<HTMLUListElement>;
  /** Scroll this item (by key) into view whenever it changes, e.g. the open source. */
  revealKey?: string | null;
}

/** Rows rendered beyond each edge of the box: keeps the next row in the DOM for Tab and for a quick scroll. */
const OVERSCAN = 8;
const ITEM_SELECTOR = 'li[data-index]';
const FOCUSABLE = 'button, a[href], input, select, textarea, [tabindex]:not([tabindex="-1"])';

/**
 * A list that renders only the rows in view (TanStack Virtual), inside its own scroll box, so a case
 * of 50,000 passages puts a few dozen rows in the DOM. It stays a `list` of `listitem`s, each row
 * announcing its place (`aria-posinset` / `aria-setsize`), so assistive technology still hears
 * "12 of 50,000". Keyboard: Tab and Shift+Tab go from row to row (the browser scrolls the focused row
 * into view, which renders the next ones; a row not rendered yet is scrolled in and focused); Arrow Up/Down, Page Up/Down, Home and End move focus between
 * rows however far, scrolling the target in first.
 */
export function VirtualList<T>(props: VirtualListProps<T>) {
  const { items, itemKey, renderItem, itemClassName, estimateSize, className, listClassName, listRef, revealKey } = props;
  const scrollRef = useRef<HTMLDivElement>(null);
  const ulRef = useRef<HTMLUListElement | null>(null);
  // TanStack recomputes every row's measurement (all 50,000 of them) whenever `getItemKey` is a new
  // function, and callers pass a new `itemKey` arrow on each render: a source switch re-rendered the
  // passage list and cost ~50 ms there. The key function changes only with the items; it reads the
  // caller's latest `itemKey` through a ref (callers key by record ID, which does not change).
  const itemKeyRef = useRef(itemKey);
  itemKeyRef.current = itemKey;
  const getItemKey = useCallback((index: number) => itemKeyRef.current(items[index]!), [items]);
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => estimateSize,
    getItemKey,
    overscan: OVERSCAN,
    // A row in a hidden tab measures nothing; keep what was known of it (else its first guess), or the
    // list would be 0 px tall when the tab is shown again, and so would its box, which follows it.
    measureElement: (element, _entry, instance) => {
      const height = element.getBoundingClientRect().height;
      return height > 0 ? height : (instance.measurementsCache[instance.indexFromElement(element)]?.size ?? estimateSize);
    },
  });
  // A row the keyboard asked for, focused once it is rendered.
  const [pendingFocus, setPendingFocus] = useState<{ index: number; last: boolean } | null>(null);

  const setUl = useCallback(
    (node: HTMLUListElement | null) => {
      ulRef.current = node;
      if (typeof listRef === 'function') listRef(node);
      else if (listRef) (listRef as { current: HTMLUListElement | null }).current = node;
    },
    [listRef],
  );

  // A list mounted in a hidden tab has a zero-height box and renders no row; when the box gets its size
  // (the tab is shown), render again so the rows in view appear. Not `virtualizer.measure()`: it forgets
  // every row's measured height, and since the box's own height follows its rows, measuring on each
  // resize put every row back at its first guess (rows of two or three lines overlapped the next ones).
  const [, setBoxHeight] = useState(0);
  useLayoutEffect(() => {
    const box = scrollRef.current;
    if (!box || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => setBoxHeight(box.clientHeight));
    observer.observe(box);
    return () => observer.disconnect();
  }, [virtualizer]);

  const rows = virtualizer.getVirtualItems();
  // Focus the row the keyboard asked for as soon as it is rendered (after the scroll brought it in).
  useLayoutEffect(() => {
    if (pendingFocus === null) return;
    const row = ulRef.current?.querySelector<HTMLElement>(`${ITEM_SELECTOR}[data-index="${pendingFocus.index}"]`);
    if (!row) return;
    const controls = row.querySelectorAll<HTMLElement>(FOCUSABLE);
    ((pendingFocus.last ? controls[controls.length - 1] : controls[0]) ?? row).focus();
    setPendingFocus(null);
  }, [pendingFocus, rows]);

  const revealIndex = revealKey ? items.findIndex((item) => itemKey(item) === revealKey) : -1;
  useEffect(() => {
    if (revealIndex >= 0) virtualizer.scrollToIndex(revealIndex, { align: 'auto' });
  }, [revealIndex, virtualizer]);

  // Keys pressed before the row asked for is focused count from that row, not from the stale focus.
  const pendingRef = useRef(pendingFocus);
  pendingRef.current = pendingFocus;
  const moveTo = (index: number, last = false) => {
    virtualizer.scrollToIndex(index, { align: 'auto' });
    pendingRef.current = { index, last };
    setPendingFocus(pendingRef.current);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLUListElement>) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const target = event.target as HTMLElement;
    const row = target.closest<HTMLElement>(ITEM_SELECTOR);
    if (!row || !ulRef.current?.contains(row)) return;
    const pending = pendingRef.current;
    const index = pending ? pending.index : Number(row.dataset.index);

    // Tab off a row's last control (Shift+Tab off its first) goes to the next (previous) row even when
    // that row is not rendered yet: the browser alone would skip out of the list.
    if (event.key === 'Tab') {
      const controls = row.querySelectorAll<HTMLElement>(FOCUSABLE);
      const forward = !event.shiftKey;
      const next = index + (forward ? 1 : -1);
      if (next < 0 || next >= items.length) return;
      if (!pending && (target !== (forward ? controls[controls.length - 1] : controls[0]) || ulRef.current.querySelector(`${ITEM_SELECTOR}[data-index="${next}"]`))) return;
      event.preventDefault();
      moveTo(next, !forward);
      return;
    }

    if (event.shiftKey) return;
    // Only when focus is on a row's own control: fields inside a row (a rename box) keep their keys.
    if (target.closest('input, textarea, select, [contenteditable="true"]')) return;
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? estimateSize) / estimateSize) - 1);
    const next =
      event.key === 'ArrowDown' ? index + 1
      : event.key === 'ArrowUp' ? index - 1
      : event.key === 'PageDown' ? index + page
      : event.key === 'PageUp' ? index - page
      : event.key === 'Home' ? 0
      : event.key === 'End' ? items.length - 1
      : null;
    if (next === null) return;
    event.preventDefault();
    moveTo(Math.min(items.length - 1, Math.max(0, next)));
  };

  return (
    <div ref={scrollRef} className={className ? `virtual-scroll ${className}` : 'virtual-scroll'}>
      <ul
        ref={setUl}
        className={listClassName}
        aria-label={props['aria-label']}
        aria-labelledby={props['aria-labelledby']}
        onKeyDown={onKeyDown}
        style={{ height: virtualizer.getTotalSize(), position: 'relative' }}
      >
        {rows.map((row) => {
          const item = items[row.index]!;
          return (
            <li
              key={row.key}
              ref={virtualizer.measureElement}
              data-index={row.index}
              aria-posinset={row.index + 1}
              aria-setsize={items.length}
              className={itemClassName?.(item)}
              style={{ position: 'absolute', top: 0, left: 0, right: 0, transform: `translateY(${row.start}px)` }}
            >
              {renderItem(item, row.index)}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
