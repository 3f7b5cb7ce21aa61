import { useEffect, useMemo, useRef, useState } from 'react';
import type { NoteRecord } from '../../../shared/domain/types';
import { useClaims, useFigures, useNote, useNotes, usePassages, useSources, useTags } from '../../db/hooks';
import { createNote, deleteNote, getMeta, renameNote, restoreFromTrash, setCaseBrief, setMeta } from '../../db/repositories';
import { BriefDataContext, buildBriefData } from '../../editor/briefData';
import type { RevealRequest } from '../../editor/plugins/RevealTextPlugin';
import { onNavigate } from '../../lib/navigation';
import { flushAll } from '../../lib/flush';
import { usePublishContextKey } from '../../lib/contextKeys';
import { failureText, useTranslation } from '../../i18n';
import { useNotices } from '../../lib/notices';
import { useCaseReadOnly } from '../../lib/readOnly';
import { RenameField } from '../../lib/RenameField';
import { ExportBriefButton } from '../export/ExportBriefButton';
import { NoteEditor } from './NoteEditor';

const activeNoteKey = (caseId: string) => `activeNote:${caseId}`;

/**
 * The writing pane: the case's notes (one of them the brief), each opened in
 * the Lexical editor with the case's records available to its plugins.
 */
export function BriefPane({ caseId, briefNoteId }: { caseId: string; briefNoteId: string | undefined }) {
  const { t } = useTranslation();
  const notices = useNotices();
  const { readOnly, reason } = useCaseReadOnly();
  const notes = useNotes(caseId);
  const passages = usePassages(caseId);
  const sources = useSources(caseId);
  const claims = useClaims(caseId);
  const tags = useTags(caseId);
  const figures = useFigures(caseId);
  const [chosen, setChosen] = useState<string | null | undefined>(undefined);
  const [renaming, setRenaming] = useState(false);
  const [reveal, setReveal] = useState<RevealRequest | null>(null);

  // The note last open in this case, remembered across sessions.
  useEffect(() => {
    let cancelled = false;
    setChosen(undefined);
    void getMeta<string>(activeNoteKey(caseId)).then((id) => !cancelled && setChosen(id ?? null));
    return () => {
      cancelled = true;
    };
  }, [caseId]);

  const noteId = chosen && notes?.some((n) => n.id === chosen) ? chosen : (briefNoteId ?? notes?.[0]?.id);
  const note = useNote(chosen === undefined ? undefined : noteId);
  const data = useMemo(() => buildBriefData(caseId, { passages, sources, claims, tags, figures }), [caseId, passages, sources, claims, tags, figures]);

  const open = async (id: string) => {
    await flushAll();
    setRenaming(false);
    setReveal(null);
    setChosen(id);
    void setMeta(activeNoteKey(caseId), id);
  };

  // Search results that point into a note open it here and show the words.
  const openRef = useRef(open);
  openRef.current = open;
  useEffect(
    () =>
      onNavigate((request) => {
        if (request.kind !== 'open-note' || !notes?.some((n) => n.id === request.noteId)) return;
        void openRef.current(request.noteId).then(() => request.query && setReveal({ query: request.query, id: Date.now() }));
      }),
    [notes],
  );

  const newNote = async () => {
    try {
      const created = await createNote(caseId, t('brief.newNoteTitle', { number: (notes?.length ?? 0) + 1 }), t('brief.untitledNote'));
      await open(created.id);
      setRenaming(true);
    } catch (error) {
      notices.error(failureText(error));
    }
  };

  const removeNote = async (target: NoteRecord) => {
    try {
      await flushAll();
      const deleted = await deleteNote(target.id);
      setChosen(null);
      void setMeta(activeNoteKey(caseId), null);
      notices.toast(t('brief.deleted', { title: target.title }), {
        label: t('common.undo'),
        run: async () => {
          await restoreFromTrash(deleted);
          await open(deleted.id);
        },
      });
    } catch (error) {
      notices.error(failureText(error));
    }
  };

  // Export brief (from a menu or Ctrl/Cmd+E) exports the note open here.
  usePublishContextKey('noteId', note?.id ?? null, null);

  const isBrief = note?.id === briefNoteId;
  return (
    <section className="brief" aria-labelledby="brief-heading">
      <div className="pane-heading brief-heading">
        {renaming && note ? (
          <RenameField
            initial={note.title}
            label={t('brief.noteTitle')}
            onDone={(title) => {
              setRenaming(false);
              if (title && title !== note.title) renameNote(note.id, title).catch((error: unknown) => notices.error(failureText(error)));
            }}
          />
        ) : (
          <h2 id="brief-heading">
            {note?.title ?? t('panes.brief')}
            {note && isBrief && (notes?.length ?? 0) > 1 && <span className="brief-badge">{t('brief.badge')}</span>}
          </h2>
        )}
        <div className="brief-notes">
          {notes && notes.length > 1 && (
            <select aria-label={t('brief.openNote')} value={note?.id ?? ''} onChange={(e) => void open(e.target.value)}>
              {notes.map((n) => (
                <option key={n.id} value={n.id}>
                  {n.id === briefNoteId ? t('brief.optionBrief', { title: n.title }) : n.title}
                </option>
              ))}
            </select>
          )}
          <button type="button" className="small" disabled={readOnly} title={reason} onClick={() => void newNote()}>
            {t('brief.newNote')}
          </button>
          {note && (
            <button type="button" className="small" disabled={readOnly} title={reason} onClick={() => setRenaming(true)} aria-label={t('brief.rename', { title: note.title })}>
              {t('brief.renameShort')}
            </button>
          )}
          {note && (notes?.length ?? 0) > 1 && (
            <button type="button" className="small" disabled={readOnly} title={reason} onClick={() => void removeNote(note)} aria-label={t('brief.delete', { title: note.title })}>
              {t('brief.deleteShort')}
            </button>
          )}
          {note && !isBrief && (
            <button
              type="button"
              className="small"
              disabled={readOnly}
              title={reason}
              onClick={() =>
                setCaseBrief(caseId, note.id).then(
                  () => notices.toast(t('brief.madeBrief', { title: note.title })),
                  (error: unknown) => notices.error(failureText(error)),
                )
              }
            >
              {t('brief.makeBrief')}
            </button>
          )}
          <ExportBriefButton noteId={note?.id} />
        </div>
      </div>
      {note ? (
        <BriefDataContext.Provider value={data}>
          <NoteEditor key={note.id} note={note} reveal={reveal} />
        </BriefDataContext.Provider>
      ) : (
        <p className="muted pad">{noteId || chosen === undefined ? t('common.loading') : t('brief.noNotes')}</p>
      )}
    </section>
  );
}
