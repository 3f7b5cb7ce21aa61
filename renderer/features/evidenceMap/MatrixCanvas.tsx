/**
 * The claims × sources matrix, drawn on a canvas that stays put while a
 * spacer the size of the whole matrix scrolls under it: every scroll frame
 * draws only the rows and columns in view, so 2,000 claims × 500 sources
 * scroll as smoothly as 20 × 5. Geometry comes from the same d3 band scales
 * as the exported SVG (shared/evidence/layout.ts).
 *
 * Keyboard: the matrix is one focusable control; arrow keys move the
 * current cell, Home/End go to the row's first/last source, PageUp/PageDown
 * move ten claims, Enter opens the cell's evidence. The current cell is
 * announced. The list view gives screen readers the same content as text.
 */
import { useCallback, useEffect, useImperativeHandle, useMemo, useRef, useState, type Ref } from 'react';
import type { EvidenceMap, MapCell } from '../../../shared/evidence/map';
import { MATRIX } from '../../../shared/evidence/layout';
import { useTranslation } from '../../i18n';
import { STANCE_LABEL } from '../../lib/claimLabels';
import { FLAG_LABEL } from './labels';

export interface MatrixHandle {
  scrollTo(top: number, left: number): void;
}

export interface MatrixCanvasProps {
  map: EvidenceMap;
  current: { claim: number; source: number } | null;
  onCurrent(cell: { claim: number; source: number }): void;
  onOpen(claimIndex: number, sourceIndex: number, cell: MapCell | undefined): void;
  onAnnounce(text: string): void;
  handle?: Ref<MatrixHandle>;
  /** Height of the scrolling area in pixels. */
  height?: number;
}

const CELL = MATRIX.cell;
const LEFT = MATRIX.labelWidth + MATRIX.flagWidth;
const TOP = MATRIX.headerHeight;

