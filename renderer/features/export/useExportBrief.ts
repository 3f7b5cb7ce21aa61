import { useEffect, useRef, useState } from 'react';
import { numberCitations } from '../../../shared/brief/citations';
import { checkBriefIntegrity, type IntegrityProblem } from '../../../shared/brief/integrity';
import { printSizeProblem } from '../../../shared/export/printLimits';
import { getMeta, setMeta } from '../../db/repositories';
import { useNotices } from '../../lib/notices';
import { platform } from '../../platform';
import { choicesKey, CUSTOM_STYLE, exportFileName, FILE_TYPES, parseChoices, type ExportChoices, type ExportKind, type ExportProgress, type ExportRecords } from './choices';
import { cancelExport, checkStyle, ExportCancelled, fetchStyles, runExport } from './exportClient';
import { localIsoDate, readExportRecords } from './readRecords';

/** A .csl file is a few kilobytes; anything this large is not one. */
const MAX_STYLE_BYTES = 2 * 1024 * 1024;

export interface LoadedBrief {
  records: ExportRecords;
  problems: IntegrityProblem[];
  citations: number;
}

export interface ExportBriefState {
  loaded: LoadedBrief | null;
  choices: ExportChoices | null;
  styles: { id: string; title: string }[] | null;
  styleError: string;
  busy: ExportProgress | null;
  error: string;
  saved: string;
  /** Ready to export: everything loaded and nothing running. */
  ready: boolean;
  /** An export is running (the dialog's Escape stops it first). */
  isRunning(): boolean;
  choose(patch: Partial<ExportChoices>): void;
  loadStyle(): Promise<void>;
  exportAs(kind: ExportKind): Promise<void>;
  /** Stop a running export, or, when none runs, finish (close). */
  cancel(): void;
}

/**
 * The work of the "Export brief" dialog, without its view: reads the brief and checks its citations,
 * remembers the choices per case, loads citation styles (and a user's .csl file), runs the export in the
 * worker, prints PDFs through the host and saves the file only once it is complete. `onFinished` is
 * called when the dialog should close (a brief was exported, or Close was chosen).
 */
