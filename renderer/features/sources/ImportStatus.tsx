import { useTranslation } from '../../i18n';
import { OcrDialog } from './OcrDialog';
import { useImportActivity } from './importActivity';
import './sources.css';

/**
 * The imports in flight: what each is doing ("Recognising text: page 3 (3 of
 * 10)…"), a progress bar, and Cancel. Shown once an import takes longer than
 * a moment, floating at the bottom right of the workspace (an overlay of the
 * sources feature, so it is there whichever panes are open); also hosts the
 * OCR question when an import asks one.
 */
export function ImportStatus() {
  const { jobs, question } = useImportActivity();
  const { t } = useTranslation();
  const shown = jobs.filter((job) => job.visible);
  return (
    <>
      {shown.length > 0 && (
        <div className="import-status-list">
          {shown.map((job) => {
            const { progress } = job;
            const counted = progress?.total !== undefined && progress.done !== undefined && progress.total > 0;
            return (
              <div key={job.id} className="import-status" role="group" aria-label={t('importStatus.group', { label: job.label })}>
                <p role="status" className="import-status-text">
                  {progress?.message ?? t('importStatus.importing', { label: job.label })}
                </p>
                <div className="import-status-row">
                  {counted ? (
                    <progress aria-label={t('importStatus.progress', { label: job.label })} max={progress.total} value={progress.done} />
                  ) : (
                    <progress aria-label={t('importStatus.progress', { label: job.label })} />
                  )}
                  <button type="button" className="small" onClick={job.cancel} aria-label={t('importStatus.cancelLabel', { label: job.label })}>
                    {t('importStatus.cancel')}
                  </button>
                </div>
              </div>
            );
          })}
        </div>
      )}
      {question && <OcrDialog key={question.id} question={question} />}
    </>
  );
}
