import { useEffect, useRef, useState, type FormEvent } from 'react';
import { createPortal } from 'react-dom';
import { numberCitations } from '../../../shared/brief/citations';
import { checkBriefIntegrity, type IntegrityProblem } from '../../../shared/brief/integrity';
import { printSizeProblem } from '../../../shared/export/printLimits';
import { getMeta, setMeta } from '../../db/repositories';
import { useModalDialog } from '../../lib/useModalDialog';
import { useNotices } from '../../lib/notices';
import { platform } from '../../platform';
import {
  BRIEF_FORMATS,
  choicesKey,
  CUSTOM_STYLE,
  exportFileName,
  FILE_TYPES,
  parseChoices,
  SIDECARS,
  type ExportChoices,
  type ExportKind,
  type ExportProgress,
  type ExportRecords,
} from './choices';
import { cancelExport, checkStyle, ExportCancelled, fetchStyles, runExport } from './exportClient';
import { localIsoDate, readExportRecords } from './readRecords';
import './export.css';

/** A .csl file is a few kilobytes; anything this large is not one. */
const MAX_STYLE_BYTES = 2 * 1024 * 1024;

interface Loaded {
  records: ExportRecords;
  problems: IntegrityProblem[];
  citations: number;
}

/**
 * The "Export brief" dialog: format and citation options (remembered per
 * case), the integrity check with an explicit "Export anyway", progress, and
 * the bibliography and claims sidecars. The work runs in a Web Worker; the
 * file is written only once it is complete.
 */
