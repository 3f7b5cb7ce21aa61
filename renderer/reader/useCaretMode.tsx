import { useCallback, useEffect, useId, useLayoutEffect, useRef, useState, type FocusEvent, type KeyboardEvent, type ReactNode } from 'react';
import type { SourceRecord } from '../../shared/domain/types';
import { nextCharacter, nextWordEnd, previousCharacter, previousWordStart, sentenceAt } from '../../shared/text/segments';
import { t, useTranslation } from '../i18n';
import { announce } from '../lib/announce';
import { caretBlock, caretRect, firstVisibleOffset, lineTextAt, modifyByLine, scrollRectIntoView, selectionOffsets, selectOffsets } from './caret';
import './reader-caret.css';

/**
 * Caret mode: reading and selecting the source from the keyboard, as
 * browsers' caret browsing does (F7), but inside the reader only.
 *
 * - F7 turns it on and off; it comes on by itself when the text gets focus
 *   from the keyboard (until F7 turns it off).
 * - Arrow keys move a visible caret; Shift extends the selection by a
 *   character or a line, Ctrl+Shift or Alt+Shift (Option+Shift on a Mac) by
 *   a word; Ctrl+Up/Down go to paragraph starts and ends; Home/End
 *   go to the start or end of the line, Ctrl+Home/End of the text.
 * - Alt+S selects the sentence at the caret (Intl.Segmenter, so "。" and
 *   other scripts' sentence ends count), Alt+P the paragraph, Ctrl+A the
 *   whole text. Escape collapses a selection to the caret. Alt+N and
 *   Alt+Shift+N step to the next or previous highlight (the caller decides
 *   which, through `onStepPassage`).
 *
 * The selection is the document's real Selection, so the "Selection
 * actions" toolbar sees a keyboard selection exactly as a mouse one. The
 * caret is an overlay drawn from a Range's rectangle: the reader's DOM is
 * never changed. What the keys do is announced through `announce()`.
 */

type Preference = 'auto' | 'on' | 'off';
/** F7's choice lasts for the session, across sources and cases. */
let preference: Preference = 'auto';

export interface CaretModeOptions {
  source: SourceRecord | undefined;
  body: HTMLElement | null;
  /** Next (1) or previous (-1) passage from the caret, Alt+N and Alt+Shift+N. */
  onStepPassage?(direction: 1 | -1, from: number): void;
}

interface CaretBox {
  left: number;
  top: number;
  height: number;
}

const MAX_SPOKEN = 240;

function spoken(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > MAX_SPOKEN ? `${flat.slice(0, MAX_SPOKEN - 1)}…` : flat;
}

/** How a character the caret passed is read out. */
function characterName(ch: string): string {
  if (ch === ' ' || ch === '\u00a0') return t('reader.caret.space');
  if (/^\s+$/.test(ch)) return t('reader.caret.newParagraph');
  return ch;
}

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

