import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { t as tNow, useTranslation } from '../../i18n';
import { briefPlainText, type SerializedBriefJSON } from '../../../shared/brief/build';
import { mergeNoteVersions } from '../../../shared/brief/merge';
import type { NoteRecord } from '../../../shared/domain/types';
import { createNote, deleteMeta, getMetaEntries, isEmptyNote, saveNoteContent, setMeta } from '../../db/repositories';
import { BriefEditor, type BriefChange } from '../../editor/BriefEditor';
import type { RevealRequest } from '../../editor/plugins/RevealTextPlugin';
import { createAutosave, NOTE_SAVE_TIMING } from '../../lib/autosave';
import { registerFlusher } from '../../lib/flush';
import { registerUnsaved } from '../../lib/unsaved';
import { isClosedError } from '../../db';
import { clearStorageTrouble, reportSaveFailure } from '../storage/trouble';
import { useNotices } from '../../lib/notices';
import { useCaseReadOnly } from '../../lib/readOnly';
import { caseSync, useSyncState } from '../sync/manager';
import { NoteConflictDialog, type ConflictChoice } from './NoteConflictDialog';
import { SharedNoteEditor } from './SharedNoteEditor';
import { announceNoteSaved, isPageOpen, onNoteSavedElsewhere, PAGE_ID } from './noteChannel';

type SaveState = 'saved' | 'pending' | 'saving' | 'error' | 'refused' | 'conflict' | 'reloaded' | 'full' | 'closed';

/** Each state's words are `brief.status.<state>`. */

/** This tab's text, as plain data. */
interface Version {
  content: unknown;
  plainText: string;
}

/** The stored version the editor's text is based on: its `updatedAt` and content (for a merge). */
interface Base {
  updatedAt: number;
  content: unknown;
}

interface Conflict {
  theirs: NoteRecord;
  mine: Version;
  base: Base;
}

/**
 * Where this tab's text waits while a conflict is open, so closing the tab loses
 * nothing. One per note and page; a later page offers the copies of pages that
 * are no longer open.
 */
const recoveryPrefix = (noteId: string) => `unsavedNote:${noteId}:`;
const recoveryKey = (noteId: string, pageId: string = PAGE_ID) => `${recoveryPrefix(noteId)}${pageId}`;
interface RecoveryCopy extends Version {
  base: Base;
  savedAt: number;
}

/** Thrown from a refused save so the autosave keeps the value as unsaved. */
class NoteConflictError extends Error {
  constructor() {
    super('The note changed in another tab or window.');
  }
}

/**
 * A note of a shared case is edited in its shared document (SharedNoteEditor);
 * any other note as below. Sharing or leaving a case while the note is open
 * remounts the editor the other way.
 */
export function NoteEditor({ note, reveal }: { note: NoteRecord; reveal: RevealRequest | null }) {
  useSyncState(note.caseId);
  const sync = caseSync(note.caseId);
  return sync ? <SharedNoteEditor key={`shared:${note.id}`} note={note} reveal={reveal} sync={sync} /> : <LocalNoteEditor key={`local:${note.id}`} note={note} reveal={reveal} />;
}

/**
 * Binds one note to the editor and autosaves it (debounced, flushed on leave),
 * with one writer at a time: every save names the stored version it was edited
 * from, and a save based on an older version than the stored one is refused.
 * When another tab or window saves the note, this one reloads it if it has no
 * unsaved edits, and otherwise shows both versions to choose from or combine.
 */
