/**
 * Page furniture that is not the article: navigation and menus, share and
 * comment widgets, "back to top" links, tables of contents, tag clouds,
 * breadcrumbs, related-story rails, newsletter and cookie boxes, ads and
 * site footers ("Powered by …", "© 2025 …"). Readability drops most of it
 * when it finds an article; this pass finds it on any page, so pages that
 * Readability does not take (or that are too big for it) come out clean too.
 *
 * Evidence used, in order of trust: landmarks and ARIA roles (`nav`,
 * `role="navigation"`, `contentinfo`, `search`…), `aria-label`s, class and
 * id names split into words ("article-share-bar" → share), the text of
 * "back to top" and copyright lines, and link density (a block that is
 * almost all short links). The pass only marks elements
 * (`data-cf-boilerplate="share"`); the sanitiser removes them, after it has
 * let Readability look at the whole page.
 *
 * Guards keep the article. Nothing that holds the page's `<h1>` is marked.
 * When the page names its main content (`main`, `role="main"`, or its
 * largest top-level `article`), nothing that holds it is marked, and inside
 * it only clear evidence counts. When it does not, nothing that holds half
 * of the text is marked, and a kind
 * whose marks would add up to half of the text is dropped altogether (a forum
 * page is all "comments").
 */
import { isTag, isText, type Element } from 'domhandler';
import { elementsOf, isSkippedForText, squash, textOf } from './tree';

export const BOILERPLATE_ATTRIBUTE = 'data-cf-boilerplate';

export type BoilerplateKind =
  | 'navigation'
  | 'share'
  | 'comments'
  | 'contents'
  | 'tags'
  | 'back-to-top'
  | 'breadcrumb'
  | 'related'
  | 'newsletter'
  | 'cookie'
  | 'advert'
  | 'footer'
  | 'sidebar'
  | 'search'
  | 'links';

/** Word sequences in class and id names, per kind. */
const NAME_HINTS: readonly [BoilerplateKind, readonly (readonly string[])[]][] = [
  ['share', [['share'], ['shares'], ['sharing'], ['sharebar'], ['social'], ['addthis'], ['sharethis'], ['sociallinks']]],
  ['comments', [['comments'], ['comment'], ['disqus'], ['respond'], ['discussion'], ['replies']]],
  ['contents', [['toc'], ['table', 'of', 'contents'], ['tableofcontents']]],
  ['tags', [['tags'], ['tag', 'cloud'], ['tagcloud'], ['tag', 'list'], ['taglist']]],
  ['back-to-top', [['back', 'to', 'top'], ['backtotop'], ['to', 'top'], ['totop'], ['scroll', 'top'], ['scrolltop'], ['go', 'top']]],
  ['breadcrumb', [['breadcrumb'], ['breadcrumbs']]],
  ['related', [['related'], ['recommended'], ['outbrain'], ['taboola'], ['more', 'stories'], ['read', 'next']]],
  ['newsletter', [['newsletter'], ['subscribe'], ['signup'], ['sign', 'up']]],
  ['cookie', [['cookie'], ['cookies'], ['consent'], ['gdpr']]],
  ['advert', [['ad'], ['ads'], ['advert'], ['advertisement'], ['adsbygoogle'], ['sponsored'], ['promo']]],
  ['footer', [['site', 'footer'], ['page', 'footer'], ['global', 'footer'], ['colophon']]],
  ['navigation', [['nav'], ['navbar'], ['navigation'], ['menu'], ['skip', 'link'], ['skip', 'links']]],
  ['sidebar', [['sidebar']]],
];

const LABEL_HINTS: readonly [BoilerplateKind, RegExp][] = [
  ['share', /\b(share|social)\b/i],
  ['contents', /\b(table of contents|contents|in this article)\b/i],
  ['comments', /\bcomments?\b/i],
  ['tags', /\b(tags|topics)\b/i],
  ['breadcrumb', /\bbreadcrumbs?\b/i],
  ['related', /\b(related|recommended|more stories)\b/i],
  ['navigation', /\b(navigation|menu|site links)\b/i],
];

const ROLE_KINDS: Readonly<Record<string, BoilerplateKind>> = {
  navigation: 'navigation',
  menu: 'navigation',
  menubar: 'navigation',
  search: 'search',
  toolbar: 'share',
  dialog: 'cookie',
  alertdialog: 'cookie',
};

const BACK_TO_TOP = /^(?:[↑▲⇧^]\s*)?(?:back to (?:the )?top|to the top|return to top|scroll to top|go to top|top of page|top)(?:\s*[↑▲⇧^])?$|^[↑▲⇧]$/i;
const SITE_LINE = /\bpowered by\b|©|\(c\)\s*\d{4}|\bcopyright\b|\ball rights reserved\b/i;
const CONTAINERS = new Set(['div', 'section', 'ul', 'ol', 'p', 'table', 'header', 'footer', 'aside', 'nav', 'menu', 'dl', 'span']);

interface Stats {
  text: number;
  linkText: number;
  links: number;
  anchorLinks: number;
  /** Holds the page's h1. */
  holdsHeading: boolean;
}

function words(name: string): string[] {
  return name
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

function containsSequence(haystack: readonly string[], needle: readonly string[]): boolean {
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let k = 0; k < needle.length; k++) if (haystack[i + k] !== needle[k]) continue outer;
    return true;
  }
  return false;
}

function kindFromNames(element: Element): BoilerplateKind | undefined {
  const names = [element.attribs.id ?? '', ...(element.attribs.class ?? '').split(/\s+/)].filter(Boolean);
  for (const name of names) {
    const w = words(name);
    for (const [kind, sequences] of NAME_HINTS) if (sequences.some((seq) => containsSequence(w, seq))) return kind;
  }
  return undefined;
}

