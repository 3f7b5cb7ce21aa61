import { useCallback, useRef, useState, type KeyboardEvent, type PointerEvent, type ReactNode } from 'react';

const STORAGE_KEY = 'casefile.split';
const MIN = 25;
const MAX = 75;

function clamp(value: number): number {
  return Math.min(MAX, Math.max(MIN, Math.round(value * 10) / 10));
}

function loadSplit(): number {
  const stored = Number(localStorage.getItem(STORAGE_KEY));
  return Number.isFinite(stored) && stored > 0 ? clamp(stored) : 55;
}

/**
 * Two panes side by side with a draggable, keyboard-operable separator
 * (the WAI-ARIA window splitter pattern). The split is remembered.
 */
export function Splitter({ left, right, label }: { left: ReactNode; right: ReactNode; label: string }) {
  const [split, setSplit] = useState(loadSplit);
  const container = useRef<HTMLDivElement>(null);
  const dragging = useRef(false);

  const commit = useCallback((value: number) => {
    const next = clamp(value);
    setSplit(next);
    localStorage.setItem(STORAGE_KEY, String(next));
  }, []);

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
    const moves: Record<string, number> = { ArrowLeft: split - step, ArrowRight: split + step, Home: MIN, End: MAX };
    const target = moves[e.key];
    if (target !== undefined) {
      e.preventDefault();
      commit(target);
    }
  };

  return (
    <div className="split" ref={container} style={{ gridTemplateColumns: `minmax(0, ${split}fr) auto minmax(0, ${100 - split}fr)` }}>
      <div className="split-pane">{left}</div>
      <div
        className="split-handle"
        role="separator"
        aria-orientation="vertical"
        aria-label={label}
        aria-valuemin={MIN}
        aria-valuemax={MAX}
        aria-valuenow={split}
        tabIndex={0}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onKeyDown={onKeyDown}
        onDoubleClick={() => commit(55)}
      />
      <div className="split-pane">{right}</div>
    </div>
  );
}
