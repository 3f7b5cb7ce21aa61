/**
 * Finding dates in text, with chrono-node.
 *
 * Every match keeps its exact offsets in the text it was found in, the date
 * at the precision the words give ("March 2024" is a month, not the 1st of
 * March), and whether it was relative ("last Tuesday", "two months earlier"),
 * in which case it was resolved against the reference date the caller gave:
 * the source's publication date when it has one.
 *
 * chrono finds the dates; this module adds what a chronology needs and
 * chrono leaves out: bare years after a preposition ("in 2019", "by the end
 * of 2021"), precision, and dropping matches that are not dates at all
 * (a time of day on its own, "now").
 */
import * as chronoEn from 'chrono-node/en';
import type { EventDate } from '../domain/types';

export interface DateMatch {
  /** Offsets of the date's words in the text. */
  start: number;
  end: number;
  /** The date's words exactly as written. */
  text: string;
  date: EventDate;
  /** Resolved against the reference date ("yesterday", "last Tuesday", "two months earlier", "in March"). */
  relative: boolean;
}

export interface FindDatesOptions {
  /** What relative dates are resolved against: the source's publication date, else when it was imported. */
  reference: Date;
  /** Day-before-month numeric dates ("05/06/2020" is 5 June), for British and most non-US sources. */
  dayFirst?: boolean;
}

