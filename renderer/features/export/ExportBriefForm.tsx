import { useTranslation } from '../../i18n';
import { BRIEF_FORMATS, CUSTOM_STYLE, SIDECARS } from './choices';
import type { ExportBriefState } from './useExportBrief';

/**
 * The choices of the "Export brief" dialog: format, citation style (or a loaded .csl file), notes,
 * what to include, page size and author, and the sidecar exports under "More exports".
 */
export function ExportBriefForm({ state }: { state: ExportBriefState }) {
  const { t } = useTranslation();
  const { choices, styles, styleError, busy, ready, choose, loadStyle, exportAs } = state;
  if (!choices) return null;
  const styleOptions = [...(styles ?? []), ...(choices.customStyle ? [{ id: CUSTOM_STYLE, title: t('exportBrief.loadedStyle', { title: choices.customStyle.title }) }] : [])];
  const styleValue = styleOptions.some((s) => s.id === choices.style) ? choices.style : 'apa';

  return (
    <>
      <fieldset className="export-choices" disabled={Boolean(busy)}>
        <legend>{t('exportBrief.format.legend')}</legend>
        {BRIEF_FORMATS.map((f) => (
          <label key={f} className="inline">
            <input type="radio" name="export-format" value={f} checked={choices.format === f} onChange={() => choose({ format: f })} />
            {t(`exportBrief.format.${f}`)}
          </label>
        ))}
      </fieldset>

      <div className="export-style">
        <label>
          {t('exportBrief.style')}
          <select
            value={styleValue}
            disabled={!styles || Boolean(busy)}
            onChange={(e) => choose({ style: e.target.value })}
            aria-describedby={styleError ? 'export-style-error' : undefined}
          >
            {styleOptions.map((s) => (
              <option key={s.id} value={s.id}>
                {s.id === 'apa' ? t('exportBrief.defaultStyle', { title: s.title }) : s.title}
              </option>
            ))}
          </select>
        </label>
        <button type="button" onClick={() => void loadStyle()} disabled={!styles || Boolean(busy)}>
          {t('exportBrief.loadStyle')}
        </button>
      </div>
      {styleError && (
        <p role="alert" id="export-style-error" className="field-error">
          {styleError}
        </p>
      )}

      <div className="export-row export-row-stretch">
        <fieldset className="export-choices" disabled={Boolean(busy)}>
          <legend>{t('exportBrief.notes.legend')}</legend>
          <label className="inline">
            <input type="radio" name="export-notes" checked={choices.notes === 'footnotes'} onChange={() => choose({ notes: 'footnotes' })} />
            {t('exportBrief.notes.footnotes')}
          </label>
          <label className="inline">
            <input type="radio" name="export-notes" checked={choices.notes === 'endnotes'} onChange={() => choose({ notes: 'endnotes' })} />
            {t('exportBrief.notes.endnotes')}
          </label>
          {(choices.format === 'pdf' || choices.format === 'html') && <p className="export-hint muted">{t('exportBrief.notes.hint')}</p>}
        </fieldset>

        {choices.format === 'md' && (
          <fieldset className="export-choices" disabled={Boolean(busy)}>
            <legend>{t('exportBrief.markdownCitations.legend')}</legend>
            <label className="inline">
              <input type="radio" name="export-md-citations" checked={choices.markdownCitations === 'notes'} onChange={() => choose({ markdownCitations: 'notes' })} />
              {t('exportBrief.markdownCitations.notes')}
            </label>
            <label className="inline">
              <input type="radio" name="export-md-citations" checked={choices.markdownCitations === 'pandoc'} onChange={() => choose({ markdownCitations: 'pandoc' })} />
              {t('exportBrief.markdownCitations.pandoc')}
            </label>
            {choices.markdownCitations === 'pandoc' && (
              <p className="export-hint muted">{t('exportBrief.markdownCitations.pandocHint')}</p>
            )}
          </fieldset>
        )}

        <fieldset className="export-choices" disabled={Boolean(busy)}>
          <legend>{t('exportBrief.include.legend')}</legend>
          <label className="inline">
            <input type="checkbox" checked={choices.include.bibliography} onChange={(e) => choose({ include: { ...choices.include, bibliography: e.target.checked } })} />
            {t('exportBrief.include.bibliography')}
          </label>
          <label className="inline">
            <input type="checkbox" checked={choices.include.claimsAppendix} onChange={(e) => choose({ include: { ...choices.include, claimsAppendix: e.target.checked } })} />
            {t('exportBrief.include.claimsAppendix')}
          </label>
          <label className="inline">
            <input type="checkbox" checked={choices.include.evidenceTable} onChange={(e) => choose({ include: { ...choices.include, evidenceTable: e.target.checked } })} />
            {t('exportBrief.include.evidenceTable')}
          </label>
        </fieldset>
      </div>

      <div className="export-row">
        {choices.format === 'pdf' && (
          <label>
            {t('exportBrief.pageSize')}
            <select value={choices.pageSize} disabled={Boolean(busy)} onChange={(e) => choose({ pageSize: e.target.value === 'Letter' ? 'Letter' : 'A4' })}>
              <option value="A4">A4</option>
              <option value="Letter">{t('exportBrief.letter')}</option>
            </select>
          </label>
        )}
        <label className="grow">
          <span>
            {t('exportBrief.author')} <span className="muted">{t('exportBrief.optional')}</span>
          </span>
          <input value={choices.author} disabled={Boolean(busy)} onChange={(e) => choose({ author: e.target.value })} autoComplete="name" />
        </label>
      </div>

      <details className="export-more">
        <summary>{t('exportBrief.more')}</summary>
        <div className="export-more-buttons">
          {SIDECARS.map((s) => (
            <button key={s} type="button" disabled={!ready} onClick={() => void exportAs(s)}>
              {t(`exportBrief.sidecar.${s}`)}
            </button>
          ))}
        </div>
      </details>
    </>
  );
}
