import { useRef, type KeyboardEvent, type PointerEvent, type ReactNode } from 'react';
import { clampSplit, DEFAULT_LAYOUT, MAX_SPLIT, MIN_SPLIT } from './layout';

/**
 * Two panes side by side with a draggable, keyboard-operable separator (the WAI-ARIA window splitter
 * pattern). Controlled: the workspace remembers the split per case.
 */
export function Splitter({ left, right, label, value, onChange }: { left: ReactNode; right: ReactNode; label: string; value: number; onChange(split: number): void }) {
  const container = useRef<HTMLDivElement>(null);
  const dragging = useRef(false);
  const commit = (next: number) => onChange(clampSplit(next));

  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    dragging.current = true;
    e.currentTarget.setPointerCapture(e.pointerId);
  };
  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    if (!dragging.current || !container.current) return;
    const box = container.current.getBoundingClientRect();
    commit(((e.clientX - box.left) / box.width) * 100);
  };
  const onPointerUp = (e: PointerEvent<HTMLDivElement>) => {
    dragging.current = false;
    e.currentTarget.releasePointerCapture(e.pointerId);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const step = e.shiftKey ? 10 : 2;
    const moves: Record<string, number> = { ArrowLeft: value - step, ArrowRight: value + step, Home: MIN_SPLIT, End: MAX_SPLIT };
    const target = moves[e.key];
    if (target !== undefined) {
      e.preventDefault();
      commit(target);
    }
  };

  return (
    <div className="split" ref={container} style={{ gridTemplateColumns: `minmax(0, ${value}fr) auto minmax(0, ${100 - value}fr)` }}>
      <div className="split-pane">{left}</div>
      <div
        className="split-handle"
        role="separator"
        aria-orientation="vertical"
        aria-label={label}
        aria-valuemin={MIN_SPLIT}
        aria-valuemax={MAX_SPLIT}
        aria-valuenow={value}
        tabIndex={0}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onKeyDown={onKeyDown}
        onDoubleClick={() => commit(DEFAULT_LAYOUT.split)}
      />
      <div className="split-pane">{right}</div>
    </div>
  );
}