export function MatrixCanvas({ map, current, onCurrent, onOpen, onAnnounce, handle, height = 460 }: MatrixCanvasProps) {
  // The corner's words and the cells' names follow the UI's language.
  const { t } = useTranslation();
  const scrollRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const frame = useRef(0);
  const [width, setWidth] = useState(640);

  // Cells by claim row, as [sourceIndex, cell] sorted by column: a row draws only its own cells.
  const rows = useMemo(() => {
    const claimIndex = new Map(map.claims.map((c, i) => [c.id, i]));
    const sourceIndex = new Map(map.sources.map((s, i) => [s.id, i]));
    const out: [number, MapCell][][] = map.claims.map(() => []);
    for (const cell of map.cells) {
      const r = claimIndex.get(cell.claimId);
      const c = sourceIndex.get(cell.sourceId);
      if (r !== undefined && c !== undefined) out[r]!.push([c, cell]);
    }
    for (const row of out) row.sort((a, b) => a[0] - b[0]);
    return out;
  }, [map]);

  const cellAt = useCallback((r: number, c: number) => rows[r]?.find(([col]) => col === c)?.[1], [rows]);

  const draw = useCallback(() => {
    frame.current = 0;
    const started = performance.now();
    const canvas = canvasRef.current;
    const scroller = scrollRef.current;
    if (!canvas || !scroller) return;
    const ratio = window.devicePixelRatio || 1;
    const w = scroller.clientWidth;
    const h = scroller.clientHeight;
    if (canvas.width !== Math.round(w * ratio) || canvas.height !== Math.round(h * ratio)) {
      canvas.width = Math.round(w * ratio);
      canvas.height = Math.round(h * ratio);
      canvas.style.width = `${w}px`;
      canvas.style.height = `${h}px`;
    }
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    const styles = getComputedStyle(canvas);
    const colour = (name: string, fallback: string) => styles.getPropertyValue(name).trim() || fallback;
    const ink = colour('--ink', '#1d1f23');
    const line = colour('--line', '#dedbd4');
    const stripe = colour('--line-2', '#ebe8e2');
    const panel = colour('--panel', '#ffffff');
    const stance = { supports: colour('--stance-supports', '#1a7f37'), contradicts: colour('--stance-contradicts', '#c62828'), context: colour('--stance-context', '#6e7781') };
    const flags = { 'single-source': colour('--flag-single', '#b35900'), 'not-independent': colour('--flag-dependent', '#8250df'), 'no-support': colour('--flag-none', '#57606a'), none: '' };
    const top = scroller.scrollTop;
    const left = scroller.scrollLeft;
    const firstRow = Math.max(0, Math.floor(top / CELL));
    const lastRow = Math.min(map.claims.length - 1, Math.ceil((top + h - TOP) / CELL));
    const firstCol = Math.max(0, Math.floor(left / CELL));
    const lastCol = Math.min(map.sources.length - 1, Math.ceil((left + w - LEFT) / CELL));
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.fillStyle = panel;
    ctx.fillRect(0, 0, w, h);
    ctx.font = '11px system-ui, sans-serif';
    ctx.textBaseline = 'middle';
    // Rows: stripe, label, flag, cells.
    canvas.dataset.rows = String(Math.max(0, lastRow - firstRow + 1));
    for (let r = firstRow; r <= lastRow; r++) {
      const y = TOP + r * CELL - top;
      if (r % 2 === 1) {
        ctx.fillStyle = stripe;
        ctx.fillRect(0, y, w, CELL);
      }
      const claim = map.claims[r]!;
      const cells = rows[r]!;
      for (const [c, cell] of cells) {
        if (c < firstCol) continue;
        if (c > lastCol) break;
        const x = LEFT + c * CELL - left;
        ctx.fillStyle = stance[cell.stance];
        ctx.fillRect(x + 2, y + 2, CELL - 4, CELL - 4);
      }
      ctx.fillStyle = panel;
      ctx.fillRect(0, y, LEFT, CELL);
      if (r % 2 === 1) {
        ctx.fillStyle = stripe;
        ctx.fillRect(0, y, LEFT, CELL);
      }
      ctx.fillStyle = ink;
      const text = claim.statement.length > 46 ? `${claim.statement.slice(0, 45)}…` : claim.statement;
      ctx.fillText(text, 4, y + CELL / 2);
      if (claim.flag !== 'none') {
        ctx.beginPath();
        ctx.arc(MATRIX.labelWidth + MATRIX.flagWidth / 2, y + CELL / 2, 6, 0, Math.PI * 2);
        ctx.fillStyle = flags[claim.flag];
        ctx.fill();
      }
    }
    // Column headers.
    ctx.fillStyle = panel;
    ctx.fillRect(0, 0, w, TOP);
    ctx.strokeStyle = line;
    ctx.beginPath();
    ctx.moveTo(0, TOP - 0.5);
    ctx.lineTo(w, TOP - 0.5);
    ctx.stroke();
    ctx.fillStyle = ink;
    for (let c = firstCol; c <= lastCol; c++) {
      const x = LEFT + c * CELL - left + CELL / 2;
      const title = map.sources[c]!.title;
      ctx.save();
      ctx.translate(x + 4, TOP - 6);
      ctx.rotate(-Math.PI * 0.3);
      ctx.fillText(title.length > 24 ? `${title.slice(0, 23)}…` : title, 0, 0);
      ctx.restore();
    }
    ctx.fillStyle = panel;
    ctx.fillRect(0, 0, LEFT, TOP);
    ctx.fillStyle = ink;
    ctx.font = '600 12px system-ui, sans-serif';
    ctx.fillText(t('evidenceMap.corner'), 4, TOP - 12);
    // The current cell.
    if (current && current.claim >= firstRow && current.claim <= lastRow) {
      const x = current.source >= firstCol && current.source <= lastCol ? LEFT + current.source * CELL - left : null;
      const y = TOP + current.claim * CELL - top;
      ctx.strokeStyle = ink;
      ctx.lineWidth = 2;
      if (x !== null) ctx.strokeRect(x + 1, y + 1, CELL - 2, CELL - 2);
      ctx.strokeRect(1, y + 1, LEFT - 2, CELL - 2);
      ctx.lineWidth = 1;
    }
    // A user-timing entry per frame drawn: the benchmark (E2) reads these.
    performance.measure('cf-draw-matrix', { start: started });
  }, [current, map, rows, t]);

  const schedule = useCallback(() => {
    if (!frame.current) frame.current = requestAnimationFrame(draw);
  }, [draw]);
  useEffect(() => schedule(), [schedule, width]);
  useEffect(() => () => cancelAnimationFrame(frame.current), []);

  useEffect(() => {
    const scroller = scrollRef.current;
    if (!scroller) return;
    const observer = new ResizeObserver(([entry]) => entry && setWidth(Math.floor(entry.contentRect.width)));
    observer.observe(scroller);
    return () => observer.disconnect();
  }, []);

  useImperativeHandle(handle, () => ({ scrollTo: (top: number, left: number) => scrollRef.current?.scrollTo({ top, left }) }), []);

  const describeCell = (r: number, c: number) => {
    const claim = map.claims[r];
    const source = map.sources[c];
    if (!claim || !source) return '';
    const cell = cellAt(r, c);
    const evidence = cell
      ? t('evidenceMap.cellEvidence', { stance: STANCE_LABEL[cell.stance], supports: cell.supports, contradicts: cell.contradicts, inContext: cell.context })
      : t('evidenceMap.noEvidence');
    return t('evidenceMap.cellLabel', { claim: claim.statement, source: source.title, evidence, flag: FLAG_LABEL[claim.flag] });
  };

  const moveTo = (r: number, c: number) => {
    const claim = Math.max(0, Math.min(map.claims.length - 1, r));
    const source = Math.max(0, Math.min(map.sources.length - 1, c));
    onCurrent({ claim, source });
    onAnnounce(describeCell(claim, source));
    const scroller = scrollRef.current;
    if (!scroller) return;
    const y = claim * CELL;
    const x = source * CELL;
    const viewH = scroller.clientHeight - TOP;
    const viewW = scroller.clientWidth - LEFT;
    let top = scroller.scrollTop;
    let left = scroller.scrollLeft;
    if (y < top) top = y;
    else if (y + CELL > top + viewH) top = y + CELL - viewH;
    if (x < left) left = x;
    else if (x + CELL > left + viewW) left = x + CELL - viewW;
    if (top !== scroller.scrollTop || left !== scroller.scrollLeft) scroller.scrollTo({ top, left });
  };

  const onKeyDown = (e: React.KeyboardEvent) => {
    if (map.claims.length === 0 || map.sources.length === 0) return;
    const at = current ?? { claim: 0, source: 0 };
    const row = rows[at.claim] ?? [];
    switch (e.key) {
      case 'ArrowDown':
        moveTo(at.claim + 1, at.source);
        break;
      case 'ArrowUp':
        moveTo(at.claim - 1, at.source);
        break;
      case 'ArrowRight':
        moveTo(at.claim, at.source + 1);
        break;
      case 'ArrowLeft':
        moveTo(at.claim, at.source - 1);
        break;
      case 'PageDown':
        moveTo(at.claim + 10, at.source);
        break;
      case 'PageUp':
        moveTo(at.claim - 10, at.source);
        break;
      case 'Home':
        moveTo(at.claim, row[0]?.[0] ?? 0);
        break;
      case 'End':
        moveTo(at.claim, row.at(-1)?.[0] ?? map.sources.length - 1);
        break;
      case 'Enter':
      case ' ':
        onOpen(at.claim, at.source, cellAt(at.claim, at.source));
        break;
      default:
        return;
    }
    e.preventDefault();
  };

  const cellFromPoint = (clientX: number, clientY: number) => {
    const scroller = scrollRef.current!;
    const rect = scroller.getBoundingClientRect();
    const x = clientX - rect.left;
    const y = clientY - rect.top;
    if (y < TOP) return null;
    const r = Math.floor((y - TOP + scroller.scrollTop) / CELL);
    const c = x < LEFT ? -1 : Math.floor((x - LEFT + scroller.scrollLeft) / CELL);
    if (r < 0 || r >= map.claims.length) return null;
    return { claim: r, source: c };
  };

  return (
    <div className="matrix-wrap" style={{ height: `${height}px` }}>
      <canvas ref={canvasRef} className="matrix-canvas" aria-hidden="true" />
      <div
        ref={scrollRef}
        className="matrix-scroll"
        tabIndex={0}
        role="application"
        aria-roledescription={t('evidenceMap.matrixRole')}
        aria-label={t('evidenceMap.matrixLabel', { claims: t('evidenceMap.claims', { count: map.claims.length }), sources: t('evidenceMap.sources', { count: map.sources.length }) })}
        onScroll={schedule}
        onKeyDown={onKeyDown}
        onFocus={() => {
          if (!current && map.claims.length > 0) {
            const first = rows[0]?.[0]?.[0] ?? 0;
            moveTo(0, first);
          }
        }}
        onClick={(e) => {
          const at = cellFromPoint(e.clientX, e.clientY);
          if (!at) return;
          const source = at.source < 0 ? (rows[at.claim]?.[0]?.[0] ?? 0) : at.source;
          onCurrent({ claim: at.claim, source });
          onOpen(at.claim, source, cellAt(at.claim, source));
        }}
      >
        <div style={{ width: `${LEFT + map.sources.length * CELL + 16}px`, height: `${TOP + map.claims.length * CELL + 16}px` }} />
      </div>
    </div>
  );
}
