/**
 * THE one place in Casefile that handles untrusted HTML in the page. Pages
 * arrive from files, Markdown, Word and URL fetches. The import worker has
 * already bounded and pre-cleaned them (shared/import/html/prepare.ts: depth
 * and element limits, hidden text, scripts and styles, MathML, page
 * furniture marked), and here they take a single path:
 *
 *   DOMParser (inert: no script runs, nothing loads)
 *   → metadata read from <head> and JSON-LD
 *   → Readability when the page has clutter (only pages the worker found
 *     small enough to read whole; page furniture is removed before it runs)
 *   → DOMPurify with a frozen, HTML-only config (images, frames, forms,
 *     styles and every non-http(s) link removed)
 *   → parsed once more, inertly, to walk the clean markup into text parts.
 *
 * A big page comes in chunks of bounded size, each taking the same path
 * without Readability; the work yields to the page between stages and
 * chunks, so no task runs long. Nothing touches the markup after
 * sanitising; `innerHTML` appears nowhere else.
 */
import { Readability, isProbablyReaderable } from '@mozilla/readability';
import DOMPurify, { type Config } from 'dompurify';
import { importErrors, UNKNOWN_SUBJECT, type ImportSubject } from '../../shared/import/errors';
import { BOILERPLATE_ATTRIBUTE } from '../../shared/import/html/boilerplate';
import type { PreparedHtml } from '../../shared/import/html/prepare';
import { isSchemaTypeName, looksLikeDate, parseAuthors, type MetadataHints } from '../../shared/import/metadata';
import type { BlockKind, TextPart } from '../../shared/import/text';
import { nextTask } from '../../shared/lib/nextTask';

export interface SanitizedArticle {
  /** Sanitised HTML rendition of the article. */
  html: string;
  /** The article's text, one part per block element, in document order. */
  parts: TextPart[];
  hints: MetadataHints;
  /** Authors only the page's metadata names, when its visible byline names someone else (the byline wins). */
  metadataAuthors?: string[];
}

export interface SanitizeOptions {
  /** Let Readability pick the article out of a cluttered page (default true; off for Markdown and Word). */
  readability?: boolean;
  /** Stops the work between stages; the import then fails as cancelled. */
  signal?: AbortSignal;
  /** How messages name the file (“page.html”). */
  subject?: ImportSubject;
  /** Told how many chunks of a big page are done. */
  onProgress?: (done: number, total: number) => void;
}

function deepFreeze<T extends object>(value: T): T {
  for (const inner of Object.values(value)) if (inner && typeof inner === 'object') deepFreeze(inner as object);
  return Object.freeze(value);
}

