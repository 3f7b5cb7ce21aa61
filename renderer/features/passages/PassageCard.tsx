import { useEffect, useRef, useState } from 'react';
import type { ClaimRecord, PassageRecord, SourceRecord } from '../../../shared/domain/types';
import { updatePassage } from '../../db/repositories';
import { announce } from '../../lib/announce';
import { Icon } from '../../lib/icons';
import { briefWriter } from '../../editor/briefCommands';
import { navigate } from '../../lib/navigation';
import { useNotices } from '../../lib/notices';
import { TagInput } from '../tags/TagInput';
import { isRecognisedRange, uncertainWordsIn } from '../../../shared/import/ocr';
import { locatorLabel } from './labels';
import { useDeletePassage } from './useDeletePassage';

export interface PassageCardProps {
  passage: PassageRecord;
  source: SourceRecord | undefined;
  claims: ClaimRecord[];
  /** Where to show it (viewport coordinates), near the passage. */
  anchor: { left: number; top: number } | null;
  focusComment?: boolean;
  /** The passage was made just now (Highlight, Comment): tagging it is announced as "Highlight added, tagged …". */
  justCreated?: boolean;
  onClose(): void;
}

/** The card for one passage: its quote, tags, comment, linked claims, and delete with Undo. */
export function PassageCard({ passage, source, claims, anchor, focusComment, justCreated, onClose }: PassageCardProps) {
  const card = useRef<HTMLDivElement>(null);
  const commentField = useRef<HTMLTextAreaElement>(null);
  const [comment, setComment] = useState(passage.comment);
  const linked = claims.filter((c) => c.evidence.some((e) => e.passageId === passage.id));
  const [, position] = passage.selectors;
  const recognised = source !== undefined && passage.anchor !== 'orphaned' && isRecognisedRange(source, position.start, position.end);
  const uncertain = recognised ? uncertainWordsIn(source, position.start, position.end) : [];

  useEffect(() => setComment(passage.comment), [passage.id, passage.comment]);
  useEffect(() => {
    if (focusComment) commentField.current?.focus();
    else (card.current?.querySelector<HTMLElement>('[role="combobox"]') ?? card.current?.querySelector<HTMLElement>('button'))?.focus();
    // Focus once per opened passage.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [passage.id]);

  const saveComment = async () => {
    if (comment !== passage.comment) await updatePassage(passage.id, { comment: comment.trim() });
  };

  const notices = useNotices();
  /**
   * Close at once, the comment saving behind: the card must not stay over the text while the write
   * reaches the disk (a person's next selection would land on it). A failed save keeps the words.
   */
  const close = () => {
    const typed = comment;
    saveComment().catch((error: unknown) =>
      notices.error(`The comment could not be saved (${error instanceof Error ? error.message : String(error)}). It read: “${typed.trim()}”`),
    );
    onClose();
  };
  const deleteButton = useRef<HTMLButtonElement>(null);
  /** Store the new tags and say what changed, for screen readers. */
  const setTags = (next: string[], change: { added?: string; removed?: string }) => {
    updatePassage(passage.id, { tags: next }).then(
      () => {
        if (change.added) announce(`${justCreated ? 'Highlight added, tagged' : 'Tagged'} ${change.added}.`);
        else if (change.removed) announce(`Tag ${change.removed} removed.`);
      },
      (error: Error) => notices.error(error.message),
    );
  };

  const deletion = useDeletePassage(onClose, deleteButton);

  const writeIntoBrief = (how: 'cite' | 'quote') => {
    const writer = briefWriter();
    if (!writer) {
      notices.error('Open a note in the brief pane first: there is nowhere to put the citation.');
      return;
    }
    navigate({ kind: 'show-brief' });
    if (how === 'cite') writer.insertCitation(passage.id);
    else writer.insertQuote(passage.id);
    notices.toast(how === 'cite' ? 'Cited in the brief.' : 'Quoted in the brief.');
  };

  const style = anchor
    ? { left: Math.max(8, Math.min(window.innerWidth - 380, anchor.left)), top: Math.max(8, Math.min(window.innerHeight - 360, anchor.top)) }
    : undefined;

  return (
    <div
      ref={card}
      className={anchor ? 'passage-card floating' : 'passage-card'}
      role="dialog"
      aria-label="Passage"
      style={style}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && !(e.target as HTMLElement).closest('[role="combobox"][aria-expanded="true"]')) {
          e.stopPropagation();
          close();
        }
      }}
    >
      <div className="passage-card-head">
        <span className="muted small-caps">
          {source?.metadata.title ?? 'Unknown source'} · {locatorLabel(passage.locator)}
          {passage.anchor === 'orphaned' ? ' · orphaned' : passage.anchor === 'fuzzy' ? ' · re-anchored approximately' : ''}
        </span>
        <button type="button" className="icon" aria-label="Close passage" onClick={close}>
          <Icon name="close" />
        </button>
      </div>
      <blockquote className="passage-quote">{passage.selectors[0].exact}</blockquote>
      {recognised && (
        <p className="passage-ocr-note">
          {uncertain.length
            ? `Recognised by OCR, with low confidence for ${uncertain.map((w) => `“${w}”`).join(', ')}: check against the page before quoting.`
            : 'Recognised by OCR: citations of it say “(OCR)”.'}
        </p>
      )}
      <TagInput caseId={passage.caseId} value={passage.tags} onChange={setTags} />
      <label className="field">
        Comment
        <textarea ref={commentField} rows={2} value={comment} onChange={(e) => setComment(e.target.value)} onBlur={() => void saveComment()} />
      </label>
      {linked.length > 0 && (
        <div className="passage-claims">
          <span className="muted">Evidence for</span>
          <ul>
            {linked.map((c) => (
              <li key={c.id}>
                <button type="button" className="link-button" onClick={() => navigate({ kind: 'open-claim', claimId: c.id })}>
                  {c.statement}
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
      {deletion.confirmation ?? (
        <div className="passage-card-actions">
          {passage.anchor !== 'orphaned' && (
            <>
              <button type="button" onClick={() => writeIntoBrief('cite')} title="Insert a citation where the brief's caret was">
                Cite in brief
              </button>
              <button type="button" onClick={() => writeIntoBrief('quote')} title="Insert a block quote of this passage with its citation">
                Quote in brief
              </button>
            </>
          )}
          <button type="button" ref={deleteButton} className="danger" onClick={() => void deletion.request(passage)}>
            Delete passage
          </button>
        </div>
      )}
    </div>
  );
}
