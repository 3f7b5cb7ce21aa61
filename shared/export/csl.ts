/**
 * Citation formatting through citation-js (citeproc-js underneath), the one
 * place that knows its API. Works unchanged in Node (CLI, tests) and in the
 * renderer bundle: citation-js is plain CommonJS with no Node built-ins on
 * the formatting path.
 *
 * CSL item IDs are source IDs, so a formatted entry can always be traced back
 * to the source it describes.
 */
import { Cite, plugins } from '@citation-js/core';
import '@citation-js/plugin-csl';
import '@citation-js/plugin-bibtex';
import type { SourceMetadata, SourceRecord } from '../domain/types';
import { MessageError, type MessageRef } from '../i18n';
import { fnv1a32 } from '../lib/hash';

/** A CSL-JSON item: our metadata is already CSL-shaped; it gains the source ID. */
export type CslItem = SourceMetadata & { id: string };

/** A run of formatted reference text with the styling the CSL style asked for. */
export interface RichRun {
  text: string;
  italic?: boolean;
  bold?: boolean;
  smallCaps?: boolean;
  superscript?: boolean;
  subscript?: boolean;
}

/** One bibliography entry, split into the pieces every renderer needs. */
export interface FormattedEntry {
  /** The source ID. */
  id: string;
  /** The entry's label in numeric styles ("1."), empty in author-date styles. */
  label: string;
  /** The entry without its label, as styled runs. */
  runs: RichRun[];
  /** The same as plain text. */
  text: string;
}

/** A problem with a user-supplied CSL style, worded for the person who chose the file. */
export class CslStyleError extends MessageError {
  override name = 'CslStyleError';

  constructor(key: string, values?: MessageRef['values']) {
    super({ key: `styleError.${key}`, ...(values ? { values } : {}) });
  }
}

const LOCALE = 'en-US';
const CSL_NAMESPACE = 'http://purl.org/net/xbiblio/csl';
const BUILT_IN = ['apa', 'vancouver', 'harvard1'];
const csl = plugins.config.get('@csl');

/** Map sources to CSL-JSON items (ID = source ID). Copies, so citeproc can never touch stored records. */
export function toCslItems(sources: readonly SourceRecord[]): CslItem[] {
  return sources.map((source) => ({ ...cloneJson(source.metadata), id: source.id }));
}

/** The CSL-JSON export file (what Zotero and Pandoc's `--bibliography` read). */
export function toCslJson(sources: readonly SourceRecord[]): string {
  return `${JSON.stringify(toCslItems(sources), null, 2)}\n`;
}

/**
 * The files Pandoc's citeproc mode reads beside the Markdown: the sources as
 * CSL-JSON and BibTeX whose IDs (and BibTeX keys) are the citation keys, and
 * the style's CSL XML, so `pandoc --citeproc` formats the same references
 * in the same style as the footnote export.
 */
export function pandocSidecars(
  sources: readonly SourceRecord[],
  keys: ReadonlyMap<string, string>,
  style: string,
  customStyleXml?: string,
): { json: string; bib: string; csl: string } {
  const items = toCslItems(sources).map((item) => {
    const key = keys.get(item.id) ?? item.id;
    return { ...item, id: key, 'citation-key': key };
  });
  const bib = items.length === 0 ? '' : new Cite(items).format('bibtex', { format: 'text' });
  return { json: `${JSON.stringify(items, null, 2)}\n`, bib, csl: csl.styles.get(resolveStyle(style, customStyleXml)) };
}

/** A BibTeX file of the sources, for LaTeX users. */
export function toBibtex(sources: readonly SourceRecord[]): string {
  if (sources.length === 0) return '';
  return new Cite(toCslItems(sources)).format('bibtex', { format: 'text' });
}

/**
 * The styles that can be used right now: the ones citation-js ships (APA,
 * Vancouver, Harvard) plus any custom style registered in this session.
 * Titles come from each style's own `<info><title>`.
 */