/** A year after a word that makes it a date: "in 2019", "since 1998", "by the end of 2021". */
const YEAR_PARSER: chronoEn.Parser = {
  pattern: () =>
    /\b(?:in|since|by|during|until|till|from|before|after|around|throughout|(?:early|late|mid|the (?:start|beginning|end|middle|spring|summer|autumn|fall|winter)) of|early|late|mid-?)\s+((?:1[5-9]|20)\d{2})\b(?![-/.:]\d|s\b|’s|'s)/i,
  extract: (_context, match) => ({ year: Number(match[1]) }),
};

let casual: chronoEn.Chrono | undefined;
let dayFirst: chronoEn.Chrono | undefined;

function parserFor(options: FindDatesOptions): chronoEn.Chrono {
  if (options.dayFirst) {
    dayFirst ??= withYears(chronoEn.GB.clone());
    return dayFirst;
  }
  casual ??= withYears(chronoEn.casual.clone());
  return casual;
}

function withYears(chrono: chronoEn.Chrono): chronoEn.Chrono {
  chrono.parsers.push(YEAR_PARSER);
  return chrono;
}

/** Words chrono reads as "the reference moment" that say nothing about when something happened. */
const NOT_A_DATE = /^(?:now|right now|at the moment|this (?:morning|afternoon|evening)|tonight|soon)$/i;
/** A leading preposition the year parser or chrono kept: the date is the words after it. */
const LEADING_WORDS = /^(?:(?:on|in|since|by|during|until|till|from|before|after|around|throughout|of|the|end|start|beginning|middle|early|late|mid-?)\b[\s-]*)+/i;

/**
 * Every date in `text`, in order of position. Never throws on any input;
 * an unparseable text simply has no dates.
 */
export function findDates(text: string, options: FindDatesOptions): DateMatch[] {
  if (text.trim() === '') return [];
  const results = parserFor(options).parse(maskBetween(text), { instant: options.reference, timezone: 0 }, { forwardDate: false });
  const out: DateMatch[] = [];
  for (const result of results) {
    const match = toMatch(result, text) ?? acrossSentences(result, text, options);
    if (match && !out.some((m) => m.start < match.end && match.start < m.end)) out.push(match);
  }
  return out.sort((a, b) => a.start - b.start);
}

/**
 * chrono reads "from 4 to 19 January" as a range but not "between 4 and 19
 * January": hand it the same text with "between … and" written as "… to",
 * keeping every offset (the words of a match are read from the original).
 */
function maskBetween(text: string): string {
  return text.replace(/\b(between)(\s+)([^.!?\n]{1,30}?)(\s+)and(\s+)/giu, (_m, between: string, s1: string, middle: string, s2: string, s3: string) => `${' '.repeat(between.length)}${s1}${middle}${s2}to ${s3}`);
}

function toMatch(result: chronoEn.ParsedResult, text: string): DateMatch | null {
  let start = result.index;
  let words = text.slice(result.index, result.index + result.text.length).trimStart();
  start += result.text.length - result.text.trimStart().length;
  const lead = LEADING_WORDS.exec(words)?.[0] ?? '';
  // The date is the words after "on", "in", "by the end of"…
  if (lead !== '' && lead.length < words.length) {
    start += lead.length;
    words = words.slice(lead.length);
  }
  words = words.replace(/[\s,.;:]+$/u, '');
  if (words === '' || NOT_A_DATE.test(words) || /[.!?]\s/u.test(words) || TIME_OF_DAY_OF.test(words)) return null;
  const startDate = componentsDate(result.start, result.tags());
  if (!startDate) return null;
  const relative = isRelative(result);
  const date: EventDate = { start: startDate.value, precision: startDate.precision };
  if (result.end) {
    const endDate = componentsDate(result.end, result.tags());
    if (endDate && endDate.value > startDate.value) {
      // A range is as precise as its coarser end: "March to June 2024" is two months.
      const precision = coarser(startDate.precision, endDate.precision);
      date.precision = precision;
      date.start = cut(startDate.value, precision);
      date.end = cut(endDate.value, precision);
      if (date.end === date.start) delete date.end;
    }
  }
  return { start, end: start + words.length, text: words, date, relative };
}

function isRelative(result: chronoEn.ParsedResult): boolean {
  const tags = [...result.tags()];
  if (tags.some((tag) => /relative|casual/i.test(tag))) return true;
  // A weekday or month on its own ("on Tuesday", "in March") is placed with the reference date;
  // "March to June 2023" takes its year from its end.
  return !result.start.isCertain('year') && !(result.end?.isCertain('year') ?? false);
}

/** A time of day chrono reads as "today" when it comes before the date: "the evening of 2 March". */
const TIME_OF_DAY_OF = /^(?:the\s+)?(?:early\s+|late\s+)?(?:morning|afternoon|evening|night)\s+of\s+/iu;

/**
 * chrono sometimes joins a time and a date across a sentence end ("at 5pm. On
 * Friday"), or reads "the evening of 2 March" as this evening: keep only the
 * date's own words, parsed on their own.
 */
function acrossSentences(result: chronoEn.ParsedResult, text: string, options: FindDatesOptions): DateMatch | null {
  const parts = result.text.split(/(?<=[.!?])\s+/u);
  const timeOfDay = TIME_OF_DAY_OF.exec(result.text)?.[0];
  if (parts.length < 2 && !timeOfDay) return null;
  const last = timeOfDay && parts.length < 2 ? result.text.slice(timeOfDay.length) : parts.at(-1)!;
  const offset = result.index + result.text.length - last.length;
  const inner = parserFor(options).parse(maskBetween(last), { instant: options.reference, timezone: 0 }, { forwardDate: false })[0];
  if (!inner) return null;
  const match = toMatch(inner, last);
  return match ? { ...match, start: match.start + offset, end: match.end + offset } : null;
}

/** The date of a set of chrono components at the precision the words gave, or null for no date. */
function componentsDate(components: chronoEn.ParsedResult['start'], tags: Set<string>): { value: string; precision: EventDate['precision'] } | null {
  const year = components.get('year');
  const month = components.get('month');
  const day = components.get('day');
  if (year === null || month === null || day === null) return null;
  const relative = [...tags].some((tag) => /relative|casual/i.test(tag));
  let precision: EventDate['precision'] | null = null;
  if (components.isCertain('day') || components.isCertain('weekday')) precision = 'day';
  else if (components.isCertain('month')) precision = 'month';
  else if (components.isCertain('year')) precision = 'year';
  else if (relative) precision = 'day';
  if (precision === null) return null;
  const iso = `${String(year).padStart(4, '0')}-${pad(month)}-${pad(day)}`;
  return { value: cut(iso, precision), precision };
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

const RANK: Record<EventDate['precision'], number> = { year: 0, month: 1, day: 2 };

function coarser(a: EventDate['precision'], b: EventDate['precision']): EventDate['precision'] {
  return RANK[a] <= RANK[b] ? a : b;
}

/** "2024-03-05" cut to a precision: "2024-03" (month), "2024" (year). */
export function cut(iso: string, precision: EventDate['precision']): string {
  return iso.slice(0, precision === 'year' ? 4 : precision === 'month' ? 7 : 10);
}

// ------------------------------------------------------------ dates as values

const ISO = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

/** Whether `value` is a valid date string at some precision ("2024", "2024-03", "2024-03-05"). */
export function isIsoDate(value: string): boolean {
  const match = ISO.exec(value);
  if (!match) return false;
  const month = match[2] === undefined ? 1 : Number(match[2]);
  const day = match[3] === undefined ? 1 : Number(match[3]);
  return month >= 1 && month <= 12 && day >= 1 && day <= daysIn(Number(match[1]), month);
}

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The precision a date string is written at. */
export function precisionOf(value: string): EventDate['precision'] {
  return value.length === 4 ? 'year' : value.length === 7 ? 'month' : 'day';
}

/**
 * The span a date covers, as UTC milliseconds [from, to): a day, a whole
 * month, a whole year, or a range from the start of its first to the end of
 * its last. What the timeline draws and sorts by.
 */
export function dateSpan(date: EventDate): Readonly<{ from: number; to: number }> {
  let span = spans.get(date);
  if (!span) {
    const from = startMs(date.start);
    span = Object.freeze({ from, to: Math.max(endMs(date.end ?? date.start), from + 1) });
    spans.set(date, span);
  }
  return span;
}

/**
 * Spans remembered by date object: the timeline sorts, bounds and draws the
 * same found dates on every rebuild (19,000 of them in a large case), and
 * parsing their strings each time was a fifth of a rebuild. Dates are never
 * changed in place (a correction is a new object), so the object is the key.
 */
const spans = new WeakMap<EventDate, Readonly<{ from: number; to: number }>>();

function startMs(value: string): number {
  const [y = 1970, m = 1, d = 1] = value.split('-').map(Number);
  return Date.UTC(y, m - 1, d);
}

function endMs(value: string): number {
  const [y = 1970, m, d] = value.split('-').map(Number);
  if (m === undefined) return Date.UTC(y + 1, 0, 1);
  if (d === undefined) return Date.UTC(y, m, 1);
  return Date.UTC(y, m - 1, d + 1);
}

/** Order dates by where they start, then the shorter (more precise) first. */
export function compareDates(a: EventDate, b: EventDate): number {
  const sa = dateSpan(a);
  const sb = dateSpan(b);
  return sa.from - sb.from || sa.to - sb.to;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** A date as people read it: "5 March 2024", "March 2024", "2024", "4–9 February 2024". */
export function formatDate(date: EventDate): string {
  const one = (value: string) => {
    const [y, m, d] = value.split('-');
    if (m === undefined) return y ?? value;
    const month = MONTHS[Number(m) - 1] ?? m;
    return d === undefined ? `${month} ${y}` : `${Number(d)} ${month} ${y}`;
  };
  if (!date.end) return one(date.start);
  const [ys, ms] = date.start.split('-');
  const [ye, me, de] = date.end.split('-');
  if (date.precision === 'day' && ys === ye && ms === me) return `${Number(date.start.slice(8))}–${Number(de)} ${MONTHS[Number(me) - 1]} ${ye}`;
  if (date.precision === 'month' && ys === ye) return `${MONTHS[Number(ms) - 1]}–${MONTHS[Number(me) - 1]} ${ye}`;
  return `${one(date.start)} – ${one(date.end)}`;
}

/**
 * `formatDate` in a UI language. English keeps the form above (the one the
 * exports use); other languages take their month names and word order from
 * Intl ("5 de marzo de 2024", "4–9 de febrero de 2024").
 */
export function formatDateIn(date: EventDate, locale: string): string {
  if (/^en\b/i.test(locale)) return formatDate(date);
  const key = `${locale}:${date.precision}`;
  let format = formats.get(key);
  if (!format) {
    const fields: Intl.DateTimeFormatOptions =
      date.precision === 'day' ? { day: 'numeric', month: 'long', year: 'numeric' } : date.precision === 'month' ? { month: 'long', year: 'numeric' } : { year: 'numeric' };
    format = new Intl.DateTimeFormat(locale, { ...fields, timeZone: 'UTC' });
    formats.set(key, format);
  }
  const from = new Date(startMs(date.start));
  return date.end ? format.formatRange(from, new Date(startMs(date.end))) : format.format(from);
}

/** One formatter per language and precision: making one costs more than formatting a date with it. */
const formats = new Map<string, Intl.DateTimeFormat>();

/** The precision as a word for lists and screen readers: "day", "month", "year", "range". */
export function precisionLabel(date: EventDate): 'day' | 'month' | 'year' | 'range' {
  return date.end ? 'range' : date.precision;
}

/** Sorts the same as `compareDates`: "2024-03-05" or "2024-03-05/2024-03-09" (ISO 8601 interval). */
export function isoText(date: EventDate): string {
  return date.end ? `${date.start}/${date.end}` : date.start;
}

/**
 * Read a date a person typed to correct one: ISO ("2024-03-05", "2024-03",
 * "2024", or "start/end"), or words chrono understands ("5 March 2024",
 * "March 2024", "4 to 9 February 2024"). Returns a message for anything else.
 */
export function parseUserDate(input: string, reference: Date = new Date()): EventDate | { error: string } {
  const value = input.trim();
  if (value === '') return { error: 'Write a date, for example 2024-03-05, March 2024 or 2024.' };
  const iso = /^(\S+?)\s*(?:\/|–|\s-\s|\.\.)\s*(\S+)$/.exec(value);
  const parts = iso ? [iso[1]!, iso[2]!] : [value];
  if (parts.every(isIsoDate)) {
    const [start, end] = parts as [string, string | undefined];
    const precision = coarser(precisionOf(start), end === undefined ? precisionOf(start) : precisionOf(end));
    if (end !== undefined && cut(end, precision) < cut(start, precision)) return { error: `The range ends (${end}) before it starts (${start}).` };
    const date: EventDate = { start: cut(start, precision), precision };
    if (end !== undefined && cut(end, precision) !== date.start) date.end = cut(end, precision);
    return date;
  }
  if (/^\d{4}$/.test(value)) return { error: `${value} is not a year Casefile can place.` };
  const found = findDates(value, { reference });
  const first = found[0];
  if (first && found.length === 1 && value.replace(first.text, '').replace(/[\s,.]/g, '').replace(/^(on|in)$/i, '') === '') return first.date;
  return { error: `“${value}” is not a date Casefile can read. Write it as 2024-03-05, 2024-03 or 2024 (a range as 2024-02-04/2024-02-09), or as words like 5 March 2024.` };
}
