import { useEffect, useMemo, useState } from 'react';
import type { NoteRecord } from '../../../shared/domain/types';
import { useNote } from '../../db/hooks';
import { isEmptyNote, saveNoteContent } from '../../db/repositories';
import { BriefEditor, type BriefChange } from '../../editor/BriefEditor';
import { createAutosave } from '../../lib/autosave';
import { registerFlusher } from '../../lib/flush';
import { useNotices } from '../../lib/notices';
import { ExportBriefButton } from '../export/ExportBriefButton';

type SaveState = 'saved' | 'pending' | 'saving' | 'error' | 'refused';

const STATUS_TEXT: Record<SaveState, string> = {
  saved: 'Saved',
  pending: 'Saving…',
  saving: 'Saving…',
  error: 'Not saved — retrying',
  refused: 'Empty brief not saved',
};

/** Binds one note to the editor and autosaves it (debounced, flushed on leave). */
function NoteEditor({ note }: { note: NoteRecord }) {
  const notices = useNotices();
  const [status, setStatus] = useState<SaveState>('saved');

  const autosave = useMemo(
    () =>
      createAutosave<BriefChange>({
        debounceMs: 1000,
        maxWaitMs: 5000,
        // An empty editor (still loading, or cleared) is not saved until something is typed.
        isEmpty: (change) => isEmptyNote(change.content, change.plainText),
        save: async (change) => {
          const result = await saveNoteContent(note.id, { content: change.content, plainText: change.plainText });
          if (!result.saved && result.reason === 'empty-over-nonempty') setStatus('refused');
        },
        onStatus: (s) => setStatus((prev) => (s === 'saved' && prev === 'refused' ? prev : s)),
      }),
    [note.id],
  );

  useEffect(() => {
    const unregister = registerFlusher(() => autosave.flush());
    return () => {
      unregister();
      void autosave.dispose();
    };
  }, [autosave]);

  return (
    <>
      <div className="brief-status" role="status" aria-live="polite" data-state={status}>
        {STATUS_TEXT[status]}
      </div>
      <BriefEditor
        initialContent={note.content}
        onChange={(change) => {
          setStatus('pending');
          autosave.schedule(change);
        }}
        onBlur={() => void autosave.flush()}
        onError={(error) => notices.error(`The editor hit a problem: ${error.message}`)}
      />
    </>
  );
}

export function BriefPane({ noteId }: { noteId: string | undefined }) {
  const note = useNote(noteId);
  return (
    <section className="brief" aria-labelledby="brief-heading">
      <div className="pane-heading">
        <h2 id="brief-heading">{note?.title ?? 'Brief'}</h2>
        <ExportBriefButton caseId={note?.caseId ?? ''} noteId={noteId} />
      </div>
      {note ? <NoteEditor key={note.id} note={note} /> : <p className="muted pad">{noteId ? 'Loading…' : 'This case has no brief.'}</p>}
    </section>
  );
}
