/**
 * Tag names and colours. Tags form a hierarchy through "parent/child" names
 * (like Zotero or Obsidian), so the hierarchy needs no extra table: renaming a
 * parent is a prefix rewrite of its children's names.
 *
 * Segments compare case-insensitively ("Weapons/Guns" is under "weapons"),
 * because two tags differing only in case are a typo, not a distinction.
 */
import { MessageError, type MessageRef } from '../i18n';

/** A problem with a tag name; `message` is written for the user. */
export class TagError extends MessageError {
  override name = 'TagError';
}

/** A tag message: the catalogue's `tagError.<key>`. */
export function tagRef(key: string, values?: MessageRef['values']): MessageRef {
  return { key: `tagError.${key}`, ...(values ? { values } : {}) };
}

export const TAG_SEPARATOR = '/';
export const MAX_TAG_LENGTH = 100;

/**
 * Tidy a tag name typed by the user: trim it, collapse inner whitespace and
 * the spaces around "/" ("weapons / guns" → "weapons/guns"). Throws a
 * `TagError` for an empty name or an empty level ("weapons//guns", "/guns").
 */
export function normaliseTagName(name: string): string {
  const segments = name.split(TAG_SEPARATOR).map((segment) => segment.replace(/\s+/gu, ' ').trim());
  if (segments.every((segment) => segment === '')) {
    throw new TagError(tagRef('nameEmpty'));
  }
  if (segments.some((segment) => segment === '')) {
    throw new TagError(tagRef('emptyLevel', { name: name.trim() }));
  }
  const normalised = segments.join(TAG_SEPARATOR);
  if (normalised.length > MAX_TAG_LENGTH) {
    throw new TagError(tagRef('tooLong', { max: MAX_TAG_LENGTH, length: normalised.length }));
  }
  return normalised;
}

/** The levels of a tag name, from the root: "weapons/guns" → ["weapons", "guns"]. */
export function tagPath(name: string): string[] {
  return normaliseTagName(name).split(TAG_SEPARATOR);
}

/** Whether two tag names denote the same tag (same levels, ignoring case and spacing). */
export function sameTagName(a: string, b: string): boolean {
  return foldName(a) === foldName(b);
}

/**
 * Whether `name` sits strictly below `ancestor` in the hierarchy
 * ("weapons/guns/rifles" is a descendant of "weapons"; "weaponsmith" is not,
 * and a tag is not its own descendant).
 */
export function isDescendant(name: string, ancestor: string): boolean {
  const path = foldedPath(name);
  const root = foldedPath(ancestor);
  return path.length > root.length && root.every((segment, index) => path[index] === segment);
}

/**
 * Rename a tag and carry its descendants along: renaming "weapons" to "arms"
 * turns "weapons/guns" into "arms/guns". Names outside that branch come back
 * unchanged, in the same order. Refuses to move a tag below itself.
 */
export function renameTagPrefix(names: readonly string[], from: string, to: string): string[] {
  const source = tagPath(from);
  const target = tagPath(to);
  if (isDescendant(to, from)) {
    throw new TagError(tagRef('inside', { target: target.join(TAG_SEPARATOR), source: source.join(TAG_SEPARATOR) }));
  }
  return names.map((name) => {
    if (!sameTagName(name, from) && !isDescendant(name, from)) return name;
    return [...target, ...tagPath(name).slice(source.length)].join(TAG_SEPARATOR);
  });
}

/**
 * Merge one tag into another on every record that carries tag IDs (passages,
 * claims): `fromId` is replaced by `intoId`, without duplicates and keeping
 * the first position. Records without `fromId` are returned as the same
 * objects, so callers can write back only the ones that changed.
 */
export function mergeTagIds<T extends { tags: string[] }>(records: readonly T[], fromId: string, intoId: string): T[] {
  return records.map((record) => {
    if (!record.tags.includes(fromId) || fromId === intoId) return record;
    const tags: string[] = [];
    for (const id of record.tags) {
      const next = id === fromId ? intoId : id;
      if (!tags.includes(next)) tags.push(next);
    }
    return { ...record, tags };
  });
}

/**
 * The default tag colours, in the order new tags receive them. They are drawn
 * as 40 % alpha highlights behind black text on white, and each one keeps that
 * text above WCAG AAA contrast (7:1) while staying distinct from its
 * neighbours in hue. The unit tests recompute the contrast.
 */
export const TAG_PALETTE: readonly string[] = [
  '#4e79a7', // blue
  '#f28e2b', // orange
  '#e15759', // red
  '#76b7b2', // teal
  '#59a14f', // green
  '#edc948', // yellow
  '#b07aa1', // purple
  '#ff9da7', // pink
  '#9c755f', // brown
  '#bab0ac', // grey
];

/** The highlight alpha the reader uses for tag colours; the palette is checked at this value. */
export const HIGHLIGHT_ALPHA = 0.4;

/**
 * The default colour for the `index`-th tag of a case. Deterministic, so the
 * same case looks the same on every machine; wraps round after ten tags.
 */
export function tagColor(index: number): string {
  const size = TAG_PALETTE.length;
  const slot = ((Math.trunc(index) % size) + size) % size;
  return TAG_PALETTE[slot] ?? '#bab0ac';
}

function foldedPath(name: string): string[] {
  return tagPath(name).map((segment) => segment.toLowerCase());
}

function foldName(name: string): string {
  return foldedPath(name).join(TAG_SEPARATOR);
}
