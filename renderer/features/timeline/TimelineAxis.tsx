/**
 * The time axis: lanes (one per source or claim), events as points (a day)
 * or bars (a month, a year, a range), drawn on a canvas with d3's time
 * scale. A canvas because a case can have thousands of events and every pan
 * or zoom frame redraws them: drawing 5,000 marks takes a millisecond or
 * two, re-rendering 5,000 SVG elements through React takes tens.
 *
 * Keyboard: the axis is one focusable control. Left/Right go to the
 * previous/next event in the lane, Up/Down to the nearest event in the lane
 * above/below, Home/End to the first/last, Enter shows the event's passage,
 * +/- zoom around the current event, 0 fits everything, Shift+arrows pan.
 * The current event is announced; the list view (beside it) gives screen
 * readers the same events as a list.
 */
import { scaleUtc } from 'd3-scale';
import { useCallback, useEffect, useImperativeHandle, useMemo, useRef, useState, type Ref } from 'react';
import { dateSpan } from '../../../shared/chronology/dates';
import type { TimelineEvent, TimelineGroup } from '../../../shared/chronology/timeline';
import { t, useTranslation } from '../../i18n';
import { lanesInView, scrollToShowLane } from './axisLanes';
import { EVENT_STATUS_LABEL, eventDateText, precisionText } from './labels';

export interface AxisHandle {
  zoom(factor: number): void;
  fit(): void;
  /** The visible time window (for tests and the benchmark). */
  domain(): [number, number];
}

export interface TimelineAxisProps {
  groups: readonly TimelineGroup[];
  extent: { from: number; to: number };
  selectedKey: string | null;
  onSelect(event: TimelineEvent): void;
  onActivate(event: TimelineEvent): void;
  /** Announce text for the current event (the pane's live region). */
  describe(event: TimelineEvent, lane: TimelineGroup): string;
  onAnnounce(text: string): void;
  handle?: Ref<AxisHandle>;
}

const LANE = 34;
const LABEL_WIDTH = 150;
const TOP = 26;
const MIN_SPAN = 86_400_000 * 2;
/** The tallest the axis gets; more lanes scroll under it, and a frame draws only the lanes in view. */
const MAX_VIEW_HEIGHT = 480;
const MAX_SPAN = 86_400_000 * 365.25 * 500;

const STATUS_COLOUR_VARS: Record<TimelineEvent['status'], string> = {
  found: '--timeline-found',
  confirmed: '--timeline-confirmed',
  corrected: '--timeline-corrected',
  manual: '--timeline-manual',
};

interface Placed {
  event: TimelineEvent;
  lane: number;
  from: number;
  to: number;
  point: boolean;
}

