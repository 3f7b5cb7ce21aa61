/**
 * The import worker's half of the HTML path: untrusted markup in, a bounded,
 * pre-cleaned document out, ready for the main thread's one sanitising path
 * (DOMParser → Readability → DOMPurify → text blocks, in
 * `renderer/import/sanitizeHtml.ts`). Nothing here renders or runs anything;
 * it is pure tree work on parse5's spec-conformant parse, so it runs in a
 * worker and in unit tests alike.
 *
 *   1. prescan: refuse pages nested deeper than browsers nest, or with more
 *      elements than any article, before a tree is built;
 *   2. parse with parse5 (the HTML standard's tree construction);
 *   3. cut hidden text (evaluated on the intact tree, as CSS sees it);
 *   4. drop what is never text: scripts (JSON-LD is kept for metadata),
 *      styles, comments, embedded media, form controls;
 *   5. MathML → its TeX, alttext or linear text;
 *   6. mark page furniture (navigation, share and comment widgets…);
 *   7. keep only the attributes the next steps read;
 *   8. serialise: whole when the page is small enough for Readability on the
 *      main thread, otherwise without its furniture, in chunks of bounded
 *      size that are sanitised one task at a time.
 */
import { isTag, isText, type AnyNode, type ChildNode, type Document, type Element } from 'domhandler';
import { parse, serialize, serializeOuter } from 'parse5';
import { adapter } from 'parse5-htmlparser2-tree-adapter';
import { selectAll } from 'css-select';
import { importErrors } from '../errors';
import { parseCslDate } from '../metadata';
import { BOILERPLATE_ATTRIBUTE, markBoilerplate } from './boilerplate';
import { removeHiddenText, type HiddenText } from './hidden';
import { CHUNK_MAX_CHARS, CHUNK_MAX_ELEMENTS, MAX_HTML_DEPTH, MAX_HTML_ELEMENTS, READABILITY_MAX_CHARS, READABILITY_MAX_ELEMENTS } from './limits';
import { replaceMath } from './math';
import { prescanHtml } from './prescan';
import { detach, elementsOf, filterChildren, squash, textOf } from './tree';

export interface PreparedHtml {
  /** `<head>` content that metadata is read from: title, meta, canonical link, JSON-LD. */
  head: string;
  /** `lang` and `dir` of the page's `<html>` element. */
  lang?: string;
  dir?: string;
  /** The body's content: one piece when `whole`, else bounded chunks in document order. */
  chunks: string[];
  /** True when `chunks[0]` is the whole body, small enough for Readability on the main thread. */
  whole: boolean;
  /** Elements in the body after cleaning. */
  elements: number;
  hidden: HiddenText;
  /** Formulas turned into text. */
  math: number;
  /** The byline the page shows its readers ("By Ana Ruiz"), when it marks one. */
  byline?: string;
}

/** Subtrees that never carry article text. */
const DROP = new Set([
  'script', 'style', 'noscript', 'template', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'canvas', 'video', 'audio',
  'source', 'track', 'picture', 'img', 'map', 'svg', 'link', 'meta', 'base', 'input', 'button', 'select', 'textarea', 'option',
  'optgroup', 'datalist', 'output', 'slot', 'portal', 'param', 'head',
]);

/** Attributes the main thread still reads (Readability's scoring, links, metadata, boilerplate marks). */
const KEEP_ATTRIBUTES = new Set([
  'id', 'class', 'href', 'role', 'lang', 'dir', 'itemprop', 'itemscope', 'itemtype', 'rel', 'title', 'alt', 'colspan', 'rowspan', 'headers',
  'scope', 'datetime', 'start', 'value', 'reversed', 'aria-hidden', 'aria-label', 'open', 'cite',
]);

const BYLINE_SELECTOR = '[rel~="author"], [itemprop~="author"], .byline, .author, .author-name, .article-author, [class*="byline"]';

/** parse5 always builds `html` at the top and `head` and `body` right under it. */
function childNamed(parent: Document | Element, name: string): Element | undefined {
  return parent.children.find((child): child is Element => isTag(child) && child.name === name);
}