/** Frozen so no caller (or hook) can loosen it at run time. */
const PURIFY_CONFIG: Config = deepFreeze({
  USE_PROFILES: { html: true },
  FORBID_TAGS: [
    'style', 'form', 'input', 'button', 'textarea', 'select', 'iframe', 'frame', 'frameset', 'object', 'embed', 'link', 'meta',
    'base', 'svg', 'math', 'img', 'picture', 'video', 'audio', 'source', 'template', 'noscript',
  ],
  FORBID_ATTR: ['style', 'srcset', 'src', 'background', 'poster', 'action', 'formaction', 'target'],
  ALLOWED_URI_REGEXP: /^(?:https?:|mailto:|#)/i,
});

type Purifier = ReturnType<typeof DOMPurify>;
let purifier: Purifier | undefined;

/** The app's single DOMPurify instance, configured on first use (it needs a window). */
function purify(): Purifier {
  if (purifier) return purifier;
  const instance = DOMPurify(window);
  if (!instance.isSupported) throw new Error('This browser cannot sanitise HTML safely, so HTML sources cannot be imported.');
  instance.addHook('afterSanitizeAttributes', (node) => {
    if (node.nodeName === 'A' && node.hasAttribute('href')) node.setAttribute('rel', 'noopener noreferrer');
  });
  purifier = instance;
  return instance;
}

function parseInert(html: string): Document {
  return new DOMParser().parseFromString(html, 'text/html');
}

// ─── Metadata ────────────────────────────────────────────────────────────────

/**
 * The keys a meta element answers to. RDFa lets one element carry several
 * (`property="og:title dc:title"`), and some pages set both `name` and
 * `property`, so all of them count.
 */
function metaKeys(meta: Element): string[] {
  return ['property', 'name', 'itemprop'].flatMap((attribute) => (meta.getAttribute(attribute) ?? '').toLowerCase().split(/\s+/).filter(Boolean));
}

function metaContent(doc: Document, ...keys: string[]): string | undefined {
  for (const key of keys) {
    for (const meta of doc.querySelectorAll('meta')) {
      const content = meta.getAttribute('content')?.trim();
      if (content && metaKeys(meta).includes(key)) return content;
    }
  }
  return undefined;
}

function metaContents(doc: Document, key: string): string[] {
  return [...doc.querySelectorAll('meta')]
    .filter((meta) => metaKeys(meta).includes(key))
    .map((meta) => meta.getAttribute('content')?.trim() ?? '')
    .filter(Boolean);
}

/** A title candidate, unless it is empty or a structured-data type name ("NewsArticle"). */
function usableTitle(value: string | undefined): string | undefined {
  const title = value?.replace(/\s+/g, ' ').trim();
  return title && !isSchemaTypeName(title) ? title : undefined;
}

interface JsonLdArticle {
  headline?: string;
  authors: string[];
  datePublished?: string;
  publisher?: string;
  url?: string;
  isArticle: boolean;
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function asString(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}

/** "Nikki Holland", {name}, or an array of either → names. */
function jsonLdNames(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(jsonLdNames);
  const name = asString(value) ?? asString(asRecord(value)?.name);
  return name ? [name] : [];
}

/** Every object in a JSON-LD payload, including those inside arrays and `@graph`. */
function jsonLdNodes(value: unknown): Record<string, unknown>[] {
  if (Array.isArray(value)) return value.flatMap(jsonLdNodes);
  const record = asRecord(value);
  if (!record) return [];
  return [record, ...jsonLdNodes(record['@graph'])];
}

function isArticleType(type: unknown): boolean {
  const types = Array.isArray(type) ? type : [type];
  return types.some((t) => typeof t === 'string' && /Article$/.test(t));
}

/** The first Article-like JSON-LD node; a malformed block is ignored, never fatal. */
function readJsonLd(doc: Document): JsonLdArticle | undefined {
  for (const script of doc.querySelectorAll('script[type="application/ld+json"]')) {
    let data: unknown;
    try {
      data = JSON.parse(script.textContent ?? '');
    } catch {
      continue;
    }
    const node = jsonLdNodes(data).find((n) => isArticleType(n['@type']));
    if (!node) continue;
    return {
      headline: asString(node.headline) ?? asString(node.name),
      authors: jsonLdNames(node.author),
      datePublished: asString(node.datePublished) ?? asString(node.dateCreated),
      publisher: jsonLdNames(node.publisher)[0],
      url: asString(node.url) ?? asString(asRecord(node.mainEntityOfPage)?.['@id']),
      isArticle: true,
    };
  }
  return undefined;
}

function resolveUrl(href: string | undefined | null, baseUrl: string | undefined): string | undefined {
  if (!href) return undefined;
  try {
    const url = baseUrl ? new URL(href.trim(), baseUrl) : new URL(href.trim());
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

function first<T>(...values: (T | undefined)[]): T | undefined {
  return values.find((v) => v !== undefined && v !== '');
}

function nonEmpty(list: string[] | undefined): string[] | undefined {
  return list?.length ? list : undefined;
}

/** Author strings that could be names: pages put publication dates and times in author fields too. */
function authorCandidates(list: string[] | undefined): string[] | undefined {
  return nonEmpty(list?.filter((value) => !looksLikeDate(value)));
}

/**
 * Metadata from meta tags (author, citation_*, dc.*), Open Graph, JSON-LD and
 * the canonical link. The <title> element is left to the caller: it often
 * carries the site name, and Readability's title (which strips it) is better.
 */
function readHints(doc: Document, baseUrl: string | undefined): MetadataHints {
  const ld = readJsonLd(doc);
  const authors = first(
    authorCandidates(metaContents(doc, 'citation_author')),
    authorCandidates(ld?.authors),
    authorCandidates(metaContents(doc, 'author')),
    authorCandidates(metaContents(doc, 'article:author')),
    authorCandidates(metaContents(doc, 'dc.creator')),
    authorCandidates(metaContents(doc, 'dc:creator')),
  );
  return {
    title: first(usableTitle(metaContent(doc, 'og:title')), usableTitle(ld?.headline), usableTitle(metaContent(doc, 'citation_title', 'dc.title', 'dc:title'))),
    authors,
    siteName: first(metaContent(doc, 'og:site_name', 'citation_journal_title'), ld?.publisher),
    publisher: first(ld?.publisher, metaContent(doc, 'citation_publisher', 'dc.publisher', 'dc:publisher')),
    published: first(
      metaContent(doc, 'article:published_time', 'citation_publication_date', 'citation_date'),
      ld?.datePublished,
      metaContent(doc, 'dc.date', 'dc:date', 'date', 'pubdate'),
    ),
    url: first(
      resolveUrl(doc.querySelector('link[rel~="canonical" i]')?.getAttribute('href'), baseUrl),
      resolveUrl(metaContent(doc, 'og:url'), baseUrl),
      resolveUrl(ld?.url, baseUrl),
      resolveUrl(baseUrl, undefined),
    ),
    language: first(doc.documentElement.getAttribute('lang')?.trim(), metaContent(doc, 'og:locale', 'dc.language', 'dc:language', 'content-language')),
    type: first(metaContent(doc, 'og:type'), ld?.isArticle ? 'article' : undefined),
  };
}

// ─── Choosing the article ────────────────────────────────────────────────────

const CHROME = 'nav, aside, footer, header, form, [role="navigation"], [role="complementary"], [role="banner"], [role="contentinfo"], [role="search"]';
/** Chrome that never belongs to an article (headers may hold its title, so they stay). */
const STRIPPABLE = 'nav, aside, footer, form, [role="navigation"], [role="complementary"], [role="contentinfo"], [role="search"]';
const MIN_ARTICLE_CHARS = 200;
const MAX_LINK_DENSITY = 0.33;

function textLength(node: ParentNode | null | undefined): number {
  return (node?.textContent ?? '').replace(/\s+/g, ' ').trim().length;
}

/** Navigation, sidebars, footers or a link-heavy body mean the article needs extracting. */
function hasClutter(doc: Document): boolean {
  if (doc.querySelector(CHROME)) return true;
  const total = textLength(doc.body);
  const linked = [...doc.body.querySelectorAll('a')].reduce((sum, a) => sum + textLength(a), 0);
  return total > 0 && linked / total > MAX_LINK_DENSITY;
}

interface ExtractedArticle {
  content: string;
  title?: string;
  byline?: string;
}

/** Readability's article, when it finds one with enough text to be the story. */
function extractArticle(doc: Document): ExtractedArticle | undefined {
  if (!isProbablyReaderable(doc)) return undefined;
  const article = new Readability(doc.cloneNode(true) as Document).parse();
  if (!article?.content || (article.textContent ?? '').trim().length < MIN_ARTICLE_CHARS) return undefined;
  return { content: article.content, title: article.title?.trim() || undefined, byline: article.byline?.trim() || undefined };
}

/** The body without its navigation and sidebars, unless that would leave nothing. */
function bodyWithoutChrome(doc: Document): string {
  const body = doc.body.cloneNode(true) as HTMLElement;
  body.querySelectorAll(STRIPPABLE).forEach((el) => el.remove());
  return textLength(body) > 0 ? body.innerHTML : doc.body.innerHTML;
}

/**
 * Drop what is never content. Links become absolute against the page address
 * when it is known; links that cannot (relative without a base, or any
 * non-web scheme) lose their href rather than point into the app.
 */
function prepare(doc: Document, baseUrl: string | undefined): void {
  doc.querySelectorAll('script, style, template, noscript, base, [hidden], [aria-hidden="true"]').forEach((el) => el.remove());
  for (const link of doc.body.querySelectorAll('a[href]')) {
    const href = link.getAttribute('href') ?? '';
    if (href.startsWith('#') || /^mailto:/i.test(href)) continue;
    const absolute = resolveUrl(href, baseUrl);
    if (absolute) link.setAttribute('href', absolute);
    else link.removeAttribute('href');
  }
}

// ─── Walking the clean markup into text parts ────────────────────────────────

const BLOCK_TAGS = new Set([
  'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'BODY', 'CAPTION', 'DD', 'DETAILS', 'DIALOG', 'DIV', 'DL', 'DT', 'FIELDSET', 'FIGCAPTION',
  'FIGURE', 'FOOTER', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'HEADER', 'HGROUP', 'HR', 'LEGEND', 'LI', 'MAIN', 'NAV', 'OL', 'P', 'PRE',
  'SECTION', 'SUMMARY', 'TABLE', 'TBODY', 'TFOOT', 'THEAD', 'TR', 'UL',
]);
const CELL_TAGS = new Set(['TD', 'TH']);

interface Context {
  kind: BlockKind;
  level?: number;
  pre: boolean;
}

/**
 * Collects inline text between block boundaries. Whitespace collapses as a
 * browser would render it, except inside <pre>; <br> is a line break.
 */
class PartCollector {
  readonly parts: TextPart[] = [];
  private buffer = '';
  private context: Context = { kind: 'paragraph', pre: false };

  flush(): void {
    if (this.buffer.trim()) {
      const part: TextPart = { text: this.buffer, kind: this.context.kind };
      if (this.context.level !== undefined) part.level = this.context.level;
      this.parts.push(part);
    }
    this.buffer = '';
  }

  walk(node: Node, context: Context): void {
    if (node.nodeType === Node.TEXT_NODE) {
      this.context = context;
      const value = node.nodeValue ?? '';
      this.buffer += context.pre ? value : value.replace(/[ \t\n\r\f]+/g, ' ');
      return;
    }
    if (node.nodeType !== Node.ELEMENT_NODE) return;
    const tag = (node as Element).tagName;
    if (tag === 'BR') {
      this.buffer += '\n';
      return;
    }
    const block = BLOCK_TAGS.has(tag);
    if (block) this.flush();
    if (CELL_TAGS.has(tag) && this.buffer.trim()) this.buffer += ' | ';
    const inner = childContext(tag, context);
    for (const child of node.childNodes) this.walk(child, inner);
    if (block) this.flush();
  }
}

function childContext(tag: string, context: Context): Context {
  const heading = /^H([1-6])$/.exec(tag);
  if (heading) return { kind: 'heading', level: Number(heading[1]), pre: context.pre };
  if (tag === 'LI') return { kind: 'list-item', pre: context.pre };
  if (tag === 'BLOCKQUOTE') return { kind: 'quote', pre: context.pre };
  if (tag === 'PRE') return { ...context, pre: true };
  return context;
}

function partsOf(cleanHtml: string): TextPart[] {
  const collector = new PartCollector();
  collector.walk(parseInert(cleanHtml).body, { kind: 'paragraph', pre: false });
  collector.flush();
  return collector.parts;
}

// ─── Entry point ─────────────────────────────────────────────────────────────

/** Let the page paint and answer input between stages; stop if the import was cancelled. */
async function pause(options: SanitizeOptions): Promise<void> {
  await nextTask();
  if (options.signal?.aborted) throw importErrors.cancelled(options.subject ?? UNKNOWN_SUBJECT);
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

function documentMarkup(prepared: PreparedHtml, body: string): string {
  const attrs = [prepared.lang ? ` lang="${escapeAttribute(prepared.lang)}"` : '', prepared.dir ? ` dir="${escapeAttribute(prepared.dir)}"` : ''].join('');
  return `<!doctype html><html${attrs}><head>${prepared.head}</head><body>${body}</body></html>`;
}

function removeBoilerplate(doc: Document): void {
  doc.querySelectorAll(`[${BOILERPLATE_ATTRIBUTE}]`).forEach((el) => el.remove());
}

/** Family names (lower case) of a list of author strings, to tell whether two lists name the same people. */
function familyNames(authors: readonly string[]): Set<string> {
  return new Set(parseAuthors(authors).map((name) => (name.family ?? name.literal ?? '').toLowerCase()).filter(Boolean));
}

/**
 * The visible byline wins over the page's metadata author when the two name
 * different people; the metadata's names are kept aside for the source's
 * details. When they agree, the metadata's (better structured) names stay.
 */
function settleAuthors(hints: MetadataHints, visible: string | undefined): string[] | undefined {
  if (!visible) return undefined;
  const fromMeta = hints.authors ?? [];
  if (fromMeta.length === 0) {
    hints.authors = [visible];
    return undefined;
  }
  const seen = familyNames([visible]);
  const claimed = familyNames(fromMeta);
  if (seen.size === 0) return undefined;
  const agree = [...seen].every((name) => claimed.has(name)) && [...claimed].every((name) => seen.has(name));
  if (agree) return undefined;
  hints.authors = [visible];
  return fromMeta;
}

function finish(hints: MetadataHints, documentTitle: string | undefined, article: ExtractedArticle | undefined, byline: string | undefined): string[] | undefined {
  hints.title ??= usableTitle(article?.title) ?? usableTitle(documentTitle);
  const metadataAuthors = settleAuthors(hints, byline);
  if (!hints.authors && article?.byline) hints.authors = [article.byline];
  return metadataAuthors;
}

/**
 * A prepared page (from the import worker) → sanitised article HTML, its
 * text parts and metadata hints. `baseUrl` (the page's address, when
 * fetched) makes relative links absolute; without it relative links lose
 * their href rather than point into the app.
 */
export async function sanitizeArticle(prepared: PreparedHtml, baseUrl?: string, options: SanitizeOptions = {}): Promise<SanitizedArticle> {
  let result: SanitizedArticle;
  if (prepared.whole) {
    const doc = parseInert(documentMarkup(prepared, prepared.chunks[0] ?? ''));
    const hints = readHints(doc, baseUrl);
    const documentTitle = doc.querySelector('title')?.textContent?.replace(/\s+/g, ' ').trim() || undefined;
    prepare(doc, baseUrl);
    const cluttered = options.readability !== false && hasClutter(doc);
    removeBoilerplate(doc);
    await pause(options);
    const article = cluttered ? extractArticle(doc) : undefined;
    const metadataAuthors = finish(hints, documentTitle, article, prepared.byline);
    const articleHtml = article?.content ?? (cluttered ? bodyWithoutChrome(doc) : doc.body.innerHTML);
    await pause(options);
    const clean = purify().sanitize(articleHtml, PURIFY_CONFIG);
    await pause(options);
    result = { html: clean, parts: partsOf(clean), hints };
    if (metadataAuthors) result.metadataAuthors = metadataAuthors;
    return result;
  }
  const headDoc = parseInert(documentMarkup(prepared, ''));
  const hints = readHints(headDoc, baseUrl);
  const documentTitle = headDoc.querySelector('title')?.textContent?.replace(/\s+/g, ' ').trim() || undefined;
  const metadataAuthors = finish(hints, documentTitle, undefined, prepared.byline);
  const cleanChunks: string[] = [];
  const parts: TextPart[] = [];
  for (const [index, chunk] of prepared.chunks.entries()) {
    await pause(options);
    const doc = parseInert(`<!doctype html><html><head></head><body>${chunk}</body></html>`);
    prepare(doc, baseUrl);
    removeBoilerplate(doc);
    const clean = purify().sanitize(doc.body.innerHTML, PURIFY_CONFIG);
    cleanChunks.push(clean);
    parts.push(...partsOf(clean));
    options.onProgress?.(index + 1, prepared.chunks.length);
  }
  result = { html: cleanChunks.join('\n'), parts, hints };
  if (metadataAuthors) result.metadataAuthors = metadataAuthors;
  return result;
}
