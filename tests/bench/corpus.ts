/**
 * Deterministic corpus for benchmark P1: a ~2 MB invented police report built
 * from a seeded PRNG, 10,000 passages, and a revision that edits 1% of the
 * sentences. Every word carries an identity through the edits, so the ground
 * truth for each passage (where it is now, or that it is gone) is known
 * exactly rather than re-derived by a matcher.
 */
import { describe } from '../../shared/anchoring/selectors';
import type { PassageAnchor } from '../../shared/anchoring/reanchor';

/** mulberry32: small, fast, and the same sequence on every machine. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rng = () => number;
const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)] as T;

// Small pools on purpose: many sentences differ by one figure or place, as in a
// long report that keeps returning to the same operation.
const SUBJECTS = ['Officers', 'Detectives', 'The agency', 'Investigators', 'The task force', 'Prosecutors', 'Regional units', 'Border officials'];
const VERBS = ['arrested', 'charged', 'identified', 'questioned', 'detained', 'traced', 'seized', 'recovered'];
const COUNTS = [12, 23, 40, 77, 150, 746, 1200];
const THINGS = ['people', 'suspects', 'firearms', 'vehicles', 'encrypted phones', 'kilograms of cocaine', 'properties'];
const MONEY = ['£54 million', '£2.3 million', '£800,000', '£11 million'];
const PLACES = ['in London', 'in Liverpool', 'across the West Midlands', 'in Manchester', 'near the port of Dover', 'in Glasgow', 'along the M6 corridor'];
const TIMES = ['during the first week', 'on Tuesday', 'in March', 'over six weeks', 'before the network was shut down', 'after months of surveillance'];
const TAILS = ['the agency said', 'according to court documents', 'officials confirmed', 'a spokesperson said'];
const EDIT_WORDS = ['reportedly', 'further', 'alleged', 'senior', 'several', 'new', 'major', 'organised', 'local', '60,000', '£7 million', 'eventually'];

function sentenceText(rng: Rng): string {
  const what = rng() < 0.25 ? `${pick(rng, MONEY)} in cash` : `${pick(rng, COUNTS)} ${pick(rng, THINGS)}`;
  let s = `${pick(rng, SUBJECTS)} ${pick(rng, VERBS)} ${what} ${pick(rng, PLACES)} ${pick(rng, TIMES)}`;
  if (rng() < 0.5) s += ` and ${pick(rng, VERBS)} ${pick(rng, COUNTS)} ${pick(rng, THINGS)}`;
  if (rng() < 0.4) s += `, ${pick(rng, TAILS)}`;
  return `${s}.`;
}

interface Word {
  id: number;
  text: string;
}
interface Sentence {
  words: Word[];
  /** Text before the sentence: '' for the first, otherwise ' ' or a paragraph break. */
  sep: string;
}
interface PassageTruth {
  sentence: Sentence;
  ids: Set<number>;
}

export interface Corpus {
  oldText: string;
  newText: string;
  passages: PassageAnchor[];
  /** Ground truth per passage id: its span in the new text, or undefined when all its words were deleted. */
  truth: Map<string, [number, number] | undefined>;
  stats: { sentences: number; editedSentences: number; insertedSentences: number };
}

/** Offsets of every word in the rendered text, keyed by word identity. */
function render(sentences: readonly Sentence[]): { text: string; at: Map<number, [number, number]> } {
  const parts: string[] = [];
  const at = new Map<number, [number, number]>();
  let pos = 0;
  for (const s of sentences) {
    parts.push(s.sep);
    pos += s.sep.length;
    s.words.forEach((w, i) => {
      if (i > 0) {
        parts.push(' ');
        pos += 1;
      }
      parts.push(w.text);
      at.set(w.id, [pos, pos + w.text.length]);
      pos += w.text.length;
    });
  }
  return { text: parts.join(''), at };
}

/**
 * Build the corpus. `targetChars` ≈ 2 MB, `passageCount` = 10,000 and
 * `editShare` = 1% for P1; smaller values make quick checks possible.
 */
