import { describe, expect, it } from 'vitest';
import { describe as selectors } from '../../../../shared/anchoring';
import { buildTimeline, chronologyRows, claimDateReader, datesInSource, groupEvents, mergeRuns, referenceFor } from '../../../../shared/chronology/timeline';
import type { TimelineEntryRecord } from '../../../../shared/domain/types';
import { claimOf, passageOf, sourceFrom } from '../viewsFixtures';

const ferry = () => sourceFrom('src-ferry', 'ferry-inquiry.md', { issued: { 'date-parts': [[2024, 3, 15]] }, language: 'en-GB', title: 'Ferry operator faces inquiry after engine fire' });

function entry(kind: TimelineEntryRecord['kind'], extra: Partial<TimelineEntryRecord>): TimelineEntryRecord {
  return { id: `entry-${kind}`, caseId: 'case-views', kind, sourceId: 'src-ferry', createdAt: 1, updatedAt: 1, ...extra };
}

describe('the timeline of the ferry article (team-written: absolute and relative dates)', () => {
  const source = ferry();
  const found = datesInSource(source);

  it('resolves relative dates against the publication date', () => {
    expect(found.reference).toEqual({ kind: 'published', date: '2024-03-15' });
    expect(referenceFor({ ...source, metadata: { ...source.metadata, issued: undefined } }).kind).toBe('imported');
  });

  it('places every dated event at the right date and precision', () => {
    const { events } = buildTimeline({ sources: [source], passages: [], claims: [], entries: [], found: [found] });
    const seen = events.map((e) => [e.found?.text, e.date]);
    expect(seen).toEqual([
      ['1998', { start: '1998', precision: 'year' }],
      ['4 and 19 January 2021', { start: '2021-01-04', end: '2021-01-19', precision: 'day' }],
      ['June 2023', { start: '2023-06', precision: 'month' }],
      ['2 March 2024', { start: '2024-03-02', precision: 'day' }],
      ['11 March 2024', { start: '2024-03-11', precision: 'day' }],
      ['Last Tuesday', { start: '2024-03-12', precision: 'day' }],
      ['Yesterday', { start: '2024-03-14', precision: 'day' }],
      ['within two months', { start: '2024-05', precision: 'month' }],
    ]);
    const tuesday = events.find((e) => e.found?.text === 'Last Tuesday')!;
    expect(tuesday.found?.relative).toBe(true);
    expect(source.text.slice(tuesday.range!.start, tuesday.range!.end)).toBe('Last Tuesday the operator, Northline Ferries, suspended two of its older vessels for checks.');
  });

  it('applies confirmations, corrections and dismissals, and follows passages and claims', () => {
    const fireAt = source.text.indexOf('2 March 2024');
    const builtAt = source.text.indexOf('1998');
    const yesterday = source.text.indexOf('Yesterday');
    const passage = passageOf('p-fire', source, 'The fire broke out on the evening of 2 March 2024');
    const claim = claimOf('c-fire', 'The fire broke out on 2 March', [['p-fire', 'supports']]);
    const undatedPassage = passageOf('p-crew', source, 'Crew members put it out before the coastguard arrived.');
    const entries = [
      entry('confirmed', { id: 'e1', selectors: selectors(source.text, fireAt, fireAt + '2 March 2024'.length) }),
      entry('corrected', { id: 'e2', selectors: selectors(source.text, builtAt, builtAt + 4), date: { start: '1998-05', precision: 'month' } }),
      entry('dismissed', { id: 'e3', selectors: selectors(source.text, yesterday, yesterday + 9) }),
      entry('manual', { id: 'e4', passageId: 'p-crew', date: { start: '2024-03-02', precision: 'day' }, label: 'Crew put out the fire' }),
    ];
    const timeline = buildTimeline({ sources: [source], passages: [passage, undatedPassage], claims: [claim], entries, found: [found] });
    const fire = timeline.events.find((e) => e.found?.text === '2 March 2024')!;
    expect(fire.status).toBe('confirmed');
    expect(fire.passageId).toBe('p-fire');
    expect(fire.claimIds).toEqual(['c-fire']);
    expect(timeline.events.find((e) => e.found?.text === '1998')).toMatchObject({ status: 'corrected', date: { start: '1998-05', precision: 'month' } });
    expect(timeline.events.some((e) => e.found?.text === 'Yesterday')).toBe(false);
    expect(timeline.dismissed.map((e) => e.found?.text)).toEqual(['Yesterday']);
    expect(timeline.events.find((e) => e.status === 'manual')).toMatchObject({ label: 'Crew put out the fire', passageId: 'p-crew' });
    // The claim states a date of its own ("2 March", placed in 2024 by its evidence's publication date).
    expect(timeline.events.filter((e) => e.key.startsWith('claim:')).map((e) => e.date.start)).toEqual(['2024-03-02']);
    expect(timeline.undated).toEqual([]);
    const rows = chronologyRows(timeline, new Map([['src-ferry', 'Ferry operator faces inquiry after engine fire']]));
    expect(rows[0]).toMatchObject({ date: 'May 1998', iso: '1998-05', status: 'corrected' });
    const lanes = groupEvents(timeline.events, 'claim', { sources: new Map(), claims: new Map([['c-fire', 'The fire broke out on 2 March']]) });
    expect(lanes.find((l) => l.id === 'claim:c-fire')?.events.map((e) => e.key.split(':')[0]).sort()).toEqual(['claim', 'found']);
  });

  it('keeps a decision with its words after the source is revised', () => {
    const fireAt = source.text.indexOf('2 March 2024');
    const decision = entry('dismissed', { selectors: selectors(source.text, fireAt, fireAt + 12) });
    const revised = { ...source, text: `Updated: a correction was added at the top.\n\n${source.text}`, revision: 1 };
    revised.blocks = [{ start: 0, end: 43, n: 1, kind: 'paragraph' }, ...source.blocks.map((b) => ({ ...b, start: b.start + 45, end: b.end + 45, n: b.n + 1 }))];
    const timeline = buildTimeline({ sources: [revised], passages: [], claims: [], entries: [decision], found: [datesInSource(revised)] });
    expect(timeline.dismissed.map((e) => e.found?.text)).toEqual(['2 March 2024']);
  });

  it('lists passages and claims without a date beside the axis', () => {
    const passage = passageOf('p-crew', source, 'Crew members put it out before the coastguard arrived.');
    const claim = claimOf('c-crew', 'The crew put the fire out', [['p-crew', 'supports']]);
    const timeline = buildTimeline({ sources: [source], passages: [passage], claims: [claim], entries: [], found: [found] });
    expect(timeline.undated.map((u) => [u.kind, u.id])).toEqual([
      ['passage', 'p-crew'],
      ['claim', 'c-crew'],
    ]);
  });

  it("reads claims' statements a slice at a time, listing the unread as undated until then ('known')", () => {
    // Evidence with no date of its own: a claim is undated until its statement is read.
    const passage = passageOf('p-crew', source, 'Crew members put it out before the coastguard arrived.');
    // More claims than a build reads by itself, each with a date of its own (a distinct one: nothing read before).
    const claims = Array.from({ length: 40 }, (_, i) => claimOf(`c-${i}`, `Inspection ${i} took place on ${1 + (i % 28)} April 1977`, [['p-crew', 'supports']]));
    const input = { sources: [source], passages: [passage], claims, entries: [], found: [found] };
    const before = buildTimeline({ ...input, claimDates: 'known' });
    expect(before.events.filter((e) => e.key.startsWith('claim:'))).toEqual([]);
    expect(before.undated.filter((u) => u.kind === 'claim')).toHaveLength(40);
    const readSlice = claimDateReader(input);
    let slices = 0;
    let state = { done: false, read: 0 };
    while (!state.done) {
      state = readSlice(0);
      slices++;
    }
    expect(state).toEqual({ done: true, read: 40, dated: 40 });
    expect(slices).toBeGreaterThanOrEqual(40);
    const after = buildTimeline({ ...input, claimDates: 'known' });
    expect(after.events.filter((e) => e.key.startsWith('claim:')).map((e) => e.date.start).sort()).toEqual(buildTimeline(input).events.filter((e) => e.key.startsWith('claim:')).map((e) => e.date.start).sort());
    expect(after.events.filter((e) => e.key.startsWith('claim:'))).toHaveLength(40);
    // Read already: a second reader has nothing to do.
    expect(after.undated.filter((u) => u.kind === 'claim')).toEqual([]);
    expect(claimDateReader(input)(5)).toEqual({ done: true, read: 0, dated: 0 });
  });

  it("reads a few new statements during the build, even with 'known'", () => {
    const passage = passageOf('p-fire', source, 'The fire broke out on the evening of 2 March 2024');
    const claim = claimOf('c-new', 'The hearing was set for 9 October 1981', [['p-fire', 'supports']]);
    const timeline = buildTimeline({ sources: [source], passages: [passage], claims: [claim], entries: [], found: [found], claimDates: 'known' });
    expect(timeline.events.filter((e) => e.key.startsWith('claim:')).map((e) => e.date.start)).toEqual(['1981-10-09']);
  });
});

