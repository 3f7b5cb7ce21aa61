/**
 * The few CSS facts Casefile needs from a page's own `<style>` sheets and
 * `style` attributes: which rules set `display`, `visibility` or
 * `content-visibility`, for which selectors, with what weight in the
 * cascade. Nothing is fetched (linked sheets are never read) and nothing
 * runs. css-tree parses the CSS; css-what parses each selector, so its
 * specificity can be computed and css-select can match it later.
 *
 * `@media` blocks are evaluated against a desktop window (1280 × 800 CSS
 * pixels, screen, light scheme): a "mobile only" headline hidden on wide
 * screens is hidden here too. Queries this module cannot evaluate count as
 * not matching, so their rules hide nothing: when in doubt, text is shown.
 */
import parseCss from 'css-tree/parser';
import type { Atrule, CssNode, Declaration, Rule } from 'css-tree';
import { parse as parseSelector, type Selector } from 'css-what';

export type HidingProperty = 'display' | 'visibility' | 'content-visibility';

export interface StyleDeclaration {
  property: HidingProperty;
  /** Lower-cased keyword: "none", "block", "hidden", "visible", "collapse", "inherit"… */
  value: string;
  important: boolean;
}

/** One complex selector of a rule (a rule with `a, b` yields two), with what it declares. */
export interface StyleRule {
  selector: Selector[];
  /** [ids, classes/attributes/pseudo-classes, types]. */
  specificity: [number, number, number];
  /** Position in the page's sheets, for the cascade's last-wins rule. */
  order: number;
  declarations: StyleDeclaration[];
}

export interface Viewport {
  width: number;
  height: number;
}

export const DESKTOP: Viewport = { width: 1280, height: 800 };

const PROPERTIES = new Set<string>(['display', 'visibility', 'content-visibility']);
/** States a reader's pointer or keyboard puts elements in; rules that depend on them do not apply to the page at rest. */
const DYNAMIC = new Set([
  'hover', 'active', 'focus', 'focus-within', 'focus-visible', 'visited', 'target', 'target-within', 'current', 'past', 'future',
  'playing', 'paused', 'fullscreen', 'modal', 'popover-open', 'user-invalid', 'user-valid', 'autofill', 'picture-in-picture',
]);
/** Pseudo-classes whose specificity is that of their most specific argument. */
const FORWARDING = new Set(['is', 'matches', 'not', 'has', '-webkit-any', '-moz-any']);

function declarationsOf(children: Iterable<CssNode>): StyleDeclaration[] {
  const out: StyleDeclaration[] = [];
  for (const node of children) {
    if (node.type !== 'Declaration') continue;
    const declaration = node as Declaration;
    const property = declaration.property.toLowerCase();
    if (!PROPERTIES.has(property)) continue;
    const raw = declaration.value.type === 'Raw' ? declaration.value.value : '';
    const value = raw.replace(/!\s*important\s*$/i, '').trim().toLowerCase();
    if (!value) continue;
    out.push({ property: property as HidingProperty, value, important: Boolean(declaration.important) || /!\s*important\s*$/i.test(raw) });
  }
  return out;
}

/** The declarations of a `style` attribute that matter for visibility. */
export function inlineDeclarations(style: string): StyleDeclaration[] {
  if (!/display|visibility/i.test(style)) return [];
  try {
    const list = parseCss(style, { context: 'declarationList', parseValue: false, onParseError: () => undefined });
    return 'children' in list && list.children ? declarationsOf(list.children as Iterable<CssNode>) : [];
  } catch {
    return [];
  }
}

/**
 * Specificity of one complex selector, or undefined when the rule can never
 * hide an element of the page at rest: it targets a pseudo-element, or a
 * state such as `:hover`.
 */
