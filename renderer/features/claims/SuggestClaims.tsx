import { useEffect, useState } from 'react';
import type { SourceRecord } from '../../../shared/domain/types';
import type { Suggestion } from '../../../shared/suggest/suggest';
import { acceptSuggestion } from '../../db/repositories/claims';
import { useNotices } from '../../lib/notices';
import { shortQuote } from '../annotate/labels';

/** On-device suggestions for the open source: sentences with figures, money, dates and attributed speech. */
export function SuggestClaims({ source, onDone }: { source: SourceRecord; onDone(): void }) {
  const notices = useNotices();
  const [suggestions, setSuggestions] = useState<Suggestion[] | null>(null);

  useEffect(() => {
    let cancelled = false;
    // compromise is large: load the suggester only when asked.
    void import('../../../shared/suggest/suggest').then(({ suggestClaims }) => {
      if (!cancelled) setSuggestions(suggestClaims(source.text, source.blocks));
    });
    return () => {
      cancelled = true;
    };
  }, [source]);

  const drop = (s: Suggestion) => setSuggestions((list) => (list ?? []).filter((x) => x !== s));

  return (
    <div className="suggestions">
      <div className="claims-toolbar">
        <h3>Suggested claims in “{shortQuote(source.metadata.title, 50)}”</h3>
        <button type="button" className="small" onClick={onDone}>
          Done
        </button>
      </div>
      {suggestions === null ? (
        <p className="muted pad">Reading the source…</p>
      ) : suggestions.length === 0 ? (
        <p className="muted pad">No more suggestions in this source.</p>
      ) : (
        <ul aria-label="Suggested claims">
          {suggestions.map((s) => {
            const words = shortQuote(s.statement, 60);
            return (
              <li key={`${s.start}-${s.end}`} className="suggestion">
                <p className="suggestion-text">{s.statement}</p>
                <p className="item-sub">
                  {s.kinds.join(' · ')}
                  {s.claimant ? ` · claimant: ${s.claimant}` : ''}
                </p>
                <div className="suggestion-actions">
                  <button
                    type="button"
                    className="small primary"
                    aria-label={`Accept suggestion: ${words}`}
                    onClick={() =>
                      void acceptSuggestion(source, s).then(
                        () => (drop(s), notices.toast('Claim added.')),
                        (e: Error) => notices.error(e.message),
                      )
                    }
                  >
                    Accept
                  </button>
                  <button type="button" className="small" aria-label={`Dismiss suggestion: ${words}`} onClick={() => drop(s)}>
                    Dismiss
                  </button>
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