export function useExportBrief(caseId: string, noteId: string, onFinished: () => void): ExportBriefState {
  const notices = useNotices();
  const [loaded, setLoaded] = useState<LoadedBrief | null>(null);
  const [choices, setChoices] = useState<ExportChoices | null>(null);
  const [styles, setStyles] = useState<{ id: string; title: string }[] | null>(null);
  const [styleError, setStyleError] = useState('');
  const [busy, setBusy] = useState<ExportProgress | null>(null);
  const [error, setError] = useState('');
  const [saved, setSaved] = useState('');
  const running = useRef(false);
  const cancelled = useRef(false);

  useEffect(() => {
    let live = true;
    void (async () => {
      try {
        const [records, stored] = await Promise.all([readExportRecords(caseId, noteId), getMeta<unknown>(choicesKey(caseId))]);
        if (!live) return;
        if (!records) {
          setError('This brief no longer exists, so there is nothing to export.');
          return;
        }
        const problems = checkBriefIntegrity(records.note.content, records);
        setLoaded({ records, problems, citations: numberCitations(records.note.content).occurrences.length });
        setChoices(parseChoices(stored));
      } catch (e) {
        if (live) setError(`Casefile could not read the brief to export it: ${e instanceof Error ? e.message : String(e)}`);
      }
    })();
    fetchStyles().then(
      (list) => live && setStyles(list),
      (e: unknown) => live && !(e instanceof ExportCancelled) && setStyleError(`The citation styles could not be loaded: ${e instanceof Error ? e.message : String(e)}`),
    );
    return () => {
      live = false;
      if (running.current) {
        cancelled.current = true;
        cancelExport();
      }
    };
  }, [caseId, noteId]);

  const choose = (patch: Partial<ExportChoices>) => {
    if (!choices) return;
    const next = { ...choices, ...patch };
    setChoices(next);
    setSaved('');
    setMeta(choicesKey(caseId), next).catch((e: unknown) =>
      setError(`Your export choices could not be remembered for next time: ${e instanceof Error ? e.message : String(e)}`),
    );
  };

  const loadStyle = async () => {
    setStyleError('');
    let picked;
    try {
      [picked] = await platform().openFiles({ title: 'Load a CSL style', filters: [{ name: 'CSL style', extensions: ['csl', 'xml'] }] });
    } catch (e) {
      setStyleError(`The file could not be opened: ${e instanceof Error ? e.message : String(e)}`);
      return;
    }
    if (!picked) return;
    if (picked.bytes.byteLength > MAX_STYLE_BYTES) {
      setStyleError(`“${picked.name}” is ${(picked.bytes.byteLength / 1048576).toFixed(1)} MB, too large for a CSL style (they are a few kilobytes). Nothing was changed.`);
      return;
    }
    let xml: string;
    try {
      xml = new TextDecoder('utf-8', { fatal: true }).decode(picked.bytes);
    } catch {
      setStyleError(`“${picked.name}” is not a text file, so it cannot be a CSL style. Nothing was changed.`);
      return;
    }
    try {
      const { title } = await checkStyle(xml);
      choose({ style: CUSTOM_STYLE, customStyle: { title, xml } });
    } catch (e) {
      if (e instanceof ExportCancelled) return;
      setStyleError(`“${picked.name}” cannot be used as a citation style: ${e instanceof Error ? e.message : String(e)} Nothing was changed.`);
    }
  };

  const exportAs = async (kind: ExportKind) => {
    if (!loaded || !choices || running.current) return;
    running.current = true;
    cancelled.current = false;
    setError('');
    setSaved('');
    setBusy({ label: 'Preparing the export…', value: 0.05 });
    try {
      const result = await runExport(loaded.records, choices, kind, localIsoDate(), setBusy);
      if (result.kind === 'files') {
        // Pandoc citations: the Markdown first, then the files it names, beside it.
        const stem = exportFileName(loaded.records.case.name, loaded.records.note.title, 'md').replace(/\.md$/, '');
        setBusy({ label: 'Saving the files…', value: 0.95 });
        const names: string[] = [];
        for (const file of result.files) {
          if (cancelled.current) return;
          const saved = await platform().saveFile({ suggestedName: `${stem}${file.suffix}`, bytes: file.bytes, mediaType: file.mediaType, filters: [{ name: file.filterName, extensions: [file.extension] }] });
          if (!saved) return; // a save dialog was cancelled: the rest is not written
          names.push(saved.name);
        }
        notices.toast(`Exported the brief for Pandoc: ${names.join(', ')}. Keep them in one folder and run pandoc --citeproc on “${names[0]}”.`);
        onFinished();
        return;
      }
      let bytes: Uint8Array;
      if (result.kind === 'print') {
        const tooLong = printSizeProblem(result.html);
        if (tooLong) throw new Error(tooLong);
        setBusy({ label: 'Printing the PDF…', value: 0.75 });
        const printed = await platform().invoke('cf:pdf:render', { html: result.html, pageSize: result.pageSize, title: result.title });
        if (!printed.ok) throw new Error(printed.error.message);
        bytes = printed.value;
      } else {
        bytes = result.bytes;
      }
      if (cancelled.current) return;
      setBusy({ label: 'Saving the file…', value: 0.95 });
      const type = FILE_TYPES[kind];
      const file = await platform().saveFile({
        suggestedName: exportFileName(loaded.records.case.name, loaded.records.note.title, kind),
        bytes,
        mediaType: type.mediaType,
        filters: [{ name: type.filterName, extensions: [type.extension] }],
      });
      if (!file) return; // the save dialog was cancelled: nothing written
      if (kind === 'md' || kind === 'pdf' || kind === 'html' || kind === 'docx') {
        notices.toast(`Exported the brief as “${file.name}”.`);
        onFinished();
      } else {
        setSaved(`Saved “${file.name}”.`);
      }
    } catch (e) {
      if (!(e instanceof ExportCancelled)) setError(`Nothing was saved. ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      running.current = false;
      setBusy(null);
    }
  };

  const cancel = () => {
    if (running.current) {
      cancelled.current = true;
      cancelExport();
      setBusy(null);
      running.current = false;
      setSaved('Export cancelled; nothing was saved.');
      return;
    }
    onFinished();
  };

  const ready = Boolean(loaded && choices && styles) && !busy;
  return { loaded, choices, styles, styleError, busy, error, saved, ready, isRunning: () => running.current, choose, loadStyle, exportAs, cancel };
}
