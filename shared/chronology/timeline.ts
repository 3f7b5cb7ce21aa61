/**
 * The chronology of a case: dates found in its sources and claims, what the
 * user confirmed, corrected or dismissed, and events added by hand, as one
 * sorted list of events, each tied to the exact place it came from.
 *
 * Pure: the expensive part (finding dates in every source) is done once per
 * source revision by `datesInSource`, in a worker; `buildTimeline` combines
 * those results with the records and is cheap enough to run on every change.
 */
import { describe, resolve } from '../anchoring';
import { sentenceAt } from '../text/segments';
import type { ClaimRecord, EventDate, PassageRecord, SourceRecord, TimelineEntryRecord } from '../domain/types';
import { dateSpan, findDates, formatDate, isoText, type DateMatch } from './dates';

/** What relative dates in a source were resolved against. */
export interface DateReference {
  kind: 'published' | 'fetched' | 'imported';
  /** "YYYY-MM-DD". */
  date: string;
}

/** A date found in a source, with the sentence around it (the event's label and where the reader shows it). */
export interface FoundDate extends DateMatch {
  sentence: { start: number; end: number };
}

/** The dates found in one revision of one source. */
export interface SourceDates {
  sourceId: string;
  revision: number;
  reference: DateReference;
  dates: FoundDate[];
}

/** The date relative expressions in a source are resolved against: its publication date, else when it was fetched or imported. */
export function referenceFor(source: Pick<SourceRecord, 'metadata' | 'fetched' | 'importedAt'>): DateReference {
  const parts = source.metadata.issued?.['date-parts']?.[0];
  if (parts && Number.isInteger(parts[0])) {
    const [y, m = 1, d = 1] = parts;
    return { kind: 'published', date: isoDay(Date.UTC(y, (m ?? 1) - 1, d ?? 1)) };
  }
  if (source.fetched) return { kind: 'fetched', date: isoDay(source.fetched.fetchedAt) };
  return { kind: 'imported', date: isoDay(source.importedAt) };
}

function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

function referenceDate(reference: DateReference): Date {
  return new Date(`${reference.date}T12:00:00Z`);
}

/**
 * Find every date in a source's text, resolved against its reference date,
 * with the sentence around each. The sentences are found here (in the
 * worker) rather than in `buildTimeline`: segmenting the sentences of 19,000
 * dates takes about a second, which the main thread cannot spare.
 */
export function datesInSource(source: Pick<SourceRecord, 'id' | 'revision' | 'text' | 'blocks' | 'metadata' | 'fetched' | 'importedAt'>): SourceDates {
  const reference = referenceFor(source);
  const language = source.metadata.language ?? '';
  const dayFirst = /^en-(?:GB|IE|AU|NZ|IN|ZA)$/i.test(language) || (language !== '' && !/^en/i.test(language));
  const matches = findDates(source.text, { reference: referenceDate(reference), dayFirst });
  const blockAt = blockFinder(source.blocks);
  const dates = matches.map((match) => ({ ...match, sentence: sentenceRange(source.text, blockAt(match.start, match.end), match.start, match.end) }));
  return { sourceId: source.id, revision: source.revision, reference, dates };
}

/** The block holding [start, end), by binary search over the blocks (in text order). */
function blockFinder(blocks: readonly { start: number; end: number }[]): (start: number, end: number) => { start: number; end: number } | undefined {
  return (start, end) => {
    let lo = 0;
    let hi = blocks.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const block = blocks[mid]!;
      if (block.end < start) lo = mid + 1;
      else if (block.start > start) hi = mid - 1;
      else return end <= block.end ? block : undefined;
    }
    return undefined;
  };
}

export type EventStatus = 'found' | 'confirmed' | 'corrected' | 'manual';

export interface TimelineEvent {
  /** Stable key: `found:<sourceId>:<start>:<end>`, `claim:<claimId>:<start>` or `manual:<entryId>`. */
  key: string;
  date: EventDate;
  /** The sentence around the date (or the user's label). */
  label: string;
  status: EventStatus;
  sourceId: string | null;
  /** The passage the event lies in (found dates inside a highlighted passage, manual events). */
  passageId: string | null;
  /** Claims the event bears on: the claim whose statement holds the date, or whose evidence holds it. */
  claimIds: string[];
  /** Where to show it: a range of the source's text (the sentence), when it has one. */
  range: { start: number; end: number } | null;
  /** The date's own words in the text, and its offsets (found dates only). */
  found?: { text: string; start: number; end: number; relative: boolean; reference?: DateReference };
  /** The stored decision or manual event behind it. */
  entryId?: string;
}