export function listStyles(): { id: string; title: string }[] {
  return csl.styles.list().map((id) => ({ id, title: styleTitle(csl.styles.get(id)) ?? id }));
}

/**
 * Register a user's CSL style and return the ID to format with. The XML is
 * checked first, so a wrong file gets a sentence about what is wrong with it
 * rather than a citeproc stack trace. IDs derive from the content, which
 * keeps citation-js's per-style engine cache from serving a stale style.
 */
export function registerCustomStyle(xml: string): string {
  validateStyleXml(xml);
  const id = `custom-${fnv1a32(xml).toString(36)}`;
  if (csl.styles.has(id)) return id;
  csl.styles.add(id, xml);
  try {
    const probe: CslItem = { id: 'probe', type: 'report', title: 'Probe', author: [{ family: 'Probe', given: 'A.' }], issued: { 'date-parts': [[2020]] } };
    new Cite([probe]).format('bibliography', { format: 'text', template: id, lang: LOCALE });
  } catch (error) {
    csl.styles.delete(id);
    throw new CslStyleError('processor', { reason: messageOf(error) });
  }
  return id;
}

/**
 * Format a bibliography in a style's order (alphabetical for APA, citation
 * order for numeric styles, which is the order of `items`). With
 * `customStyleXml` the custom style is registered and used instead of `style`.
 * `content` is plain text or citeproc's HTML (citeproc escapes the data it
 * inserts).
 */
export function formatBibliography(
  items: readonly CslItem[],
  style: string,
  format: 'text' | 'html',
  customStyleXml?: string,
): { id: string; content: string }[] {
  if (items.length === 0) return [];
  const template = resolveStyle(style, customStyleXml);
  // citeproc spends 1–2 ms per APA entry, so re-exporting an unchanged brief
  // (Markdown, then Word, then PDF) reuses the last results. The key is the
  // whole item list: sorting, numbering and "2024a/2024b" depend on all of it.
  const key = `${template}\u0000${format}\u0000${JSON.stringify(items)}`;
  const cached = bibliographyCache.get(key);
  if (cached) {
    bibliographyCache.delete(key);
    bibliographyCache.set(key, cached);
    return cached.map((entry) => ({ ...entry }));
  }
  const entries = new Cite(items.map((item) => cloneJson(item)))
    .format('bibliography', { format, template, lang: LOCALE, asEntryArray: true })
    .map(([id, content]) => ({ id, content: content.trim() }));
  bibliographyCache.set(key, entries);
  if (bibliographyCache.size > CACHE_SIZE) bibliographyCache.delete(bibliographyCache.keys().next().value as string);
  return entries.map((entry) => ({ ...entry }));
}

const CACHE_SIZE = 8;
/** Recently formatted bibliographies, least recently used first. */
const bibliographyCache = new Map<string, { id: string; content: string }[]>();

/**
 * Format a bibliography as styled runs (italic titles and so on), the form
 * the Markdown, HTML and Word renderers share. Built from citeproc's HTML,
 * which is parsed here into runs, so no renderer ever passes formatter markup
 * through unexamined.
 */
export function formatEntries(items: readonly CslItem[], style: string, customStyleXml?: string): FormattedEntry[] {
  return formatBibliography(items, style, 'html', customStyleXml).map(({ id, content }) => {
    const { label, runs } = parseEntryHtml(content);
    return { id, label, runs, text: runs.map((run) => run.text).join('') };
  });
}

/**
 * A short reference for a source the style leaves out of its bibliography
 * (APA, for one, lists no unpublished interviews: they are "personal
 * communications" cited in the text only). Uses the style's in-text citation,
 * without its parentheses, followed by the title, so a note still says where
 * its quote came from.
 */