export function specificityOf(tokens: readonly Selector[]): [number, number, number] | undefined {
  const total: [number, number, number] = [0, 0, 0];
  for (const token of tokens) {
    switch (token.type) {
      case 'attribute':
        if (token.name === 'id' && token.action === 'equals') total[0]++;
        else total[1]++;
        break;
      case 'tag':
        total[2]++;
        break;
      case 'pseudo-element':
        return undefined;
      case 'pseudo': {
        const name = token.name.toLowerCase();
        if (DYNAMIC.has(name)) return undefined;
        if (name === 'where') break;
        if (FORWARDING.has(name) && Array.isArray(token.data)) {
          let best: [number, number, number] = [0, 0, 0];
          for (const inner of token.data) {
            const s = specificityOf(inner);
            if (s === undefined) return undefined;
            if (compareSpecificity(s, best) > 0) best = s;
          }
          total[0] += best[0];
          total[1] += best[1];
          total[2] += best[2];
        } else {
          total[1]++;
        }
        break;
      }
      default:
        break;
    }
  }
  return total;
}

export function compareSpecificity(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return (a[i] ?? 0) - (b[i] ?? 0);
  return 0;
}

/** A CSS length in px, or undefined for units that depend on layout. */
function lengthPx(value: string): number | undefined {
  const m = /^(-?\d*\.?\d+)(px|em|rem)?$/.exec(value.trim());
  if (!m) return undefined;
  const n = Number(m[1]);
  if (!m[2]) return n === 0 ? 0 : undefined;
  return m[2] === 'px' ? n : n * 16;
}

function compare(left: number, op: string, right: number): boolean {
  switch (op) {
    case '<':
      return left < right;
    case '<=':
      return left <= right;
    case '>':
      return left > right;
    case '>=':
      return left >= right;
    case '=':
      return left === right;
    default:
      return false;
  }
}

function featureMatches(feature: string, viewport: Viewport): boolean {
  const inner = feature.trim();
  const range = /^(?:(\S+)\s*(<=|>=|<|>|=)\s*)?(width|height)\s*(?:(<=|>=|<|>|=)\s*(\S+))?$/.exec(inner);
  if (range && (range[1] || range[5])) {
    const size = range[3] === 'width' ? viewport.width : viewport.height;
    if (range[1]) {
      const left = lengthPx(range[1]);
      if (left === undefined || !compare(left, range[2]!, size)) return false;
    }
    if (range[5]) {
      const right = lengthPx(range[5]);
      if (right === undefined || !compare(size, range[4]!, right)) return false;
    }
    return true;
  }
  const [name = '', rawValue] = inner.split(':').map((s) => s.trim());
  const value = rawValue ?? '';
  const px = lengthPx(value);
  switch (name) {
    case 'min-width':
      return px !== undefined && viewport.width >= px;
    case 'max-width':
      return px !== undefined && viewport.width <= px;
    case 'min-height':
      return px !== undefined && viewport.height >= px;
    case 'max-height':
      return px !== undefined && viewport.height <= px;
    case 'orientation':
      return value === (viewport.width >= viewport.height ? 'landscape' : 'portrait');
    case 'prefers-color-scheme':
      return value === 'light';
    case 'prefers-reduced-motion':
    case 'prefers-reduced-transparency':
    case 'prefers-reduced-data':
      return value === 'no-preference';
    case 'hover':
    case 'any-hover':
      return value === '' || value === 'hover';
    case 'pointer':
    case 'any-pointer':
      return value === '' || value === 'fine';
    case 'color':
      return true;
    case 'min-resolution': {
      // A desktop window at 1 device pixel per CSS pixel.
      const m = /^(\d*\.?\d+)(dppx|x|dpi|dpcm)$/.exec(value);
      if (!m) return false;
      const n = Number(m[1]);
      return m[2] === 'dpi' ? n <= 96 : m[2] === 'dpcm' ? n <= 37.8 : n <= 1;
    }
    case '-webkit-min-device-pixel-ratio':
    case 'min-device-pixel-ratio':
      return Number(value) <= 1;
    default:
      return false;
  }
}