function depthOf(root: Document): number {
  let max = 0;
  const stack: [AnyNode, number][] = [[root, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (depth > max) max = depth;
    if ('children' in node) for (const child of node.children) if (isTag(child)) stack.push([child, depth + 1]);
  }
  return max;
}

function styleSheets(root: Document): { css: string; media?: string }[] {
  const sheets: { css: string; media?: string }[] = [];
  for (const element of elementsOf(root.children.find(isTag) ?? (root as unknown as Element))) {
    if (element.name !== 'style') continue;
    const type = (element.attribs.type ?? '').trim().toLowerCase();
    if (type && type !== 'text/css') continue;
    let inTemplate = false;
    for (let p = element.parent; p && isTag(p); p = p.parent) if (p.name === 'template') inTemplate = true;
    if (inTemplate) continue;
    const css = element.children.filter(isText).map((t) => t.data).join('');
    sheets.push(element.attribs.media ? { css, media: element.attribs.media } : { css });
  }
  return sheets;
}

function isJsonLd(element: Element): boolean {
  return element.name === 'script' && (element.attribs.type ?? '').trim().toLowerCase() === 'application/ld+json';
}

/** The head we hand on: only what metadata is read from, plus every JSON-LD block of the page. */
function headMarkup(head: Element | undefined, body: Element): string {
  const keep: string[] = [];
  const serialiseOuter = (node: ChildNode) => serializeOuter(node, { treeAdapter: adapter });
  if (head) {
    for (const element of elementsOf(head)) {
      if (element.name === 'title' || element.name === 'meta' || isJsonLd(element)) keep.push(serialiseOuter(element));
      else if (element.name === 'link' && /\bcanonical\b/i.test(element.attribs.rel ?? '')) keep.push(`<link rel="canonical" href="${escapeAttribute(element.attribs.href ?? '')}">`);
    }
  }
  for (const element of elementsOf(body)) {
    if (isJsonLd(element) || (element.name === 'meta' && element.attribs.itemprop === undefined && (element.attribs.name || element.attribs.property))) keep.push(serialiseOuter(element));
  }
  return keep.join('\n');
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
}

/** Remove everything that is never text, in one pass per parent. */
function dropNonText(body: Element): void {
  const stack: Element[] = [body];
  while (stack.length > 0) {
    const element = stack.pop()!;
    filterChildren(element, (child) => {
      if (isText(child)) return true;
      if (!isTag(child)) return false;
      return !DROP.has(child.name);
    });
    for (const child of element.children) if (isTag(child)) stack.push(child);
  }
}

function keepAttributes(element: Element): void {
  for (const name of Object.keys(element.attribs)) if (!KEEP_ATTRIBUTES.has(name)) delete element.attribs[name];
}

/** Looks like a person's name or a short list of them, not a date or a sentence. */
function plausibleByline(text: string): string | undefined {
  // "By Ana Ruiz | 5 March 2025 · 4 min read": the name comes first.
  const first = squash(text).split(/\s+[|·•—–]\s+|\s+-\s+/)[0] ?? '';
  const clean = first.replace(/^(?:written\s+)?by[:\s]+/i, '').trim();
  if (clean.length < 3 || clean.length > 120 || !/\p{L}/u.test(clean)) return undefined;
  if (parseCslDate(clean)?.['date-parts'] || /\b\d{1,2}:\d{2}\b/.test(clean)) return undefined;
  return clean;
}

function findByline(body: Element): string | undefined {
  for (const element of selectAll<AnyNode, Element>(BYLINE_SELECTOR, body)) {
    const found = plausibleByline(textOf(element));
    if (found) return found;
  }
  return undefined;
}

interface Sizes {
  elements: Map<AnyNode, number>;
  chars: Map<AnyNode, number>;
}

function sizesOf(body: Element): Sizes {
  const elements = new Map<AnyNode, number>();
  const chars = new Map<AnyNode, number>();
  const order = elementsOf(body);
  for (let i = order.length - 1; i >= 0; i--) {
    const element = order[i]!;
    let count = 1;
    let length = 0;
    for (const child of element.children) {
      if (isTag(child)) {
        count += elements.get(child) ?? 0;
        length += chars.get(child) ?? 0;
      } else if (isText(child)) {
        length += child.data.length;
      }
    }
    elements.set(element, count);
    chars.set(element, length);
  }
  return { elements, chars };
}

function openTag(element: Element): string {
  const attrs = ['lang', 'dir', 'start', 'reversed'].filter((a) => element.attribs[a] !== undefined).map((a) => ` ${a}="${escapeAttribute(element.attribs[a]!)}"`);
  return `<${element.name}${attrs.join('')}>`;
}

/**
 * Split the body into fragments of at most CHUNK_MAX_ELEMENTS elements and
 * CHUNK_MAX_CHARS characters, cutting only between siblings. Each fragment
 * is wrapped in its ancestors' tags (without attributes), so a list item
 * stays in its list and a cell in its table when the fragment is parsed alone.
 */
function chunk(body: Element): string[] {
  const sizes = sizesOf(body);
  const chunks: string[] = [];
  let path: Element[] = [];
  let parts: string[] = [];
  let count = 0;
  let chars = 0;
  const flush = () => {
    if (parts.length > 0) {
      chunks.push(path.map(openTag).join('') + parts.join('') + path.map((e) => `</${e.name}>`).reverse().join(''));
    }
    parts = [];
    count = 0;
    chars = 0;
  };
  const add = (markup: string, elements: number, length: number, at: Element[]) => {
    if (at !== path || count + elements > CHUNK_MAX_ELEMENTS || chars + length > CHUNK_MAX_CHARS) {
      flush();
      path = at;
    }
    parts.push(markup);
    count += elements;
    chars += length;
  };
  const visit = (node: ChildNode, at: Element[]) => {
    if (isText(node)) {
      const text = node.data;
      if (text.length <= CHUNK_MAX_CHARS) {
        add(serializeOuter(node, { treeAdapter: adapter }), 0, text.length, at);
        return;
      }
      // A single enormous run of text: cut it at whitespace.
      for (let start = 0; start < text.length; ) {
        let end = Math.min(text.length, start + CHUNK_MAX_CHARS);
        if (end < text.length) {
          const space = text.lastIndexOf(' ', end);
          if (space > start) end = space;
        }
        flush();
        path = at;
        add(escapeText(text.slice(start, end)), 0, end - start, at);
        flush();
        start = end;
      }
      return;
    }
    if (!isTag(node)) return;
    const elements = sizes.elements.get(node) ?? 1;
    const length = sizes.chars.get(node) ?? 0;
    if ((elements <= CHUNK_MAX_ELEMENTS && length <= CHUNK_MAX_CHARS) || node.children.length === 0) {
      add(serializeOuter(node, { treeAdapter: adapter }), elements, length, at);
      return;
    }
    const inner = [...at, node];
    for (const child of node.children) visit(child, inner);
  };
  const top: Element[] = [];
  for (const child of body.children) visit(child, top);
  flush();
  return chunks;
}

function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\u00a0/g, '&nbsp;');
}