export function formatOmittedReference(item: CslItem, style: string, customStyleXml?: string): RichRun[] {
  const template = resolveStyle(style, customStyleXml);
  const html = new Cite([cloneJson(item)]).format('citation', { format: 'html', template, lang: LOCALE });
  const runs = parseEntryHtml(html).runs;
  const first = runs[0];
  const last = runs.at(-1);
  if (first && last && first.text.startsWith('(') && last.text.endsWith(')')) {
    first.text = first.text.slice(1);
    last.text = last.text.slice(0, -1);
  }
  const cited = runs.filter((run) => run.text !== '');
  const title = item.title.trim();
  if (cited.length === 0) return [{ text: title || item.id }];
  return title ? [...cited, { text: `. ${title}.` }] : cited;
}

/**
 * How a style cites, which decides the shape of an export:
 * - `note`: the style's `class="note"` (Chicago notes, OSCOLA…): every
 *   citation is a footnote in the style's `<citation>` layout, with its
 *   subsequent forms (ibid, short forms) where the style defines them;
 * - `author-date`: an in-text style that names its sources, "(Author Year)";
 * - `numeric`: an in-text style that cites by number or label (Vancouver).
 */
export type CitationForm = 'note' | 'author-date' | 'numeric';

/** The citation form of a style (see {@link CitationForm}), read from its XML. */
export function citationForm(style: string, customStyleXml?: string): CitationForm {
  const xml = csl.styles.get(resolveStyle(style, customStyleXml));
  const root = /<style\b[^>]*>/.exec(xml)?.[0] ?? '';
  if (/\sclass\s*=\s*["']note["']/.test(root)) return 'note';
  const declared = /<category\b[^>]*\scitation-format\s*=\s*["']([\w-]+)["']/.exec(xml)?.[1];
  if (declared === 'numeric' || declared === 'label') return 'numeric';
  if (declared === 'author-date' || declared === 'author') return 'author-date';
  // No declaration: look at what the citation layout (and the macros it calls) prints.
  return /variable\s*=\s*["'](?:[\w-]+\s+)*citation-(?:number|label)\b/.test(citationLayoutWithMacros(xml)) ? 'numeric' : 'author-date';
}

/** The `<citation>` section with the text of every macro it calls, transitively. */
function citationLayoutWithMacros(xml: string): string {
  const macros = new Map([...xml.matchAll(/<macro\s[^>]*name\s*=\s*["']([^"']+)["'][^>]*>([\s\S]*?)<\/macro>/g)].map((m) => [m[1]!, m[2]!]));
  let text = /<citation\b[\s\S]*?<\/citation>/.exec(xml)?.[0] ?? '';
  const seen = new Set<string>();
  for (let pending = [...text.matchAll(/\smacro\s*=\s*["']([^"']+)["']/g)].map((m) => m[1]!); pending.length > 0; ) {
    const name = pending.pop()!;
    const body = macros.get(name);
    if (seen.has(name) || body === undefined) continue;
    seen.add(name);
    text += body;
    pending.push(...[...body.matchAll(/\smacro\s*=\s*["']([^"']+)["']/g)].map((m) => m[1]!));
  }
  return text;
}

/** One cited item of a citation: a source, and where in it (for styles that print a locator). */
export interface CiteItem {
  id: string;
  locator?: { label: 'page' | 'paragraph'; value: string };
}

/**
 * One citation as citeproc sees it: the items it cites together, and the
 * footnote it sits in (`noteIndex`, from 1) for note styles, 0 in the text.
 */
export interface CiteCluster {
  items: CiteItem[];
  noteIndex: number;
}

/**
 * Format citations with the style's `<citation>` layout, in document order,
 * as styled runs (one list per cluster). citeproc sees every cluster in
 * order, so it decides positions (first, subsequent, ibid, ibid with
 * locator) and disambiguation ("2024a") exactly as the style says. Every
 * item ID must be in `items`.
 */
export function formatCitations(items: readonly CslItem[], clusters: readonly CiteCluster[], style: string, customStyleXml?: string): RichRun[][] {
  if (clusters.length === 0) return [];
  const template = resolveStyle(style, customStyleXml);
  const engine = csl.engine(
    items.map((item) => cloneJson(item)),
    template,
    LOCALE,
    'html',
  );
  const citations = clusters.map((cluster, i) => ({
    citationID: `c${i}`,
    citationItems: cluster.items.map((item) => (item.locator ? { id: item.id, locator: item.locator.value, label: item.locator.label } : { id: item.id })),
    properties: { noteIndex: cluster.noteIndex },
  }));
  const byId = new Map(engine.rebuildProcessorState(citations, 'html', []).map(([id, , html]) => [id, html]));
  return citations.map((citation) => parseEntryHtml(byId.get(citation.citationID) ?? '').runs);
}

/** The style ID to hand citation-js, or a clear error for one it does not know. */
export function resolveStyle(style: string, customStyleXml?: string): string {
  if (customStyleXml !== undefined) return registerCustomStyle(customStyleXml);
  if (csl.styles.has(style)) return style;
  throw new CslStyleError('unknown', { style, builtIn: BUILT_IN.join(', ') });
}

// ------------------------------------------------------------ validation

/**
 * Check that `xml` looks like a CSL 1.0 style: well-formed tags, a `<style>`
 * root in the CSL namespace, and the `<citation>` and `<bibliography>`
 * sections an export needs. Not a full XML parser: citeproc parses it after.
 */
function validateStyleXml(xml: string): void {
  const body = xml.replace(/^\uFEFF/, '').trim();
  if (!body.startsWith('<')) {
    throw new CslStyleError('notXml');
  }
  const root = checkWellFormed(body);
  if (root.name !== 'style') {
    throw new CslStyleError('wrongRoot', { root: root.name });
  }
  if (!new RegExp(`xmlns\\s*=\\s*["']${CSL_NAMESPACE.replace(/[./]/g, '\\$&')}["']`).test(root.attributes)) {
    throw new CslStyleError('namespace', { namespace: CSL_NAMESPACE });
  }
  for (const section of ['citation', 'bibliography']) {
    const content = new RegExp(`<${section}(?:\\s[^>]*)?>([\\s\\S]*?)</${section}>`).exec(body)?.[1];
    if (content === undefined) {
      throw new CslStyleError(section === 'citation' ? 'noCitation' : 'noBibliography');
    }
    if (!/<layout[\s>]/.test(content)) throw new CslStyleError('noLayout', { section });
  }
  const defined = new Set([...body.matchAll(/<macro\s[^>]*name\s*=\s*["']([^"']+)["']/g)].map((m) => m[1]));
  const missing = [...body.matchAll(/\smacro\s*=\s*["']([^"']+)["']/g)].map((m) => m[1]).find((name) => !defined.has(name));
  if (missing !== undefined) throw new CslStyleError('undefinedMacro', { macro: missing });
}

/** Balance-check the tags of an XML document and return its root element. */
function checkWellFormed(xml: string): { name: string; attributes: string } {
  const withoutNoise = xml.replace(/<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<!\[CDATA\[[\s\S]*?\]\]>|<!DOCTYPE[^>]*>/g, (m) => m.replace(/[^\n]/g, ' '));
  const tag = /<(\/?)([A-Za-z_][\w.:-]*)([^<>]*?)(\/?)>|<|>/g;
  const stack: { name: string; line: number }[] = [];
  let root: { name: string; attributes: string } | undefined;
  let match: RegExpExecArray | null;
  while ((match = tag.exec(withoutNoise)) !== null) {
    const line = lineAt(withoutNoise, match.index);
    const [whole, closing, name, attributes = '', selfClosing] = match;
    if (whole === '>') continue;
    if (name === undefined) throw new CslStyleError('strayLt', { line });
    if (closing) {
      const open = stack.pop();
      if (open?.name !== name) {
        throw open ? new CslStyleError('mismatched', { open: open.name, opened: open.line, name, line }) : new CslStyleError('closesNothing', { name, line });
      }
      continue;
    }
    if (root === undefined) root = { name, attributes };
    else if (stack.length === 0) throw new CslStyleError('secondRoot', { name, line });
    if (!selfClosing) stack.push({ name, line });
  }
  if (root === undefined) throw new CslStyleError('noElements');
  const unclosed = stack.pop();
  if (unclosed) throw new CslStyleError('unclosed', { name: unclosed.name, line: unclosed.line });
  return root;
}

function lineAt(text: string, index: number): number {
  let line = 1;
  for (let i = 0; i < index; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

function styleTitle(xml: string): string | undefined {
  const match = /<info>[\s\S]*?<title>([^<]*)<\/title>/.exec(xml);
  return match?.[1] ? decodeEntities(match[1]).trim() : undefined;
}


/** A deep copy of plain JSON data (structuredClone is not among shared/'s globals). */
function cloneJson<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

function messageOf(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/\s+/g, ' ').replace(/[.\s]+$/, '');
}

// ------------------------------------------------------------ citeproc HTML → runs

type Style = Omit<RichRun, 'text'>;

/**
 * Parse one entry of citeproc's HTML output. citeproc emits a small,
 * known vocabulary (`<i>`, `<b>`, `<sup>`, `<sub>`, styled `<span>`s and the
 * `csl-*` divs) and escapes all data as entities; anything else is ignored
 * and only its text kept.
 */
function parseEntryHtml(html: string): { label: string; runs: RichRun[] } {
  const runs: RichRun[] = [];
  let label = '';
  const stack: { name: string; style: Style; isLabel: boolean }[] = [];
  const token = /<(\/?)([a-z0-9]+)([^>]*)>|([^<]+)/gi;
  let match: RegExpExecArray | null;
  while ((match = token.exec(html)) !== null) {
    const [, closing, rawName, attributes = '', data] = match;
    if (data !== undefined) {
      if (/^\s*$/.test(data) && data.includes('\n')) continue; // indentation between divs
      const text = decodeEntities(data);
      if (stack.some((frame) => frame.isLabel)) {
        label += text;
        continue;
      }
      const style = stack.at(-1)?.style ?? {};
      const last = runs.at(-1);
      if (last && sameStyle(last, style)) last.text += text;
      else runs.push({ text, ...style });
      continue;
    }
    const name = (rawName ?? '').toLowerCase();
    if (name === 'br') continue;
    if (closing) {
      const at = stack.map((frame) => frame.name).lastIndexOf(name);
      if (at >= 0) stack.length = at;
      continue;
    }
    if (attributes.trimEnd().endsWith('/')) continue;
    const parent = stack.at(-1)?.style ?? {};
    stack.push({ name, style: { ...parent, ...styleOf(name, attributes) }, isLabel: /class="csl-left-margin"/.test(attributes) });
  }
  const first = runs[0];
  if (first) first.text = first.text.trimStart();
  const last = runs.at(-1);
  if (last) last.text = last.text.trimEnd();
  return { label: label.trim(), runs: runs.filter((run) => run.text !== '') };
}

function styleOf(name: string, attributes: string): Style {
  const style: Style = {};
  if (name === 'i' || name === 'em' || /font-style:\s*italic/.test(attributes)) style.italic = true;
  if (/font-style:\s*normal/.test(attributes)) style.italic = false;
  if (name === 'b' || name === 'strong' || /font-weight:\s*bold/.test(attributes)) style.bold = true;
  if (/font-weight:\s*normal/.test(attributes)) style.bold = false;
  if (/font-variant:\s*small-caps/.test(attributes)) style.smallCaps = true;
  if (name === 'sup') style.superscript = true;
  if (name === 'sub') style.subscript = true;
  return style;
}

function sameStyle(run: RichRun, style: Style): boolean {
  return (
    Boolean(run.italic) === Boolean(style.italic) &&
    Boolean(run.bold) === Boolean(style.bold) &&
    Boolean(run.smallCaps) === Boolean(style.smallCaps) &&
    Boolean(run.superscript) === Boolean(style.superscript) &&
    Boolean(run.subscript) === Boolean(style.subscript)
  );
}

const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, body: string) => {
    if (body[0] === '#') {
      const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED_ENTITIES[body.toLowerCase()] ?? whole;
  });
}
