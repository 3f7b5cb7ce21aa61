/**
 * Text a page hides from its readers: elements with the `hidden` attribute
 * (or a closed `<dialog>`), `display: none` / `visibility: hidden` /
 * `content-visibility: hidden` set inline or by the page's own `<style>`
 * rules for a tag, class, id or any other selector. Hidden text is a known
 * way to plant words for search engines and scrapers, and a fact-checker
 * must see what the page's readers saw, so it is cut from the text and kept
 * aside, where the user can read it on request.
 *
 * The cascade is evaluated properly for the elements concerned: a later or
 * more specific rule, an inline style or `!important` can show what another
 * rule hides, and `visibility: visible` on a child shows that child inside a
 * `visibility: hidden` parent. No script runs and nothing is fetched; linked
 * style sheets are not read, so what only they hide stays in the text.
 *
 * One exception keeps whole pages readable: a rule that would hide the page
 * itself (`<html>`, `<body>`, or a wrapper around the page's `main`,
 * `article` or `<h1>`) is the "hide until the script has run" pattern of
 * anti-flicker and anti-framing snippets, which readers never saw in
 * effect; it is ignored.
 */
import { compile, is } from 'css-select';
import type { Selector } from 'css-what';
import { isTag, isText, type AnyNode, type Element, type ParentNode } from 'domhandler';
import { MAX_HIDDEN_BLOCK_CHARS, MAX_HIDDEN_BLOCKS_KEPT } from './limits';
import { compareSpecificity, inlineDeclarations, visibilityRules, type HidingProperty, type StyleDeclaration, type StyleRule } from './stylesheet';
import { children, detach, elementsOf, isSkippedForText, squash, textOf } from './tree';

export interface HiddenText {
  /** Hidden blocks (outermost hidden elements with text) that were left out. */
  count: number;
  /** Their text, in document order; at most MAX_HIDDEN_BLOCKS_KEPT, each cut at MAX_HIDDEN_BLOCK_CHARS. */
  blocks: string[];
}

interface CompiledRule extends StyleRule {
  matches?: (element: Element) => boolean;
}

/** A winning declaration: origin and weight in the cascade. */
interface Candidate {
  value: string;
  important: boolean;
  inline: boolean;
  specificity: readonly number[];
  order: number;
}

/** Cascade order: important inline > important sheet > inline > sheet; then specificity, then order. */
function beats(a: Candidate, b: Candidate): boolean {
  const rank = (c: Candidate) => (c.important ? 2 : 0) + (c.inline ? 1 : 0);
  if (rank(a) !== rank(b)) return rank(a) > rank(b);
  const bySpecificity = compareSpecificity(a.specificity, b.specificity);
  if (bySpecificity !== 0) return bySpecificity > 0;
  return a.order >= b.order;
}

/** The id, classes and tag the rightmost compound selector requires, to skip rules that cannot match. */
function keyOf(selector: readonly Selector[]): string {
  let last = selector.length - 1;
  while (last > 0 && !['descendant', 'child', 'sibling', 'adjacent', 'parent', 'column-combinator'].includes(selector[last - 1]!.type)) last--;
  let tag = '';
  for (const token of selector.slice(last)) {
    if (token.type === 'attribute' && token.name === 'id' && token.action === 'equals') return `#${token.value}`;
    if (token.type === 'attribute' && token.name === 'class' && token.action === 'element') return `.${token.value}`;
    if (token.type === 'tag') tag = token.name;
  }
  return tag ? tag.toLowerCase() : '*';
}

class Cascade {
  private readonly buckets = new Map<string, CompiledRule[]>();
  private readonly inline = new Map<Element, StyleDeclaration[]>();

  constructor(rules: readonly StyleRule[]) {
    for (const rule of rules) {
      const key = keyOf(rule.selector);
      const bucket = this.buckets.get(key) ?? [];
      bucket.push(rule);
      this.buckets.set(key, bucket);
    }
  }

  rules(): CompiledRule[] {
    return [...this.buckets.values()].flat();
  }