export function TimelineAxis({ groups, extent, selectedKey, onSelect, onActivate, describe, onAnnounce, handle }: TimelineAxisProps) {
  // The tick labels and the canvas's name follow the UI's language.
  const { i18n } = useTranslation();
  const locale = i18n.language;
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const scrollRef = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(600);
  const domainRef = useRef<[number, number]>([extent.from, extent.to]);
  const frame = useRef(0);
  const drag = useRef<{ x: number; domain: [number, number]; moved: boolean } | null>(null);
  const fullHeight = TOP + Math.max(1, groups.length) * LANE + 8;
  const height = Math.min(fullHeight, MAX_VIEW_HEIGHT);

  // Events placed by lane, each lane sorted by time: the keyboard walks these lists.
  const placed = useMemo(() => {
    const lanes: Placed[][] = groups.map((group, lane) =>
      group.events
        .map((event) => {
          const span = dateSpan(event.date);
          return { event, lane, from: span.from, to: span.to, point: event.date.precision === 'day' && !event.date.end };
        })
        .sort((a, b) => a.from - b.from || a.to - b.to),
    );
    return lanes;
  }, [groups]);
  const total = useMemo(() => placed.reduce((n, lane) => n + lane.length, 0), [placed]);

  const draw = useCallback(() => {
    frame.current = 0;
    const started = performance.now();
    const canvas = canvasRef.current;
    const scroller = scrollRef.current;
    if (!canvas || !scroller) return;
    const ratio = window.devicePixelRatio || 1;
    if (canvas.width !== Math.round(width * ratio) || canvas.height !== Math.round(height * ratio)) {
      canvas.width = Math.round(width * ratio);
      canvas.height = Math.round(height * ratio);
    }
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    const styles = getComputedStyle(canvas);
    const colour = (name: string, fallback: string) => styles.getPropertyValue(name).trim() || fallback;
    const ink = colour('--ink', '#1d1f23');
    const muted = colour('--muted', '#5f6670');
    const line = colour('--line', '#dedbd4');
    const accent = colour('--accent', '#1f5fbf');
    // Once per frame, not once per mark: reading a custom property 5,000 times cost a tenth of a first paint.
    const fills = Object.fromEntries(Object.entries(STATUS_COLOUR_VARS).map(([status, name]) => [status, colour(name, accent)])) as Record<TimelineEvent['status'], string>;
    const [d0, d1] = domainRef.current;
    const x = scaleUtc().domain([d0, d1]).range([LABEL_WIDTH, width - 8]);
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.clearRect(0, 0, width, height);
    ctx.font = '11px system-ui, sans-serif';
    ctx.textBaseline = 'middle';
    // Ticks and grid.
    const ticks = x.ticks(Math.max(2, Math.floor((width - LABEL_WIDTH) / 90)));
    const format = tickFormat(locale);
    ctx.strokeStyle = line;
    ctx.fillStyle = muted;
    ctx.lineWidth = 1;
    for (const tick of ticks) {
      const tx = Math.round(x(tick)) + 0.5;
      ctx.beginPath();
      ctx.moveTo(tx, TOP - 6);
      ctx.lineTo(tx, height - 4);
      ctx.stroke();
      ctx.fillText(format(tick), tx + 3, 10);
    }
    // Lanes: only those in view (the canvas stays put while the box scrolls behind it), clipped below the ticks' labels.
    const top = scroller.scrollTop;
    const { first: firstLane, last: lastLane } = lanesInView(top, placed.length, { lane: LANE, top: TOP, view: height });
    ctx.save();
    ctx.beginPath();
    ctx.rect(0, TOP, width, height - TOP);
    ctx.clip();
    // Points are gathered into one path per colour and filled once at the end, rather than one
    // path and fill per point (a case of 19,000 found dates drew thousands of them every frame).
    let drawn = 0;
    const points = new Map<string, Path2D>();
    let chosen: { item: Placed; y: number } | null = null;
    for (let i = firstLane; i <= lastLane; i++) {
      const lane = placed[i]!;
      const y = TOP + i * LANE + LANE / 2 - top;
      ctx.fillStyle = ink;
      const label = groups[i]?.label ?? '';
      ctx.fillText(label.length > 22 ? `${label.slice(0, 21)}…` : label, 6, y);
      ctx.strokeStyle = line;
      ctx.beginPath();
      ctx.moveTo(LABEL_WIDTH, y + 0.5);
      ctx.lineTo(width - 8, y + 0.5);
      ctx.stroke();
      // Only what is in view; lanes are sorted, so skip to the window.
      for (const item of lane) {
        if (item.to < d0) continue;
        if (item.from > d1) break;
        drawn++;
        const fill = fills[item.event.status];
        if (item.event.key === selectedKey) chosen = { item, y };
        if (item.point) {
          const cx = x((item.from + item.to) / 2);
          let path = points.get(fill);
          if (!path) points.set(fill, (path = new Path2D()));
          path.moveTo(cx + 5, y);
          path.arc(cx, y, 5, 0, Math.PI * 2);
        } else {
          const left = Math.max(LABEL_WIDTH, x(item.from));
          const right = Math.min(width - 8, Math.max(x(item.to), left + 3));
          ctx.globalAlpha = item.event.date.end ? 0.85 : 0.45;
          ctx.fillStyle = fill;
          ctx.fillRect(left, y - 5, right - left, 10);
          ctx.globalAlpha = 1;
        }
      }
    }
    for (const [fill, path] of points) {
      ctx.fillStyle = fill;
      ctx.fill(path);
    }
    // The selected event, over the rest.
    if (chosen) {
      const { item, y } = chosen as { item: Placed; y: number };
      ctx.lineWidth = 2;
      ctx.strokeStyle = ink;
      ctx.fillStyle = fills[item.event.status];
      if (item.point) {
        ctx.beginPath();
        ctx.arc(x((item.from + item.to) / 2), y, 7, 0, Math.PI * 2);
        ctx.fill();
        ctx.stroke();
      } else {
        const left = Math.max(LABEL_WIDTH, x(item.from));
        const right = Math.min(width - 8, Math.max(x(item.to), left + 3));
        ctx.strokeRect(left - 1, y - 6, right - left + 2, 12);
      }
      ctx.lineWidth = 1;
    }
    ctx.restore();
    // How many marks the last frame drew, and from how many events (every lane's): what tests and the benchmark wait for.
    canvas.dataset.drawn = String(drawn);
    canvas.dataset.events = String(total);
    // A user-timing entry per frame drawn: the benchmark (E2) reads these.
    performance.measure('cf-draw-timeline', { start: started });
  }, [groups, height, locale, placed, selectedKey, total, width]);

  const schedule = useCallback(() => {
    if (!frame.current) frame.current = requestAnimationFrame(draw);
  }, [draw]);

  useEffect(() => {
    schedule();
  }, [schedule]);

  useEffect(() => () => cancelAnimationFrame(frame.current), []);

  // A new case (or grouping) starts from the whole extent.
  useEffect(() => {
    domainRef.current = [extent.from, extent.to];
    schedule();
  }, [extent.from, extent.to, schedule]);

  useEffect(() => {
    const scroller = scrollRef.current;
    if (!scroller) return;
    // The box's content width: without its scroll bar when the lanes scroll.
    const observer = new ResizeObserver(([entry]) => {
      if (entry) setWidth(Math.max(320, Math.floor(entry.contentRect.width)));
    });
    observer.observe(scroller);
    return () => observer.disconnect();
  }, []);

  const setDomain = useCallback(
    (from: number, to: number) => {
      let span = Math.min(MAX_SPAN, Math.max(MIN_SPAN, to - from));
      const mid = (from + to) / 2;
      span = Math.max(span, MIN_SPAN);
      domainRef.current = [mid - span / 2, mid + span / 2];
      schedule();
    },
    [schedule],
  );

  const zoomAt = useCallback(
    (factor: number, at?: number) => {
      const [d0, d1] = domainRef.current;
      const centre = at ?? (d0 + d1) / 2;
      const from = centre - (centre - d0) / factor;
      const to = centre + (d1 - centre) / factor;
      if (to - from < MIN_SPAN || to - from > MAX_SPAN) return;
      domainRef.current = [from, to];
      schedule();
    },
    [schedule],
  );

  const selected = useMemo(() => {
    for (const lane of placed) for (const item of lane) if (item.event.key === selectedKey) return item;
    return null;
  }, [placed, selectedKey]);

  useImperativeHandle(
    handle,
    () => ({
      zoom: (factor: number) => zoomAt(factor, selected ? (selected.from + selected.to) / 2 : undefined),
      fit: () => setDomain(extent.from, extent.to),
      domain: () => domainRef.current,
    }),
    [extent.from, extent.to, selected, setDomain, zoomAt],
  );

  const timeAt = (clientX: number): number => {
    const rect = canvasRef.current!.getBoundingClientRect();
    const [d0, d1] = domainRef.current;
    return scaleUtc().domain([d0, d1]).range([LABEL_WIDTH, width - 8]).invert(clientX - rect.left).getTime();
  };

  const hit = (clientX: number, clientY: number): Placed | null => {
    const rect = canvasRef.current!.getBoundingClientRect();
    const laneIndex = Math.floor((clientY - rect.top - TOP + (scrollRef.current?.scrollTop ?? 0)) / LANE);
    const lane = placed[laneIndex];
    if (!lane) return null;
    const [d0, d1] = domainRef.current;
    const x = scaleUtc().domain([d0, d1]).range([LABEL_WIDTH, width - 8]);
    const px = clientX - rect.left;
    let best: Placed | null = null;
    let bestDistance = 8;
    for (const item of lane) {
      const left = x(item.from);
      const right = x(item.to);
      const distance = item.point ? Math.abs(x((item.from + item.to) / 2) - px) : px >= left && px <= right ? 0 : Math.min(Math.abs(left - px), Math.abs(right - px));
      if (distance <= bestDistance) {
        best = item;
        bestDistance = distance;
      }
    }
    return best;
  };

  const choose = (item: Placed) => {
    onSelect(item.event);
    onAnnounce(describe(item.event, groups[item.lane]!));
    // Keep the chosen event in view: its lane, then its time.
    const scroller = scrollRef.current;
    if (scroller) {
      const scrollTop = scrollToShowLane(scroller.scrollTop, item.lane, { lane: LANE, top: TOP, view: height });
      if (scrollTop !== scroller.scrollTop) scroller.scrollTop = scrollTop;
    }
    const [d0, d1] = domainRef.current;
    if (item.from < d0 || item.to > d1) {
      const span = d1 - d0;
      const mid = (item.from + item.to) / 2;
      domainRef.current = [mid - span / 2, mid + span / 2];
      schedule();
    }
  };

  const onKeyDown = (e: React.KeyboardEvent) => {
    const all = placed.flat();
    if (all.length === 0) return;
    const current = selected ?? null;
    const laneList = current ? placed[current.lane]! : placed.find((l) => l.length > 0)!;
    const index = current ? laneList.indexOf(current) : -1;
    const [d0, d1] = domainRef.current;
    const nearestIn = (lane: Placed[] | undefined) => {
      if (!lane || lane.length === 0) return null;
      const t = current ? current.from : d0;
      return lane.reduce((a, b) => (Math.abs(b.from - t) < Math.abs(a.from - t) ? b : a));
    };
    let next: Placed | null | undefined;
    switch (e.key) {
      case 'ArrowRight':
        if (e.shiftKey) {
          domainRef.current = [d0 + (d1 - d0) * 0.2, d1 + (d1 - d0) * 0.2];
          schedule();
          break;
        }
        next = laneList[Math.min(laneList.length - 1, index + 1)];
        break;
      case 'ArrowLeft':
        if (e.shiftKey) {
          domainRef.current = [d0 - (d1 - d0) * 0.2, d1 - (d1 - d0) * 0.2];
          schedule();
          break;
        }
        next = laneList[Math.max(0, index - 1)];
        break;
      case 'ArrowDown':
      case 'ArrowUp': {
        const step = e.key === 'ArrowDown' ? 1 : -1;
        for (let lane = (current?.lane ?? -step) + step; lane >= 0 && lane < placed.length; lane += step) {
          next = nearestIn(placed[lane]);
          if (next) break;
        }
        break;
      }
      case 'Home':
        next = laneList[0];
        break;
      case 'End':
        next = laneList.at(-1);
        break;
      case 'Enter':
      case ' ':
        if (current) onActivate(current.event);
        break;
      case '+':
      case '=':
        zoomAt(2, current ? (current.from + current.to) / 2 : undefined);
        break;
      case '-':
      case '_':
        zoomAt(0.5, current ? (current.from + current.to) / 2 : undefined);
        break;
      case '0':
        setDomain(extent.from, extent.to);
        break;
      default:
        return;
    }
    e.preventDefault();
    if (next) choose(next);
  };

  return (
    <div className="timeline-axis" ref={scrollRef} style={{ height: `${height + 2}px` }} onScroll={schedule}>
      <canvas
        ref={canvasRef}
        tabIndex={0}
        role="application"
        aria-roledescription={t('timeline.axisRole')}
        aria-label={t('timeline.axisLabel', { events: t('timeline.axisEvents', { count: total }), lanes: t('timeline.axisLanes', { count: groups.length }) })}
        style={{ width: `${width}px`, height: `${height}px` }}
        onKeyDown={onKeyDown}
        onFocus={() => {
          if (!selected) {
            const first = placed.find((l) => l.length > 0)?.[0];
            if (first) choose(first);
          }
        }}
        onWheel={(e) => {
          if (e.deltaY === 0) return;
          zoomAt(e.deltaY < 0 ? 1.25 : 0.8, timeAt(e.clientX));
        }}
        onPointerDown={(e) => {
          drag.current = { x: e.clientX, domain: [...domainRef.current], moved: false };
          (e.target as HTMLCanvasElement).setPointerCapture(e.pointerId);
        }}
        onPointerMove={(e) => {
          const state = drag.current;
          if (!state) return;
          const dx = e.clientX - state.x;
          if (Math.abs(dx) > 3) state.moved = true;
          if (!state.moved) return;
          const [d0, d1] = state.domain;
          const perPixel = (d1 - d0) / Math.max(1, width - 8 - LABEL_WIDTH);
          domainRef.current = [d0 - dx * perPixel, d1 - dx * perPixel];
          schedule();
        }}
        onPointerUp={(e) => {
          const state = drag.current;
          drag.current = null;
          if (state?.moved) return;
          const item = hit(e.clientX, e.clientY);
          if (item) {
            choose(item);
            onActivate(item.event);
          }
        }}
      />
      {fullHeight > height && <div className="timeline-axis-rest" style={{ height: `${fullHeight - height}px` }} />}
    </div>
  );
}

