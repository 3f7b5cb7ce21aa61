import { useEffect, useRef, useState } from 'react';
import { numberCitations } from '../../../shared/brief/citations';
import { checkBriefIntegrity, type IntegrityProblem } from '../../../shared/brief/integrity';
import { printSizeProblem } from '../../../shared/export/printLimits';
import { hostRefusal, refusal } from '../../../shared/ipc/hostRefusals';
import { getMeta, setMeta } from '../../db/repositories';
import { failureText, useTranslation } from '../../i18n';
import { useNotices } from '../../lib/notices';
import { platform } from '../../platform';
import { choicesKey, CUSTOM_STYLE, exportFileName, FILE_TYPES, parseChoices, type ExportChoices, type ExportKind, type ExportProgress, type ExportRecords } from './choices';
import { cancelExport, checkStyle, ExportCancelled, fetchStyles, runExport } from './exportClient';
import { localIsoDate, readExportRecords } from './readRecords';

const reason = (e: unknown) => (failureText(e));

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
  const { t } = useTranslation();
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
          setError(t('exportBrief.gone'));
          return;
        }
        const problems = checkBriefIntegrity(records.note.content, records);
        setLoaded({ records, problems, citations: numberCitations(records.note.content).occurrences.length });
        setChoices(parseChoices(stored));
      } catch (e) {
        if (live) setError(t('exportBrief.readFailed', { reason: reason(e) }));
      }
    })();
    fetchStyles().then(
      (list) => live && setStyles(list),
      (e: unknown) => live && !(e instanceof ExportCancelled) && setStyleError(t('exportBrief.stylesFailed', { reason: reason(e) })),
    );
    return () => {
      live = false;
      if (running.current) {
        cancelled.current = true;
        cancelExport();
      }
    };
    // Load once per brief: a change of language re-renders the messages, it must not reload (or cancel) the export.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [caseId, noteId]);

  const choose = (patch: Partial<ExportChoices>) => {
    if (!choices) return;
    const next = { ...choices, ...patch };
    setChoices(next);
    setSaved('');
    setMeta(choicesKey(caseId), next).catch((e: unknown) =>
      setError(t('exportBrief.rememberFailed', { reason: reason(e) })),
    );
  };

  const loadStyle = async () => {
    setStyleError('');
    let picked;
    try {
      [picked] = await platform().openFiles({ title: t('exportBrief.loadStyleTitle'), filters: [{ name: t('exportBrief.styleFilter'), extensions: ['csl', 'xml'] }] });
    } catch (e) {
      setStyleError(t('exportBrief.openFailed', { reason: reason(e) }));
      return;
    }
    if (!picked) return;
    if (picked.bytes.byteLength > MAX_STYLE_BYTES) {
      setStyleError(t('exportBrief.styleTooLarge', { name: picked.name, size: String(picked.bytes.byteLength / 1048576) }));
      return;
    }
    let xml: string;
    try {
      xml = new TextDecoder('utf-8', { fatal: true }).decode(picked.bytes);
    } catch {
      setStyleError(t('exportBrief.styleNotText', { name: picked.name }));
      return;
    }
    try {
      const { title } = await checkStyle(xml);
      choose({ style: CUSTOM_STYLE, customStyle: { title, xml } });
    } catch (e) {
      if (e instanceof ExportCancelled) return;
      setStyleError(t('exportBrief.styleRefused', { name: picked.name, reason: reason(e) }));
    }
  };

  const exportAs = async (kind: ExportKind) => {
    if (!loaded || !choices || running.current) return;
    running.current = true;
    cancelled.current = false;
    setError('');
    setSaved('');
    setBusy({ step: 'preparing', value: 0.05 });
    try {
      const result = await runExport(loaded.records, choices, kind, localIsoDate(), setBusy);
      if (result.kind === 'files') {
        // Pandoc citations: the Markdown first, then the files it names, beside it.
        const stem = exportFileName(loaded.records.case.name, loaded.records.note.title, 'md').replace(/\.md$/, '');
        setBusy({ step: 'saving', value: 0.95 });
        const names: string[] = [];
        for (const file of result.files) {
          if (cancelled.current) return;
          const saved = await platform().saveFile({ suggestedName: `${stem}${file.suffix}`, bytes: file.bytes, mediaType: file.mediaType, filters: [{ name: file.filterName, extensions: [file.extension] }] });
          if (!saved) return; // a save dialog was cancelled: the rest is not written
          names.push(saved.name);
        }
        notices.toast(t('exportBrief.exportedPandoc', { files: names.join(', '), first: names[0] ?? '' }));
        onFinished();
        return;
      }
      let bytes: Uint8Array;
      if (result.kind === 'print') {
        const tooLong = printSizeProblem(result.html);
        if (tooLong) throw refusal('pdf-too-large', tooLong);
        setBusy({ step: 'printing', value: 0.75 });
        const printed = await platform().invoke('cf:pdf:render', { html: result.html, pageSize: result.pageSize, title: result.title });
        if (!printed.ok) throw hostRefusal(printed.error);
        bytes = printed.value;
      } else {
        bytes = result.bytes;
      }
      if (cancelled.current) return;
      setBusy({ step: 'saving', value: 0.95 });
      const type = FILE_TYPES[kind];
      const file = await platform().saveFile({
        suggestedName: exportFileName(loaded.records.case.name, loaded.records.note.title, kind),
        bytes,
        mediaType: type.mediaType,
        filters: [{ name: t(`exportBrief.fileType.${kind}`), extensions: [type.extension] }],
      });
      if (!file) return; // the save dialog was cancelled: nothing written
      if (kind === 'md' || kind === 'pdf' || kind === 'html' || kind === 'docx') {
        notices.toast(t('exportBrief.exported', { file: file.name }));
        onFinished();
      } else {
        setSaved(t('exportBrief.saved', { file: file.name }));
      }
    } catch (e) {
      if (!(e instanceof ExportCancelled)) setError(t('exportBrief.failed', { reason: reason(e) }));
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
      setSaved(t('exportBrief.cancelled'));
      return;
    }
    onFinished();
  };

  const ready = Boolean(loaded && choices && styles) && !busy;
  return { loaded, choices, styles, styleError, busy, error, saved, ready, isRunning: () => running.current, choose, loadStyle, exportAs, cancel };
}