export function buildCorpus(seed = 20240601, targetChars = 2_000_000, passageCount = 10_000, editShare = 0.01): Corpus {
  const rng = prng(seed);
  let nextId = 0;
  const makeSentence = (sep: string): Sentence => ({ sep, words: sentenceText(rng).split(' ').map((text) => ({ id: nextId++, text })) });

  const sentences: Sentence[] = [];
  let chars = 0;
  let sinceBreak = 0;
  while (chars < targetChars) {
    const sep = sentences.length === 0 ? '' : sinceBreak >= 3 && rng() < 0.3 ? '\n\n' : ' ';
    sinceBreak = sep === '\n\n' ? 0 : sinceBreak + 1;
    const s = makeSentence(sep);
    sentences.push(s);
    chars += s.sep.length + s.words.reduce((n, w) => n + w.text.length + 1, -1);
  }
  const old = render(sentences);

  // Passages: whole sentences or phrases of 3–8 words, spread evenly through the text.
  const passages: PassageAnchor[] = [];
  const truthRefs = new Map<string, PassageTruth>();
  for (let i = 0; i < passageCount; i++) {
    const sentence = sentences[Math.min(sentences.length - 1, Math.floor(((i + rng()) * sentences.length) / passageCount))] as Sentence;
    const n = sentence.words.length;
    let first = 0;
    let last = n - 1;
    if (rng() >= 0.4 && n > 3) {
      const width = Math.min(n, 3 + Math.floor(rng() * 6));
      first = Math.floor(rng() * (n - width + 1));
      last = first + width - 1;
    }
    const a = old.at.get(sentence.words[first]?.id ?? -1);
    const b = old.at.get(sentence.words[last]?.id ?? -1);
    if (!a || !b) throw new Error('Corpus generator lost a word offset.');
    const id = `p${i}`;
    passages.push({ id, selectors: describe(old.text, a[0], b[1]) });
    truthRefs.set(id, { sentence, ids: new Set(sentence.words.slice(first, last + 1).map((w) => w.id)) });
  }

  // The revision: edit 1% of sentences word by word, and insert new sentences.
  const editedSentences = Math.round(sentences.length * editShare);
  const chosen = new Set<number>();
  while (chosen.size < editedSentences) chosen.add(Math.floor(rng() * sentences.length));
  for (const index of chosen) {
    const s = sentences[index] as Sentence;
    const ops = 1 + Math.floor(rng() * 3);
    for (let k = 0; k < ops; k++) {
      const r = rng();
      const at = Math.floor(rng() * s.words.length);
      const word = s.words[at];
      if (r < 0.4 && word) {
        // Substitution keeps the word's identity: it is the same slot, reworded.
        s.words[at] = { id: word.id, text: pick(rng, EDIT_WORDS) };
      } else if (r < 0.7) {
        s.words.splice(at, 0, { id: nextId++, text: pick(rng, EDIT_WORDS) });
      } else if (s.words.length > 4) {
        s.words.splice(at, 1);
      }
    }
  }
  const insertedSentences = Math.max(1, Math.round(sentences.length * editShare * 0.25));
  for (let k = 0; k < insertedSentences; k++) {
    const at = 1 + Math.floor(rng() * (sentences.length - 1));
    sentences.splice(at, 0, makeSentence(' '));
  }
  const revised = render(sentences);

  const truth = new Map<string, [number, number] | undefined>();
  for (const [id, ref] of truthRefs) {
    const positions = ref.sentence.words.map((w, i) => (ref.ids.has(w.id) ? i : -1)).filter((i) => i >= 0);
    const first = ref.sentence.words[positions[0] ?? -1];
    const last = ref.sentence.words[positions[positions.length - 1] ?? -1];
    const a = first && revised.at.get(first.id);
    const b = last && revised.at.get(last.id);
    truth.set(id, a && b ? [a[0], b[1]] : undefined);
  }
  return {
    oldText: old.text,
    newText: revised.text,
    passages,
    truth,
    stats: { sentences: sentences.length - insertedSentences, editedSentences, insertedSentences },
  };
}

export interface Verdict {
  correct: number;
  wrong: number;
  /** Placed overlapping the truth but with different boundaries: not correct, not wrong. */
  near: number;
  /** Orphaned although the text survived: not correct, not wrong. */
  lost: number;
  total: number;
}

/** Score placements against the ground truth (see the P1 definition in BENCHMARKS.md). */
export function judge(corpus: Corpus, placed: ReadonlyMap<string, { start: number; end: number; status: string }>): Verdict {
  const v: Verdict = { correct: 0, wrong: 0, near: 0, lost: 0, total: corpus.passages.length };
  for (const { id } of corpus.passages) {
    const truth = corpus.truth.get(id);
    const p = placed.get(id);
    const orphaned = !p || p.status === 'orphaned';
    if (!truth) {
      if (orphaned) v.correct++;
      else v.wrong++;
    } else if (orphaned) {
      v.lost++;
    } else if (p.start === truth[0] && p.end === truth[1]) {
      v.correct++;
    } else if (p.start < truth[1] && p.end > truth[0]) {
      v.near++;
    } else {
      v.wrong++;
    }
  }
  return v;
}
