/**
 * The Timeline pane: the case's chronology on a time axis (or as a list),
 * grouped by source or by claim. Dates are found in a worker; here the user
 * confirms, corrects or dismisses them, adds events by hand from passages,
 * and inserts the chronology into the brief or saves it as CSV.
 */
import { useId, useMemo, useRef, useState } from 'react';
import { formatDate, parseUserDate, precisionLabel } from '../../../shared/chronology/dates';
import { chronologyCsv, chronologyTable } from '../../../shared/chronology/table';
import { buildTimeline, chronologyRows, groupEvents, timelineExtent, type TimelineEvent, type UndatedItem } from '../../../shared/chronology/timeline';
import type { ClaimRecord, PassageRecord, SourceRecord } from '../../../shared/domain/types';
import { useTimelineEntries } from '../../db/hooks';
import { addManualEvent, decideFoundDate, removeTimelineEntry, restoreTimelineEntry } from '../../db/repositories';
import { briefWriter } from '../../editor/briefCommands';
import { announce } from '../../lib/announce';
import { navigate } from '../../lib/navigation';
import { useNotices } from '../../lib/notices';
import { platform } from '../../platform';
import { useCaseExtraction } from '../extraction/extraction';
import { describeEvent, TimelineAxis, type AxisHandle } from './TimelineAxis';
import '../../styles/views.css';
import './timeline.css';

export interface TimelinePaneProps {
  caseId: string;
  caseName: string;
  sources: SourceRecord[] | undefined;
  passages: PassageRecord[] | undefined;
  claims: ClaimRecord[] | undefined;
}

const STATUS_LABEL: Record<TimelineEvent['status'], string> = { found: 'Found', confirmed: 'Confirmed', corrected: 'Corrected', manual: 'Added by hand' };

