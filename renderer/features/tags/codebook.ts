/**
 * Pure helpers behind the codebook panel: the tag tree, the usage wording and
 * the colour names. No React, so they are unit-tested directly.
 */
import { TAG_PALETTE, TAG_SEPARATOR } from '../../../shared/claims/tags';
import type { TagRecord } from '../../../shared/domain/types';
import type { TagUsage } from '../../db/repositories/tags';

/** One level of the tag hierarchy. `tag` is absent for a level that only exists as a prefix of other tags. */
export interface TagNode {
  /** The full `parent/child` name of this level. */
  name: string;
  /** The last segment, which is what the tree shows. */
  label: string;
  tag?: TagRecord;
  children: TagNode[];
}

/**
 * Arrange tags as a tree by their `parent/child` names. A level without a tag
 * of its own ("attribution" above "attribution/NCA") still gets a node, so the
 * children are shown where a reader expects them and the level can be renamed.
 * Siblings sort case-insensitively, as in a file browser.
 */
export function buildTagTree(tags: readonly TagRecord[]): TagNode[] {
  const roots: TagNode[] = [];
  const byName = new Map<string, TagNode>();
  const nodeFor = (segments: string[]): TagNode => {
    const name = segments.join(TAG_SEPARATOR);
    const key = name.toLowerCase();
    const known = byName.get(key);
    if (known) return known;
    const node: TagNode = { name, label: segments.at(-1) ?? name, children: [] };
    byName.set(key, node);
    (segments.length > 1 ? nodeFor(segments.slice(0, -1)).children : roots).push(node);
    return node;
  };
  for (const tag of tags) {
    const node = nodeFor(tag.name.split(TAG_SEPARATOR));
    node.tag = tag;
    node.name = tag.name;
  }
  const sort = (nodes: TagNode[]) => {
    nodes.sort((a, b) => a.label.localeCompare(b.label, undefined, { sensitivity: 'base' }) || a.label.localeCompare(b.label));
    nodes.forEach((n) => sort(n.children));
  };
  sort(roots);
  return roots;
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** The short count shown beside a tag: "3 passages · 1 claim", or "unused". */
export function usageLabel(usage: TagUsage | undefined): string {
  const parts: string[] = [];
  if (usage?.passages) parts.push(plural(usage.passages, 'passage'));
  if (usage?.claims) parts.push(plural(usage.claims, 'claim'));
  return parts.length ? parts.join(' · ') : 'unused';
}

/** The usage as a sentence for a confirmation: "It is used by 3 passages and 1 claim." */
export function usageSentence(usage: TagUsage | undefined): string {
  const parts: string[] = [];
  if (usage?.passages) parts.push(plural(usage.passages, 'passage'));
  if (usage?.claims) parts.push(plural(usage.claims, 'claim'));
  return parts.length ? `It is used by ${parts.join(' and ')}.` : 'No passage or claim uses it.';
}

/** Names for the palette slots, in TAG_PALETTE order, so each colour radio has a name a screen reader can say. */
const COLOUR_NAMES = ['Blue', 'Orange', 'Red', 'Teal', 'Green', 'Yellow', 'Purple', 'Pink', 'Brown', 'Grey'] as const;

/** The spoken name of a palette colour ("Blue"), or the hex value for a colour outside the palette. */
export function colourName(color: string): string {
  const index = TAG_PALETTE.indexOf(color);
  return COLOUR_NAMES[index] ?? color;
}

/** Tag options for a picker, in tree order, with full names (a merge target, for instance). */
export function flattenTree(nodes: readonly TagNode[]): TagRecord[] {
  return nodes.flatMap((n) => [...(n.tag ? [n.tag] : []), ...flattenTree(n.children)]);
}
