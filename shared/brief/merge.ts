/**
 * Merging two versions of a note that were edited from the same starting point
 * (two tabs or windows), block by block: a three-way merge of the top-level
 * blocks (paragraphs, headings, quotes, lists) of the serialised editor state.
 *
 * A block changed on one side only takes that side's change; a block both sides
 * changed the same way is kept once; where the two sides changed the same stretch
 * differently, both are kept, the other version's blocks first, then this one's,
 * so no typed text is ever dropped. Blocks are compared by their JSON. The rule is
 * the one `diff3` uses for lines, with blocks for lines.
 */

type Block = unknown;

interface EditorStateJSON {
  root: { children: Block[]; [key: string]: unknown };
  [key: string]: unknown;
}

function blocksOf(state: unknown): Block[] {
  const root = (state as { root?: { children?: unknown } } | null)?.root;
  return Array.isArray(root?.children) ? (root.children as Block[]) : [];
}

/**
 * Pairs of equal positions (i in `a`, j in `b`) on a longest common subsequence,
 * in order. Common prefix and suffix are matched first, so the quadratic part only
 * covers the stretch that actually differs.
 */
function matchBlocks(a: readonly string[], b: readonly string[]): Array<[number, number]> {
  const pairs: Array<[number, number]> = [];
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) {
    pairs.push([start, start]);
    start++;
  }
  let endA = a.length;
  let endB = b.length;
  const tail: Array<[number, number]> = [];
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
    tail.unshift([endA, endB]);
  }
  const n = endA - start;
  const m = endB - start;
  // lengths[i][j]: LCS length of a[start+i..endA) and b[start+j..endB).
  const lengths: Uint32Array[] = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lengths[i]![j] = a[start + i] === b[start + j] ? lengths[i + 1]![j + 1]! + 1 : Math.max(lengths[i + 1]![j]!, lengths[i]![j + 1]!);
    }
  }
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[start + i] === b[start + j]) {
      pairs.push([start + i, start + j]);
      i++;
      j++;
    } else if (lengths[i + 1]![j]! >= lengths[i]![j + 1]!) i++;
    else j++;
  }
  return pairs.concat(tail);
}

interface Merged<T> {
  items: T[];
  conflicts: number;
}

/** A stretch of the base, `[oStart, oEnd)`, that one side replaced with its `[xStart, xEnd)`. */
interface Hunk {
  side: 'a' | 'b';
  oStart: number;
  oEnd: number;
  xStart: number;
  xEnd: number;
}

/** The changes that turn `o` into `x`, from the common subsequence of their keys. */
function hunks(ok: readonly string[], xk: readonly string[], side: 'a' | 'b'): Hunk[] {
  const pairs = [[-1, -1] as [number, number], ...matchBlocks(ok, xk), [ok.length, xk.length] as [number, number]];
  const found: Hunk[] = [];
  for (let p = 1; p < pairs.length; p++) {
    const [pi, pj] = pairs[p - 1]!;
    const [qi, qj] = pairs[p]!;
    if (qi > pi + 1 || qj > pj + 1) found.push({ side, oStart: pi + 1, oEnd: qi, xStart: pj + 1, xEnd: qj });
  }
  return found;
}

/**
 * Three-way merge of sequences (the rule of `diff3`): each side's changes to the
 * base are applied where they do not touch the other side's; changes that overlap
 * (or insert at the same place) are the same change, or go to `onConflict`.
 */
function merge3<T>(o: readonly T[], a: readonly T[], b: readonly T[], key: (item: T) => string, onConflict: (o: T[], a: T[], b: T[]) => Merged<T>): Merged<T> {
  const ok = o.map(key);
  const ak = a.map(key);
  const bk = b.map(key);
  const all = [...hunks(ok, ak, 'a'), ...hunks(ok, bk, 'b')].sort((x, y) => x.oStart - y.oStart || x.oEnd - y.oEnd);
  const items: T[] = [];
  let conflicts = 0;
  let cursor = 0;
  const sideOf = { a, b };
  /** The side's items standing for base `[s, e)`, given its hunks inside that stretch. */
  const segment = (side: 'a' | 'b', region: Hunk[], s: number, e: number): T[] => {
    const own = region.filter((h) => h.side === side);
    if (own.length === 0) return o.slice(s, e);
    const first = own[0]!;
    const last = own[own.length - 1]!;
    return sideOf[side].slice(first.xStart - (first.oStart - s), last.xEnd + (e - last.oEnd));
  };
  for (let h = 0; h < all.length; ) {
    const region = [all[h]!];
    let s = all[h]!.oStart;
    let e = all[h]!.oEnd;
    h++;
    // Overlapping changes, or two that start at the same place, form one region.
    while (h < all.length && (all[h]!.oStart < e || all[h]!.oStart === s)) {
      e = Math.max(e, all[h]!.oEnd);
      s = Math.min(s, all[h]!.oStart);
      region.push(all[h]!);
      h++;
    }
    items.push(...o.slice(cursor, s));
    const aSeg = segment('a', region, s, e);
    const bSeg = segment('b', region, s, e);
    const sides = new Set(region.map((r) => r.side));
    if (sides.size === 1) items.push(...(sides.has('a') ? aSeg : bSeg));
    else if (aSeg.map(key).join('\u0000') === bSeg.map(key).join('\u0000')) items.push(...aSeg);
    else {
      const resolved = onConflict(o.slice(s, e), aSeg, bSeg);
      items.push(...resolved.items);
      conflicts += resolved.conflicts;
    }
    cursor = e;
  }
  items.push(...o.slice(cursor));
  return { items, conflicts };
}