export function TimelinePane({ caseId, caseName, sources, passages, claims }: TimelinePaneProps) {
  const notices = useNotices();
  const entries = useTimelineEntries(caseId);
  const extraction = useCaseExtraction(sources);
  const [groupBy, setGroupBy] = useState<'source' | 'claim'>('source');
  const [view, setView] = useState<'axis' | 'list'>('axis');
  const [selectedKey, setSelectedKey] = useState<string | null>(null);
  const [adding, setAdding] = useState<{ passageId: string } | null>(null);
  const axis = useRef<AxisHandle>(null);
  const headingId = useId();

  const timeline = useMemo(
    () => buildTimeline({ sources: sources ?? [], passages: passages ?? [], claims: claims ?? [], entries: entries ?? [], found: extraction.dates }),
    [sources, passages, claims, entries, extraction.dates],
  );
  const names = useMemo(
    () => ({
      sources: new Map((sources ?? []).map((s) => [s.id, s.metadata.title || s.fileName])),
      claims: new Map((claims ?? []).map((c) => [c.id, c.statement])),
    }),
    [sources, claims],
  );
  const groups = useMemo(() => groupEvents(timeline.events, groupBy, names), [timeline.events, groupBy, names]);
  const extent = useMemo(() => timelineExtent(timeline.events), [timeline.events]);
  const selected = timeline.events.find((e) => e.key === selectedKey) ?? null;

  const reveal = (event: TimelineEvent) => {
    if (event.passageId) navigate({ kind: 'reveal-passage', passageId: event.passageId });
    else if (event.sourceId && event.range) navigate({ kind: 'reveal-text', sourceId: event.sourceId, start: event.range.start, end: event.range.end });
    else if (event.claimIds[0]) navigate({ kind: 'open-claim', claimId: event.claimIds[0] });
  };

  const decide = async (event: TimelineEvent, kind: 'confirmed' | 'corrected' | 'dismissed', date?: TimelineEvent['date']) => {
    if (!event.found || !event.sourceId) return;
    try {
      const { entry, replaced } = await decideFoundDate(caseId, { sourceId: event.sourceId, start: event.found.start, end: event.found.end }, { kind, ...(date ? { date } : {}) });
      const what = kind === 'dismissed' ? 'Date dismissed' : kind === 'confirmed' ? 'Date confirmed' : `Date corrected to ${formatDate(date!)}`;
      announce(what);
      notices.toast(`${what}: “${event.found.text}”.`, {
        label: 'Undo',
        run: async () => {
          if (replaced) await restoreTimelineEntry(replaced);
          else await removeTimelineEntry(entry.id);
        },
      });
    } catch (error) {
      notices.error((error as Error).message);
    }
  };

  const removeManual = async (event: TimelineEvent) => {
    if (!event.entryId) return;
    const removed = await removeTimelineEntry(event.entryId);
    if (removed) notices.toast('Event removed from the timeline.', { label: 'Undo', run: () => restoreTimelineEntry(removed) });
  };

  const insertChronology = () => {
    const writer = briefWriter();
    if (!writer) {
      notices.error('Open the brief first: the chronology goes where its caret is.');
      return;
    }
    if (timeline.events.length === 0) {
      notices.error('The timeline has no dated events yet, so there is no chronology to insert.');
      return;
    }
    const rows = chronologyRows(timeline, names.sources);
    if (writer.insertBlock(chronologyTable(rows))) {
      navigate({ kind: 'show-brief' });
      notices.toast(`Chronology of ${rows.length} event${rows.length === 1 ? '' : 's'} inserted into the brief.`);
    } else notices.error('The chronology could not be inserted into the brief.');
  };

  const exportCsv = async () => {
    if (timeline.events.length === 0) {
      notices.error('The timeline has no dated events yet, so there is nothing to export.');
      return;
    }
    const safe = caseName.replace(/[^\p{L}\p{N} _.-]+/gu, '').trim().replace(/\s+/g, '-') || 'case';
    const saved = await platform().saveFile({
      suggestedName: `${safe}-chronology.csv`,
      bytes: new TextEncoder().encode(chronologyCsv(chronologyRows(timeline, names.sources))),
      mediaType: 'text/csv; charset=utf-8',
      filters: [{ name: 'CSV spreadsheet', extensions: ['csv'] }],
    });
    if (saved) notices.toast('Chronology saved as CSV.');
  };

  const total = timeline.events.length;
  return (
    <section className="timeline-pane view-pane" role="region" aria-labelledby={headingId}>
      <header className="view-header">
        <h2 id={headingId}>Timeline</h2>
        <div className="view-tools" role="toolbar" aria-label="Timeline tools">
          <label>
            Group by{' '}
            <select value={groupBy} onChange={(e) => setGroupBy(e.target.value as 'source' | 'claim')}>
              <option value="source">Source</option>
              <option value="claim">Claim</option>
            </select>
          </label>
          <div className="segmented" role="group" aria-label="View">
            <button type="button" className="small" aria-pressed={view === 'axis'} onClick={() => setView('axis')}>
              Axis
            </button>
            <button type="button" className="small" aria-pressed={view === 'list'} onClick={() => setView('list')}>
              List
            </button>
          </div>
          {view === 'axis' && (
            <>
              <button type="button" className="small" onClick={() => axis.current?.zoom(2)}>
                Zoom in
              </button>
              <button type="button" className="small" onClick={() => axis.current?.zoom(0.5)}>
                Zoom out
              </button>
              <button type="button" className="small" onClick={() => axis.current?.fit()}>
                Fit
              </button>
            </>
          )}
          <button type="button" className="small" onClick={() => setAdding({ passageId: passages?.[0]?.id ?? '' })} disabled={!passages?.length}>
            Add event…
          </button>
          <button type="button" className="small" onClick={insertChronology}>
            Insert chronology
          </button>
          <button type="button" className="small" onClick={() => void exportCsv()}>
            Export chronology as CSV
          </button>
        </div>
      </header>
      <p className="view-status" role="status">
        {extraction.pending > 0
          ? `Finding dates in ${extraction.pending} source${extraction.pending === 1 ? '' : 's'}…`
          : `${total} dated event${total === 1 ? '' : 's'}${timeline.dismissed.length ? `, ${timeline.dismissed.length} dismissed` : ''}.`}
      </p>
      {extraction.error && <p className="field-error">{extraction.error}</p>}
      {adding && (
        <AddEventForm
          passages={passages ?? []}
          sources={names.sources}
          initialPassageId={adding.passageId}
          onCancel={() => setAdding(null)}
          onAdd={async (passageId, date, label) => {
            try {
              const entry = await addManualEvent(caseId, passageId, date, label);
              setAdding(null);
              setSelectedKey(`manual:${entry.id}`);
              notices.toast(`Event added on ${formatDate(date)}.`, { label: 'Undo', run: async () => void (await removeTimelineEntry(entry.id)) });
            } catch (error) {
              notices.error((error as Error).message);
            }
          }}
        />
      )}
      <div className="timeline-body">
        <div className="timeline-main">
          {total === 0 && extraction.pending === 0 ? (
            <p className="muted">No dates found yet. Import a source with dates, or add an event by hand from a passage.</p>
          ) : view === 'axis' ? (
            <TimelineAxis
              handle={axis}
              groups={groups}
              extent={extent}
              selectedKey={selectedKey}
              onSelect={(event) => setSelectedKey(event.key)}
              onActivate={reveal}
              describe={describeEvent}
              onAnnounce={(text) => announce(text, 'timeline')}
            />
          ) : (
            <TimelineList groups={groups} selectedKey={selectedKey} onSelect={(event) => setSelectedKey(event.key)} onReveal={reveal} />
          )}
          {selected && (
            <EventDetail
              key={selected.key}
              event={selected}
              sourceTitle={selected.sourceId ? (names.sources.get(selected.sourceId) ?? '') : ''}
              onReveal={() => reveal(selected)}
              onDecide={(kind, date) => void decide(selected, kind, date)}
              onRemove={() => void removeManual(selected)}
            />
          )}
        </div>
        <UndatedList items={timeline.undated} claims={claims ?? []} onAdd={(passageId) => setAdding({ passageId })} />
      </div>
      {timeline.dismissed.length > 0 && (
        <details className="timeline-dismissed">
          <summary>Dismissed dates ({timeline.dismissed.length})</summary>
          <ul>
            {timeline.dismissed.map((event) => (
              <li key={event.key}>
                <span>
                  “{event.found?.text}” — {event.label}
                </span>{' '}
                <button
                  type="button"
                  className="small"
                  aria-label={`Restore the date “${event.found?.text}”`}
                  onClick={() => {
                    if (event.entryId) void removeTimelineEntry(event.entryId);
                  }}
                >
                  Restore
                </button>
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}

/** The same events as a list: the screen-reader view, and a quick way to scan a long chronology. */
function TimelineList({
  groups,
  selectedKey,
  onSelect,
  onReveal,
}: {
  groups: ReturnType<typeof groupEvents>;
  selectedKey: string | null;
  onSelect(event: TimelineEvent): void;
  onReveal(event: TimelineEvent): void;
}) {
  return (
    <div className="timeline-list">
      {groups.map((group) => (
        <section key={group.id} aria-label={group.label}>
          <h3>{group.label}</h3>
          <ol>
            {group.events.map((event) => (
              <li key={event.key} className={event.key === selectedKey ? 'selected' : undefined}>
                <button
                  type="button"
                  className="timeline-event"
                  aria-current={event.key === selectedKey ? 'true' : undefined}
                  onClick={() => {
                    onSelect(event);
                    onReveal(event);
                  }}
                >
                  <time dateTime={event.date.end ? `${event.date.start}/${event.date.end}` : event.date.start}>{formatDate(event.date)}</time>
                  <span className="timeline-event-label">{event.label}</span>
                  <span className={`timeline-status status-${event.status}`}>
                    {precisionLabel(event.date)} · {STATUS_LABEL[event.status]}
                  </span>
                </button>
              </li>
            ))}
          </ol>
        </section>
      ))}
    </div>
  );
}

/** The chosen event: where it came from, and confirm / correct / dismiss (or remove, for one added by hand). */
function EventDetail({
  event,
  sourceTitle,
  onReveal,
  onDecide,
  onRemove,
}: {
  event: TimelineEvent;
  sourceTitle: string;
  onReveal(): void;
  onDecide(kind: 'confirmed' | 'corrected' | 'dismissed', date?: TimelineEvent['date']): void;
  onRemove(): void;
}) {
  const [correcting, setCorrecting] = useState(false);
  const [value, setValue] = useState(event.date.end ? `${event.date.start}/${event.date.end}` : event.date.start);
  const [problem, setProblem] = useState<string | null>(null);
  const inputId = useId();
  const errorId = useId();
  const canDecide = Boolean(event.found && event.sourceId);
  return (
    <div className="timeline-detail" role="group" aria-label="Selected event">
      <p>
        <strong>{formatDate(event.date)}</strong> <span className="muted">({precisionLabel(event.date)}, {STATUS_LABEL[event.status].toLowerCase()})</span>
      </p>
      <p className="timeline-detail-label">{event.label}</p>
      <p className="muted small">
        {sourceTitle}
        {event.found?.relative && event.found.reference
          ? ` · “${event.found.text}” read against the ${event.found.reference.kind === 'published' ? 'publication' : event.found.reference.kind === 'fetched' ? 'fetch' : 'import'} date, ${event.found.reference.date}`
          : event.found
            ? ` · written as “${event.found.text}”`
            : ''}
      </p>
      <div className="timeline-detail-actions">
        <button type="button" className="small" onClick={onReveal}>
          Show passage
        </button>
        {canDecide && event.status !== 'confirmed' && (
          <button type="button" className="small" onClick={() => onDecide('confirmed')}>
            Confirm date
          </button>
        )}
        {canDecide && (
          <button type="button" className="small" aria-expanded={correcting} onClick={() => setCorrecting((c) => !c)}>
            Correct date…
          </button>
        )}
        {canDecide && (
          <button type="button" className="small" onClick={() => onDecide('dismissed')}>
            Dismiss date
          </button>
        )}
        {event.status === 'manual' && (
          <button type="button" className="small" onClick={onRemove}>
            Remove event
          </button>
        )}
      </div>
      {correcting && (
        <form
          className="timeline-correct"
          onSubmit={(e) => {
            e.preventDefault();
            const parsed = parseUserDate(value);
            if ('error' in parsed) {
              setProblem(parsed.error);
              return;
            }
            setProblem(null);
            setCorrecting(false);
            onDecide('corrected', parsed);
          }}
        >
          <label htmlFor={inputId}>Correct date</label>
          <input id={inputId} value={value} onChange={(e) => setValue(e.target.value)} aria-invalid={problem ? true : undefined} aria-describedby={problem ? errorId : undefined} autoFocus />
          <button type="submit" className="small primary">
            Save date
          </button>
          {problem && (
            <span id={errorId} className="field-error" role="alert">
              {problem}
            </span>
          )}
        </form>
      )}
    </div>
  );
}

/** Passages and claims with no date: each can be dated by hand. */
/** Undated items shown before "Show all": a big case can have thousands. */
const UNDATED_SHOWN = 50;

function UndatedList({ items, claims, onAdd }: { items: readonly UndatedItem[]; claims: readonly ClaimRecord[]; onAdd(passageId: string): void }) {
  const headingId = useId();
  const [all, setAll] = useState(false);
  const shown = all ? items : items.slice(0, UNDATED_SHOWN);
  const claimsById = new Map(claims.map((c) => [c.id, c]));
  return (
    <aside className="timeline-undated" aria-labelledby={headingId}>
      <h3 id={headingId}>Undated ({items.length})</h3>
      {items.length === 0 ? (
        <p className="muted small">Every passage and claim has a date.</p>
      ) : (
        <ul>
          {shown.map((item) => {
            const passageId = item.kind === 'passage' ? item.id : claimsById.get(item.id)?.evidence[0]?.passageId;
            return (
              <li key={`${item.kind}:${item.id}`}>
                <span className="small">
                  <span className="muted">{item.kind === 'passage' ? 'Passage' : 'Claim'}:</span> {item.label}
                </span>
                {passageId ? (
                  <button type="button" className="small" aria-label={`Add a date for “${item.label.slice(0, 60)}”`} onClick={() => onAdd(passageId)}>
                    Add date…
                  </button>
                ) : (
                  <span className="muted small"> (add evidence to date it)</span>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {items.length > shown.length && (
        <button type="button" className="small" onClick={() => setAll(true)}>
          Show all {items.length}
        </button>
      )}
    </aside>
  );
}

/** Add a confirmed event by hand: a passage, its date, and what happened. */
function AddEventForm({
  passages,
  sources,
  initialPassageId,
  onCancel,
  onAdd,
}: {
  passages: readonly PassageRecord[];
  sources: ReadonlyMap<string, string>;
  initialPassageId: string;
  onCancel(): void;
  onAdd(passageId: string, date: TimelineEvent['date'], label: string): void | Promise<void>;
}) {
  const [passageId, setPassageId] = useState(initialPassageId);
  const [dateText, setDateText] = useState('');
  const [label, setLabel] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const errorId = useId();
  return (
    <form
      className="timeline-add"
      aria-label="Add event"
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          onCancel();
        }
      }}
      onSubmit={(e) => {
        e.preventDefault();
        const parsed = parseUserDate(dateText);
        if ('error' in parsed) {
          setProblem(parsed.error);
          return;
        }
        if (!passageId) {
          setProblem('Choose the passage the event comes from.');
          return;
        }
        void onAdd(passageId, parsed, label);
      }}
    >
      <label>
        Passage
        <select value={passageId} onChange={(e) => setPassageId(e.target.value)}>
          {passages.map((p) => (
            <option key={p.id} value={p.id}>
              {`${sources.get(p.sourceId) ?? ''}: ${p.selectors[0].exact.slice(0, 80)}`}
            </option>
          ))}
        </select>
      </label>
      <label>
        Date
        <input value={dateText} onChange={(e) => setDateText(e.target.value)} placeholder="2024-03-05, March 2024, 2024" aria-invalid={problem ? true : undefined} aria-describedby={problem ? errorId : undefined} autoFocus />
      </label>
      <label>
        What happened
        <input value={label} onChange={(e) => setLabel(e.target.value)} placeholder="Optional: the passage's text is used otherwise" />
      </label>
      <div className="timeline-add-actions">
        <button type="button" className="small" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="small primary">
          Add to timeline
        </button>
      </div>
      {problem && (
        <p id={errorId} className="field-error" role="alert">
          {problem}
        </p>
      )}
    </form>
  );
}
