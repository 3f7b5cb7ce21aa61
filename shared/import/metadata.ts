/**
 * Bibliographic metadata in CSL-JSON shape, built from loose hints (HTML meta
 * tags, JSON-LD, a form the user filled in). Citations are rendered from this,
 * so names are split into family/given where that is safe, and dates become
 * `date-parts` only when they can be read without guessing.
 */
import type { CslDate, CslName, SourceFormat, SourceMetadata } from '../domain/types';
import { baseName, formatFor } from './formats';

export interface MetadataHints {
  title?: string;
  authors?: string[];
  siteName?: string;
  publisher?: string;
  /** Publication date as found: ISO 8601, "YYYY-MM-DD", RFC 2822, "5 March 2024", … */
  published?: string;
  url?: string;
  language?: string;
  /** Open Graph type, e.g. "article" or "website". */
  type?: string;
}

/** Words that mark a name as an institution, to be kept whole as a CSL `literal`. */
const ORGANISATION =
  /\b(agency|police|constabulary|ministry|department|dept|office|service|services|bureau|council|committee|commission|authority|board|government|tribunal|parliament|university|institute|foundation|association|trust|society|union|group|team|desk|staff|newsroom|editorial|editors|correspondents?|reporters|news|press|media|reuters|afp|ap|bbc|ltd|limited|plc|inc|llc|gmbh|corp|corporation|company|co)\b/i;

/** Lower-case particles that belong to the family name ("Ludwig van Beethoven"). */
const PARTICLES = new Set(['van', 'von', 'de', 'der', 'den', 'da', 'di', 'du', 'del', 'della', 'des', 'dos', 'das', 'la', 'le', 'ter', 'ten', 'bin', 'ibn', 'al', 'el']);
const SUFFIXES = /^(jr\.?|sr\.?|ii|iii|iv)$/i;

function squash(value: string | undefined): string {
  return (value ?? '').replace(/\s+/g, ' ').trim();
}

/** Words schema.org type names are made of ("NewsArticle", "ListArticle", "BlogPosting", "WebPage"…). */
const TYPE_WORDS = new Set([
  'article', 'news', 'list', 'blog', 'posting', 'post', 'web', 'page', 'report', 'reportage', 'scholarly', 'tech', 'social', 'media',
  'opinion', 'review', 'analysis', 'background', 'satirical', 'advertiser', 'content', 'item', 'collection', 'creative', 'work', 'thing',
  'live', 'discussion', 'forum', 'medical', 'about', 'contact', 'profile', 'faq', 'qa', 'question', 'search', 'results', 'checkout',
  'real', 'estate', 'listing', 'how', 'to', 'recipe', 'video', 'object', 'image', 'ask', 'public', 'answer', 'claim', 'ad', 'breadcrumb',
  'site', 'navigation', 'element', 'back', 'ground', 'critic', 'clip',
]);
/** The word a schema.org type name ends with. */
const TYPE_HEADS = new Set(['article', 'posting', 'post', 'page', 'report', 'reportage', 'list', 'work', 'thing', 'object', 'listing', 'collection', 'review', 'element']);

/**
 * True for a "title" that is really a structured-data type name: "NewsArticle",
 * "list article", "Blog Posting", "WebPage". Such strings reach titles through
 * misused `name`/`headline` fields and must not become a source's title.
 */
export function isSchemaTypeName(title: string): boolean {
  const words = squash(title)
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[\s_:/.-]+/)
    .filter((w) => w && w !== 'schema' && w !== 'org' && w !== 'http' && w !== 'https' && w !== 'www');
  if (words.length === 0 || words.length > 4) return false;
  return words.every((w) => TYPE_WORDS.has(w)) && TYPE_HEADS.has(words[words.length - 1]!);
}

/**
 * True for text that is a date or a time, not a name: "5 March 2024",
 * "2024-03-05T10:00", "Updated 12:30 GMT". Pages put those in author fields.
 */
