/**
 * Which tags a tag ID stands for in a shared case, so that renames and merges
 * made at the same time on different devices converge and no passage or claim
 * loses a tag.
 *
 * - Records hold tag *IDs*, never names, so a rename changes one field of one
 *   tag and touches no passage. Concurrent renames of the same tag resolve
 *   like any field: one name wins, the same everywhere.
 * - A merge is not a rewrite of every passage (which would miss a passage
 *   tagged at the same moment on another device) but a redirect
 *   `from → into`, followed when reading. Undoing a merge deletes the
 *   redirect, and passages that had the old tag show it again.
 * - Redirects are a set, not one value per tag: when two people merge the
 *   same tag into different tags at the same time, both merges stand and its
 *   passages get both tags. Choosing one would silently take a tag away from
 *   what the other person saw.
 * - Tags that redirect to each other (A merged into B while B was merged
 *   into A) are one tag, the smallest ID among them.
 * - Two live tags with the same name (ignoring case and spacing, as
 *   `sameTagName` does) are one tag: the one created first, then the smaller
 *   ID. That is what two people creating "fraud" offline, or one renaming to a
 *   name another just created, mean.
 *
 * All of this is a pure function of the converged state, so every device
 * computes the same answer.
 */
import { TAG_SEPARATOR } from '../claims/tags';

export interface TagNode {
  id: string;
  name: string;
  createdAt: number;
  deleted: boolean;
}

export interface TagMerge {
  from: string;
  into: string;
}

export interface TagResolution {
  /** The canonical tags each known tag ID stands for (one, unless it was merged two ways), sorted. */
  canonical: Map<string, string[]>;
  /** Canonical tags that are not deleted: the tags the case shows. */
  live: Set<string>;
}

/** A comparison key for a tag name that never throws (a damaged name is only equal to itself). */
export function tagNameKey(name: string): string {
  const segments = name.split(TAG_SEPARATOR).map((s) => s.replace(/\s+/gu, ' ').trim().toLowerCase());
  return segments.some((s) => s === '') ? `\u0000${name}` : segments.join(TAG_SEPARATOR);
}

/** Strongly connected components (Tarjan, iterative): node → representative (smallest ID in its component). */
function components(nodes: readonly string[], out: ReadonlyMap<string, readonly string[]>): Map<string, string> {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const rep = new Map<string, string>();
  let counter = 0;
  for (const start of nodes) {
    if (index.has(start)) continue;
    const work: { node: string; next: number }[] = [{ node: start, next: 0 }];
    index.set(start, counter);
    low.set(start, counter++);
    stack.push(start);
    onStack.add(start);
    while (work.length > 0) {
      const frame = work[work.length - 1]!;
      const edges = out.get(frame.node) ?? [];
      if (frame.next < edges.length) {
        const to = edges[frame.next++]!;
        if (!index.has(to)) {
          index.set(to, counter);
          low.set(to, counter++);
          stack.push(to);
          onStack.add(to);
          work.push({ node: to, next: 0 });
        } else if (onStack.has(to)) {
          low.set(frame.node, Math.min(low.get(frame.node)!, index.get(to)!));
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.node, Math.min(low.get(parent.node)!, low.get(frame.node)!));
      if (low.get(frame.node) === index.get(frame.node)) {
        const members: string[] = [];
        let member: string;
        do {
          member = stack.pop()!;
          onStack.delete(member);
          members.push(member);
        } while (member !== frame.node);
        const smallest = members.reduce((a, b) => (a < b ? a : b));
        for (const m of members) rep.set(m, smallest);
      }
    }
  }
  return rep;
}

export function resolveTags(tags: Iterable<TagNode>, merges: Iterable<TagMerge>): TagResolution {
  const byId = new Map<string, TagNode>();
  for (const tag of tags) byId.set(tag.id, tag);
  const ids = [...byId.keys()].sort();

  // Redirects between tags this device knows (a merge into a tag that has not arrived yet waits).
  const out = new Map<string, string[]>();
  for (const { from, into } of merges) {
    if (from === into || !byId.has(from) || !byId.has(into)) continue;
    out.set(from, [...(out.get(from) ?? []), into]);
  }
  for (const list of out.values()) list.sort();
  const rep = components(ids, out);

  // Redirects between components; a component none leaves is where its tags end up.
  const compOut = new Map<string, Set<string>>();
  for (const [from, list] of out) {
    for (const into of list) {
      const a = rep.get(from)!;
      const b = rep.get(into)!;
      if (a !== b) compOut.set(a, (compOut.get(a) ?? new Set()).add(b));
    }
  }
  const sinks = new Map<string, string[]>();
  const sinksOf = (comp: string): string[] => {
    const known = sinks.get(comp);
    if (known) return known;
    // The component graph has no cycles, so this recursion ends; depth is the longest chain of merges.
    const next = compOut.get(comp);
    const result = next ? [...new Set([...next].flatMap(sinksOf))].sort() : [comp];
    sinks.set(comp, result);
    return result;
  };

  // Live end tags with the same name are one: earliest created, then smallest ID.
  const firstByName = new Map<string, TagNode>();
  const ends = new Set(ids.map((id) => rep.get(id)!).filter((c) => !compOut.has(c)));
  for (const id of ends) {
    const tag = byId.get(id)!;
    if (tag.deleted) continue;
    const key = tagNameKey(tag.name);
    const other = firstByName.get(key);
    if (!other || tag.createdAt < other.createdAt || (tag.createdAt === other.createdAt && tag.id < other.id)) firstByName.set(key, tag);
  }
  const unify = (id: string): string => {
    const tag = byId.get(id)!;
    return tag.deleted ? id : firstByName.get(tagNameKey(tag.name))!.id;
  };

  const canonical = new Map<string, string[]>();
  const live = new Set<string>();
  for (const id of ids) {
    const targets = [...new Set(sinksOf(rep.get(id)!).map(unify))].sort();
    canonical.set(id, targets);
    for (const t of targets) if (!byId.get(t)!.deleted) live.add(t);
  }
  return { canonical, live };
}