function insideArticle(element: Element): boolean {
  for (let p = element.parent; p && isTag(p); p = p.parent) {
    if (p.name === 'article' || p.name === 'main' || p.attribs.role === 'main' || p.attribs.role === 'article') return true;
  }
  return false;
}

function statsOf(body: Element): Map<Element, Stats> {
  const stats = new Map<Element, Stats>();
  const order = elementsOf(body);
  for (let i = order.length - 1; i >= 0; i--) {
    const element = order[i]!;
    const own: Stats = { text: 0, linkText: 0, links: 0, anchorLinks: 0, holdsHeading: false };
    if (!isSkippedForText(element)) {
      for (const child of element.children) {
        if (isText(child)) own.text += squash(child.data).length;
        else if (isTag(child)) {
          const s = stats.get(child)!;
          own.text += s.text;
          own.linkText += s.linkText;
          own.links += s.links;
          own.anchorLinks += s.anchorLinks;
          own.holdsHeading ||= s.holdsHeading;
        }
      }
    }
    if (element.name === 'a' && element.attribs.href !== undefined) {
      own.links++;
      own.linkText = own.text;
      if (element.attribs.href.trim().startsWith('#')) own.anchorLinks++;
    }
    if (element.name === 'h1') own.holdsHeading = true;
    stats.set(element, own);
  }
  return stats;
}

/** Why `element` is page furniture, if it is. */
function classify(element: Element, s: Stats, inArticle: boolean): BoilerplateKind | undefined {
  const name = element.name;
  const role = (element.attribs.role ?? '').toLowerCase();
  if (name === 'nav') return 'navigation';
  if (name === 'search') return 'search';
  if (ROLE_KINDS[role]) return ROLE_KINDS[role];
  if (!inArticle) {
    if (name === 'aside' || role === 'complementary') return 'sidebar';
    if (name === 'footer' || role === 'contentinfo') return 'footer';
    if (role === 'banner' || (name === 'header' && element.parent && isTag(element.parent) && element.parent.name === 'body')) return 'navigation';
  }
  if (name === 'form' && /search/i.test(`${element.attribs.role ?? ''} ${element.attribs.action ?? ''} ${element.attribs.class ?? ''} ${element.attribs.id ?? ''}`)) return 'search';
  const byName = kindFromNames(element);
  if (byName) return byName;
  const label = element.attribs['aria-label'];
  if (label) for (const [kind, pattern] of LABEL_HINTS) if (pattern.test(label)) return kind;
  if (name === 'a' && s.anchorLinks === 1 && s.text <= 30 && BACK_TO_TOP.test(squash(textOf(element)))) return 'back-to-top';
  if (!CONTAINERS.has(name)) return undefined;
  if (s.text > 0 && s.text <= 400 && SITE_LINE.test(textOf(element)) && s.text - s.linkText < 300) return 'footer';
  if (s.links >= 3 && s.anchorLinks === s.links && s.linkText >= s.text * 0.7) return 'contents';
  const minLinks = inArticle ? 10 : 5;
  if (s.links >= minLinks && s.linkText >= s.text * 0.7 && s.linkText / s.links <= 30) return 'links';
  return undefined;
}

/**
 * The element the page names as its main content: its `main` (or
 * `role="main"`), else its top-level `article` with the most text.
 */
function mainContent(body: Element, stats: Map<Element, Stats>): Element | undefined {
  let best: Element | undefined;
  for (const element of elementsOf(body)) {
    if (element.name === 'main' || element.attribs.role === 'main') return element;
    if (element.name === 'article' && !insideArticle(element) && (!best || (stats.get(element)?.text ?? 0) > (stats.get(best)?.text ?? 0))) best = element;
  }
  return best && (stats.get(best)?.text ?? 0) > 0 ? best : undefined;
}

function contains(ancestor: Element, node: Element): boolean {
  for (let p: Element | null = node; p; p = p.parent && isTag(p.parent) ? p.parent : null) if (p === ancestor) return true;
  return false;
}

/**
 * Mark the page furniture under `body` (in place) and return how many
 * elements were marked, by kind.
 */
export function markBoilerplate(body: Element): Map<BoilerplateKind, number> {
  const stats = statsOf(body);
  const pageText = stats.get(body)?.text ?? 0;
  const main = mainContent(body, stats);
  const protectedElement = (element: Element, s: Stats) =>
    s.holdsHeading || (main ? contains(element, main) : pageText > 0 && s.text >= pageText * 0.5);
  const marked: { element: Element; kind: BoilerplateKind; text: number }[] = [];
  const stack: Element[] = [...body.children.filter(isTag)].reverse();
  while (stack.length > 0) {
    const element = stack.pop()!;
    const s = stats.get(element)!;
    const kind = protectedElement(element, s) ? undefined : classify(element, s, insideArticle(element));
    if (kind) {
      marked.push({ element, kind, text: s.text });
      continue;
    }
    for (let i = element.children.length - 1; i >= 0; i--) {
      const child = element.children[i]!;
      if (isTag(child)) stack.push(child);
    }
  }
  const perKind = new Map<BoilerplateKind, number>();
  for (const m of marked) perKind.set(m.kind, (perKind.get(m.kind) ?? 0) + m.text);
  const counts = new Map<BoilerplateKind, number>();
  for (const m of marked) {
    if (!main && pageText > 0 && (perKind.get(m.kind) ?? 0) >= pageText * 0.5) continue;
    m.element.attribs[BOILERPLATE_ATTRIBUTE] = m.kind;
    counts.set(m.kind, (counts.get(m.kind) ?? 0) + 1);
  }
  return counts;
}
