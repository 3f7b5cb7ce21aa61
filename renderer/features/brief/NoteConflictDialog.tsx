import { currentLocale, useTranslation } from '../../i18n';
import { useModalDialog } from '../../lib/useModalDialog';

export type ConflictChoice = 'combine' | 'mine' | 'theirs';

export interface NoteConflictDialogProps {
  title: string;
  /** The version saved by the other tab or window. */
  theirs: { plainText: string; updatedAt: number };
  /** This tab's unsaved version. */
  mine: { plainText: string };
  onChoose(choice: ConflictChoice): void;
}

/**
 * Two tabs or windows edited the same note. Shows both versions side by side and
 * lets the person combine them (a merge that keeps every word either side typed),
 * keep this tab's, or take the other one. It cannot be dismissed without a choice:
 * until then this tab's text is kept unsaved here and in a recovery copy.
 */
export function NoteConflictDialog({ title, theirs, mine, onChoose }: NoteConflictDialogProps) {
  const { t } = useTranslation();
  const dialog = useModalDialog();
  const timeFormat = new Intl.DateTimeFormat(currentLocale(), { hour: '2-digit', minute: '2-digit', second: '2-digit' });
  return (
    <dialog
      ref={dialog}
      className="dialog note-conflict"
      aria-labelledby="note-conflict-title"
      aria-describedby="note-conflict-text"
      onCancel={(e) => e.preventDefault()}
    >
      <h2 id="note-conflict-title">{t('noteConflict.title')}</h2>
      <p id="note-conflict-text">{t('noteConflict.text', { title })}</p>
      <div className="note-conflict-versions">
        <section aria-labelledby="note-conflict-theirs">
          <h3 id="note-conflict-theirs">{t('noteConflict.theirs', { time: timeFormat.format(theirs.updatedAt) })}</h3>
          <div className="note-conflict-text" role="region" aria-label={t('noteConflict.theirsText')} tabIndex={0}>
            {theirs.plainText || <em>{t('noteConflict.empty')}</em>}
          </div>
        </section>
        <section aria-labelledby="note-conflict-mine">
          <h3 id="note-conflict-mine">{t('noteConflict.mine')}</h3>
          <div className="note-conflict-text" role="region" aria-label={t('noteConflict.mineText')} tabIndex={0}>
            {mine.plainText || <em>{t('noteConflict.empty')}</em>}
          </div>
        </section>
      </div>
      <p className="muted note-conflict-help">
        {t('noteConflict.help')}
      </p>
      <div className="dialog-buttons">
        <button type="button" onClick={() => onChoose('theirs')}>
          {t('noteConflict.theirsChoice')}
        </button>
        <button type="button" onClick={() => onChoose('mine')}>
          {t('noteConflict.mineChoice')}
        </button>
        <button type="button" className="primary" onClick={() => onChoose('combine')}>
          {t('noteConflict.combine')}
        </button>
      </div>
    </dialog>
  );
}