/** A passage or claim with no date yet: the timeline lists them beside the axis, ready to be dated by hand. */
export interface UndatedItem {
  kind: 'passage' | 'claim';
  id: string;
  label: string;
  sourceId: string | null;
}

export interface Timeline {
  events: TimelineEvent[];
  undated: UndatedItem[];
  /** Found dates the user dismissed (kept so they can be restored). */
  dismissed: TimelineEvent[];
}

export interface TimelineInput {
  sources: readonly SourceRecord[];
  passages: readonly PassageRecord[];
  claims: readonly ClaimRecord[];
  entries: readonly TimelineEntryRecord[];
  /** `datesInSource` for each source (a missing or stale one is skipped: the worker has not finished it yet). */
  found: readonly SourceDates[];
  /**
   * Dates in claims' statements: read them now (the default), or use those read before (by
   * `claimDateReader`, a slice at a time): then, when more than a few are not read yet, a claim not
   * read has no events of its own for now and is listed as undated unless its evidence is dated, as
   * the passages of a source the worker has not finished are.
   */
  claimDates?: 'now' | 'known';
}

const LABEL_MAX = 280;
/** With `claimDates: 'known'`, up to this many statements not read yet are read during the build. */
const READ_NOW_MAX = 25;

/**
 * Combine found dates with the user's decisions and manual events. Found
 * dates in a source's current revision are matched with decisions by their
 * position and exact words; a decision whose words moved (after "Update
 * source…") is placed again with the anchoring's `resolve`, so it follows
 * the text.
 */
export function buildTimeline(input: TimelineInput): Timeline {
  const sourcesById = new Map(input.sources.map((s) => [s.id, s]));
  const decidedBySource = new Map<string, TimelineEntryRecord[]>();
  for (const entry of input.entries) {
    if (entry.kind === 'manual' || !entry.selectors) continue;
    const list = decidedBySource.get(entry.sourceId) ?? [];
    list.push(entry);
    decidedBySource.set(entry.sourceId, list);
  }
  // Built lazily: while results stream in, every source already built is taken from `sourceParts`.
  let passagesBySource: Map<string, PassageRecord[]> | null = null;
  let claimsByPassage: Map<string, string[]> | null = null;
  const context = (): FoundContext => {
    passagesBySource ??= groupPassagesBySource(input.passages);
    claimsByPassage ??= claimsOfPassages(input.claims);
    return { passagesBySource, claimsByPassage, decidedBySource };
  };

  /** Runs of events, each in time order: one per source, then claims' and manual events. */
  const runs: KeyedEvent[][] = [];
  const dismissed: TimelineEvent[] = [];
  const datedPassages = new Set<string>();
  const datedClaims = new Set<string>();

  for (const found of input.found) {
    const source = sourcesById.get(found.sourceId);
    if (!source || source.revision !== found.revision) continue;
    let cached = sourceParts.get(found);
    if (!cached || cached.source !== source || cached.passages !== input.passages || cached.claims !== input.claims || cached.entries !== input.entries) {
      cached = { source, passages: input.passages, claims: input.claims, entries: input.entries, part: foundEvents(source, found, context()) };
      sourceParts.set(found, cached);
    }
    const { part } = cached;
    runs.push(part.events);
    dismissed.push(...part.dismissed);
    for (const id of part.datedPassages) datedPassages.add(id);
    for (const id of part.datedClaims) datedClaims.add(id);
  }
  const claimsByPassageNow = (): Map<string, string[]> => (claimsByPassage ??= claimsOfPassages(input.claims));
  const events: TimelineEvent[] = [];

  // Dates in claims' own statements ("… on 3 March 2024").
  const passagesById = new Map(input.passages.map((p) => [p.id, p]));
  const referenceByClaim = claimReferences(sourcesById, passagesById);
  const known = new Map<string, DateMatch[]>();
  const unread = new Set<string>();
  // More claims than the cache holds would never all be known at once: those cases read them all now, as before.
  const onlyKnown = input.claimDates === 'known' && input.claims.length <= CLAIM_DATE_CACHE_MAX;
  for (const claim of input.claims) {
    const reference = referenceByClaim(claim);
    const found = onlyKnown ? knownClaimDates(claim.statement, reference) : claimDates(claim.statement, reference);
    if (found) known.set(claim.id, found);
    else unread.add(claim.id);
  }
  // A few new or edited statements are read at once; only a case's first thousands wait for the reader.
  if (unread.size <= READ_NOW_MAX) for (const claim of input.claims) if (unread.has(claim.id)) known.set(claim.id, claimDates(claim.statement, referenceByClaim(claim)));
  for (const claim of input.claims) {
    for (const match of known.get(claim.id) ?? []) {
      events.push({
        key: `claim:${claim.id}:${match.start}`,
        date: match.date,
        label: clip(claim.statement),
        status: 'found',
        sourceId: null,
        passageId: null,
        claimIds: [claim.id],
        range: null,
        found: { text: match.text, start: match.start, end: match.end, relative: match.relative },
      });
      datedClaims.add(claim.id);
    }
  }

  // Events added by hand from a passage.
  for (const entry of input.entries) {
    if (entry.kind !== 'manual' || !entry.date) continue;
    const passage = entry.passageId ? passagesById.get(entry.passageId) : undefined;
    const source = sourcesById.get(passage?.sourceId ?? entry.sourceId);
    const [, position] = passage?.selectors ?? [];
    events.push({
      key: `manual:${entry.id}`,
      date: entry.date,
      label: entry.label?.trim() || clip(passage?.selectors[0].exact ?? ''),
      status: 'manual',
      sourceId: source?.id ?? null,
      passageId: passage?.id ?? null,
      claimIds: passage ? [...(claimsByPassageNow().get(passage.id) ?? [])] : [],
      range: position && passage?.anchor !== 'orphaned' ? { start: position.start, end: position.end } : null,
      entryId: entry.id,
    });
    if (passage) datedPassages.add(passage.id);
    for (const id of passage ? (claimsByPassageNow().get(passage.id) ?? []) : []) datedClaims.add(id);
  }

  runs.push(sortEvents(events));
  const sorted = mergeRuns(runs, compareEvents);
  events.length = 0;
  for (const item of sorted) events.push(item.event);

  const undated: UndatedItem[] = [];
  for (const passage of input.passages) {
    if (datedPassages.has(passage.id) || passage.anchor === 'orphaned') continue;
    undated.push({ kind: 'passage', id: passage.id, label: recordLabel(passage, passage.selectors[0].exact), sourceId: passage.sourceId });
  }
  for (const claim of input.claims) {
    if (datedClaims.has(claim.id)) continue;
    undated.push({ kind: 'claim', id: claim.id, label: recordLabel(claim, claim.statement), sourceId: null });
  }
  return { events, undated, dismissed };
}

