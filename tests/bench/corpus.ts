/**
 * Deterministic corpora for the P1 benchmarks: a ~2 MB invented police report
 * built from a seeded PRNG, 10,000 passages, and a revision that edits 1% of
 * the sentences. Every word carries an identity through the edits, so the
 * ground truth for each passage (where it is now, or that it is gone) is known
 * exactly rather than re-derived by a matcher.
 *
 * Three variants share the generator:
 * - P1: English, sentences ending in ". ", paragraphs kept as they were;
 * - P1-reflow: the same text, but the revision re-flows it: paragraph breaks
 *   are placed afresh and some paragraphs are hard-wrapped at 72 columns, so
 *   line breaks fall inside passages;
 * - P1-cjk: Chinese with some Japanese paragraphs, written for this benchmark,
 *   sentences ending in "。" and no spaces anywhere.
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

/** How a language writes: its sentences (as words), the glue between words, and the words an editor adds. */
interface Language {
  sentence(rng: Rng): string[];
  /** Between two words of a sentence, and between two sentences of a paragraph. */
  space: string;
  /** Between paragraphs. */
  paragraphBreak: string;
  editWords: readonly string[];
  /** Column at which a hard-wrapped paragraph breaks its lines. */
  wrapColumn: number;
}

// Small pools on purpose: many sentences differ by one figure or place, as in a
// long report that keeps returning to the same operation.
const EN = {
  subjects: ['Officers', 'Detectives', 'The agency', 'Investigators', 'The task force', 'Prosecutors', 'Regional units', 'Border officials'],
  verbs: ['arrested', 'charged', 'identified', 'questioned', 'detained', 'traced', 'seized', 'recovered'],
  counts: [12, 23, 40, 77, 150, 746, 1200],
  things: ['people', 'suspects', 'firearms', 'vehicles', 'encrypted phones', 'kilograms of cocaine', 'properties'],
  money: ['£54 million', '£2.3 million', '£800,000', '£11 million'],
  places: ['in London', 'in Liverpool', 'across the West Midlands', 'in Manchester', 'near the port of Dover', 'in Glasgow', 'along the M6 corridor'],
  times: ['during the first week', 'on Tuesday', 'in March', 'over six weeks', 'before the network was shut down', 'after months of surveillance'],
  tails: ['the agency said', 'according to court documents', 'officials confirmed', 'a spokesperson said'],
  edits: ['reportedly', 'further', 'alleged', 'senior', 'several', 'new', 'major', 'organised', 'local', '60,000', '£7 million', 'eventually'],
};

const ENGLISH: Language = {
  sentence(rng) {
    const what = rng() < 0.25 ? `${pick(rng, EN.money)} in cash` : `${pick(rng, EN.counts)} ${pick(rng, EN.things)}`;
    let s = `${pick(rng, EN.subjects)} ${pick(rng, EN.verbs)} ${what} ${pick(rng, EN.places)} ${pick(rng, EN.times)}`;
    if (rng() < 0.5) s += ` and ${pick(rng, EN.verbs)} ${pick(rng, EN.counts)} ${pick(rng, EN.things)}`;
    if (rng() < 0.4) s += `, ${pick(rng, EN.tails)}`;
    return `${s}.`.split(' ');
  },
  space: ' ',
  paragraphBreak: '\n\n',
  editWords: EN.edits,
  wrapColumn: 72,
};

