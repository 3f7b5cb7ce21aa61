/**
 * The Timeline pane: the case's chronology on a time axis (or as a list),
 * grouped by source or by claim. Dates are found in a worker; here the user
 * confirms, corrects or dismisses them, adds events by hand from passages,
 * and inserts the chronology into the brief or saves it as CSV.
 */
import { safeFileStem } from '../../../shared/domain/fileName';
import { useDeferredValue, useEffect, useId, useMemo, useRef, useState } from 'react';
import { parseUserDate } from '../../../shared/chronology/dates';
import { chronologyCsv, chronologyTable } from '../../../shared/chronology/table';
import { buildTimeline, chronologyRows, claimDateReader, groupEvents, timelineExtent, type TimelineEvent, type UndatedItem } from '../../../shared/chronology/timeline';
import type { ClaimRecord, PassageRecord, SourceRecord } from '../../../shared/domain/types';
import { useTimelineEntries } from '../../db/hooks';
import { failureText, useTranslation } from '../../i18n';
import { addManualEvent, decideFoundDate, removeTimelineEntry, restoreTimelineEntry } from '../../db/repositories';
import { briefWriter } from '../../editor/briefCommands';
import { afterPaint } from '../../lib/afterPaint';
import { announce } from '../../lib/announce';
import { navigate } from '../../lib/navigation';
import { useNotices } from '../../lib/notices';
import { useCaseReadOnly } from '../../lib/readOnly';
import { platform } from '../../platform';
import { useCaseExtraction } from '../extraction/extraction';
import { EVENT_STATUS_LABEL, eventDateText, precisionText } from './labels';
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

