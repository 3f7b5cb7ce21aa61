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

const timeFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });

/**
 * Two tabs or windows edited the same note. Shows both versions side by side and
 * lets the person combine them (a merge that keeps every word either side typed),
 * keep this tab's, or take the other one. It cannot be dismissed without a choice:
 * until then this tab's text is kept unsaved here and in a recovery copy.
 */
export function NoteConflictDialog({ title, theirs, mine, onChoose }: NoteConflictDialogProps) {
  const dialog = useModalDialog();
  return (
    <dialog
      ref={dialog}
      className="dialog note-conflict"
      aria-labelledby="note-conflict-title"
      aria-describedby="note-conflict-text"
      onCancel={(e) => e.preventDefault()}
    >
      <h2 id="note-conflict-title">This note changed in another tab or window</h2>
      <p id="note-conflict-text">“{title}” was saved in another tab or window while you were typing here. Nothing has been lost: choose which text to keep.</p>
      <div className="note-conflict-versions">
        <section aria-labelledby="note-conflict-theirs">
          <h3 id="note-conflict-theirs">Other tab or window (saved {timeFormat.format(theirs.updatedAt)})</h3>
          <div className="note-conflict-text" role="region" aria-label="Version from the other tab or window" tabIndex={0}>
            {theirs.plainText || <em>(empty)</em>}
          </div>
        </section>
        <section aria-labelledby="note-conflict-mine">
          <h3 id="note-conflict-mine">This tab (not saved yet)</h3>
          <div className="note-conflict-text" role="region" aria-label="Version from this tab" tabIndex={0}>
            {mine.plainText || <em>(empty)</em>}
          </div>
        </section>
      </div>
      <p className="muted note-conflict-help">
        Combine both keeps every paragraph and word either side added, the other version’s first where both changed the same place. Keep this tab’s
        version replaces the other one; Use the other version drops what you typed here.
      </p>
      <div className="dialog-buttons">
        <button type="button" onClick={() => onChoose('theirs')}>
          Use the other version
        </button>
        <button type="button" onClick={() => onChoose('mine')}>
          Keep this tab’s version
        </button>
        <button type="button" className="primary" onClick={() => onChoose('combine')}>
          Combine both
        </button>
      </div>
    </dialog>
  );
}