/** "5 March 2024 (day): The fire broke out… — Ferry operator faces inquiry, 3 of 12". */
export function describeEvent(event: TimelineEvent, lane: TimelineGroup): string {
  return t('timeline.describe', {
    date: eventDateText(event.date),
    precision: precisionText(event.date),
    status: EVENT_STATUS_LABEL[event.status].toLocaleLowerCase(),
    label: event.label,
    lane: lane.label,
    index: lane.events.indexOf(event) + 1,
    total: lane.events.length,
  });
}

/**
 * Tick labels in the UI's language, as precise as the tick: a year on
 * 1 January, a month on the 1st, a day otherwise, an hour when zoomed in
 * that far (d3's own tick format speaks English only).
 */
function tickFormat(locale: string): (tick: Date) => string {
  const cached = tickFormats.get(locale);
  if (cached) return cached;
  const options: Record<string, Intl.DateTimeFormatOptions> = {
    year: { year: 'numeric' },
    month: { month: 'long' },
    day: { day: 'numeric', month: 'short' },
    hour: { hour: 'numeric', minute: '2-digit' },
  };
  const formats = Object.fromEntries(Object.entries(options).map(([k, o]) => [k, new Intl.DateTimeFormat(locale, { ...o, timeZone: 'UTC' })]));
  const format = (tick: Date) => {
    const kind =
      tick.getUTCHours() || tick.getUTCMinutes() ? 'hour' : tick.getUTCDate() !== 1 ? 'day' : tick.getUTCMonth() !== 0 ? 'month' : 'year';
    return formats[kind]!.format(tick);
  };
  tickFormats.set(locale, format);
  return format;
}

const tickFormats = new Map<string, (tick: Date) => string>();
