import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { $dfs } from '@lexical/utils';
import type { NodeKey } from 'lexical';
import { t } from '../../i18n';
import { locatorLabel } from '../../lib/locatorLabel';
import { STATUS_LABEL } from '../../lib/claimLabels';
import { navigate } from '../../lib/navigation';
import { citationTrouble, sourceTitle, useBriefData, type BriefData } from '../briefData';
import { $isCitationNode, CITATION_ATTR, CitationNode, citationViews, paintCitation } from '../nodes/CitationNode';

interface Card {
  passageId: string;
  claimId: string | undefined;
  n: number;
  rect: { left: number; top: number; bottom: number };
}

const QUOTE_PREVIEW = 420;

function citationElement(target: EventTarget | null): HTMLElement | null {
  return target instanceof Element ? (target.closest(`[${CITATION_ATTR}]`) as HTMLElement | null) : null;
}

/** The accessible description of a citation: its quote, or why it has none. */
function describe(data: BriefData, passageId: string): string {
  const trouble = citationTrouble(data, passageId);
  if (trouble === 'deleted') return t('citation.deleted');
  const passage = data.passagesById.get(passageId)!;
  if (trouble === 'orphaned') return t('citation.orphaned', { quote: passage.selectors[0].exact });
  return passage.selectors[0].exact;
}

/** Follow a citation: reveal the passage in the reader, or explain why it cannot be. */
export function openCitation(data: BriefData, passageId: string): void {
  const trouble = citationTrouble(data, passageId);
  if (trouble === 'deleted') return;
  navigate({ kind: trouble === 'orphaned' ? 'open-passage-card' : 'reveal-passage', passageId });
}

/**
 * Numbers every citation in order of first appearance (repeats reuse the
 * number), marks citations whose passage is gone, and gives each citation its
 * hover/focus card and click/Enter navigation. Numbers and descriptions are
 * painted straight onto the citation elements, so renumbering costs no editor
 * update, no history entry and no save.
 */
export function CitationsPlugin() {
  const [editor] = useLexicalComposerContext();
  const data = useBriefData();
  const dataRef = useRef(data);
  dataRef.current = data;
  const [card, setCard] = useState<Card | null>(null);

  const renumber = useCallback(() => {
    const current = dataRef.current;
    const found: [NodeKey, string][] = [];
    editor.getEditorState().read(() => {
      for (const { node } of $dfs()) if ($isCitationNode(node)) found.push([node.getKey(), node.getPassageId()]);
    });
    const views = citationViews(editor);
    views.clear();
    for (const [, passageId] of found) {
      if (!views.has(passageId)) views.set(passageId, { n: views.size + 1, missing: citationTrouble(current, passageId) !== null });
    }
    for (const [key, passageId] of found) {
      const el = editor.getElementByKey(key);
      if (!el) continue;
      paintCitation(el, views.get(passageId));
      const description = describe(current, passageId);
      if (el.getAttribute('aria-description') !== description) el.setAttribute('aria-description', description);
    }
  }, [editor]);

  // Renumber when citations are added, removed or moved, and when records change.
  useEffect(() => editor.registerMutationListener(CitationNode, () => renumber(), { skipInitialization: false }), [editor, renumber]);
  const firstData = useRef(data);
  useEffect(() => {
    // At mount the mutation listener has just numbered everything; repaint only when records change later.
    if (firstData.current === data) return;
    firstData.current = data;
    renumber();
  }, [data, renumber]);

  // Hover and focus show the card; click, Enter and Space follow the citation.
  useEffect(() => {
    const show = (el: HTMLElement) => {
      const passageId = el.dataset.passageId;
      if (!passageId) return;
      const rect = el.getBoundingClientRect();
      setCard({
        passageId,
        claimId: el.dataset.claimId,
        n: citationViews(editor).get(passageId)?.n ?? 0,
        rect: { left: rect.left, top: rect.top, bottom: rect.bottom },
      });
    };
    const onOver = (e: Event) => {
      const el = citationElement(e.target);
      if (el) show(el);
    };
    const onOut = (e: Event) => {
      const el = citationElement(e.target);
      const to = (e as MouseEvent | FocusEvent).relatedTarget;
      if (el && !(to instanceof Node && el.contains(to))) setCard((c) => (c && c.passageId === el.dataset.passageId ? null : c));
    };
    const onClick = (e: MouseEvent) => {
      const el = citationElement(e.target);
      if (!el?.dataset.passageId) return;
      e.preventDefault();
      openCitation(dataRef.current, el.dataset.passageId);
    };
    const onKey = (e: KeyboardEvent) => {
      const el = citationElement(e.target);
      if (!el?.dataset.passageId) return;
      if (e.key === 'Escape') {
        setCard(null);
        e.stopPropagation();
        return;
      }
      if (e.key === 'Enter' || e.key === ' ') {
        // Captured before Lexical sees it: Enter on a citation follows it, it never splits the paragraph.
        e.preventDefault();
        e.stopPropagation();
        openCitation(dataRef.current, el.dataset.passageId);
      }
    };
    const listeners: [string, (e: never) => void, boolean][] = [
      ['mouseover', onOver, false],
      ['mouseout', onOut, false],
      ['focusin', onOver, false],
      ['focusout', onOut, false],
      ['click', onClick, false],
      ['keydown', onKey, true],
    ];
    return editor.registerRootListener((root, prev) => {
      for (const [type, listener, capture] of listeners) {
        prev?.removeEventListener(type, listener as EventListener, capture);
        root?.addEventListener(type, listener as EventListener, capture);
      }
    });
  }, [editor]);

  return card ? createPortal(<CitationCard card={card} data={data} />, document.body) : null;
}