  private inlineOf(element: Element): StyleDeclaration[] {
    let found = this.inline.get(element);
    if (!found) {
      const style = element.attribs.style;
      found = style ? inlineDeclarations(style) : [];
      this.inline.set(element, found);
    }
    return found;
  }

  static matcher(rule: CompiledRule): (element: Element) => boolean {
    if (!rule.matches) {
      try {
        const query = compile<AnyNode, Element>([rule.selector.slice()]);
        rule.matches = (element) => is<AnyNode, Element>(element, query);
      } catch {
        rule.matches = () => false;
      }
    }
    return rule.matches;
  }

  /** The winning declaration of `property` for `element`, or undefined when the page sets none. */
  winner(element: Element, property: HidingProperty): Candidate | undefined {
    let best: Candidate | undefined;
    const consider = (candidate: Candidate) => {
      if (!best || beats(candidate, best)) best = candidate;
    };
    for (const d of this.inlineOf(element)) {
      if (d.property === property) consider({ value: d.value, important: d.important, inline: true, specificity: [1, 0, 0, 0], order: Infinity });
    }
    const keys = ['*', element.name.toLowerCase()];
    if (element.attribs.id) keys.push(`#${element.attribs.id}`);
    for (const cls of (element.attribs.class ?? '').split(/\s+/)) if (cls) keys.push(`.${cls}`);
    for (const key of keys) {
      for (const rule of this.buckets.get(key) ?? []) {
        const declarations = rule.declarations.filter((d) => d.property === property);
        if (declarations.length === 0 || !Cascade.matcher(rule)(element)) continue;
        for (const d of declarations) consider({ value: d.value, important: d.important, inline: false, specificity: rule.specificity, order: rule.order });
      }
    }
    return best;
  }

  inlineSays(element: Element, property: HidingProperty, test: (value: string) => boolean): boolean {
    return this.inlineOf(element).some((d) => d.property === property && test(d.value));
  }
}

/** The browser's own rules: `[hidden]` and a closed `<dialog>` are not displayed. */
function hiddenByDefault(element: Element): boolean {
  if (element.name === 'dialog' && !('open' in element.attribs)) return true;
  const hidden = element.attribs.hidden;
  return hidden !== undefined && hidden.toLowerCase() !== 'until-found';
}

function displayedNone(cascade: Cascade, element: Element): boolean {
  const display = cascade.winner(element, 'display');
  const byDefault = hiddenByDefault(element);
  if (!display || display.value === 'revert' || display.value === 'revert-layer') {
    if (byDefault) return true;
  } else if (display.value === 'none') {
    return true;
  }
  return cascade.winner(element, 'content-visibility')?.value === 'hidden';
}

/** `visibility` as set on the element itself: true hidden, false visible, undefined inherited. */
function ownVisibility(cascade: Cascade, element: Element): boolean | undefined {
  const value = cascade.winner(element, 'visibility')?.value;
  if (value === 'hidden' || value === 'collapse') return true;
  if (value === 'visible' || value === 'initial' || value === 'revert' || value === 'revert-layer') return false;
  return undefined;
}

/** The elements that wrap the page's main content: ancestors (and selves) of its main, article, role=main and h1. */
function pageWrappers(elements: readonly Element[]): Set<Element> {
  const wrappers = new Set<Element>();
  for (const element of elements) {
    if (element.name !== 'main' && element.name !== 'article' && element.name !== 'h1' && element.attribs.role !== 'main') continue;
    for (let p: Element | null = element; p && !wrappers.has(p); p = p.parent && isTag(p.parent) ? p.parent : null) wrappers.add(p);
  }
  return wrappers;
}

class Collected {
  readonly blocks: string[] = [];
  count = 0;

  add(text: string): void {
    const clean = squash(text);
    if (!clean) return;
    this.count++;
    if (this.blocks.length < MAX_HIDDEN_BLOCKS_KEPT) this.blocks.push(clean.length > MAX_HIDDEN_BLOCK_CHARS ? `${clean.slice(0, MAX_HIDDEN_BLOCK_CHARS)}…` : clean);
  }
}

