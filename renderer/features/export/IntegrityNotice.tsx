import { translate, useTranslation } from '../../i18n';
import type { LoadedBrief } from './useExportBrief';

/**
 * The citation check before an export: "All 4 citations check out", or the problems the integrity check
 * (shared/brief/integrity.ts) found, which the dialog then asks to fix or to export anyway.
 */
export function IntegrityNotice({ loaded, failed }: { loaded: LoadedBrief | null; failed: boolean }) {
  const { t } = useTranslation();
  const problems = loaded?.problems ?? [];
  return (
    <section className="export-check" aria-labelledby="export-check-title">
      <h3 id="export-check-title">{t('exportBrief.check.title')}</h3>
      {!loaded && !failed && <p className="muted">{t('exportBrief.check.checking')}</p>}
      {loaded && problems.length === 0 && (
        <p className="export-ok">
          {loaded.citations === 0 ? t('exportBrief.check.none') : t('exportBrief.check.ok', { count: loaded.citations })}
        </p>
      )}
      {problems.length > 0 && (
        <div className="export-problems">
          <p>
            <strong>{t('exportBrief.check.problems', { count: problems.length })}</strong> {t('exportBrief.check.fix', { count: problems.length })}
          </p>
          <ul aria-label={t('exportBrief.check.list')}>
            {problems.map((p, i) => (
              <li key={`${p.kind}-${i}`}>{translate(p.text)}</li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