export function ExportBriefDialog({ caseId, noteId, onClose }: { caseId: string; noteId: string; onClose(): void }) {
  const dialog = useModalDialog();
  const notices = useNotices();
  const [loaded, setLoaded] = useState<Loaded | null>(null);
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
          if (!saved) return;
          names.push(saved.name);
        }
        notices.toast(`Exported the brief for Pandoc: ${names.join(', ')}. Keep them in one folder and run pandoc --citeproc on “${names[0]}”.`);
        dialog.current?.close();
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
        dialog.current?.close();
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
    dialog.current?.close();
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (choices) void exportAs(choices.format);
  };

  const problems = loaded?.problems ?? [];
  const ready = Boolean(loaded && choices && styles) && !busy;
  const styleOptions = [...(styles ?? []), ...(choices?.customStyle ? [{ id: CUSTOM_STYLE, title: `${choices.customStyle.title} (loaded file)` }] : [])];
  const styleValue = choices && styleOptions.some((s) => s.id === choices.style) ? choices.style : 'apa';

  // Portalled to <body>, so the dialog does not inherit the styles of the pane heading it opens from.
  return createPortal(
    <dialog
      ref={dialog}
      className="dialog export-dialog"
      aria-labelledby="export-title"
      onClose={onClose}
      onCancel={(e) => {
        // Escape while exporting stops the export first; a second Escape closes.
        if (running.current) {
          e.preventDefault();
          cancel();
        }
      }}
    >
      <form onSubmit={submit} noValidate aria-busy={busy ? true : undefined}>
        <h2 id="export-title">Export brief</h2>

        <section className="export-check" aria-labelledby="export-check-title">
          <h3 id="export-check-title">Citations</h3>
          {!loaded && !error && <p className="muted">Checking the brief’s citations…</p>}
          {loaded && problems.length === 0 && (
            <p className="export-ok">
              {loaded.citations === 0 ? 'The brief cites no passages yet.' : `All ${loaded.citations} ${loaded.citations === 1 ? 'citation checks' : 'citations check'} out.`}
            </p>
          )}
          {problems.length > 0 && (
            <div className="export-problems">
              <p>
                <strong>
                  {problems.length} {problems.length === 1 ? 'problem' : 'problems'} in this brief.
                </strong>{' '}
                Fix {problems.length === 1 ? 'it' : 'them'} in the brief, or export anyway.
              </p>
              <ul aria-label="Problems in this brief">
                {problems.map((p, i) => (
                  <li key={`${p.kind}-${i}`}>{p.message}</li>
                ))}
              </ul>
            </div>
          )}
        </section>

        {choices && (
          <>
            <fieldset className="export-choices" disabled={Boolean(busy)}>
              <legend>Format</legend>
              {BRIEF_FORMATS.map((f) => (
                <label key={f.value} className="inline">
                  <input type="radio" name="export-format" value={f.value} checked={choices.format === f.value} onChange={() => choose({ format: f.value })} />
                  {f.label}
                </label>
              ))}
            </fieldset>

            <div className="export-style">
              <label>
                Citation style
                <select
                  value={styleValue}
                  disabled={!styles || Boolean(busy)}
                  onChange={(e) => choose({ style: e.target.value })}
                  aria-describedby={styleError ? 'export-style-error' : undefined}
                >
                  {styleOptions.map((s) => (
                    <option key={s.id} value={s.id}>
                      {s.id === 'apa' ? `${s.title} (default)` : s.title}
                    </option>
                  ))}
                </select>
              </label>
              <button type="button" onClick={() => void loadStyle()} disabled={!styles || Boolean(busy)}>
                Load a .csl file…
              </button>
            </div>
            {styleError && (
              <p role="alert" id="export-style-error" className="field-error">
                {styleError}
              </p>
            )}

            <div className="export-row export-row-stretch">
              <fieldset className="export-choices" disabled={Boolean(busy)}>
                <legend>Notes</legend>
                <label className="inline">
                  <input type="radio" name="export-notes" checked={choices.notes === 'footnotes'} onChange={() => choose({ notes: 'footnotes' })} />
                  Footnotes
                </label>
                <label className="inline">
                  <input type="radio" name="export-notes" checked={choices.notes === 'endnotes'} onChange={() => choose({ notes: 'endnotes' })} />
                  Endnotes
                </label>
                {(choices.format === 'pdf' || choices.format === 'html') && <p className="export-hint muted">PDF and HTML list the notes after the text, numbered, with links back.</p>}
              </fieldset>

              {choices.format === 'md' && (
                <fieldset className="export-choices" disabled={Boolean(busy)}>
                  <legend>Markdown citations</legend>
                  <label className="inline">
                    <input type="radio" name="export-md-citations" checked={choices.markdownCitations === 'notes'} onChange={() => choose({ markdownCitations: 'notes' })} />
                    Footnotes with quotes
                  </label>
                  <label className="inline">
                    <input type="radio" name="export-md-citations" checked={choices.markdownCitations === 'pandoc'} onChange={() => choose({ markdownCitations: 'pandoc' })} />
                    Pandoc citations ([@key])
                  </label>
                  {choices.markdownCitations === 'pandoc' && (
                    <p className="export-hint muted">Saves the Markdown with its references (.references.json, .references.bib) and the style (.csl) beside it, for pandoc --citeproc.</p>
                  )}
                </fieldset>
              )}

              <fieldset className="export-choices" disabled={Boolean(busy)}>
                <legend>Include</legend>
                <label className="inline">
                  <input type="checkbox" checked={choices.include.bibliography} onChange={(e) => choose({ include: { ...choices.include, bibliography: e.target.checked } })} />
                  Bibliography
                </label>
                <label className="inline">
                  <input type="checkbox" checked={choices.include.claimsAppendix} onChange={(e) => choose({ include: { ...choices.include, claimsAppendix: e.target.checked } })} />
                  Claims appendix
                </label>
                <label className="inline">
                  <input type="checkbox" checked={choices.include.evidenceTable} onChange={(e) => choose({ include: { ...choices.include, evidenceTable: e.target.checked } })} />
                  Evidence table
                </label>
              </fieldset>
            </div>

            <div className="export-row">
              {choices.format === 'pdf' && (
                <label>
                  Page size
                  <select value={choices.pageSize} disabled={Boolean(busy)} onChange={(e) => choose({ pageSize: e.target.value === 'Letter' ? 'Letter' : 'A4' })}>
                    <option value="A4">A4</option>
                    <option value="Letter">US Letter</option>
                  </select>
                </label>
              )}
              <label className="grow">
                <span>
                  Author <span className="muted">(optional)</span>
                </span>
                <input value={choices.author} disabled={Boolean(busy)} onChange={(e) => choose({ author: e.target.value })} autoComplete="name" />
              </label>
            </div>

            <details className="export-more">
              <summary>More exports</summary>
              <div className="export-more-buttons">
                {SIDECARS.map((s) => (
                  <button key={s.value} type="button" disabled={!ready} onClick={() => void exportAs(s.value)}>
                    {s.label}
                  </button>
                ))}
              </div>
            </details>
          </>
        )}

        <div className="export-status" role="status" aria-live="polite">
          {busy && (
            <>
              <progress max={1} value={busy.value} aria-label="Export progress" />
              <span>{busy.label}</span>
            </>
          )}
          {!busy && saved && <span>{saved}</span>}
        </div>
        {error && (
          <p role="alert" className="field-error">
            {error}
          </p>
        )}

        <div className="dialog-buttons">
          <button type="button" onClick={cancel}>
            {busy ? 'Cancel export' : problems.length > 0 ? 'Cancel' : 'Close'}
          </button>
          {problems.length > 0 ? (
            <button type="submit" className="danger" disabled={!ready}>
              Export anyway
            </button>
          ) : (
            <button type="submit" className="primary" disabled={!ready}>
              Export
            </button>
          )}
        </div>
      </form>
    </dialog>,
    document.body,
  );
}
