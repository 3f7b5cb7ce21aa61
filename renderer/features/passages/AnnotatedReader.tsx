import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { IntervalIndex } from '../../../shared/domain/intervals';
import type { ClaimRecord, PassageRecord, SourceRecord, TagRecord } from '../../../shared/domain/types';
import { TAG_PALETTE, isDescendant } from '../../../shared/claims/tags';
import { readPassage, usePassage } from '../../db/hooks';
import { createPassage } from '../../db/repositories';
import { useWorkspace } from '../../lib/commands';
import { createClaimForPassage } from '../../db/repositories/claims';
import { briefWriter } from '../../editor/briefCommands';
import { currentLocale, failureText, ocrLanguageNames, t, Trans } from '../../i18n';
import { announce, Announcer } from '../../lib/announce';
import { navigate, onNavigate } from '../../lib/navigation';
import { useNotices } from '../../lib/notices';
import { useCaseReadOnly } from '../../lib/readOnly';
import { useFindInSource } from '../find/useFindInSource';
import { compactPages } from '../../../shared/import/ocr';
import { selectionOffsets, setCaretPassageHighlight } from '../../reader/caret';
import { clearHighlights, clearUncertainWords, flashRange, paintEntityMentions, paintHighlights, paintUncertainWords, setActiveHighlight } from '../../reader/highlights';
import { useEntityHighlight } from '../../lib/entityHighlight';
import { offsetAtPoint, offsetsToRange, rangeToOffsets } from '../../reader/offsets';
import { Reader } from '../../reader/Reader';
import { useCaretMode } from '../../reader/useCaretMode';
import { HiddenTextNote } from '../sources/ImportReport';
import { PassageCard } from './PassageCard';
import { SelectionToolbar } from './SelectionToolbar';

interface Selected {
  start: number;
  end: number;
  rect: { left: number; top: number; bottom: number; width: number };
}

interface OpenCard {
  passageId: string;
  anchor: { left: number; top: number } | null;
  focusComment: boolean;
  /** Opened from the text (a highlight, Enter, the toolbar): closing it puts focus back on the caret. */
  fromText?: boolean;
  /** Made just now with Highlight or Comment, for "Highlight added, tagged …". */
  justCreated?: boolean;
}

export interface AnnotatedReaderProps {
  caseId: string;
  source: SourceRecord | undefined;
  /** The open source's live passages (scoped by the caller; others are ignored). */
  passages: PassageRecord[];
  tags: TagRecord[];
  claims: ClaimRecord[];
  filterTagId: string | null;
  empty: ReactNode;
  actions?: ReactNode;
  /** Ask the app to show the Claims panel (after "New claim"). */
  onShowClaims(): void;
  /** Ask the app to show the brief (after "Cite in brief"). */
  onShowBrief(): void;
}

/** Colour slot of a passage: its first tag's palette index, or null when untagged. */
function slotOf(passage: PassageRecord, tagsById: Map<string, TagRecord>): number | null {
  const first = passage.tags.map((id) => tagsById.get(id)).find(Boolean);
  if (!first) return null;
  const index = TAG_PALETTE.indexOf(first.color);
  return index >= 0 ? index : 0;
}

/**
 * The reader with annotation: highlights painted through the CSS Custom
 * Highlight API, the selection toolbar, hit-testing clicks on highlights, the
 * passage card, and "reveal passage" requests from other panes.
 */