export interface PrepareOptions {
  /** Keep the whole page together when it is small enough (Readability may run). Default true. */
  allowWhole?: boolean;
}

/**
 * Prepare untrusted HTML for the sanitiser (see the module comment). `name`
 * is the file name used in messages. Throws `ImportError` ('too-complex')
 * for pages past the depth or element limits.
 */
export function prepareHtml(name: string, html: string, options: PrepareOptions = {}): PreparedHtml {
  const scan = prescanHtml(html);
  if (scan.exceeded === 'depth') throw importErrors.tooDeep(name, MAX_HTML_DEPTH);
  if (scan.exceeded === 'elements') throw importErrors.tooManyElements(name, MAX_HTML_ELEMENTS);

  const document = parse(html, { treeAdapter: adapter });
  // parse5 rebuilds misnested markup as browsers do; check its tree too (one element of slack for the implied <html>).
  if (depthOf(document) > MAX_HTML_DEPTH + 1) throw importErrors.tooDeep(name, MAX_HTML_DEPTH);
  const root = childNamed(document, 'html');
  const head = root ? childNamed(root, 'head') : undefined;
  const body = root ? childNamed(root, 'body') : undefined;
  if (!root || !body) throw importErrors.noText(name);

  const sheets = styleSheets(document);
  const hidden = removeHiddenText(body, sheets);
  const headHtml = headMarkup(head, body);
  dropNonText(body);
  // Comments and processing instructions went with dropNonText; formulas become text.
  const math = replaceMath(elementsOf(body).filter((e) => e.name === 'math'));
  const byline = findByline(body);
  // Attributes go before the furniture is marked, so a page cannot mark its own text as furniture.
  for (const element of elementsOf(body)) keepAttributes(element);
  markBoilerplate(body);

  const elements = elementsOf(body).length - 1;
  const bodyHtml = serialize(body, { treeAdapter: adapter });
  const whole = options.allowWhole !== false && elements <= READABILITY_MAX_ELEMENTS && bodyHtml.length <= READABILITY_MAX_CHARS;
  let chunks: string[];
  if (whole) {
    chunks = [bodyHtml];
  } else {
    // Too big for Readability: its furniture goes here, and the rest is cut into pieces.
    for (const element of elementsOf(body)) if (element.attribs[BOILERPLATE_ATTRIBUTE] !== undefined && element.parent) detach(element);
    chunks = chunk(body);
  }
  const prepared: PreparedHtml = { head: headHtml, chunks, whole, elements, hidden, math };
  const lang = root.attribs.lang?.trim();
  const dir = root.attribs.dir?.trim();
  if (lang) prepared.lang = lang;
  if (dir) prepared.dir = dir;
  if (byline) prepared.byline = byline;
  return prepared;
}
