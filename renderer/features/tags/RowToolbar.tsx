import { useEffect, useRef, type KeyboardEvent, type ReactNode } from 'react';

/**
 * A row's action buttons as one ARIA toolbar with a roving tab stop: Tab
 * enters the toolbar once, the arrow keys (and Home/End) move between its
 * buttons. Without it every tag would add five Tab stops to the sidebar, and
 * a codebook of twenty tags would put a hundred stops between the case list
 * and the reader.
 */
export function RowToolbar({ label, className, children }: { label: string; className?: string; children: ReactNode }) {
  const bar = useRef<HTMLDivElement>(null);
  const active = useRef(0);

  const buttons = () => Array.from(bar.current?.querySelectorAll<HTMLButtonElement>('button:not(:disabled)') ?? []);
  const settle = (list = buttons()) => {
    if (active.current >= list.length) active.current = Math.max(0, list.length - 1);
    list.forEach((b, i) => (b.tabIndex = i === active.current ? 0 : -1));
  };

  // Buttons come and go (a tag's extra actions, a disabled Merge); keep exactly one of them in the Tab order.
  useEffect(() => settle());

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const list = buttons();
    const focused = document.activeElement;
    const at = focused instanceof HTMLButtonElement ? list.indexOf(focused) : -1;
    if (at < 0) return;
    const next = e.key === 'ArrowRight' ? (at + 1) % list.length : e.key === 'ArrowLeft' ? (at - 1 + list.length) % list.length : e.key === 'Home' ? 0 : e.key === 'End' ? list.length - 1 : -1;
    if (next < 0) return;
    e.preventDefault();
    active.current = next;
    settle(list);
    list[next]?.focus();
  };

  return (
    <div
      ref={bar}
      role="toolbar"
      aria-label={label}
      className={className}
      onKeyDown={onKeyDown}
      onFocus={(e) => {
        const target = e.target as EventTarget;
        const at = target instanceof HTMLButtonElement ? buttons().indexOf(target) : -1;
        if (at >= 0 && at !== active.current) {
          active.current = at;
          settle();
        }
      }}
    >
      {children}
    </div>
  );
}