export function looksLikeDate(text: string): boolean {
  const value = squash(text).replace(/^(?:updated|published|posted|last updated|modified)[:\s]+/i, '');
  if (!value) return false;
  if (parseCslDate(value)?.['date-parts']) return true;
  if (/^\d{1,2}:\d{2}(?::\d{2})?\s*(?:am|pm|[a-z]{2,4})?$/i.test(value)) return true;
  return /^[\d\s/.:,-]+$/.test(value) && /\d/.test(value);
}

/**
 * One display name → a CSL name. "Nikki Holland" → given/family,
 * "Holland, Nikki" → the same, anything institutional or single-word
 * ("National Crime Agency", "Reuters") → `literal`.
 */
export function parseCslName(raw: string): CslName | undefined {
  const name = squash(raw).replace(/^by\s+/i, '');
  if (!name || /^[a-z][a-z0-9+.-]*:\/\//i.test(name) || name.includes('@') || looksLikeDate(name)) return undefined;
  if (ORGANISATION.test(name)) return { literal: name };
  const comma = /^([^,]+),\s*([^,]+)$/.exec(name);
  if (comma && !SUFFIXES.test(comma[2]!)) return { family: comma[1]!.trim(), given: comma[2]!.trim() };
  const words = name.split(' ');
  if (words.length < 2 || words.length > 5) return { literal: name };
  let familyStart = words.length - 1;
  if (familyStart > 1 && SUFFIXES.test(words[familyStart]!)) familyStart--;
  while (familyStart > 1 && PARTICLES.has(words[familyStart - 1]!)) familyStart--;
  return { given: words.slice(0, familyStart).join(' '), family: words.slice(familyStart).join(' ') };
}

/**
 * Author strings as found on pages ("By Ana Ruiz and Tom Hale", a list from
 * JSON-LD) → distinct CSL names in order. Profile URLs are skipped.
 */
export function parseAuthors(list: readonly string[]): CslName[] {
  const names: CslName[] = [];
  const seen = new Set<string>();
  for (const entry of list) {
    const cleaned = squash(entry).replace(/^by\s+/i, '');
    const pieces = cleaned.split(/\s*;\s*|\s+(?:and|&)\s+/i).flatMap((piece) => splitCommaList(piece));
    for (const piece of pieces) {
      const name = parseCslName(piece);
      if (!name) continue;
      const key = [name.literal, name.given, name.family].join('|').toLowerCase();
      if (seen.has(key)) continue;
      seen.add(key);
      names.push(name);
    }
  }
  return names;
}

/** "Ana Ruiz, Tom Hale" is a list; "Ruiz, Ana" is one inverted name. */
function splitCommaList(piece: string): string[] {
  const parts = piece.split(/\s*,\s*/).filter(Boolean);
  if (parts.length > 1 && parts.every((p) => p.includes(' '))) return parts;
  return [piece];
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

function monthNumber(word: string): number | undefined {
  const index = MONTHS.indexOf(word.slice(0, 3).toLowerCase());
  return index === -1 ? undefined : index + 1;
}

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function dateParts(year: number, month?: number, day?: number): CslDate['date-parts'] | undefined {
  if (year < 1000 || year > 9999) return undefined;
  if (month === undefined) return [[year]];
  if (month < 1 || month > 12) return undefined;
  if (day === undefined) return [[year, month]];
  if (day < 1 || day > daysIn(year, month)) return undefined;
  return [[year, month, day]];
}

/**
 * A date as written on a page → CSL date. ISO dates keep the calendar date as
 * written (no time-zone shift: "2024-03-05T23:30-05:00" is 5 March where it
 * was published). Unreadable dates keep only `raw`, so nothing is invented.
 */
export function parseCslDate(raw: string): CslDate | undefined {
  const value = squash(raw);
  if (!value) return undefined;
  let parts: CslDate['date-parts'] | undefined;
  const iso = /^(\d{4})(?:[-/](\d{1,2})(?:[-/](\d{1,2}))?)?(?:[T ].*)?$/.exec(value);
  const dayFirst = /^(?:[a-z]{3,9}\.?,?\s+)?(\d{1,2})(?:st|nd|rd|th)?\.?\s+([a-z]{3,9})\.?,?\s+(\d{4})\b/i.exec(value);
  const monthFirst = /^(?:[a-z]{3,9}\.?,?\s+)?([a-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b/i.exec(value);
  const monthYear = /^([a-z]{3,9})\.?,?\s+(\d{4})$/i.exec(value);
  if (iso) {
    parts = dateParts(Number(iso[1]), iso[2] ? Number(iso[2]) : undefined, iso[3] ? Number(iso[3]) : undefined);
  } else if (dayFirst) {
    const month = monthNumber(dayFirst[2]!);
    if (month) parts = dateParts(Number(dayFirst[3]), month, Number(dayFirst[1]));
  } else if (monthFirst) {
    const month = monthNumber(monthFirst[1]!);
    if (month) parts = dateParts(Number(monthFirst[3]), month, Number(monthFirst[2]));
  } else if (monthYear) {
    const month = monthNumber(monthYear[1]!);
    if (month) parts = dateParts(Number(monthYear[2]), month);
  }
  return parts ? { 'date-parts': parts, raw: value } : { raw: value };
}

/** "Budget passes | Harlow Gazette" → "Budget passes" when the site is Harlow Gazette. */
function withoutSiteSuffix(title: string, siteName: string): string {
  if (!siteName) return title;
  for (const separator of [' | ', ' - ', ' – ', ' — ', ' · ', ' :: ']) {
    const suffix = `${separator}${siteName}`;
    if (title.length > suffix.length && title.toLowerCase().endsWith(suffix.toLowerCase())) return title.slice(0, -suffix.length).trim();
  }
  return title;
}

function cleanUrl(url: string | undefined): string | undefined {
  const value = squash(url);
  return /^https?:\/\/[^\s/?#]+[^\s]*$/i.test(value) ? value : undefined;
}

function cleanLanguage(language: string | undefined): string | undefined {
  const value = squash(language).replace(/_/g, '-');
  return /^[a-z]{2,3}(?:-[a-z0-9]{2,8})*$/i.test(value) ? value : undefined;
}

/**
 * Hints → `SourceMetadata`. The type is 'article-newspaper' for an Open Graph
 * article from a named site, 'webpage' for other HTML, 'document' otherwise.
 * `format` defaults to what the file name's extension says. The caller sets
 * `accessed`, since only it knows when the source was read.
 */
export function metadataFromHints(hints: MetadataHints, fileName: string, format?: SourceFormat): SourceMetadata {
  const siteName = squash(hints.siteName);
  const sourceFormat = format ?? (formatFor(fileName)?.kind === 'html' ? 'html' : 'text');
  const isArticle = squash(hints.type).toLowerCase() === 'article';
  const type: SourceMetadata['type'] =
    isArticle && siteName ? 'article-newspaper' : sourceFormat === 'html' ? 'webpage' : 'document';
  const title = hints.title && !isSchemaTypeName(hints.title) ? withoutSiteSuffix(squash(hints.title), siteName) : '';
  const metadata: SourceMetadata = { type, title: title || baseName(fileName) };
  const authors = parseAuthors(hints.authors ?? []);
  if (authors.length) metadata.author = authors;
  if (siteName) metadata['container-title'] = siteName;
  const publisher = squash(hints.publisher);
  if (publisher) metadata.publisher = publisher;
  const issued = hints.published ? parseCslDate(hints.published) : undefined;
  if (issued) metadata.issued = issued;
  const url = cleanUrl(hints.url);
  if (url) metadata.URL = url;
  const language = cleanLanguage(hints.language);
  if (language) metadata.language = language;
  return metadata;
}
