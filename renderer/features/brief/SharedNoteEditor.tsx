import { useEffect, useMemo, useRef, useState } from 'react';
import type { NoteRecord } from '../../../shared/domain/types';
import { isClosedError, runWithOrigin } from '../../db';
import { createNote, getMeta, isEmptyNote, saveNoteContent, setMeta } from '../../db/repositories';
import { BriefEditor, type BriefChange, type BriefCollab } from '../../editor/BriefEditor';
import type { RevealRequest } from '../../editor/plugins/RevealTextPlugin';
import type { TFunction } from 'i18next';
import { useTranslation } from '../../i18n';
import { createAutosave, NOTE_SAVE_TIMING, type AutosaveStatus } from '../../lib/autosave';
import { registerFlusher } from '../../lib/flush';
import { useNotices } from '../../lib/notices';
import { useCaseReadOnly } from '../../lib/readOnly';
import { registerUnsaved } from '../../lib/unsaved';
import { beforeSharingKey, type CaseSync } from '../sync/engine';
import { clearStorageTrouble, reportSaveFailure } from '../storage/trouble';

type SaveState = AutosaveStatus | 'full' | 'closed';

/**
 * A note of a shared case. Its text lives in the note's Y.Doc (typed by every
 * member, merged character by character, kept offline by y-indexeddb); the
 * note's record in the database is a copy of it, written from the editor's
 * state after each change (the autosave), so search, export and citations
 * read it as before.
 *
 * That copy is written as a 'sync' change, as anything that arrived from the
 * team is: the change feed does not send it to the case document (the text
 * travels only in the note's own document, never twice), and a read-only
 * member's locked copy still takes it. There is no stale-version check and
 * no conflict dialog here: two tabs or two members editing the same note are
 * merged by the document, and every copy written is the merged text as this
 * editor has it.
 */
export function SharedNoteEditor({ note, reveal, sync }: { note: NoteRecord; reveal: RevealRequest | null; sync: CaseSync }) {
  const { t } = useTranslation();
  const notices = useNotices();
  const { readOnly } = useCaseReadOnly();
  const [status, setStatus] = useState<SaveState>('saved');
  const [collab, setCollab] = useState<BriefCollab | null>(null);
  // Until its text has loaded, the note is not shown: an empty editor that fills a moment later reads as a lost note.
  const [ready, setReady] = useState(false);
  // The stored text, read once: what this device seeds an empty document with, when it may.
  const [initial] = useState(() => note.content);
  const latest = useRef<BriefChange | null>(null);
  const noteRef = useRef(note);
  noteRef.current = note;
  const readOnlyRef = useRef(readOnly);
  readOnlyRef.current = readOnly;

  useEffect(() => {
    let live = true;
    let destroy: (() => Promise<void>) | null = null;
    let offReady = () => {};
    void (async () => {
      const opened = await sync.openNote({ id: note.id, ...(note.createdBy ? { createdBy: note.createdBy } : {}) });
      if (live && !opened.seeds) await keepTextFromBeforeSharing(noteRef.current, readOnlyRef.current, (message) => notices.toast(message), t);
      return opened;
    })().then(({ provider, seeds, name, color }) => {
      if (!live) return void provider.destroy();
      destroy = () => provider.destroy();
      offReady = provider.onReady(() => live && setReady(true));
      setCollab({
        id: note.id,
        providerFactory: (id, docs) => {
          docs.set(id, provider.doc);
          return provider.asProvider();
        },
        shouldBootstrap: seeds,
        username: name,
        cursorColor: color,
      });
    });
    return () => {
      live = false;
      offReady();
      void destroy?.();
    };
    // One document per note for the editor's life; the parent remounts for another note.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [sync, note.id]);


  const autosave = useMemo(
    () =>
      createAutosave<BriefChange>({
        ...NOTE_SAVE_TIMING,
        // Empty until the document has loaded: never stored over the text.
        isEmpty: (change) => isEmptyNote(change.content, change.plainText),
        save: async (change) => {
          await runWithOrigin('sync', () => saveNoteContent(note.id, { content: change.content, plainText: change.plainText }));
        },
        onStatus: (s, error) => {
          const storage = s === 'error' && reportSaveFailure(error);
          if (s === 'saved') clearStorageTrouble();
          setStatus(storage ? (isClosedError(error) ? 'closed' : 'full') : s);
        },
      }),
    [note.id],
  );

  useEffect(() => {
    const unregister = registerFlusher(() => autosave.flush());
    const unregisterUnsaved = registerUnsaved(() => (autosave.status === 'saved' || !latest.current ? null : { title: noteRef.current.title, text: latest.current.plainText }));
    return () => {
      unregister();
      unregisterUnsaved();
      void autosave.dispose();
    };
  }, [autosave]);

  return (
    <>
      <div className="brief-status" role="status" aria-live="polite" data-state={status}>
        {t(`brief.status.${status}`)}
      </div>
      {!ready && (
        <p className="brief-loading" role="status">
          {t('brief.loadingShared')}
        </p>
      )}
      {collab && (
        <div className="brief-shared" hidden={!ready}>
          <BriefEditor
            key={note.id}
            initialContent={initial}
            collab={collab}
            onChange={(change) => {
              latest.current = change;
              autosave.schedule(change);
            }}
            onBlur={() => void autosave.flush()}
            onError={(error) => notices.error(t('brief.editorError', { reason: error.message }))}
            reveal={reveal}
            editable={!readOnly}
          />
        </div>
      )}
    </>
  );
}

/**
 * Before briefs were shared, each member's copy of a note had text of its own.
 * The first time a member who does not seed a note opens it in its shared
 * document, text they had stored in it would be replaced by the team's, so it
 * is kept first in a note of its own (which they, its author, then seed).
 * Once per note and profile; a read-only member cannot add notes.
 */
async function keepTextFromBeforeSharing(note: NoteRecord, readOnly: boolean, toast: (message: string) => void, t: TFunction): Promise<void> {
  const key = beforeSharingKey(note.id);
  try {
    if (await getMeta<boolean>(key)) return;
    if (!readOnly && !isEmptyNote(note.content, note.plainText)) {
      const kept = await createNote(note.caseId, t('brief.keptBeforeSharingTitle', { title: note.title }), t('brief.untitledNote'));
      await saveNoteContent(kept.id, { content: note.content, plainText: note.plainText });
      toast(t('brief.keptBeforeSharing', { title: note.title, kept: kept.title }));
    }
    await setMeta(key, true);
  } catch {
    // Not kept this time (storage trouble): asked again when the note is next opened.
  }
}
