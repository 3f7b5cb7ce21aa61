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
  const shown = jobs.filter((job) => job.visible);
  return (
    <>
      {shown.length > 0 && (
        <div className="import-status-list">
          {shown.map((job) => {
            const { progress } = job;
            const counted = progress?.total !== undefined && progress.done !== undefined && progress.total > 0;
            return (
              <div key={job.id} className="import-status" role="group" aria-label={`Import of “${job.label}”`}>
                <p role="status" className="import-status-text">
                  {progress?.message ?? `Importing “${job.label}”…`}
                </p>
                <div className="import-status-row">
                  {counted ? (
                    <progress aria-label={`Progress of “${job.label}”`} max={progress.total} value={progress.done} />
                  ) : (
                    <progress aria-label={`Progress of “${job.label}”`} />
                  )}
                  <button type="button" className="small" onClick={job.cancel} aria-label={`Cancel importing “${job.label}”`}>
                    Cancel
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