interface FoundContext {
  passagesBySource: ReadonlyMap<string, readonly PassageRecord[]>;
  claimsByPassage: ReadonlyMap<string, readonly string[]>;
  decidedBySource: ReadonlyMap<string, readonly TimelineEntryRecord[]>;
}

/** One source's share of a timeline: its events in time order, the dates dismissed, and what they date. */
interface SourcePart {
  events: KeyedEvent[];
  dismissed: TimelineEvent[];
  datedPassages: string[];
  datedClaims: string[];
}

/**
 * Each source's part, remembered by its found dates (one object per source revision, kept by the
 * extraction cache) and valid while the records it was built from are the same arrays: while results
 * stream in, only the sources that just arrived are built, and the rest is a merge.
 */
const sourceParts = new WeakMap<
  SourceDates,
  { source: SourceRecord; passages: readonly PassageRecord[]; claims: readonly ClaimRecord[]; entries: readonly TimelineEntryRecord[]; part: SourcePart }
>();

function groupPassagesBySource(passages: readonly PassageRecord[]): Map<string, PassageRecord[]> {
  const bySource = new Map<string, PassageRecord[]>();
  for (const passage of passages) {
    if (passage.anchor === 'orphaned') continue;
    const list = bySource.get(passage.sourceId) ?? [];
    list.push(passage);
    bySource.set(passage.sourceId, list);
  }
  return bySource;
}

function claimsOfPassages(claims: readonly ClaimRecord[]): Map<string, string[]> {
  const byPassage = new Map<string, string[]>();
  for (const claim of claims) {
    for (const item of claim.evidence) {
      const list = byPassage.get(item.passageId) ?? [];
      if (!list.includes(claim.id)) list.push(claim.id);
      byPassage.set(item.passageId, list);
    }
  }
  return byPassage;
}