function CitationCard({ card, data }: { card: Card; data: BriefData }) {
  const ref = useRef<HTMLDivElement>(null);
  const [pos, setPos] = useState<{ left: number; top: number }>({ left: card.rect.left, top: card.rect.bottom + 6 });
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const { width, height } = el.getBoundingClientRect();
    const below = card.rect.bottom + 6 + height <= window.innerHeight - 8;
    setPos({
      left: Math.max(8, Math.min(window.innerWidth - width - 8, card.rect.left - 24)),
      top: below ? card.rect.bottom + 6 : Math.max(8, card.rect.top - height - 6),
    });
  }, [card]);

  const trouble = citationTrouble(data, card.passageId);
  const passage = data.passagesById.get(card.passageId);
  const source = passage ? data.sourcesById.get(passage.sourceId) : undefined;
  const claim = card.claimId ? data.claimsById.get(card.claimId) : undefined;
  const quote = passage?.selectors[0].exact ?? '';
  return (
    <div ref={ref} className="cite-card" role="tooltip" id="cite-card" style={{ left: pos.left, top: pos.top }} data-trouble={trouble ?? undefined}>
      <div className="cite-card-head">
        <span className="cite-card-n">{t('citation.label', { n: card.n })}</span>
        {claim && (
          <span className="status-badge" data-status={claim.status}>
            {STATUS_LABEL[claim.status]}
          </span>
        )}
      </div>
      {trouble === 'deleted' ? (
        <p className="cite-card-missing">{t('citation.cardDeleted')}</p>
      ) : (
        <>
          {trouble === 'orphaned' && <p className="cite-card-missing">{t('citation.cardOrphaned')}</p>}
          <blockquote className="cite-card-quote" dir="auto">
            {t('citation.cardQuote', { quote: quote.length > QUOTE_PREVIEW ? `${quote.slice(0, QUOTE_PREVIEW).trimEnd()}…` : quote })}
          </blockquote>
          <p className="cite-card-source">
            {sourceTitle(source)}
            {passage ? `, ${locatorLabel(passage.locator)}` : ''}
          </p>
          {claim && <p className="cite-card-claim">{t('citation.cardClaim', { statement: claim.statement })}</p>}
          <p className="cite-card-hint">{t('citation.cardHint')}</p>
        </>
      )}
    </div>
  );
}
