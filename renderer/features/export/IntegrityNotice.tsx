import type { LoadedBrief } from './useExportBrief';

/**
 * The citation check before an export: "All 4 citations check out", or the problems the integrity check
 * (shared/brief/integrity.ts) found, which the dialog then asks to fix or to export anyway.
 */
export function IntegrityNotice({ loaded, failed }: { loaded: LoadedBrief | null; failed: boolean }) {
  const problems = loaded?.problems ?? [];
  return (
    <section className="export-check" aria-labelledby="export-check-title">
      <h3 id="export-check-title">Citations</h3>
      {!loaded && !failed && <p className="muted">Checking the brief’s citations…</p>}
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
  );
}