/** Split on top-level commas (not inside parentheses). */
function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '(') depth++;
    else if (c === ')') depth = Math.max(0, depth - 1);
    else if (c === ',' && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

/** Whether a media query list applies to a desktop window (see the module comment). */
export function mediaMatches(prelude: string, viewport: Viewport = DESKTOP): boolean {
  const list = prelude.trim().toLowerCase();
  if (list === '') return true;
  return splitTopLevel(list).some((raw) => {
    let query = raw.trim();
    let negate = false;
    if (query.startsWith('not ')) {
      negate = true;
      query = query.slice(4).trim();
    } else if (query.startsWith('only ')) {
      query = query.slice(5).trim();
    }
    const parts = query.split(/\s+and\s+/);
    let ok = true;
    for (const part of parts) {
      const p = part.trim();
      if (p.startsWith('(') && p.endsWith(')')) ok &&= featureMatches(p.slice(1, -1), viewport);
      else ok &&= p === 'all' || p === 'screen';
      if (!ok) break;
    }
    return negate ? !ok : ok;
  });
}

interface Collector {
  rules: StyleRule[];
  order: number;
  viewport: Viewport;
}

function addRule(collector: Collector, selectorText: string, declarations: StyleDeclaration[]): void {
  let selectors: Selector[][];
  try {
    selectors = parseSelector(selectorText);
  } catch {
    return;
  }
  const order = collector.order++;
  for (const tokens of selectors) {
    const specificity = specificityOf(tokens);
    if (specificity) collector.rules.push({ selector: tokens, specificity, order, declarations });
  }
}

/** Resolve a nested rule's selector against its parent's (`&` = the parent; no `&` = a descendant). */
function nestedSelector(parent: string, child: string): string {
  return splitTopLevel(child)
    .map((part) => (part.includes('&') ? part.replace(/&/g, `:is(${parent})`) : `:is(${parent}) ${part.trim()}`))
    .join(', ');
}

function walkBlock(collector: Collector, children: Iterable<CssNode>, parentSelector: string | undefined): void {
  for (const node of children) {
    if (node.type === 'Rule') {
      const rule = node as Rule;
      const own = rule.prelude.type === 'Raw' ? rule.prelude.value.trim() : '';
      if (!own) continue;
      const selector = parentSelector ? nestedSelector(parentSelector, own) : own;
      const declarations = declarationsOf(rule.block.children);
      if (declarations.length > 0) addRule(collector, selector, declarations);
      walkBlock(collector, rule.block.children, selector);
    } else if (node.type === 'Atrule') {
      const at = node as Atrule;
      if (!at.block) continue;
      const name = at.name.toLowerCase();
      const prelude = at.prelude && at.prelude.type === 'Raw' ? at.prelude.value : '';
      if (name === 'media' && !mediaMatches(prelude, collector.viewport)) continue;
      // @supports is taken as supported and @layer as one more block; @container, @document and the rest depend on layout or are obsolete.
      if (name !== 'media' && name !== 'supports' && name !== 'layer' && name !== 'scope') continue;
      walkBlock(collector, at.block.children, parentSelector);
    }
  }
}

/**
 * Every rule of the page's sheets (in document order) that sets `display`,
 * `visibility` or `content-visibility`: those that hide, and those that may
 * win the cascade against them. `media` is each sheet's own `media` attribute.
 */
export function visibilityRules(sheets: readonly { css: string; media?: string }[], viewport: Viewport = DESKTOP): StyleRule[] {
  const collector: Collector = { rules: [], order: 0, viewport };
  for (const sheet of sheets) {
    if (sheet.media && !mediaMatches(sheet.media, viewport)) continue;
    if (!/display|visibility/i.test(sheet.css)) continue;
    let ast: CssNode;
    try {
      ast = parseCss(sheet.css, { parseValue: false, parseRulePrelude: false, parseAtrulePrelude: false, parseCustomProperty: false, onParseError: () => undefined });
    } catch {
      continue;
    }
    if (ast.type === 'StyleSheet') walkBlock(collector, ast.children, undefined);
  }
  return collector.rules;
}