/** The events of one source's found dates, with the user's decisions about them applied. */
function foundEvents(source: SourceRecord, found: SourceDates, context: FoundContext): SourcePart {
  const part: SourcePart = { events: [], dismissed: [], datedPassages: [], datedClaims: [] };
  // Decisions about this source's dates, matched by position (the map only when there are some: most sources have none).
  const decided = context.decidedBySource.get(source.id) ?? [];
  const byPosition = decided.length ? new Map(found.dates.map((d) => [`${d.start}:${d.end}`, d])) : null;
  const decisions = new Map<string, TimelineEntryRecord>();
  for (const entry of decided) {
    if (!byPosition || !entry.selectors) continue;
    const [quote, position] = entry.selectors;
    let key = `${position.start}:${position.end}`;
    if (source.text.slice(position.start, position.end) !== quote.exact) {
      const placed = resolve(source.text, entry.selectors);
      if (placed.status === 'orphaned') continue;
      key = `${placed.start}:${placed.end}`;
    }
    if (byPosition.has(key)) decisions.set(key, entry);
  }
  const sourcePassages = context.passagesBySource.get(source.id) ?? [];
  const events: TimelineEvent[] = [];
  const datedPassages = new Set<string>();
  const datedClaims = new Set<string>();
  for (const match of found.dates) {
    const passage = sourcePassages.find((p) => p.selectors[1].start <= match.start && match.end <= p.selectors[1].end);
    const decision = byPosition ? decisions.get(`${match.start}:${match.end}`) : undefined;
    const event: TimelineEvent = {
      key: `found:${source.id}:${match.start}:${match.end}`,
      date: decision?.kind === 'corrected' && decision.date ? decision.date : match.date,
      label: decision?.label?.trim() || sentenceLabel(source.text, match),
      status: decision?.kind === 'confirmed' ? 'confirmed' : decision?.kind === 'corrected' ? 'corrected' : 'found',
      sourceId: source.id,
      passageId: passage?.id ?? null,
      claimIds: passage ? [...(context.claimsByPassage.get(passage.id) ?? [])] : [],
      range: match.sentence,
      found: { text: match.text, start: match.start, end: match.end, relative: match.relative, ...(match.relative ? { reference: found.reference } : {}) },
      ...(decision ? { entryId: decision.id } : {}),
    };
    if (decision?.kind === 'dismissed') {
      part.dismissed.push(event);
      continue;
    }
    events.push(event);
    if (passage) datedPassages.add(passage.id);
    for (const id of event.claimIds) datedClaims.add(id);
  }
  part.events = sortEvents(events);
  part.datedPassages = [...datedPassages];
  part.datedClaims = [...datedClaims];
  return part;
}

/**
 * Dates in a claim's statement, remembered by statement and reference date:
 * the timeline is rebuilt on every change to the case (and as extraction
 * results stream in), and reading 2,000 statements with chrono each time
 * costs a few hundred milliseconds of the main thread. Bounded: the oldest
 * entries go first.
 */
const claimDateCache = new Map<string, DateMatch[]>();
const CLAIM_DATE_CACHE_MAX = 20_000;

const claimDateKey = (statement: string, reference: Date) => `${reference.getTime()}\u0000${statement}`;

function claimDates(statement: string, reference: Date): DateMatch[] {
  const key = claimDateKey(statement, reference);
  let dates = claimDateCache.get(key);
  if (!dates) {
    dates = findDates(statement, { reference });
    if (claimDateCache.size >= CLAIM_DATE_CACHE_MAX) claimDateCache.delete(claimDateCache.keys().next().value!);
    claimDateCache.set(key, dates);
  }
  return dates;
}

function knownClaimDates(statement: string, reference: Date): DateMatch[] | undefined {
  return claimDateCache.get(claimDateKey(statement, reference));
}

/** What a claim's relative dates are read against: the reference of the first source its evidence lies in, else when it was made. */
function claimReferences(sourcesById: ReadonlyMap<string, SourceRecord>, passagesById: ReadonlyMap<string, PassageRecord>): (claim: ClaimRecord) => Date {
  return (claim) => {
    for (const item of claim.evidence) {
      const source = sourcesById.get(passagesById.get(item.passageId)?.sourceId ?? '');
      if (source) return referenceDate(referenceFor(source));
    }
    return new Date(claim.createdAt);
  };
}

/**
 * Read the dates of claims' statements ahead of `buildTimeline({ claimDates: 'known' })`, a slice at
 * a time: each call of the returned function reads statements for about `budgetMs` (at least one)
 * and says whether every claim has been read, and how many statements this reader has read so far
 * and found a date in (the timeline changes only if some did). The pane runs it between frames, so
 * 2,000 statements never hold the main thread in one task.
 */
