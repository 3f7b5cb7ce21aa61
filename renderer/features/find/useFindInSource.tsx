import { useCallback, useDeferredValue, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { SourceRecord } from '../../../shared/domain/types';
import { useWorkspace } from '../../lib/commands';
import { onNavigate } from '../../lib/navigation';
import { clearFindMatches, flashRange, paintFindMatches } from '../../reader/highlights';
import { offsetsToRange } from '../../reader/offsets';
import '../../styles/search.css';
import { findMatches } from './findMatches';
import { onFindRequest } from './findRequests';
import { useTranslation } from '../../i18n';

const MAC = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

/** Scroll the reader so `range` is in view (centred when it was not visible), without moving focus. */
function scrollRangeIntoView(range: Range) {
  const scroller = (range.startContainer.parentElement ?? null)?.closest<HTMLElement>('.reader-scroll');
  const rect = range.getBoundingClientRect();
  if (!scroller || (rect.width === 0 && rect.height === 0)) {
    range.startContainer.parentElement?.scrollIntoView({ block: 'center' });
    return;
  }
  const box = scroller.getBoundingClientRect();
  if (rect.top >= box.top + 8 && rect.bottom <= box.bottom - 8) return;
  scroller.scrollTop += rect.top - box.top - box.height / 2 + rect.height / 2;
}

export interface FindInSource {
  /** The "Find" button for the reader header. */
  button: ReactNode;
  /** The find bar (null when closed), for the reader overlay. */
  bar: ReactNode;
}

/**
 * Find in source for the reader: Ctrl/Cmd+F while focus is in the reader (or
 * the Find button) opens a find bar; every match is painted with the CSS
 * Custom Highlight API (the reader DOM is untouched), the current one apart;
 * Enter / Shift+Enter or the arrow keys step; Escape closes and gives focus
 * back. Also serves "reveal-text" requests from search results.
 */
export function useFindInSource({ source, body }: { source: SourceRecord | undefined; body: HTMLElement | null }): FindInSource {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState('');
  const [current, setCurrent] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  const returnFocus = useRef<HTMLElement | null>(null);
  const lastStart = useRef(0);
  const deferred = useDeferredValue(query);

  const result = useMemo(() => (open && source ? findMatches(source.text, deferred) : { matches: [], capped: false }), [open, source, deferred]);
  const { matches } = result;

  // A new query keeps the place: the first match at or after the previous current one.
  useEffect(() => {
    const at = matches.findIndex((m) => m.start >= lastStart.current);
    setCurrent(at >= 0 ? at : 0);
  }, [matches]);

  const index = matches.length ? Math.min(current, matches.length - 1) : -1;

  const ranges = useMemo(() => {
    if (!body || !source || !matches.length) return [];
    return matches.map((m) => offsetsToRange(body, source.blocks, m.start, m.end));
  }, [body, matches, source]);

  useEffect(() => {
    if (!open || !ranges.length) {
      clearFindMatches();
      return;
    }
    const now = index >= 0 ? (ranges[index] ?? null) : null;
    paintFindMatches(
      ranges.filter((r): r is Range => r !== null),
      now,
    );
    if (now) scrollRangeIntoView(now);
    if (index >= 0) lastStart.current = matches[index]!.start;
  }, [index, matches, open, ranges]);
  useEffect(() => () => clearFindMatches(), []);

  // Each request to open (also while open) moves focus into the field once the bar is rendered: a request
  // from the desktop menu arrives outside any DOM event, so React may render after the next frame.
  const [focusRequest, setFocusRequest] = useState(0);
  const openBar = useCallback(() => {
    if (!open) returnFocus.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    setOpen(true);
    setFocusRequest((n) => n + 1);
  }, [open]);
  useEffect(() => {
    if (!open || focusRequest === 0) return;
    input.current?.focus();
    input.current?.select();
  }, [open, focusRequest]);

  const closeBar = useCallback(() => {
    setOpen(false);
    const target = returnFocus.current;
    returnFocus.current = null;
    const fallback = body?.closest<HTMLElement>('.reader-scroll') ?? null;
    requestAnimationFrame(() => (target?.isConnected ? target : fallback)?.focus({ preventScroll: true }));
  }, [body]);

  // The Find command (Ctrl/Cmd+F, the Edit menu's Find in source…, the palette).
  useEffect(() => onFindRequest(openBar), [openBar]);

  // Search results that point into a source's text.
  const workspace = useWorkspace();
  const [pending, setPending] = useState<{ sourceId: string; start: number; end: number } | null>(null);
  useEffect(
    () =>
      onNavigate((request) => {
        if (request.kind !== 'reveal-text') return;
        setPending({ sourceId: request.sourceId, start: request.start, end: request.end });
        if (request.sourceId !== source?.id) workspace.openSource(request.sourceId);
      }),
    [workspace, source?.id],
  );
  useEffect(() => {
    if (!pending || !body || !source || source.id !== pending.sourceId || body.dataset.sourceId !== source.id) return;
    setPending(null);
    const range = offsetsToRange(body, source.blocks, pending.start, pending.end);
    if (!range) return;
    scrollRangeIntoView(range);
    flashRange(range);
  }, [body, pending, source]);

  const step = (delta: number) => {
    if (!matches.length) return;
    setCurrent((index + delta + matches.length) % matches.length);
  };

  const count = !deferred.trim()
    ? ''
    : matches.length === 0
      ? t('find.none')
      : t(result.capped ? 'find.positionCapped' : 'find.position', { n: index + 1, count: matches.length });

  const shortcut = MAC ? '⌘F' : 'Ctrl+F';
  const button = source ? (
    <button type="button" className="small" onClick={openBar} aria-keyshortcuts={MAC ? 'Meta+F' : 'Control+F'} title={t('find.buttonHint', { shortcut })}>
      {t('find.button')}
    </button>
  ) : null;

  const bar =
    open && source ? (
      <div className="find-bar" role="search" aria-label={t('find.bar')}>
        <input
          ref={input}
          type="search"
          aria-label={t('find.bar')}
          placeholder={t('find.bar')}
          value={query}
          autoComplete="off"
          spellCheck={false}
          aria-describedby="find-count"
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' || e.key === 'ArrowDown' || e.key === 'ArrowUp') {
              e.preventDefault();
              step(e.key === 'ArrowUp' || (e.key === 'Enter' && e.shiftKey) ? -1 : 1);
            } else if (e.key === 'Escape') {
              e.preventDefault();
              e.stopPropagation();
              closeBar();
            }
          }}
        />
        <span id="find-count" className="find-count" role="status">
          {count}
        </span>
        <button type="button" className="icon" aria-label={t('find.previous')} title={t('find.previousHint')} disabled={!matches.length} onClick={() => step(-1)}>
          ↑
        </button>
        <button type="button" className="icon" aria-label={t('find.next')} title={t('find.nextHint')} disabled={!matches.length} onClick={() => step(1)}>
          ↓
        </button>
        <button type="button" className="icon" aria-label={t('find.close')} title={t('find.closeHint')} onClick={closeBar}>
          ✕
        </button>
      </div>
    ) : null;

  return { button, bar };
}