export function TimelinePane({ caseId, caseName, sources, passages, claims }: TimelinePaneProps) {
  const { t } = useTranslation();
  const notices = useNotices();
  const { reason: readOnlyReason } = useCaseReadOnly();
  const entries = useTimelineEntries(caseId);
  // The stored events first: extraction starts once they are read (and drawn). Results arriving from the
  // workers are taken in a deferred render, which React splits into tasks between components (the pane's
  // timeline, the axis's lanes), rather than in the one task that tells of them.
  const extraction = useDeferredValue(useCaseExtraction(sources, entries !== undefined));
  const [groupBy, setGroupBy] = useState<'source' | 'claim'>('source');
  const [view, setView] = useState<'axis' | 'list'>('axis');
  const [selectedKey, setSelectedKey] = useState<string | null>(null);
  const [adding, setAdding] = useState<{ passageId: string } | null>(null);
  const axis = useRef<AxisHandle>(null);
  const headingId = useId();

  // Dates in the claims' statements are read after the stored events are drawn, a slice at a time
  // (2,000 statements took a main-thread task of their own); the timeline is built again if any had a date.
  const [claimDatesRead, setClaimDatesRead] = useState(0);
  const entriesLoaded = entries !== undefined;
  useEffect(() => {
    if (!sources || !passages || !claims || !entriesLoaded) return;
    const readSlice = claimDateReader({ sources, passages, claims });
    let cancel = afterPaint(function run() {
      const { done, dated } = readSlice(12);
      if (!done) cancel = afterPaint(run);
      else if (dated > 0) setClaimDatesRead((n) => n + 1);
    });
    return () => cancel();
  }, [sources, passages, claims, entriesLoaded]);

  const timeline = useMemo(() => {
    void claimDatesRead;
    return buildTimeline({ sources: sources ?? [], passages: passages ?? [], claims: claims ?? [], entries: entries ?? [], found: extraction.dates, claimDates: 'known' });
  }, [sources, passages, claims, entries, extraction.dates, claimDatesRead]);
  const names = useMemo(
    () => ({
      sources: new Map((sources ?? []).map((s) => [s.id, s.metadata.title || s.fileName])),
      claims: new Map((claims ?? []).map((c) => [c.id, c.statement])),
      lanes: { source: t('timeline.lane.source'), claims: t('timeline.lane.claims'), claim: t('timeline.lane.claim'), none: t('timeline.lane.none') },
    }),
    [sources, claims, t],
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
      const what = kind === 'dismissed' ? t('timeline.dismissed') : kind === 'confirmed' ? t('timeline.confirmed') : t('timeline.correctedTo', { date: eventDateText(date!) });
      announce(what);
      notices.toast(t('timeline.decided', { what, text: event.found.text }), {
        label: t('common.undo'),
        run: async () => {
          if (replaced) await restoreTimelineEntry(replaced);
          else await removeTimelineEntry(entry.id);
        },
      });
    } catch (error) {
      notices.error(failureText(error));
    }
  };

  const removeManual = async (event: TimelineEvent) => {
    if (!event.entryId) return;
    try {
      const removed = await removeTimelineEntry(event.entryId);
      if (removed) notices.toast(t('timeline.removed'), { label: t('common.undo'), run: () => restoreTimelineEntry(removed) });
    } catch (error) {
      // A team case shared read-only refuses it (the data door's lock).
      notices.error(failureText(error));
    }
  };

  const insertChronology = () => {
    // A read-only member's brief takes no writes: say why, rather than "open the brief first".
    if (readOnlyReason) return notices.error(readOnlyReason);
    const writer = briefWriter();
    if (!writer) {
      notices.error(t('timeline.openBrief'));
      return;
    }
    if (timeline.events.length === 0) {
      notices.error(t('timeline.nothingToInsert'));
      return;
    }
    const rows = chronologyRows(timeline, names.sources);
    if (writer.insertBlock(chronologyTable(rows))) {
      navigate({ kind: 'show-brief' });
      notices.toast(t('timeline.inserted', { count: rows.length }));
    } else notices.error(t('timeline.notInserted'));
  };

  const exportCsv = async () => {
    if (timeline.events.length === 0) {
      notices.error(t('timeline.nothingToExport'));
      return;
    }
    const safe = safeFileStem(caseName, 'case', 'hyphenated');
    const saved = await platform().saveFile({
      suggestedName: `${safe}-chronology.csv`,
      bytes: new TextEncoder().encode(chronologyCsv(chronologyRows(timeline, names.sources))),
      mediaType: 'text/csv; charset=utf-8',
      filters: [{ name: t('timeline.csvFilter'), extensions: ['csv'] }],
    });
    if (saved) notices.toast(t('timeline.savedCsv'));
  };

  const total = timeline.events.length;
  return (
    <section className="timeline-pane view-pane" role="region" aria-labelledby={headingId}>
      <header className="view-header">
        <h2 id={headingId}>{t('timeline.title')}</h2>
        <div className="view-tools" role="toolbar" aria-label={t('timeline.tools')}>
          <label>
            {t('timeline.groupBy')}{' '}
            <select value={groupBy} onChange={(e) => setGroupBy(e.target.value as 'source' | 'claim')}>
              <option value="source">{t('timeline.bySource')}</option>
              <option value="claim">{t('timeline.byClaim')}</option>
            </select>
          </label>
          <div className="segmented" role="group" aria-label={t('timeline.view')}>
            <button type="button" className="small" aria-pressed={view === 'axis'} onClick={() => setView('axis')}>
              {t('timeline.axis')}
            </button>
            <button type="button" className="small" aria-pressed={view === 'list'} onClick={() => setView('list')}>
              {t('timeline.list')}
            </button>
          </div>
          {view === 'axis' && (
            <>
              <button type="button" className="small" onClick={() => axis.current?.zoom(2)}>
                {t('timeline.zoomIn')}
              </button>
              <button type="button" className="small" onClick={() => axis.current?.zoom(0.5)}>
                {t('timeline.zoomOut')}
              </button>
              <button type="button" className="small" onClick={() => axis.current?.fit()}>
                {t('timeline.fit')}
              </button>
            </>
          )}
          <button type="button" className="small" onClick={() => setAdding({ passageId: passages?.[0]?.id ?? '' })} disabled={!passages?.length}>
            {t('timeline.addEvent')}
          </button>
          <button type="button" className="small" onClick={insertChronology}>
            {t('timeline.insertChronology')}
          </button>
          <button type="button" className="small" onClick={() => void exportCsv()}>
            {t('timeline.exportCsv')}
          </button>
        </div>
      </header>
      <p className="view-status" role="status">
        {extraction.pending > 0
          ? t('timeline.finding', { count: extraction.pending })
          : timeline.dismissed.length
            ? t('timeline.summaryDismissed', { events: t('timeline.events', { count: total }), count: timeline.dismissed.length })
            : t('timeline.summary', { events: t('timeline.events', { count: total }) })}
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
              notices.toast(t('timeline.added', { date: eventDateText(date) }), { label: t('common.undo'), run: async () => void (await removeTimelineEntry(entry.id)) });
            } catch (error) {
              notices.error(failureText(error));
            }
          }}
        />
      )}
      <div className="timeline-body">
        <div className="timeline-main">
          {total === 0 && extraction.pending === 0 ? (
            <p className="muted">{t('timeline.empty')}</p>
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
          <summary>{t('timeline.dismissedDates', { count: timeline.dismissed.length })}</summary>
          <ul>
            {timeline.dismissed.map((event) => (
              <li key={event.key}>
                <span>
                  “{event.found?.text}” — {event.label}
                </span>{' '}
                <button
                  type="button"
                  className="small"
                  aria-label={t('timeline.restoreDate', { text: event.found?.text ?? '' })}
                  onClick={() => {
                    if (event.entryId) void removeTimelineEntry(event.entryId);
                  }}
                >
                  {t('timeline.restore')}
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
  useTranslation();
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
                  <time dateTime={event.date.end ? `${event.date.start}/${event.date.end}` : event.date.start}>{eventDateText(event.date)}</time>
                  <span className="timeline-event-label">{event.label}</span>
                  <span className={`timeline-status status-${event.status}`}>
                    {precisionText(event.date)} · {EVENT_STATUS_LABEL[event.status]}
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
  const { t } = useTranslation();
  const [correcting, setCorrecting] = useState(false);
  const [value, setValue] = useState(event.date.end ? `${event.date.start}/${event.date.end}` : event.date.start);
  const [problem, setProblem] = useState<string | null>(null);
  const inputId = useId();
  const errorId = useId();
  const canDecide = Boolean(event.found && event.sourceId);
  return (
    <div className="timeline-detail" role="group" aria-label={t('timeline.selected')}>
      <p>
        <strong>{eventDateText(event.date)}</strong>{' '}
        <span className="muted">{t('timeline.detailKind', { precision: precisionText(event.date), status: EVENT_STATUS_LABEL[event.status].toLocaleLowerCase() })}</span>
      </p>
      <p className="timeline-detail-label">{event.label}</p>
      <p className="muted small">
        {sourceTitle}
        {event.found?.relative && event.found.reference
          ? t(`timeline.readAgainst.${event.found.reference.kind}`, { text: event.found.text, date: event.found.reference.date })
          : event.found
            ? t('timeline.writtenAs', { text: event.found.text })
            : ''}
      </p>
      <div className="timeline-detail-actions">
        <button type="button" className="small" onClick={onReveal}>
          {t('timeline.showPassage')}
        </button>
        {canDecide && event.status !== 'confirmed' && (
          <button type="button" className="small" onClick={() => onDecide('confirmed')}>
            {t('timeline.confirm')}
          </button>
        )}
        {canDecide && (
          <button type="button" className="small" aria-expanded={correcting} onClick={() => setCorrecting((c) => !c)}>
            {t('timeline.correct')}
          </button>
        )}
        {canDecide && (
          <button type="button" className="small" onClick={() => onDecide('dismissed')}>
            {t('timeline.dismiss')}
          </button>
        )}
        {event.status === 'manual' && (
          <button type="button" className="small" onClick={onRemove}>
            {t('timeline.remove')}
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
          <label htmlFor={inputId}>{t('timeline.correctLabel')}</label>
          <input id={inputId} value={value} onChange={(e) => setValue(e.target.value)} aria-invalid={problem ? true : undefined} aria-describedby={problem ? errorId : undefined} autoFocus />
          <button type="submit" className="small primary">
            {t('timeline.saveDate')}
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
  const { t } = useTranslation();
  const headingId = useId();
  const [all, setAll] = useState(false);
  const shown = all ? items : items.slice(0, UNDATED_SHOWN);
  const claimsById = new Map(claims.map((c) => [c.id, c]));
  return (
    <aside className="timeline-undated" aria-labelledby={headingId}>
      <h3 id={headingId}>{t('timeline.undated', { count: items.length })}</h3>
      {items.length === 0 ? (
        <p className="muted small">{t('timeline.allDated')}</p>
      ) : (
        <ul>
          {shown.map((item) => {
            const passageId = item.kind === 'passage' ? item.id : claimsById.get(item.id)?.evidence[0]?.passageId;
            return (
              <li key={`${item.kind}:${item.id}`}>
                <span className="small">
                  <span className="muted">{item.kind === 'passage' ? t('timeline.undatedPassage') : t('timeline.undatedClaim')}:</span> {item.label}
                </span>
                {passageId ? (
                  <button type="button" className="small" aria-label={t('timeline.addDateFor', { label: item.label.slice(0, 60) })} onClick={() => onAdd(passageId)}>
                    {t('timeline.addDate')}
                  </button>
                ) : (
                  <span className="muted small">{t('timeline.needsEvidence')}</span>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {items.length > shown.length && (
        <button type="button" className="small" onClick={() => setAll(true)}>
          {t('timeline.showAll', { count: items.length })}
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
  const { t } = useTranslation();
  const [passageId, setPassageId] = useState(initialPassageId);
  const [dateText, setDateText] = useState('');
  const [label, setLabel] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const errorId = useId();
  return (
    <form
      className="timeline-add"
      aria-label={t('timeline.addForm')}
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
          setProblem(t('timeline.choosePassage'));
          return;
        }
        void onAdd(passageId, parsed, label);
      }}
    >
      <label>
        {t('timeline.passage')}
        <select value={passageId} onChange={(e) => setPassageId(e.target.value)}>
          {passages.map((p) => (
            <option key={p.id} value={p.id}>
              {`${sources.get(p.sourceId) ?? ''}: ${p.selectors[0].exact.slice(0, 80)}`}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('timeline.date')}
        <input value={dateText} onChange={(e) => setDateText(e.target.value)} placeholder={t('timeline.datePlaceholder')} aria-invalid={problem ? true : undefined} aria-describedby={problem ? errorId : undefined} autoFocus />
      </label>
      <label>
        {t('timeline.what')}
        <input value={label} onChange={(e) => setLabel(e.target.value)} placeholder={t('timeline.whatPlaceholder')} />
      </label>
      <div className="timeline-add-actions">
        <button type="button" className="small" onClick={onCancel}>
          {t('dialog.cancel')}
        </button>
        <button type="submit" className="small primary">
          {t('timeline.addToTimeline')}
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