export function claimDateReader(input: Pick<TimelineInput, 'sources' | 'passages' | 'claims'>): (budgetMs: number) => { done: boolean; read: number; dated: number } {
  const referenceByClaim = claimReferences(new Map(input.sources.map((s) => [s.id, s])), new Map(input.passages.map((p) => [p.id, p])));
  let next = 0;
  let read = 0;
  let dated = 0;
  return (budgetMs) => {
    const until = performance.now() + budgetMs;
    while (next < input.claims.length) {
      const claim = input.claims[next++]!;
      const reference = referenceByClaim(claim);
      if (knownClaimDates(claim.statement, reference)) continue;
      if (claimDates(claim.statement, reference).length > 0) dated++;
      read++;
      if (performance.now() >= until) break;
    }
    return { done: next >= input.claims.length, read, dated };
  };
}

/** An event with its span read once: sorting and merging compare these. */
interface KeyedEvent {
  event: TimelineEvent;
  from: number;
  to: number;
}

const keyed = (event: TimelineEvent): KeyedEvent => {
  const span = dateSpan(event.date);
  return { event, from: span.from, to: span.to };
};

const order = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Time order (where they start, then the shorter first), then by source and place in it; the key makes it total. */
function compareEvents(a: KeyedEvent, b: KeyedEvent): number {
  return (
    a.from - b.from ||
    a.to - b.to ||
    order(a.event.sourceId ?? '', b.event.sourceId ?? '') ||
    (a.event.range?.start ?? 0) - (b.event.range?.start ?? 0) ||
    order(a.event.key, b.event.key)
  );
}

/**
 * Events in time order. Each date is read once, not in every comparison:
 * a case of 19,000 dates sorts in milliseconds rather than a second.
 */
function sortEvents(events: readonly TimelineEvent[]): KeyedEvent[] {
  return events.map(keyed).sort(compareEvents);
}

/**
 * Merge runs that are each sorted by `compare` into one sorted list, pairwise
 * (about n·log₂(runs) comparisons). The timeline keeps each source's events
 * sorted from the build that first saw them, so a rebuild while results
 * stream in merges 50 runs instead of sorting 19,000 events again.
 */
export function mergeRuns<T>(runs: readonly (readonly T[])[], compare: (a: T, b: T) => number): T[] {
  let level: (readonly T[])[] = runs.filter((run) => run.length > 0);
  if (level.length === 0) return [];
  while (level.length > 1) {
    const next: T[][] = [];
    for (let i = 0; i < level.length; i += 2) {
      const a = level[i]!;
      const b = level[i + 1];
      if (!b) {
        next.push([...a]);
        continue;
      }
      const out: T[] = new Array<T>(a.length + b.length);
      let x = 0;
      let y = 0;
      let k = 0;
      while (x < a.length && y < b.length) out[k++] = compare(a[x]!, b[y]!) <= 0 ? a[x++]! : b[y++]!;
      while (x < a.length) out[k++] = a[x++]!;
      while (y < b.length) out[k++] = b[y++]!;
      next.push(out);
    }
    level = next;
  }
  return [...level[0]!];
}

/** The sentence around [start, end) within its block (the whole text when it crosses blocks), trimmed of spaces. */
function sentenceRange(text: string, block: { start: number; end: number } | undefined, start: number, end: number): { start: number; end: number } {
  const lo = block?.start ?? 0;
  const hi = block?.end ?? text.length;
  const sentence = sentenceAt(text, lo, hi, start);
  let s = Math.min(sentence.start, start);
  let e = Math.max(sentence.end, end);
  while (e > s && /\s/u.test(text[e - 1]!)) e--;
  while (s < e && /\s/u.test(text[s]!)) s++;
  return { start: s, end: e };
}

/**
 * A found date's sentence as a label, remembered by found date: the found
 * dates of a source revision are the same objects on every rebuild, and
 * flattening 19,000 sentences again each time cost the main thread.
 */
const sentenceLabels = new WeakMap<FoundDate, string>();

function sentenceLabel(text: string, match: FoundDate): string {
  let label = sentenceLabels.get(match);
  if (label === undefined) {
    label = clip(text.slice(match.sentence.start, match.sentence.end));
    sentenceLabels.set(match, label);
  }
  return label;
}