/**
 * Both sides' versions of a stretch, the other side's first; a block both sides hold is kept once, copy for
 * copy (a side that typed the same paragraph twice where the other typed it once keeps its second).
 */
function keepBoth<T>(key: (item: T) => string) {
  return (_o: T[], a: T[], b: T[]): Merged<T> => {
    const inA = new Map<string, number>();
    for (const item of a) inA.set(key(item), (inA.get(key(item)) ?? 0) + 1);
    const rest = b.filter((item) => {
      const left = inA.get(key(item)) ?? 0;
      if (left > 0) inA.set(key(item), left - 1);
      return left === 0;
    });
    return { items: [...a, ...rest], conflicts: 1 };
  };
}

type Node = Record<string, unknown>;
const json = (item: unknown) => JSON.stringify(item);

/** Everything but the children (or the text): two nodes with the same shell differ only inside. */
function shell(node: Node, inner: 'children' | 'text'): string {
  const rest: Node = { ...node };
  delete rest[inner];
  return json(rest);
}

/** Text as words and the spaces between them, so two people's additions land as whole words. */
const words = (text: string): string[] => text.match(/\s+|[^\s]+/g) ?? [];

/**
 * One node changed on both sides: when it is the same kind of node with the same
 * attributes on all three, merge inside it (an element's children, a text node's
 * words) instead of keeping two copies of everything it holds.
 */
function mergeInside(o: unknown[], a: unknown[], b: unknown[]): Merged<unknown> {
  const [on, an, bn] = [o[0], a[0], b[0]] as Array<Node | undefined>;
  if (o.length === 1 && a.length === 1 && b.length === 1 && on && an && bn) {
    if (Array.isArray(on.children) && Array.isArray(an.children) && Array.isArray(bn.children) && shell(on, 'children') === shell(an, 'children') && shell(an, 'children') === shell(bn, 'children')) {
      const inner = merge3<unknown>(on.children, an.children, bn.children, json, mergeInside);
      return { items: [{ ...an, children: inner.items }], conflicts: inner.conflicts };
    }
    if (typeof on.text === 'string' && typeof an.text === 'string' && typeof bn.text === 'string' && shell(on, 'text') === shell(an, 'text') && shell(an, 'text') === shell(bn, 'text')) {
      const inner = merge3(words(on.text), words(an.text), words(bn.text), (w) => w, (_o, wa, wb) => {
        // Two insertions at one place: keep both, with a space between them if neither brings one.
        const joint = wa.length && wb.length && !/\s$/.test(wa[wa.length - 1]!) && !/^\s/.test(wb[0]!) ? [' '] : [];
        return { items: [...wa, ...joint, ...wb], conflicts: 1 };
      });
      return { items: [{ ...an, text: inner.items.join('') }], conflicts: inner.conflicts };
    }
  }
  return keepBoth<unknown>(json)(o, a, b);
}

export interface MergeResult {
  /** The merged editor state (the root of `theirs`, or of `mine` when theirs has none, with the merged blocks). */
  content: EditorStateJSON;
  /** Stretches both sides changed differently, where both versions were kept one after the other. */
  conflicts: number;
}

/**
 * Merge `mine` and `theirs`, both edited from `base` (null when the starting point
 * is unknown: then every block that is not in both is treated as added by its side).
 */
export function mergeNoteVersions(base: unknown, theirs: unknown, mine: unknown): MergeResult {
  const merged = merge3<Block>(blocksOf(base), blocksOf(theirs), blocksOf(mine), json, mergeInside);
  const template = ((theirs as EditorStateJSON | null)?.root ? theirs : mine) as EditorStateJSON | null;
  const root = template?.root ?? { type: 'root', version: 1, direction: null, format: '', indent: 0 };
  return { content: { ...(template ?? {}), root: { ...root, children: merged.items } }, conflicts: merged.conflicts };
}
