/**
 * fast-check generators for anchoring properties: report-like text built from
 * a small vocabulary (so words and phrases repeat, as in real reports), and
 * small edits placed relative to a passage.
 */
import fc from 'fast-check';

const WORDS = [
  'officers', 'arrested', '746', 'people', 'seized', '£54', 'million', 'in', 'cash', 'the', 'agency', 'said',
  'operation', 'encrypted', 'network', 'users', '60,000', 'firearms', '77', 'drugs', 'raids', 'across', 'London',
  'Liverpool', 'investigators', 'messages', 'threats', 'to', 'life', 'were', 'and', 'of', 'a', 'court', 'charged',
];

export const word = fc.constantFrom(...WORDS);

export const sentence = fc
  .array(word, { minLength: 3, maxLength: 12 })
  .map((ws) => {
    const first = ws[0] ?? 'the';
    return [first.charAt(0).toUpperCase() + first.slice(1), ...ws.slice(1)].join(' ') + '.';
  });

/** A short report: sentences separated by spaces, with the odd paragraph break. */
export const report = fc
  .array(fc.tuple(sentence, fc.boolean()), { minLength: 3, maxLength: 14 })
  .map((parts) => parts.map(([s, br], i) => (i === 0 ? '' : br ? '\n\n' : ' ') + s).join(''));

/** A passage: a run of whole words of `text`, as [start, end). */
export function passageIn(text: string, pick: number, width: number): [number, number] {
  const words = [...text.matchAll(/\S+/g)];
  const first = words[pick % words.length];
  const last = words[Math.min(words.length - 1, (pick % words.length) + width)];
  const start = first?.index ?? 0;
  const end = (last?.index ?? 0) + (last?.[0].length ?? 1);
  return [start, Math.max(end, start + 1)];
}

export interface Edit {
  /** Fraction in [0, 1) choosing where the edit goes among the allowed offsets. */
  where: number;
  remove: number;
  insert: string;
}

export const edit: fc.Arbitrary<Edit> = fc.record({
  where: fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
  remove: fc.nat(6),
  insert: fc.oneof(fc.constant(''), word.map((w) => w + ' '), fc.constantFrom(' ', ',', 'x')),
});

export interface Edited {
  text: string;
  /** Where the passage is now, or undefined when an edit touched it. */
  span: [number, number] | undefined;
}

/**
 * Apply edits one after another, tracking the passage. With `outside`, each
 * edit is moved to an offset that leaves the passage (and one character on
 * each side, so words are not glued onto it) untouched.
 */
export function applyEdits(text: string, span: [number, number], edits: readonly Edit[], outside: boolean): Edited {
  let current = text;
  let tracked: [number, number] | undefined = span;
  for (const e of edits) {
    let at = Math.floor(e.where * (current.length + 1));
    let remove = Math.min(e.remove, current.length - at);
    if (outside && tracked) {
      const [s, t] = tracked;
      const before = Math.max(0, s - 1);
      const afterStart = Math.min(current.length, t + 1);
      const slots = before + 1 + (current.length - afterStart + 1);
      const slot = Math.floor(e.where * slots);
      if (slot <= before) {
        at = slot;
        remove = Math.min(remove, before - at);
      } else {
        at = afterStart + (slot - before - 1);
        remove = Math.min(remove, current.length - at);
      }
    }
    current = current.slice(0, at) + e.insert + current.slice(at + remove);
    if (tracked) {
      const [s, t]: [number, number] = tracked;
      const delta = e.insert.length - remove;
      if (at + remove <= s) tracked = [s + delta, t + delta];
      else if (at >= t) tracked = [s, t];
      else tracked = undefined;
    }
  }
  return { text: current, span: tracked };
}