// The same invented operation told in Chinese and in Japanese, in the team's
// own words. Words are the units a Chinese or Japanese reader would segment;
// they are written without spaces, and sentences end in "。" with nothing after.
const ZH = {
  subjects: ['警方', '调查人员', '该机构', '检察官', '专案组', '地方警队', '边境官员', '海关人员'],
  times: ['在第一周', '于周二', '在三月', '在六周内', '在网络关闭之前', '经过数月监视后'],
  places: ['于伦敦', '于利物浦', '于西米德兰兹', '于曼彻斯特', '于多佛港附近', '于格拉斯哥', '沿M6高速公路'],
  verbs: ['逮捕了', '起诉了', '查明了', '询问了', '拘留了', '追踪了', '查获了', '缴获了'],
  counts: ['12', '23', '40', '77', '150', '746', '1200'],
  things: ['名嫌疑人', '人', '支枪支', '辆汽车', '部加密手机', '公斤可卡因', '处房产'],
  money: ['5400万英镑现金', '230万英镑现金', '80万英镑现金', '1100万英镑现金'],
  tails: ['该机构表示', '法庭文件显示', '官员证实', '一名发言人说'],
};
const JA = {
  subjects: ['警察は', '捜査員は', '同機関は', '検察は', '特別捜査班は', '地方警察は', '国境職員は', '税関職員は'],
  times: ['最初の週に', '火曜日に', '三月に', '六週間にわたり', 'ネットワーク停止前に', '数か月の監視の後に'],
  places: ['ロンドンで', 'リバプールで', 'ウェストミッドランズ全域で', 'マンチェスターで', 'ドーバー港付近で', 'グラスゴーで', 'M6沿線で'],
  verbs: ['逮捕した', '起訴した', '特定した', '事情聴取した', '拘束した', '追跡した', '押収した', '回収した'],
  counts: ['12', '23', '40', '77', '150', '746', '1200'],
  things: ['人を', '人の容疑者を', '丁の銃器を', '台の車両を', '台の暗号化携帯電話を', 'キロのコカインを', '件の不動産を'],
  money: ['現金5400万ポンドを', '現金230万ポンドを', '現金80万ポンドを', '現金1100万ポンドを'],
  tails: ['と同機関は述べた', 'と裁判所の文書は示している', 'と当局者は確認した', 'と広報担当者は述べた'],
};

const CJK: Language = {
  sentence(rng) {
    if (rng() < 0.3) {
      const what = rng() < 0.25 ? [pick(rng, JA.money)] : [pick(rng, JA.counts), pick(rng, JA.things)];
      const words = [pick(rng, JA.subjects), pick(rng, JA.times), pick(rng, JA.places), ...what, pick(rng, JA.verbs)];
      if (rng() < 0.4) words.push('、', pick(rng, JA.tails));
      words.push('。');
      return words;
    }
    const what = rng() < 0.25 ? [pick(rng, ZH.money)] : [pick(rng, ZH.counts), pick(rng, ZH.things)];
    const words = [pick(rng, ZH.subjects), pick(rng, ZH.times), pick(rng, ZH.places), pick(rng, ZH.verbs), ...what];
    if (rng() < 0.5) words.push('并', pick(rng, ZH.verbs), pick(rng, ZH.counts), pick(rng, ZH.things));
    if (rng() < 0.4) words.push('，', pick(rng, ZH.tails));
    words.push('。');
    return words;
  },
  space: '',
  paragraphBreak: '\n',
  editWords: ['据报', '进一步', '涉嫌', '高级', '数名', '新', '大型', '有组织的', '当地', '六万', '700万英镑', '最终', 'さらに', '新たに'],
  wrapColumn: 36,
};

interface Word {
  id: number;
  text: string;
}
interface Sentence {
  words: Word[];
  /** Whether a paragraph starts with this sentence (always for the first). */
  opens: boolean;
  /** Column at which this sentence's paragraph is hard-wrapped; 0 when it is not. */
  wrap: number;
}
interface PassageTruth {
  sentence: Sentence;
  ids: Set<number>;
}

export interface CorpusOptions {
  seed?: number;
  /** ≈ 2,000,000 for P1; smaller values make quick checks possible. */
  targetChars?: number;
  passageCount?: number;
  /** Share of sentences edited in the revision (1% for P1). */
  editShare?: number;
  language?: 'en' | 'cjk';
  /** Re-flow the revision: paragraph breaks placed afresh, some paragraphs hard-wrapped. */
  reflow?: boolean;
}

export interface Corpus {
  oldText: string;
  newText: string;
  passages: PassageAnchor[];
  /** Ground truth per passage id: its span in the new text, or undefined when all its words were deleted. */
  truth: Map<string, [number, number] | undefined>;
  stats: { sentences: number; editedSentences: number; insertedSentences: number; paragraphs: number; wrappedParagraphs: number };
}

