import { useEffect, useRef, useState } from 'react';
import type { ClaimRecord, PassageRecord, SourceRecord } from '../../../shared/domain/types';
import { updatePassage } from '../../db/repositories';
import { failureText, useTranslation } from '../../i18n';
import { announce } from '../../lib/announce';
import { Icon } from '../../lib/icons';
import { briefWriter } from '../../editor/briefCommands';
import { navigate } from '../../lib/navigation';
import { useNotices } from '../../lib/notices';
import { useCaseReadOnly } from '../../lib/readOnly';
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
  const { t } = useTranslation();
  const card = useRef<HTMLDivElement>(null);
  const commentField = useRef<HTMLTextAreaElement>(null);
  const [comment, setComment] = useState(passage.comment);
  const { readOnly, reason } = useCaseReadOnly();
  const linked = claims.filter((c) => c.evidence.some((e) => e.passageId === passage.id));
  const [, position] = passage.selectors;
  const recognised = source !== undefined && passage.anchor !== 'orphaned' && isRecognisedRange(source, position.start, position.end);
  const uncertain = recognised ? uncertainWordsIn(source, position.start, position.end) : [];

  useEffect(() => setComment(passage.comment), [passage.id, passage.comment]);
  useEffect(() => {
    if (focusComment) commentField.current?.focus();
    else (card.current?.querySelector<HTMLElement>('[role="combobox"]:not(:disabled)') ?? card.current?.querySelector<HTMLElement>('button:not(:disabled)'))?.focus();
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
      notices.error(t('passage.commentFailed', { reason: failureText(error), comment: typed.trim() })),
    );
    onClose();
  };
  const deleteButton = useRef<HTMLButtonElement>(null);
  /** Store the new tags and say what changed, for screen readers. */
  const setTags = (next: string[], change: { added?: string; removed?: string }) => {
    updatePassage(passage.id, { tags: next }).then(
      () => {
        if (change.added) announce(justCreated ? t('passage.highlightTagged', { tag: change.added }) : t('passage.tagged', { tag: change.added }));
        else if (change.removed) announce(t('passage.untagged', { tag: change.removed }));
      },
      (error: unknown) => notices.error(failureText(error)),
    );
  };

  const deletion = useDeletePassage(onClose, deleteButton);

  const writeIntoBrief = (how: 'cite' | 'quote') => {
    const writer = briefWriter();
    if (!writer) {
      notices.error(t('passage.noBrief'));
      return;
    }
    navigate({ kind: 'show-brief' });
    if (how === 'cite') writer.insertCitation(passage.id);
    else writer.insertQuote(passage.id);
    notices.toast(how === 'cite' ? t('passage.cited') : t('passage.quoted'));
  };

  const style = anchor
    ? { left: Math.max(8, Math.min(window.innerWidth - 380, anchor.left)), top: Math.max(8, Math.min(window.innerHeight - 360, anchor.top)) }
    : undefined;

  return (
    <div
      ref={card}
      className={anchor ? 'passage-card floating' : 'passage-card'}
      role="dialog"
      aria-label={t('passage.card')}
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
          {t(passage.anchor === 'orphaned' ? 'passage.headOrphaned' : passage.anchor === 'fuzzy' ? 'passage.headFuzzy' : 'passage.head', {
            source: source?.metadata.title ?? t('passage.unknownSource'),
            locator: locatorLabel(passage.locator),
          })}
        </span>
        <button type="button" className="icon" aria-label={t('passage.close')} onClick={close}>
          <Icon name="close" />
        </button>
      </div>
      <blockquote className="passage-quote" dir="auto">{passage.selectors[0].exact}</blockquote>
      {recognised && (
        <p className="passage-ocr-note">
          {uncertain.length ? t('passage.ocrUncertain', { words: uncertain.map((w) => t('common.quote', { text: w })).join(', ') }) : t('passage.ocrRecognised')}
        </p>
      )}
      <TagInput caseId={passage.caseId} value={passage.tags} onChange={setTags} />
      <label className="field">
        {t('passage.comment')}
        <textarea ref={commentField} rows={2} readOnly={readOnly} title={reason} value={comment} onChange={(e) => setComment(e.target.value)} onBlur={() => void saveComment()} />
      </label>
      {linked.length > 0 && (
        <div className="passage-claims">
          <span className="muted">{t('passage.evidenceFor')}</span>
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
              <button type="button" onClick={() => writeIntoBrief('cite')} disabled={readOnly} title={reason ?? t('passage.citeHint')}>
                {t('passage.cite')}
              </button>
              <button type="button" onClick={() => writeIntoBrief('quote')} disabled={readOnly} title={reason ?? t('passage.quoteHint')}>
                {t('passage.quote')}
              </button>
            </>
          )}
          <button type="button" ref={deleteButton} className="danger" disabled={readOnly} title={reason} onClick={() => void deletion.request(passage)}>
            {t('passage.delete')}
          </button>
        </div>
      )}
    </div>
  );
}