export function useCaretMode({ source, body, onStepPassage }: CaretModeOptions) {
  const { t } = useTranslation();
  const [on, setOn] = useState(preference === 'on');
  const [focused, setFocused] = useState(false);
  const [box, setBox] = useState<CaretBox | null>(null);
  const scroller = useRef<HTMLElement | null>(null);
  const caret = useRef<{ anchor: number; focus: number } | null>(null);
  const hintId = useId();

  const text = source?.text ?? '';
  const blocks = source?.blocks;
  const locale = source?.metadata.language;

  // A new source (or revision) starts without a caret.
  useEffect(() => {
    caret.current = null;
    setBox(null);
  }, [source?.id, source?.revision]);

  /** The caret: the document's selection when it is in the text, else the last one, else the top of what is in view. */
  const current = useCallback((): { anchor: number; focus: number } | null => {
    if (!body || !blocks?.length) return null;
    const fromSelection = selectionOffsets(body);
    if (fromSelection) return fromSelection;
    if (caret.current) return caret.current;
    const start = scroller.current ? firstVisibleOffset(scroller.current, body, blocks) : blocks[0]!.start;
    return { anchor: start, focus: start };
  }, [body, blocks]);

  const drawCaret = useCallback(
    (scroll: boolean) => {
      const el = scroller.current;
      const at = caret.current;
      if (!el || !body || !blocks || !at) return setBox(null);
      const rect = caretRect(body, blocks, at.focus);
      if (!rect) return setBox(null);
      if (scroll) scrollRectIntoView(el, rect);
      const after = scroll ? (caretRect(body, blocks, at.focus) ?? rect) : rect;
      const frame = el.getBoundingClientRect();
      setBox({ left: after.left - frame.left + el.scrollLeft - el.clientLeft, top: after.top - frame.top + el.scrollTop - el.clientTop, height: after.height });
    },
    [body, blocks],
  );

  // Keep the caret where the selection is: a click in the text moves it too.
  useEffect(() => {
    if (!body) return;
    const onChange = () => {
      const at = selectionOffsets(body);
      if (!at) return;
      caret.current = at;
      if (on) drawCaret(false);
    };
    document.addEventListener('selectionchange', onChange);
    return () => document.removeEventListener('selectionchange', onChange);
  }, [body, drawCaret, on]);

  // Text reflows when the pane is resized: draw the caret again.
  useLayoutEffect(() => {
    if (!body || !on || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => drawCaret(false));
    observer.observe(body);
    return () => observer.disconnect();
  }, [body, drawCaret, on]);

  const setMode = useCallback(
    (next: boolean) => {
      setOn(next);
      if (next) {
        caret.current = current();
        drawCaret(true);
      }
    },
    [current, drawCaret],
  );

  /** Put the selection at [anchor, focus], remember it as the caret, draw and scroll to it. */
  const select = useCallback(
    (anchor: number, focus: number) => {
      if (!body || !blocks) return;
      selectOffsets(body, blocks, anchor, focus);
      caret.current = { anchor, focus };
      drawCaret(true);
    },
    [body, blocks, drawCaret],
  );

  /** Move the caret (collapsed) to `offset`, e.g. to the start of a passage. Focus stays where it is unless asked. */
  const placeCaret = useCallback(
    (offset: number, opts: { focus?: boolean } = {}) => {
      select(offset, offset);
      if (opts.focus) scroller.current?.focus({ preventScroll: true });
    },
    [select],
  );

  const focusText = useCallback(() => scroller.current?.focus({ preventScroll: true }), []);

  const onFocus = (e: FocusEvent<HTMLElement>) => {
    if (e.target !== e.currentTarget) return;
    setFocused(true);
    const fromKeyboard = e.currentTarget.matches(':focus-visible');
    if (preference === 'on' || (preference === 'auto' && fromKeyboard)) setMode(true);
    else if (on) drawCaret(false);
  };

  const onBlur = (e: FocusEvent<HTMLElement>) => {
    if (e.target === e.currentTarget) setFocused(false);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLElement>): boolean => {
    if (e.target !== e.currentTarget || !body || !blocks?.length) return false;
    const mod = isMac ? e.metaKey : e.ctrlKey;

    if (e.key === 'F7' && !e.ctrlKey && !e.metaKey && !e.altKey) {
      preference = on ? 'off' : 'on';
      setMode(!on);
      announce(on ? t('reader.caret.off') : t('reader.caret.on'));
      return true;
    }
    const at = current();
    if (!at) return false;
    const lastEnd = blocks.at(-1)!.end;
    const firstStart = blocks[0]!.start;

    // Commands that work with or without caret mode: they act at the caret.
    if (mod && !e.altKey && !e.shiftKey && e.code === 'KeyA') {
      select(firstStart, lastEnd);
      announce(t('reader.caret.all'));
      return true;
    }
    if (e.altKey && !e.ctrlKey && !e.metaKey && !e.shiftKey && (e.code === 'KeyS' || e.code === 'KeyP')) {
      const block = caretBlock(blocks, at.focus)!;
      const span = e.code === 'KeyP' ? { start: block.start, end: block.end } : sentenceAt(text, block.start, block.end, at.focus, locale);
      select(span.start, span.end);
      announce(t(e.code === 'KeyP' ? 'reader.caret.paragraph' : 'reader.caret.sentence', { text: spoken(text.slice(span.start, span.end)) }));
      return true;
    }
    if (e.altKey && !e.ctrlKey && !e.metaKey && e.code === 'KeyN' && onStepPassage) {
      onStepPassage(e.shiftKey ? -1 : 1, Math.min(at.anchor, at.focus));
      return true;
    }
    if (e.key === 'Escape' && at.anchor !== at.focus) {
      select(at.focus, at.focus);
      announce(t('reader.caret.cleared'));
      return true;
    }
    if (!on) return false;

    const extend = e.shiftKey;
    // By word: Ctrl (Option on a Mac) or Alt, as the users expect from their editors.
    const word = e.altKey || (!isMac && e.ctrlKey);
    const collapsedStart = Math.min(at.anchor, at.focus);
    const collapsedEnd = Math.max(at.anchor, at.focus);
    let focus: number;
    let unit: 'character' | 'word' | 'line' = 'character';

    switch (e.key) {
      case 'ArrowRight':
      case 'ArrowLeft': {
        const forward = e.key === 'ArrowRight';
        if (isMac && e.metaKey) {
          focus = modifyByLine(body, blocks, at.anchor, at.focus, forward ? 'forward' : 'backward', 'lineboundary', extend) ?? (forward ? lastEnd : firstStart);
          unit = 'line';
          break;
        }
        if (!extend && at.anchor !== at.focus && !word) {
          focus = forward ? collapsedEnd : collapsedStart;
          break;
        }
        unit = word ? 'word' : 'character';
        const block = caretBlock(blocks, at.focus)!;
        const index = blocks.indexOf(block);
        if (forward) {
          if (at.focus >= block.end) {
            const next = blocks[index + 1];
            focus = !next ? block.end : word ? nextWordEnd(text, next.start, next.end, next.start, locale) : next.start;
          } else focus = word ? nextWordEnd(text, block.start, block.end, at.focus, locale) : nextCharacter(text, block.start, block.end, at.focus, locale);
        } else if (at.focus <= block.start) {
          const previous = blocks[index - 1];
          focus = !previous ? block.start : word ? previousWordStart(text, previous.start, previous.end, previous.end, locale) : previous.end;
        } else focus = word ? previousWordStart(text, block.start, block.end, at.focus, locale) : previousCharacter(text, block.start, block.end, at.focus, locale);
        break;
      }
      case 'ArrowDown':
      case 'ArrowUp': {
        const forward = e.key === 'ArrowDown';
        if ((isMac && e.metaKey) || (!isMac && e.ctrlKey)) {
          // To the end (start) of the paragraph, and on to the next (previous) one.
          const block = caretBlock(blocks, at.focus)!;
          const index = blocks.indexOf(block);
          focus = forward ? (at.focus < block.end ? block.end : (blocks[index + 1]?.end ?? block.end)) : at.focus > block.start ? block.start : (blocks[index - 1]?.start ?? block.start);
          unit = 'line';
          break;
        }
        focus = modifyByLine(body, blocks, at.anchor, at.focus, forward ? 'forward' : 'backward', 'line', extend) ?? (forward ? lastEnd : firstStart);
        unit = 'line';
        break;
      }
      case 'Home':
      case 'End': {
        const forward = e.key === 'End';
        focus = mod ? (forward ? lastEnd : firstStart) : (modifyByLine(body, blocks, at.anchor, at.focus, forward ? 'forward' : 'backward', 'lineboundary', extend) ?? (forward ? lastEnd : firstStart));
        unit = 'line';
        break;
      }
      default:
        return false;
    }

    const anchor = extend ? at.anchor : focus;
    select(anchor, focus);
    if (extend) {
      const grew = Math.abs(focus - anchor) > Math.abs(at.focus - at.anchor);
      const delta = text.slice(Math.min(at.focus, focus), Math.max(at.focus, focus));
      if (delta.trim()) announce(`${spoken(delta)} ${grew ? 'selected' : 'unselected'}.`, 'caret');
    } else if (unit === 'line') {
      announce(spoken(lineTextAt(body, blocks, text, focus)) || 'blank', 'caret');
    } else {
      const passed = text.slice(Math.min(at.focus, focus), Math.max(at.focus, focus));
      announce(unit === 'word' ? spoken(passed) || characterName(passed) : characterName(passed.length > 2 ? passed.trim() || passed : passed), 'caret');
    }
    return true;
  };

  const visible = on && focused && box !== null;
  const caretOverlay: ReactNode = visible ? <span className="reader-caret" aria-hidden="true" style={{ left: box.left, top: box.top, height: box.height }} /> : null;
  const hint: ReactNode = (
    <p id={hintId} className="reader-caret-hint" hidden={!(on && focused)}>
      {t('reader.caret.hint', { word: isMac ? 'Option' : 'Ctrl' })}
    </p>
  );

  return {
    on,
    caretOverlay,
    hint,
    hintId,
    scrollerRef: scroller,
    handlers: { onFocus, onBlur, onKeyDown },
    placeCaret,
    focusText,
    /** The caret's focus offset, if there is one. */
    caretOffset: () => current()?.focus ?? null,
  };
}