/**
 * Render sentences, recording the offsets of every word by identity. Inside a
 * hard-wrapped paragraph, the space before a word that would pass the wrap
 * column becomes a line break (in Chinese and Japanese, a line break is put
 * between the two words, as a wrapped plain-text file has it).
 */
function render(sentences: readonly Sentence[], lang: Language): { text: string; at: Map<number, [number, number]> } {
  const parts: string[] = [];
  const at = new Map<number, [number, number]>();
  let pos = 0;
  let column = 0;
  const put = (s: string): void => {
    parts.push(s);
    pos += s.length;
    const nl = s.lastIndexOf('\n');
    column = nl >= 0 ? s.length - nl - 1 : column + s.length;
  };
  sentences.forEach((s, si) => {
    s.words.forEach((w, wi) => {
      if (si > 0 || wi > 0) {
        if (wi === 0 && s.opens) put(lang.paragraphBreak);
        else if (s.wrap > 0 && column + lang.space.length + w.text.length > s.wrap && column > 0) put('\n');
        else put(lang.space);
      }
      at.set(w.id, [pos, pos + w.text.length]);
      put(w.text);
    });
  });
  return { text: parts.join(''), at };
}

/** Build a corpus; the defaults are P1's (English, 2 MB, 10,000 passages, 1% edited, paragraphs kept). */
export function buildCorpus(options: CorpusOptions = {}): Corpus {
  const { seed = 20240601, targetChars = 2_000_000, passageCount = 10_000, editShare = 0.01, language = 'en', reflow = false } = options;
  const lang = language === 'cjk' ? CJK : ENGLISH;
  const rng = prng(seed);
  let nextId = 0;
  const makeSentence = (opens: boolean): Sentence => ({ opens, wrap: 0, words: lang.sentence(rng).map((text) => ({ id: nextId++, text })) });

  const sentences: Sentence[] = [];
  let chars = 0;
  let sinceBreak = 0;
  while (chars < targetChars) {
    const first = sentences.length === 0;
    const opens = first || (sinceBreak >= 3 && rng() < 0.3);
    sinceBreak = opens && !first ? 0 : sinceBreak + 1;
    const s = makeSentence(opens);
    sentences.push(s);
    const sep = sentences.length === 1 ? 0 : opens ? lang.paragraphBreak.length : lang.space.length;
    chars += sep + s.words.reduce((n, w) => n + w.text.length + lang.space.length, -lang.space.length);
  }
  const old = render(sentences, lang);

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
        s.words[at] = { id: word.id, text: pick(rng, lang.editWords) };
      } else if (r < 0.7) {
        s.words.splice(at, 0, { id: nextId++, text: pick(rng, lang.editWords) });
      } else if (s.words.length > 4) {
        s.words.splice(at, 1);
      }
    }
  }
  const insertedSentences = Math.max(1, Math.round(sentences.length * editShare * 0.25));
  for (let k = 0; k < insertedSentences; k++) {
    const at = 1 + Math.floor(rng() * (sentences.length - 1));
    sentences.splice(at, 0, makeSentence(false));
  }

  // Re-flow: a separate stream, so the text and edits above stay exactly P1's.
  let wrappedParagraphs = 0;
  if (reflow) {
    const flow = prng(seed ^ 0x5eed);
    let since = 0;
    let wrap = 0;
    sentences.forEach((s, i) => {
      s.opens = i === 0 || (since >= 3 && flow() < 0.3);
      since = s.opens ? 0 : since + 1;
      if (s.opens) {
        wrap = flow() < 0.3 ? lang.wrapColumn : 0;
        if (wrap) wrappedParagraphs++;
      }
      s.wrap = wrap;
    });
  }
  const revised = render(sentences, lang);

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
    stats: {
      sentences: sentences.length - insertedSentences,
      editedSentences,
      insertedSentences,
      paragraphs: sentences.filter((s) => s.opens).length,
      wrappedParagraphs,
    },
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
