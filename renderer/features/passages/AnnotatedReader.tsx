import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { IntervalIndex } from '../../../shared/domain/intervals';
import type { ClaimRecord, PassageRecord, SourceRecord, TagRecord } from '../../../shared/domain/types';
import { TAG_PALETTE, isDescendant } from '../../../shared/claims/tags';
import { createPassage, setActiveSource } from '../../db/repositories';
import { createClaimForPassage } from '../../db/repositories/claims';
import { briefWriter } from '../../editor/briefCommands';
import { navigate, onNavigate } from '../../lib/navigation';
import { useNotices } from '../../lib/notices';
import { useFindInSource } from '../find/useFindInSource';
import { clearHighlights, flashRange, paintHighlights, setActiveHighlight } from '../../reader/highlights';
import { offsetAtPoint, offsetsToRange, rangeToOffsets } from '../../reader/offsets';
import { Reader } from '../../reader/Reader';
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
}

export interface AnnotatedReaderProps {
  caseId: string;
  source: SourceRecord | undefined;
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
  const [body, setBody] = useState<HTMLDivElement | null>(null);
  const [selected, setSelected] = useState<Selected | null>(null);
  const [card, setCard] = useState<OpenCard | null>(null);
  const [busy, setBusy] = useState(false);
  const [pendingReveal, setPendingReveal] = useState<{ passageId: string; openCard: boolean } | null>(null);
  const toolbar = useRef<HTMLDivElement>(null);
  const find = useFindInSource({ caseId, source, body });

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

  // The open card's passage is outlined.
  const cardPassage = card ? passages.find((p) => p.id === card.passageId) : undefined;
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
    return () => {
      cancelAnimationFrame(frame);
      document.removeEventListener('selectionchange', update);
    };
  }, [body, source]);

  // Alt+A moves focus into the toolbar for the current selection (keyboard access).
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey && !e.ctrlKey && !e.metaKey && e.key.toLowerCase() === 'a' && selected) {
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
      const writer = kind === 'cite' ? briefWriter() : null;
      if (kind === 'cite' && !writer) {
        notices.error('Open a note in the brief pane first: there is nowhere to put the citation.');
        return;
      }
      setBusy(true);
      try {
        const passage = await createPassage(source, selected.start, selected.end);
        document.getSelection()?.removeAllRanges();
        setSelected(null);
        if (writer) {
          onShowBrief();
          writer.insertCitation(passage.id);
          notices.toast('Cited in the brief.');
        } else if (kind === 'claim') {
          const claim = await createClaimForPassage(caseId, passage.id, { statement: passage.selectors[0].exact });
          onShowClaims();
          navigate({ kind: 'open-claim', claimId: claim.id });
        } else {
          setCard({ passageId: passage.id, anchor: { left: selected.rect.left, top: selected.rect.bottom + 8 }, focusComment: kind === 'comment' });
        }
      } catch (error) {
        notices.error((error as Error).message);
      } finally {
        setBusy(false);
      }
    },
    [caseId, notices, onShowBrief, onShowClaims, selected, source],
  );

  // Reveal requests: switch source if needed, then scroll and flash.
  useEffect(
    () =>
      onNavigate((request) => {
        if (request.kind !== 'reveal-passage' && request.kind !== 'open-passage-card') return;
        const passage = passages.find((p) => p.id === request.passageId);
        if (!passage) return;
        if (passage.anchor === 'orphaned') {
          setCard({ passageId: passage.id, anchor: null, focusComment: false });
          return;
        }
        setPendingReveal({ passageId: passage.id, openCard: request.kind === 'open-passage-card' });
        if (passage.sourceId !== source?.id) void setActiveSource(caseId, passage.sourceId);
      }),
    [caseId, passages, source?.id],
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
    if (hit) setCard({ passageId: hit.passage.id, anchor: { left: e.clientX - 40, top: e.clientY + 16 }, focusComment: false });
  };

  const onTextKeyDown = (e: React.KeyboardEvent<HTMLElement>) => {
    if (e.key !== 'Enter' || !body) return;
    const sel = document.getSelection();
    if (!sel?.rangeCount) return;
    const range = sel.getRangeAt(0);
    const offsets = rangeToOffsets(body, range, source?.text ?? '');
    const at = offsets?.start ?? null;
    const hit = at === null ? undefined : index.at(at)[0];
    if (hit) {
      e.preventDefault();
      const rect = range.getBoundingClientRect();
      setCard({ passageId: hit.passage.id, anchor: { left: rect.left, top: rect.bottom + 8 }, focusComment: false });
    }
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
          {find.bar}
          {source && <HiddenTextNote source={source} />}
        </>
      }
      bodyRef={setBody}
      onTextClick={onTextClick}
      onTextKeyDown={onTextKeyDown}
      overlay={
        <>
          {selected && (
            <SelectionToolbar
              ref={toolbar}
              rect={selected.rect}
              busy={busy}
              onHighlight={() => void act('highlight')}
              onNewClaim={() => void act('claim')}
              onComment={() => void act('comment')}
              onCite={() => void act('cite')}
              onDismiss={() => {
                document.getSelection()?.removeAllRanges();
                setSelected(null);
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
              onClose={() => setCard(null)}
            />
          )}
        </>
      }
    />
  );
}
