import { BRIEF_FORMATS, CUSTOM_STYLE, SIDECARS } from './choices';
import type { ExportBriefState } from './useExportBrief';

/**
 * The choices of the "Export brief" dialog: format, citation style (or a loaded .csl file), notes,
 * what to include, page size and author, and the sidecar exports under "More exports".
 */
export function ExportBriefForm({ state }: { state: ExportBriefState }) {
  const { choices, styles, styleError, busy, ready, choose, loadStyle, exportAs } = state;
  if (!choices) return null;
  const styleOptions = [...(styles ?? []), ...(choices.customStyle ? [{ id: CUSTOM_STYLE, title: `${choices.customStyle.title} (loaded file)` }] : [])];
  const styleValue = styleOptions.some((s) => s.id === choices.style) ? choices.style : 'apa';

  return (
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
  );
}