/** An undated passage's or claim's label, remembered by record (records are replaced, never changed in place): thousands are listed on every rebuild. */
const recordLabels = new WeakMap<object, { text: string; label: string }>();

function recordLabel(record: object, text: string): string {
  const known = recordLabels.get(record);
  if (known?.text === text) return known.label;
  const label = clip(text);
  recordLabels.set(record, { text, label });
  return label;
}

function clip(text: string): string {
  const flat = text.replace(/\s+/gu, ' ').trim();
  return flat.length <= LABEL_MAX ? flat : `${flat.slice(0, LABEL_MAX - 1).trimEnd()}…`;
}

// ------------------------------------------------------------ decisions

/** The selectors that tie a decision to a found date's words in its source. */
export function findingSelectors(source: Pick<SourceRecord, 'text'>, event: Pick<TimelineEvent, 'found'>): TimelineEntryRecord['selectors'] {
  if (!event.found) return undefined;
  return describe(source.text, event.found.start, event.found.end);
}

// ------------------------------------------------------------ grouping and tables

export interface TimelineGroup {
  id: string;
  label: string;
  events: TimelineEvent[];
}

/** Names of the lanes that are not a source's or a claim's own (the UI passes them in its language). */
export interface LaneNames {
  source: string;
  claims: string;
  claim: string;
  none: string;
}

const ENGLISH_LANES: LaneNames = { source: 'Source', claims: 'Claims', claim: 'Claim', none: 'No claim' };

/**
 * Lanes for the axis: one per source (events of claims without a source in
 * "Claims"), or one per claim (events bearing on no claim in "No claim").
 * An event bearing on two claims appears in both claims' lanes.
 */
export function groupEvents(
  events: readonly TimelineEvent[],
  by: 'source' | 'claim',
  names: { sources: ReadonlyMap<string, string>; claims: ReadonlyMap<string, string>; lanes?: LaneNames },
): TimelineGroup[] {
  const lanes = names.lanes ?? ENGLISH_LANES;
  const groups = new Map<string, TimelineGroup>();
  const add = (id: string, label: string, event: TimelineEvent) => {
    let group = groups.get(id);
    if (!group) groups.set(id, (group = { id, label, events: [] }));
    group.events.push(event);
  };
  for (const event of events) {
    if (by === 'source') {
      if (event.sourceId) add(`source:${event.sourceId}`, names.sources.get(event.sourceId) ?? lanes.source, event);
      else add('claims', lanes.claims, event);
    } else if (event.claimIds.length === 0) add('none', lanes.none, event);
    else for (const id of event.claimIds) add(`claim:${id}`, names.claims.get(id) ?? lanes.claim, event);
  }
  return [...groups.values()];
}

export interface ChronologyRow {
  /** As people read it: "5 March 2024". */
  date: string;
  /** ISO, for sorting in a spreadsheet: "2024-03-05" or "2024-02-04/2024-02-09". */
  iso: string;
  event: string;
  /** The passage cited for the row (a found date inside a passage, a manual event), when there is one. */
  passageId: string | null;
  source: string;
  precision: string;
  status: EventStatus;
}

/** The chronology as table rows (the brief's "Insert chronology" and the CSV export). */
export function chronologyRows(timeline: Pick<Timeline, 'events'>, sourceTitles: ReadonlyMap<string, string>): ChronologyRow[] {
  return timeline.events.map((event) => ({
    date: formatDate(event.date),
    iso: isoText(event.date),
    event: event.label,
    passageId: event.passageId,
    source: event.sourceId ? (sourceTitles.get(event.sourceId) ?? '') : '',
    precision: event.date.end ? 'range' : event.date.precision,
    status: event.status,
  }));
}

/** The time span of a set of events, for the axis: [from, to) in UTC ms, padded when empty or a single instant. */
export function timelineExtent(events: readonly Pick<TimelineEvent, 'date'>[]): { from: number; to: number } {
  if (events.length === 0) {
    const now = Date.UTC(new Date().getUTCFullYear(), 0, 1);
    return { from: now, to: Date.UTC(new Date().getUTCFullYear() + 1, 0, 1) };
  }
  let from = Infinity;
  let to = -Infinity;
  for (const event of events) {
    const span = dateSpan(event.date);
    if (span.from < from) from = span.from;
    if (span.to > to) to = span.to;
  }
  const pad = Math.max((to - from) * 0.04, 86_400_000 * 3);
  return { from: from - pad, to: to + pad };
}