export function AnnotatedReader({ caseId, source, passages, tags, claims, filterTagId, empty, actions, onShowClaims, onShowBrief }: AnnotatedReaderProps) {
  const notices = useNotices();
  const { reason: readOnly } = useCaseReadOnly();
  const workspace = useWorkspace();
  const [body, setBody] = useState<HTMLDivElement | null>(null);
  const [selected, setSelected] = useState<Selected | null>(null);
  const [card, setCard] = useState<OpenCard | null>(null);
  const [busy, setBusy] = useState(false);
  const [pendingReveal, setPendingReveal] = useState<{ passageId: string; openCard: boolean } | null>(null);
  const [stepped, setStepped] = useState<string | null>(null);
  const toolbar = useRef<HTMLDivElement>(null);
  const find = useFindInSource({ source, body });

  const tagsById = useMemo(() => new Map(tags.map((t) => [t.id, t])), [tags]);
  const sourcePassages = useMemo(
    () => (source ? passages.filter((p) => p.sourceId === source.id && p.anchor !== 'orphaned') : []),
    [passages, source],
  );
  const visible = useMemo(() => {
    if (!filterTagId) return sourcePassages;
    const filterTag = tagsById.get(filterTagId);
    return sourcePassages.filter((p) =>
      p.tags.some((id) => id === filterTagId || (filterTag && tagsById.get(id) && isDescendant(tagsById.get(id)!.name, filterTag.name))),
    );
  }, [filterTagId, sourcePassages, tagsById]);
  const index = useMemo(() => new IntervalIndex(visible.map((p) => ({ start: p.selectors[1].start, end: p.selectors[1].end, passage: p }))), [visible]);
  const visibleRef = useRef(visible);
  visibleRef.current = visible;
  const ordered = useMemo(() => [...visible].sort((a, b) => a.selectors[1].start - b.selectors[1].start || a.selectors[1].end - b.selectors[1].end), [visible]);

  const tagNames = useCallback((p: PassageRecord) => p.tags.map((id) => tagsById.get(id)?.name).filter((n): n is string => Boolean(n)), [tagsById]);

  // Alt+N / Alt+Shift+N: the next or previous highlight from the caret; Enter opens its card.
  const stepPassage = (direction: 1 | -1, from: number) => {
    if (ordered.length === 0) {
      announce(filterTagId ? t('reader.highlights.noneWithTag') : t('reader.highlights.none'));
      return;
    }
    const at = ordered.findIndex((p) => p.id === stepped);
    const onStepped = at >= 0 && ordered[at]!.selectors[1].start === from;
    const target = onStepped
      ? ordered[at + direction]
      : direction === 1
        ? ordered.find((p) => p.selectors[1].start > from)
        : [...ordered].reverse().find((p) => p.selectors[1].start < from);
    if (!target) {
      announce(direction === 1 ? t('reader.highlights.noneAfter') : t('reader.highlights.noneBefore'));
      return;
    }
    setStepped(target.id);
    caretMode.placeCaret(target.selectors[1].start);
    const tags = tagNames(target);
    const step = {
      n: ordered.indexOf(target) + 1,
      count: ordered.length,
      quote: target.selectors[0].exact.length > 200 ? `${target.selectors[0].exact.slice(0, 199)}…` : target.selectors[0].exact,
    };
    announce(tags.length ? t('reader.highlights.steppedTagged', { ...step, tags: new Intl.ListFormat(currentLocale()).format(tags) }) : t('reader.highlights.stepped', step));
  };
  const caretMode = useCaretMode({ source, body, onStepPassage: stepPassage });
  const { placeCaret, focusText } = caretMode;

  // The stepped-to highlight is outlined until the caret leaves it.
  const steppedPassage = stepped ? visible.find((p) => p.id === stepped) : undefined;
  useEffect(() => {
    if (!body || !source || !steppedPassage) {
      setCaretPassageHighlight(null);
      return;
    }
    setCaretPassageHighlight(offsetsToRange(body, source.blocks, steppedPassage.selectors[1].start, steppedPassage.selectors[1].end));
  }, [body, source, steppedPassage]);
  useEffect(() => () => setCaretPassageHighlight(null), []);

  // Paint highlights whenever the text, the passages or their colours change.
  useEffect(() => {
    if (!body || !source) return;
    paintHighlights(
      body,
      source.blocks,
      visible.map((p) => ({ start: p.selectors[1].start, end: p.selectors[1].end, slot: slotOf(p, tagsById) })),
    );
  }, [body, source, visible, tagsById]);
  useEffect(() => () => clearHighlights(), []);

  // The entity chosen in the Entities pane: its mentions in this source.
  const entity = useEntityHighlight();
  useEffect(() => {
    const mentions = (source && entity?.mentions.get(source.id)) ?? [];
    if (!body || !source || mentions.length === 0) {
      paintEntityMentions([]);
      return;
    }
    paintEntityMentions(mentions.flatMap((m) => offsetsToRange(body, source.blocks, m.start, m.end) ?? []));
  }, [body, source, entity]);
  useEffect(() => () => paintEntityMentions([]), []);
  // Recognised words with low confidence carry their own mark, whatever the passages.
  useEffect(() => {
    if (!body || !source) return;
    paintUncertainWords(body, source.blocks, source.ocr?.uncertain ?? []);
  }, [body, source]);
  useEffect(() => () => clearUncertainWords(), []);
  const ocrNote = source?.ocr
    ? source.blocks.some((b) => b.kind === 'page')
      ? t('reader.ocr.summaryPaged', { count: source.ocr.pages.length, pages: compactPages(source.ocr.pages), languages: ocrLanguageNames(source.ocr.languages), engine: `${source.ocr.engine} ${source.ocr.version}` })
      : t('reader.ocr.summary', { languages: ocrLanguageNames(source.ocr.languages), engine: `${source.ocr.engine} ${source.ocr.version}` })
    : null;
  const uncertainCount = source?.ocr?.uncertain.length ?? 0;

  // The open card's passage is outlined.
  // The card's passage by ID: an orphan of another source has its card here too.
  const cardHere = card ? passages.find((p) => p.id === card.passageId) : undefined;
  const cardFetched = usePassage(card && !cardHere ? card.passageId : undefined);
  const cardPassage = cardHere ?? (card && cardFetched?.id === card.passageId ? cardFetched : undefined);
  useEffect(() => {
    if (!body || !source || !cardPassage || cardPassage.sourceId !== source.id || cardPassage.anchor === 'orphaned') {
      setActiveHighlight(null);
      return;
    }
    setActiveHighlight(offsetsToRange(body, source.blocks, cardPassage.selectors[1].start, cardPassage.selectors[1].end));
  }, [body, source, cardPassage]);
  // Close the card when its passage goes away (deleted here or elsewhere), but not
  // in the moment between creating a passage and the live query delivering it.
  const seenCard = useRef<string | null>(null);
  useEffect(() => {
    if (cardPassage) seenCard.current = cardPassage.id;
    else if (card && seenCard.current === card.passageId) setCard(null);
  }, [card, cardPassage]);

  // Track the selection inside the text.
  useEffect(() => {
    if (!body || !source) return;
    let frame = 0;
    const update = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => {
        const sel = document.getSelection();
        const caretAt = selectionOffsets(body)?.focus;
        if (caretAt !== undefined) {
          // Leaving the stepped-to highlight drops its outline.
          setStepped((id) => {
            const p = id ? visibleRef.current.find((v) => v.id === id) : undefined;
            return p && caretAt >= p.selectors[1].start && caretAt <= p.selectors[1].end ? id : null;
          });
        }
        if (!sel || sel.rangeCount === 0 || sel.isCollapsed) {
          if (!toolbar.current?.contains(document.activeElement)) setSelected(null);
          return;
        }
        const range = sel.getRangeAt(0);
        const offsets = rangeToOffsets(body, range, source.text);
        if (!offsets) {
          setSelected(null);
          return;
        }
        const rect = range.getBoundingClientRect();
        setSelected({ ...offsets, rect: { left: rect.left, top: rect.top, bottom: rect.bottom, width: rect.width } });
      });
    };
    document.addEventListener('selectionchange', update);
    // A selection made as the text arrived (before this listener) counts too.
    update();
    return () => {
      cancelAnimationFrame(frame);
      document.removeEventListener('selectionchange', update);
    };
  }, [body, source]);

  // Tell a screen reader the toolbar is there when a selection made in the text first shows it.
  const hadToolbar = useRef(false);
  useEffect(() => {
    if (selected && !hadToolbar.current && body?.parentElement?.contains(document.activeElement)) announce(t('reader.selectionHint'));
    hadToolbar.current = selected !== null;
  }, [body, selected]);

  // Alt+A moves focus into the toolbar for the current selection (keyboard access).
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey && !e.ctrlKey && !e.metaKey && !e.shiftKey && (e.code === 'KeyA' || e.key.toLowerCase() === 'a') && selected) {
        e.preventDefault();
        toolbar.current?.querySelector('button')?.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [selected]);

  const act = useCallback(
    async (kind: 'highlight' | 'claim' | 'comment' | 'cite') => {
      if (!source || !selected) return;
      if (readOnly) {
        notices.error(readOnly);
        return;
      }
      const writer = kind === 'cite' ? briefWriter() : null;
      if (kind === 'cite' && !writer) {
        notices.error(t('passage.noBrief'));
        return;
      }
      // Reached from the keyboard (Alt+A): focus comes back to the caret afterwards.
      const fromKeyboard = Boolean(toolbar.current?.contains(document.activeElement));
      setBusy(true);
      try {
        const passage = await createPassage(source, selected.start, selected.end);
        // The selection becomes a caret at the passage's end, where reading goes on.
        placeCaret(passage.selectors[1].end);
        setSelected(null);
        if (writer) {
          onShowBrief();
          writer.insertCitation(passage.id);
          notices.toast(t('passage.cited'));
          if (fromKeyboard) focusText();
        } else if (kind === 'claim') {
          const claim = await createClaimForPassage(caseId, passage.id, { statement: passage.selectors[0].exact });
          onShowClaims();
          navigate({ kind: 'open-claim', claimId: claim.id });
        } else {
          if (kind === 'highlight') announce(t('reader.highlightAdded'));
          setCard({ passageId: passage.id, anchor: { left: selected.rect.left, top: selected.rect.bottom + 8 }, focusComment: kind === 'comment', fromText: true, justCreated: true });
        }
      } catch (error) {
        notices.error(failureText(error));
      } finally {
        setBusy(false);
      }
    },
    [caseId, focusText, notices, onShowBrief, onShowClaims, placeCaret, readOnly, selected, source],
  );

  // Reveal requests: switch source if needed, then scroll and flash.
  useEffect(
    () =>
      onNavigate((request) => {
        if (request.kind !== 'reveal-passage' && request.kind !== 'open-passage-card') return;
        // This source's passages are at hand; another source's passage is read by ID.
        const here = passages.find((p) => p.id === request.passageId);
        void (here ? Promise.resolve(here) : readPassage(request.passageId)).then((passage) => {
          if (!passage) return;
          if (passage.anchor === 'orphaned') {
            setCard({ passageId: passage.id, anchor: null, focusComment: false });
            return;
          }
          setPendingReveal({ passageId: passage.id, openCard: request.kind === 'open-passage-card' });
          if (passage.sourceId !== source?.id) workspace.openSource(passage.sourceId);
        });
      }),
    [workspace, passages, source?.id],
  );
  useEffect(() => {
    if (!pendingReveal || !body || !source) return;
    const passage = passages.find((p) => p.id === pendingReveal.passageId);
    if (!passage || passage.sourceId !== source.id) return;
    const range = offsetsToRange(body, source.blocks, passage.selectors[1].start, passage.selectors[1].end);
    setPendingReveal(null);
    if (!range) return;
    (range.startContainer.parentElement ?? body).scrollIntoView({ block: 'center' });
    flashRange(range);
    if (pendingReveal.openCard) {
      const rect = range.getBoundingClientRect();
      setCard({ passageId: passage.id, anchor: { left: rect.left, top: rect.bottom + 8 }, focusComment: false });
    }
  }, [body, passages, pendingReveal, source]);

  const onTextClick = (e: React.MouseEvent<HTMLElement>) => {
    if (!body) return;
    const sel = document.getSelection();
    if (sel && !sel.isCollapsed) return;
    const offset = offsetAtPoint(body, e.clientX, e.clientY);
    const hit = offset === null ? undefined : index.at(offset)[0];
    if (hit) setCard({ passageId: hit.passage.id, anchor: { left: e.clientX - 40, top: e.clientY + 16 }, focusComment: false, fromText: true });
  };

  /** Enter on a highlight (the caret in it, or the one Alt+N stepped to) opens its card. */
  const openCardAtCaret = (): boolean => {
    if (!body || !source) return false;
    const at = caretMode.caretOffset();
    if (at === null) return false;
    const hits = index.at(at).map((h) => h.passage);
    // A caret right after a highlight's last character is still on it.
    if (hits.length === 0 && at > 0) hits.push(...index.at(at - 1).map((h) => h.passage));
    const passage = hits.find((p) => p.id === stepped) ?? hits[0];
    if (!passage) return false;
    const range = offsetsToRange(body, source.blocks, passage.selectors[1].start, passage.selectors[1].end);
    const rect = range?.getBoundingClientRect();
    setCard({ passageId: passage.id, anchor: rect ? { left: rect.left, top: rect.bottom + 8 } : null, focusComment: false, fromText: true });
    return true;
  };

  const onTextKeyDown = (e: React.KeyboardEvent<HTMLElement>) => {
    if (caretMode.handlers.onKeyDown(e)) {
      e.preventDefault();
      return;
    }
    if (e.key === 'Enter' && e.target === e.currentTarget && openCardAtCaret()) e.preventDefault();
  };

  const closeCard = () => {
    const closing = card;
    setCard(null);
    // Back to the caret, at the end of the passage, when the card was opened from the text and still had focus.
    if (!closing?.fromText || !cardPassage || cardPassage.sourceId !== source?.id || cardPassage.anchor === 'orphaned') return;
    const focus = document.activeElement;
    if (focus && focus !== document.body && !focus.closest('.passage-card')) return;
    caretMode.placeCaret(cardPassage.selectors[1].end, { focus: true });
  };

  return (
    <Reader
      source={source}
      empty={empty}
      actions={
        <>
          {find.button}
          {actions}
        </>
      }
      bar={
        <>
          {ocrNote && (
            <p className="reader-ocr-note">
              {ocrNote}{' '}
              {uncertainCount > 0 ? (
                <Trans i18nKey="reader.ocr.uncertain" count={uncertainCount} components={{ mark: <span className="ocr-sample" /> }} />
              ) : (
                t('reader.ocr.confident')
              )}
            </p>
          )}
          {find.bar}
          {source && <HiddenTextNote source={source} />}
        </>
      }
      bodyRef={setBody}
      onTextClick={onTextClick}
      onTextKeyDown={onTextKeyDown}
      onTextFocus={caretMode.handlers.onFocus}
      onTextBlur={caretMode.handlers.onBlur}
      textRef={caretMode.scrollerRef}
      textDescribedBy={caretMode.hintId}
      textOverlay={caretMode.caretOverlay}
      overlay={
        <>
          <Announcer />
          {caretMode.hint}
          {selected && (
            <SelectionToolbar
              ref={toolbar}
              rect={selected.rect}
              busy={busy}
              readOnly={readOnly}
              onHighlight={() => void act('highlight')}
              onNewClaim={() => void act('claim')}
              onComment={() => void act('comment')}
              onCite={() => void act('cite')}
              onDismiss={() => {
                // Escape: back to the caret in the text, the selection kept for another try.
                caretMode.focusText();
              }}
            />
          )}
          {cardPassage && card && (
            <PassageCard
              key={cardPassage.id}
              passage={cardPassage}
              source={source?.id === cardPassage.sourceId ? source : undefined}
              claims={claims}
              anchor={card.anchor}
              focusComment={card.focusComment}
              justCreated={card.justCreated}
              onClose={closeCard}
            />
          )}
        </>
      }
    />
  );
}