function LocalNoteEditor({ note, reveal }: { note: NoteRecord; reveal: RevealRequest | null }) {
  const { t } = useTranslation();
  const notices = useNotices();
  const { readOnly } = useCaseReadOnly();
  const [status, setStatus] = useState<SaveState>('saved');
  const [shown, setShown] = useState<{ content: unknown; key: number }>({ content: note.content, key: 0 });
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const base = useRef<Base>({ updatedAt: note.updatedAt, content: note.content });
  const latest = useRef<BriefChange | null>(null);
  const conflictRef = useRef<Conflict | null>(null);
  /** Recovery copies of closed pages being offered in the open conflict; removed once it is resolved. */
  const adopted = useRef<string[]>([]);
  const noteRef = useRef(note);
  noteRef.current = note;

  const openConflict = useCallback((theirs: NoteRecord, mine: Version) => {
    if (conflictRef.current && conflictRef.current.theirs.updatedAt >= theirs.updatedAt) return;
    const next: Conflict = { theirs, mine, base: base.current };
    conflictRef.current = next;
    setConflict(next);
    setStatus('conflict');
    const copy: RecoveryCopy = { content: mine.content, plainText: mine.plainText, base: base.current, savedAt: Date.now() };
    void setMeta(recoveryKey(theirs.id), copy).catch(() => undefined);
  }, []);

  /** Show a version stored elsewhere in the editor, as the new base. */
  const showStored = useCallback((stored: { updatedAt: number; content: unknown }, content: unknown = stored.content) => {
    base.current = { updatedAt: stored.updatedAt, content: stored.content };
    latest.current = null;
    setShown((s) => ({ content, key: s.key + 1 }));
  }, []);

  const autosave = useMemo(
    () =>
      createAutosave<BriefChange>({
        ...NOTE_SAVE_TIMING,
        // An empty editor (still loading, or cleared) is not saved until something is typed.
        isEmpty: (change) => isEmptyNote(change.content, change.plainText),
        save: async (change) => {
          const version = { content: change.content, plainText: change.plainText };
          const result = await saveNoteContent(note.id, { ...version, baseUpdatedAt: base.current.updatedAt });
          if (result.saved) {
            base.current = { updatedAt: result.note.updatedAt, content: result.note.content };
            announceNoteSaved(note.id, result.note.updatedAt);
            return;
          }
          if (result.reason === 'empty-over-nonempty') return setStatus('refused');
          if (result.reason === 'stale') {
            openConflict(result.note, version);
            throw new NoteConflictError();
          }
          // Deleted in another tab or window: what was typed here becomes a note of its own.
          const kept = await createNote(noteRef.current.caseId, tNow('brief.keptFromTabTitle', { title: noteRef.current.title }), tNow('brief.untitledNote'));
          await saveNoteContent(kept.id, version);
          notices.toast(tNow('brief.deletedElsewhere', { title: noteRef.current.title, kept: kept.title }));
        },
        onStatus: (s, error) => {
          // Storage full, or the database taken by another window: the app-wide dialog offers the text.
          const storage = s === 'error' && !(error instanceof NoteConflictError) && reportSaveFailure(error);
          if (s === 'saved') clearStorageTrouble();
          setStatus((prev) => {
            if (conflictRef.current) return 'conflict';
            if (storage) return isClosedError(error) ? 'closed' : 'full';
            return s === 'saved' && (prev === 'refused' || prev === 'reloaded') ? prev : s;
          });
        },
      }),
    [note.id, notices, openConflict],
  );

  useEffect(() => {
    const unregister = registerFlusher(() => autosave.flush());
    // What is typed but not stored, for the storage-trouble dialog to offer.
    const unregisterUnsaved = registerUnsaved(() => {
      const mine = conflictRef.current?.mine ?? (autosave.status === 'saved' ? null : latest.current);
      return mine ? { title: noteRef.current.title, text: mine.plainText } : null;
    });
    return () => {
      unregister();
      unregisterUnsaved();
      void autosave.dispose();
    };
  }, [autosave]);

  /** The stored note moved past the version this editor is based on: reload, or ask. */
  const onStoredChange = useCallback(
    (stored: NoteRecord) => {
      if (stored.updatedAt <= base.current.updatedAt || autosave.status === 'saving') return;
      if (autosave.status === 'saved' && !conflictRef.current) {
        showStored(stored);
        setStatus('reloaded');
        return;
      }
      const mine = latest.current;
      if (mine) openConflict(stored, { content: mine.content, plainText: mine.plainText });
    },
    [autosave, openConflict, showStored],
  );

  // Dexie's live query brings the stored note from any tab; the channel says it at once.
  useEffect(() => onStoredChange(note), [note, onStoredChange]);
  useEffect(
    () =>
      onNoteSavedElsewhere(note.id, (updatedAt) => {
        if (updatedAt > base.current.updatedAt && noteRef.current.updatedAt >= updatedAt) onStoredChange(noteRef.current);
      }),
    [note.id, onStoredChange],
  );

  // A recovery copy left by a page that closed with a conflict open: offer it again.
  useEffect(() => {
    let live = true;
    void (async () => {
      for (const { key, value: copy } of await getMetaEntries<RecoveryCopy>(recoveryPrefix(note.id))) {
        if (!live || conflictRef.current) return;
        if (!copy || (await isPageOpen(key.slice(recoveryPrefix(note.id).length)))) continue;
        adopted.current.push(key);
        base.current = copy.base;
        openConflict(noteRef.current, { content: copy.content, plainText: copy.plainText });
        return;
      }
    })().catch(() => undefined);
    return () => {
      live = false;
    };
  }, [note.id, openConflict]);

  const resolve = async (choice: ConflictChoice) => {
    const open = conflictRef.current;
    if (!open) return;
    autosave.discard();
    const { theirs, mine } = open;
    let chosen: Version | null = null;
    if (choice === 'mine') chosen = mine;
    if (choice === 'combine') {
      const merged = mergeNoteVersions(open.base.content, theirs.content, mine.content).content;
      chosen = { content: merged, plainText: briefPlainText(merged as unknown as SerializedBriefJSON) };
    }
    conflictRef.current = null;
    setConflict(null);
    if (!chosen) {
      showStored(theirs);
      setStatus('saved');
    } else {
      const result = await saveNoteContent(note.id, { ...chosen, baseUpdatedAt: theirs.updatedAt }, { allowEmpty: true });
      if (!result.saved) {
        // Saved again elsewhere meanwhile: ask again, with the newest version.
        if (result.reason === 'stale') return openConflict(result.note, chosen);
        notices.error(t('brief.saveFailed'));
        showStored(theirs, chosen.content);
        return;
      }
      announceNoteSaved(note.id, result.note.updatedAt);
      showStored(result.note);
      setStatus('saved');
    }
    for (const key of [recoveryKey(note.id), ...adopted.current.splice(0)]) void deleteMeta(key).catch(() => undefined);
  };

  return (
    <>
      <div className="brief-status" role="status" aria-live="polite" data-state={status}>
        {t(`brief.status.${status}`)}
      </div>
      <BriefEditor
        key={shown.key}
        initialContent={shown.content}
        onChange={(change) => {
          latest.current = change;
          if (!conflictRef.current) setStatus('pending');
          autosave.schedule(change);
        }}
        onBlur={() => void autosave.flush()}
        onError={(error) => notices.error(t('brief.editorError', { reason: error.message }))}
        reveal={reveal}
        editable={!readOnly}
      />
      {conflict && (
        <NoteConflictDialog
          title={note.title}
          theirs={{ plainText: conflict.theirs.plainText, updatedAt: conflict.theirs.updatedAt }}
          mine={{ plainText: conflict.mine.plainText }}
          onChoose={(choice) => void resolve(choice)}
        />
      )}
    </>
  );
}