describe('building the timeline while results stream in', () => {
  it('merges sorted runs into one sorted list (mergeRuns), whatever the number of runs', () => {
    let seed = 7;
    const rand = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff), seed % 1000);
    for (const count of [0, 1, 2, 3, 7, 50]) {
      const runs = Array.from({ length: count }, (_, i) => Array.from({ length: (i * 13) % 40 }, rand).sort((a, b) => a - b));
      const merged = mergeRuns(runs, (a, b) => a - b);
      expect(merged).toEqual(runs.flat().sort((a, b) => a - b));
    }
    const only = [1, 2, 3];
    expect(mergeRuns([only], (a, b) => a - b)).not.toBe(only);
  });

  it('gives the same events in the same order as the sources arrive one by one as when all are there', () => {
    const texts = [
      'On 3 March 2024 the ferry sailed. In 1998 it was built. By June 2023 it needed repairs.',
      'The inquiry opened on 3 March 2024. A report followed in May 2024 and again on 2 January 2025.',
      'Nothing happened in 1998. Between 4 and 19 January 2021 the crew trained. On 3 March 2024 it burned.',
    ];
    const sources = texts.map((text, i) => sourceFrom(`src-${i}`, `s${i}.txt`, { issued: { 'date-parts': [[2024, 3, 15]] } }, text));
    const found = sources.map((s) => datesInSource(s));
    const passage = passageOf('p-1', sources[1]!, 'The inquiry opened on 3 March 2024.');
    const claim = claimOf('c-1', 'The inquiry opened', [['p-1', 'supports']]);
    const input = { sources, passages: [passage], claims: [claim], entries: [] as TimelineEntryRecord[] };
    // Rebuilt as each source arrives: the earlier sources' parts are remembered.
    let streamed = buildTimeline({ ...input, found: [] });
    for (let n = 1; n <= found.length; n++) streamed = buildTimeline({ ...input, found: found.slice(0, n) });
    // A fresh build from copies (nothing remembered).
    const fresh = buildTimeline({ ...input, found: found.map((f) => ({ ...f, dates: f.dates.map((d) => ({ ...d })) })) });
    expect(streamed.events.map((e) => e.key)).toEqual(fresh.events.map((e) => e.key));
    expect(streamed.events.map((e) => e.date.start)).toEqual([...streamed.events.map((e) => e.date.start)].sort());
    expect(streamed.events.find((e) => e.passageId === 'p-1')?.claimIds).toEqual(['c-1']);
    expect(streamed.undated).toEqual(fresh.undated);
  });

  it('applies a decision made after the source was built (a remembered part is not reused with other entries)', () => {
    const source = ferry();
    const found = datesInSource(source);
    const input = { sources: [source], passages: [], claims: [], found: [found] };
    const before = buildTimeline({ ...input, entries: [] });
    expect(before.events.some((e) => e.found?.text === 'Yesterday')).toBe(true);
    const at = source.text.indexOf('Yesterday');
    const after = buildTimeline({ ...input, entries: [entry('dismissed', { id: 'e-y', selectors: selectors(source.text, at, at + 9) })] });
    expect(after.events.some((e) => e.found?.text === 'Yesterday')).toBe(false);
    expect(after.dismissed.map((e) => e.found?.text)).toEqual(['Yesterday']);
  });
});