/** Text under `root` that `visibility` hides, removed from the tree; children set visible again are kept. */
function cutInvisibleText(cascade: Cascade, root: Element): string {
  const pieces: string[] = [];
  const stack: { node: ParentNode; hidden: boolean }[] = [{ node: root, hidden: true }];
  while (stack.length > 0) {
    const { node, hidden } = stack.pop()!;
    for (const child of children(node)) {
      if (isText(child)) {
        if (hidden) {
          pieces.push(child.data);
          detach(child);
        }
      } else if (isTag(child) && !isSkippedForText(child)) {
        const own = ownVisibility(cascade, child);
        stack.push({ node: child, hidden: own ?? hidden });
      }
    }
  }
  return pieces.join(' ');
}

/**
 * Remove what the page hides from its readers from `body` (in place) and
 * return it. `sheets` are the page's `<style>` elements' text and `media`.
 */
export function removeHiddenText(body: Element, sheets: readonly { css: string; media?: string }[]): HiddenText {
  const cascade = new Cascade(visibilityRules(sheets));
  const elements = elementsOf(body);
  const wrappers = pageWrappers(elements);
  const isPage = (element: Element) => element === body || element.name === 'html' || wrappers.has(element);

  // Elements some rule, inline style or attribute might hide; the cascade then decides.
  const displayCandidates = new Set<Element>();
  const visibilityCandidates = new Set<Element>();
  for (const element of elements) {
    if (hiddenByDefault(element) || cascade.inlineSays(element, 'display', (v) => v === 'none') || cascade.inlineSays(element, 'content-visibility', (v) => v === 'hidden')) {
      displayCandidates.add(element);
    }
    if (cascade.inlineSays(element, 'visibility', (v) => v === 'hidden' || v === 'collapse')) visibilityCandidates.add(element);
  }
  // Elements by the id, class and tag a rule's rightmost compound needs, so each rule is tried only where it can match.
  const byKey = new Map<string, Element[]>();
  const index = (key: string, element: Element) => {
    const list = byKey.get(key);
    if (list) list.push(element);
    else byKey.set(key, [element]);
  };
  for (const element of elements) {
    index(element.name.toLowerCase(), element);
    if (element.attribs.id) index(`#${element.attribs.id}`, element);
    for (const cls of new Set((element.attribs.class ?? '').split(/\s+/))) if (cls) index(`.${cls}`, element);
  }
  for (const rule of cascade.rules()) {
    const hidesDisplay = rule.declarations.some((d) => (d.property === 'display' && d.value === 'none') || (d.property === 'content-visibility' && d.value === 'hidden'));
    const hidesVisibility = rule.declarations.some((d) => d.property === 'visibility' && (d.value === 'hidden' || d.value === 'collapse'));
    if (!hidesDisplay && !hidesVisibility) continue;
    const matches = Cascade.matcher(rule);
    const key = keyOf(rule.selector);
    for (const element of key === '*' ? elements : (byKey.get(key) ?? [])) {
      if (!matches(element)) continue;
      if (hidesDisplay) displayCandidates.add(element);
      if (hidesVisibility) visibilityCandidates.add(element);
    }
  }

  const collected = new Collected();
  const removed = new Set<Element>();
  const insideRemoved = (element: Element) => {
    for (let p: ParentNode | null = element.parent; p; p = p.parent) if (removed.has(p as Element)) return true;
    return false;
  };
  for (const element of elements) {
    if (!displayCandidates.has(element) || isPage(element) || insideRemoved(element)) continue;
    if (!displayedNone(cascade, element)) continue;
    collected.add(textOf(element));
    removed.add(element);
    detach(element);
  }
  for (const element of elements) {
    if (!visibilityCandidates.has(element) || isPage(element) || insideRemoved(element)) continue;
    if (ownVisibility(cascade, element) !== true) continue;
    // The outermost hidden element of a region reports it; nested ones are inside its cut already.
    let parentHidden = false;
    for (let p = element.parent; p && isTag(p); p = p.parent) {
      const own = ownVisibility(cascade, p);
      if (own !== undefined) {
        parentHidden = own && !isPage(p);
        break;
      }
    }
    if (parentHidden) continue;
    collected.add(cutInvisibleText(cascade, element));
  }
  return { count: collected.count, blocks: collected.blocks };
}
