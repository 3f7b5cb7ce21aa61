/**
 * fast-check generators for re-anchoring across scripts and layouts: a
 * document is paragraphs of lines (sentences, transcript turns, list items) of
 * words, and every word carries an identity through a revision. That gives
 * the ground truth for each passage after any mix of word edits, paragraph
 * inserts, deletes and moves, and re-flow (paragraph breaks moved, lines
 * hard-wrapped), without asking a matcher.
 *
 * The vocabularies are the team's own words about an invented port
 * investigation, in English, Chinese, Japanese, Arabic and Hebrew.
 */
import fc from 'fast-check';
import { search } from '../../../../shared/anchoring/fuzzy';
import { describe, errorBudget } from '../../../../shared/anchoring/selectors';
import type { PassageAnchor } from '../../../../shared/anchoring/reanchor';
import { squeeze, toSkeleton, type Skeleton } from '../../../../shared/anchoring/skeleton';

export interface Script {
  name: string;
  words: readonly string[];
  /** Sentence-final tokens (none for transcripts and lists). */
  ends: readonly string[];
  /** Tokens a line starts with (speaker and time for a transcript, a bullet for a list). */
  lead?: (line: number) => string[];
  /** Between words of a line, and what a re-flow may put there instead. */
  space: string;
  wraps: readonly string[];
  /** Between lines of a paragraph, and its re-flowed alternatives. */
  lineBreak: string;
  lineReflows: readonly string[];
  /** Between paragraphs, and its re-flowed alternatives (paragraphs merged or re-broken). */
  paragraphReflows: readonly string[];
}

const ENGLISH_WORDS = [
  'officers', 'searched', 'the', 'container', 'at', 'berth', 'nine', 'and', 'found', '412', 'kilograms', 'of', 'cocaine',
  'inside', 'crates', 'bananas', 'customs', 'agency', 'said', 'on', 'Tuesday', 'that', 'harbour', 'master', 'was', 'arrested',
  'pilot', 'boat', 'crew', 'ledger', 'shows', 'payments', '€8.7', 'million', 'through', 'shell', 'companies', 'in', 'Velden',
];
const CHINESE_WORDS = [
  '海关', '人员', '在', '九号', '泊位', '搜查', '了', '集装箱', '发现', '412', '公斤', '可卡因', '藏', '于', '香蕉', '箱', '中',
  '该', '机构', '周二', '表示', '港务', '长', '被', '逮捕', '领航', '船', '船员', '账本', '显示', '通过', '空壳', '公司', '支付',
  '870万', '欧元', '费尔登', '调查', '记者', '核实', '文件',
];
const JAPANESE_WORDS = [
  '税関', '職員', 'は', '九番', '埠頭', 'で', 'コンテナ', 'を', '捜索', 'し', '412', 'キロ', 'の', 'コカイン', 'バナナ', '箱',
  'から', '発見', 'した', '同機関', 'が', '火曜日', 'に', '発表', '港長', '逮捕', 'された', '水先', '案内船', '乗組員', '帳簿',
  'ダミー', '会社', '経由', '870万', 'ユーロ', '支払い', '記者', '確認', '文書',
];
const ARABIC_WORDS = [
  'فتش', 'موظفو', 'الجمارك', 'الحاوية', 'في', 'الرصيف', 'التاسع', 'ووجدوا', '412', 'كيلوغراما', 'من', 'الكوكايين', 'داخل',
  'صناديق', 'الموز', 'وقالت', 'الهيئة', 'يوم', 'الثلاثاء', 'إن', 'مدير', 'الميناء', 'اعتقل', 'وطاقم', 'قارب', 'الإرشاد', 'دفتر',
  'الحسابات', 'يظهر', 'مدفوعات', 'بقيمة', '8.7', 'مليون', 'يورو', 'عبر', 'شركات', 'وهمية', '،', 'مُحقّق', 'الصحفيون',
];
const HEBREW_WORDS = [
  'פקחי', 'המכס', 'חיפשו', 'במכולה', 'ברציף', 'תשע', 'ומצאו', '412', 'קילוגרם', 'קוקאין', 'בתוך', 'ארגזי', 'בננות', 'הרשות',
  'אמרה', 'ביום', 'שלישי', 'כי', 'מנהל', 'הנמל', 'נעצר', 'צוות', 'סירת', 'הנתבים', 'ספר', 'החשבונות', 'מראה', 'תשלומים',
  'של', '8.7', 'מיליון', 'אירו', 'דרך', 'חברות', 'קש', 'בוולדן', 'העיתונאים', 'אימתו',
];
const TRANSCRIPT_WORDS = [
  'so', 'we', 'went', 'to', 'the', 'container', 'at', 'nine', 'and', 'uh', 'it', 'was', 'open', 'already', 'yeah', 'no',
  'I', 'did', 'not', 'see', 'him', 'that', 'night', 'who', 'signed', 'ledger', 'you', 'mean', 'payments', 'okay', 'right',
  'um', 'boat', 'crew', 'came', 'back', 'later', 'twelve', 'thirty',
];
const SPEAKERS = ['INTERVIEWER:', 'WITNESS:', 'DET. AALTO:', 'COUNSEL:'];

const latinLike = { space: ' ', wraps: [' ', '\n', '  ', ' \n'], lineBreak: ' ', lineReflows: [' ', '\n', '\n\n', '  '], paragraphReflows: ['\n\n', '\n', ' ', '\n\n\n'] };
const unspaced = { space: '', wraps: ['', '\n'], lineBreak: '', lineReflows: ['', '\n', '\n\n'], paragraphReflows: ['\n\n', '\n', ''] };
const lined = { space: ' ', wraps: [' ', '\n', '  '], lineBreak: '\n', lineReflows: ['\n', ' ', '\n\n'], paragraphReflows: ['\n\n', '\n', '\n\n\n'] };

export const SCRIPTS: readonly Script[] = [
  { name: 'English prose', words: ENGLISH_WORDS, ends: ['.', '.', '?', '!'], ...latinLike },
  { name: 'Chinese without spaces', words: CHINESE_WORDS, ends: ['。', '。', '？', '！'], ...unspaced },
  { name: 'Japanese without spaces', words: JAPANESE_WORDS, ends: ['。', '。', '？'], ...unspaced },
  { name: 'Arabic', words: ARABIC_WORDS, ends: ['.', '.', '؟'], ...latinLike },
  { name: 'Hebrew', words: HEBREW_WORDS, ends: ['.', '.', '?'], ...latinLike },
  {
    name: 'mixed scripts',
    words: [...ENGLISH_WORDS.slice(0, 14), ...CHINESE_WORDS.slice(0, 14), ...ARABIC_WORDS.slice(0, 12), ...HEBREW_WORDS.slice(0, 10), '2024', '§3'],
    ends: ['.', '。', '؟'],
    ...latinLike,
  },
  {
    name: 'transcript',
    words: TRANSCRIPT_WORDS,
    ends: [],
    lead: (line) => [`[00:${String(10 + (line % 50)).padStart(2, '0')}:${String((line * 7) % 60).padStart(2, '0')}]`, SPEAKERS[line % SPEAKERS.length] ?? 'WITNESS:'],
    ...lined,
  },
  {
    name: 'list',
    words: ENGLISH_WORDS,
    ends: [],
    lead: (line) => [line % 3 === 0 ? `${1 + (line % 9)}.` : '-'],
    ...lined,
  },
];

interface Word {
  id: number;
  text: string;
}
type Line = Word[];
type Paragraph = Line[];

/** A document as generated: word choices only; `build` gives words their identities. */
export type DocShape = number[][][];

/** Paragraphs of lines of word indices into the script's vocabulary (taken modulo its size). */
export const docShape: fc.Arbitrary<DocShape> = fc.array(
  fc.array(fc.array(fc.nat(10_000), { minLength: 3, maxLength: 12 }), { minLength: 1, maxLength: 4 }),
  { minLength: 2, maxLength: 8 },
);

export type WordEdit = { kind: 'sub' | 'ins' | 'del'; where: number; word: number };
export type ParagraphEdit = { kind: 'insert' | 'delete' | 'move'; where: number; to: number; shape: number[][] };

export const wordEdit: fc.Arbitrary<WordEdit> = fc.record({ kind: fc.constantFrom('sub', 'ins', 'del'), where: fc.nat(100_000), word: fc.nat(10_000) });
export const paragraphEdit: fc.Arbitrary<ParagraphEdit> = fc.record({
  kind: fc.constantFrom('insert', 'delete', 'move'),
  where: fc.nat(1000),
  to: fc.nat(1000),
  shape: fc.array(fc.array(fc.nat(10_000), { minLength: 3, maxLength: 10 }), { minLength: 1, maxLength: 3 }),
});

/** How a revision lays the text out: `undefined` keeps the original layout. */
export const reflowSeed = fc.option(fc.nat(1_000_000), { nil: undefined });

export interface Revision {
  words: readonly WordEdit[];
  paragraphs: readonly ParagraphEdit[];
  reflow: number | undefined;
}

export interface Passage {
  id: string;
  /** Word identities, in order. */
  ids: number[];
}

export interface Case {
  oldText: string;
  newText: string;
  passages: PassageAnchor[];
  /** Per passage: where its surviving words are now; undefined when all are gone. */
  truth: Map<string, [number, number] | undefined>;
  /** Per passage: every word survives, unedited, still side by side (only whitespace may differ). */
  intact: Map<string, boolean>;
}

/** mulberry32, for the layout choices of a re-flow. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * How words are drawn: 'varied' walks the vocabulary (so even a shrunk
 * counterexample reads like text, with the repetition of a 40-word
 * vocabulary), 'repetitive' uses three words only (a stress test: transcripts
 * of "yes", "no", "okay", list items alike but for one word).
 */
export type Vocabulary = 'varied' | 'repetitive';

class Builder {
  private next = 0;
  constructor(
    readonly script: Script,
    readonly vocabulary: Vocabulary,
  ) {}

  word(choice: number): Word {
    const words = this.script.words;
    const index = this.vocabulary === 'varied' ? (choice + 17 * this.next) % words.length : choice % 3;
    return { id: this.next++, text: words[index] ?? '?' };
  }

  line(choices: readonly number[], index: number): Line {
    const words = [...(this.script.lead?.(index) ?? []).map((text) => ({ id: this.next++, text })), ...choices.map((c) => this.word(c))];
    // Sentence punctuation sticks to the last word, as it is written.
    const ends = this.script.ends;
    const last = words[words.length - 1];
    if (ends.length > 0 && last) last.text += ends[(choices[0] ?? 0) % ends.length] ?? '.';
    return words;
  }

  paragraphs(shape: readonly (readonly (readonly number[])[])[], firstLine = 0): Paragraph[] {
    let index = firstLine;
    return shape.map((p) => p.map((l) => this.line(l, index++)));
  }
}

/**
 * Render paragraphs. With `reflow`, every separator is chosen afresh from the
 * script's re-flow alternatives (a seeded stream): words wrap onto new lines,
 * lines merge or split into paragraphs, paragraphs merge.
 */
function render(paragraphs: readonly Paragraph[], script: Script, reflow: number | undefined): { text: string; at: Map<number, [number, number]> } {
  const rng = reflow === undefined ? undefined : prng(reflow);
  const choose = (base: string, options: readonly string[], chance: number): string =>
    rng && rng() < chance ? (options[Math.floor(rng() * options.length)] ?? base) : base;
  let text = '';
  const at = new Map<number, [number, number]>();
  paragraphs.forEach((p, pi) => {
    if (pi > 0) text += choose('\n\n', script.paragraphReflows, 0.6);
    p.forEach((line, li) => {
      if (li > 0) text += choose(script.lineBreak, script.lineReflows, 0.5);
      line.forEach((w, wi) => {
        if (wi > 0) text += script.space === '' && !breakable(text, w.text) ? '' : choose(script.space, script.wraps, 0.15);
        at.set(w.id, [text.length, text.length + w.text.length]);
        text += w.text;
      });
    });
  });
  return { text, at };
}

const ALNUM = /[\p{L}\p{N}]/u;
const HAN_KANA = /[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}]/u;

/**
 * Whether a line may break between the end of `before` and the start of
 * `after` in text without spaces: not inside a run of Latin letters or digits
 * ("412" and "870万" written together are one number), as line breakers do.
 */
function breakable(before: string, after: string): boolean {
  const a = before.slice(-1);
  const b = after.charAt(0);
  return !(ALNUM.test(a) && ALNUM.test(b) && !HAN_KANA.test(a) && !HAN_KANA.test(b));
}

/** Passages as (paragraph, first word, width) picks; spans may cross lines within a paragraph. */
export const passagePicks = fc.array(fc.record({ paragraph: fc.nat(100), first: fc.nat(1000), width: fc.integer({ min: 1, max: 14 }) }), {
  minLength: 1,
  maxLength: 8,
});
export type PassagePick = { paragraph: number; first: number; width: number };

/** Build the old text, the passages, the revision and the ground truth. */
export function buildCase(script: Script, shape: DocShape, picks: readonly PassagePick[], revision: Revision, vocabulary: Vocabulary = 'varied'): Case {
  const builder = new Builder(script, vocabulary);
  const paragraphs = builder.paragraphs(shape);
  const old = render(paragraphs, script, undefined);

  const passages: PassageAnchor[] = [];
  const chosen: Passage[] = [];
  picks.forEach((pick, i) => {
    const words = (paragraphs[pick.paragraph % paragraphs.length] ?? []).flat();
    const first = pick.first % words.length;
    const ids = words.slice(first, first + pick.width).map((w) => w.id);
    const a = old.at.get(ids[0] ?? -1);
    const b = old.at.get(ids[ids.length - 1] ?? -1);
    if (!a || !b) return;
    const id = `p${i}`;
    passages.push({ id, selectors: describe(old.text, a[0], b[1]) });
    chosen.push({ id, ids });
  });

  // Word edits first (each at a word position in the flattened document), then paragraph edits.
  const edited = new Set<number>();
  for (const e of revision.words) {
    const lines = paragraphs.flat();
    const total = lines.reduce((n, l) => n + l.length, 0);
    if (total === 0) break;
    let where = e.where % total;
    const line = lines.find((l) => (where < l.length ? true : ((where -= l.length), false)));
    if (!line) continue;
    const target = line[where];
    if (e.kind === 'sub' && target) {
      const text = script.words[e.word % script.words.length] ?? '?';
      if (text !== target.text) {
        line[where] = { id: target.id, text };
        edited.add(target.id);
      }
    } else if (e.kind === 'ins') {
      line.splice(where, 0, builder.word(e.word));
    } else if (line.length > 2) {
      line.splice(where, 1);
    }
  }
  let lineCount = paragraphs.reduce((n, p) => n + p.length, 0);
  for (const e of revision.paragraphs) {
    if (e.kind === 'insert') {
      const added = builder.paragraphs([e.shape], lineCount);
      lineCount += e.shape.length;
      paragraphs.splice(e.where % (paragraphs.length + 1), 0, ...added);
    } else if (paragraphs.length > 1) {
      const [taken] = paragraphs.splice(e.where % paragraphs.length, 1);
      if (e.kind === 'move' && taken) paragraphs.splice(e.to % (paragraphs.length + 1), 0, taken);
    }
  }
  const revised = render(paragraphs, script, revision.reflow);

  const order = new Map<number, number>();
  paragraphs.flat(2).forEach((w, i) => order.set(w.id, i));
  const truth = new Map<string, [number, number] | undefined>();
  const intact = new Map<string, boolean>();
  for (const p of chosen) {
    const surviving = p.ids.filter((id) => revised.at.has(id));
    const a = revised.at.get(surviving[0] ?? -1);
    const b = revised.at.get(surviving[surviving.length - 1] ?? -1);
    truth.set(p.id, a && b ? [a[0], b[1]] : undefined);
    const start = order.get(p.ids[0] ?? -1);
    intact.set(
      p.id,
      surviving.length === p.ids.length && start !== undefined && p.ids.every((id, k) => order.get(id) === start + k && !edited.has(id)),
    );
  }
  return { oldText: old.text, newText: revised.text, passages, truth, intact };
}

/** Skeleton characters of stored context that agree, read outward from skeleton span [s, t). */
function agreement(sk: Skeleton, s: number, t: number, prefix: string, suffix: string): number {
  let n = 0;
  while (n < prefix.length && sk.text[s - 1 - n] === prefix[prefix.length - 1 - n]) n++;
  let m = 0;
  while (m < suffix.length && sk.text[t + m] === suffix[m]) m++;
  return n + m;
}

/** Context characters by which the true place must out-agree every look-alike to count as singled out. */
const CLEAR_MARGIN = 8;

export interface Verdicts {
  /**
   * The stored evidence singles out the true place: its context agrees, read
   * outward, by a clear margin better than around any look-alike a matcher
   * could take instead (verbatim or within the error budget).
   */
  favoured: boolean;
  /** All of the prefix or all of the suffix still surrounds the true place. */
  oneSideKept: boolean;
  /** The quote's skeleton still occurs verbatim somewhere in the new text. */
  stillThere: boolean;
  /** ... and exactly once. */
  unique: boolean;
}

export function verdicts(c: Case, sk: Skeleton, id: string): Verdicts {
  const passage = c.passages.find((p) => p.id === id);
  const truth = c.truth.get(id);
  if (!passage) throw new Error(`no passage ${id}`);
  const [quote] = passage.selectors;
  const exact = squeeze(quote.exact);
  const prefix = squeeze(quote.prefix);
  const suffix = squeeze(quote.suffix);
  const first = sk.text.indexOf(exact);
  const stillThere = first >= 0;
  const unique = stillThere && sk.text.indexOf(exact, first + 1) < 0;
  if (!truth) return { favoured: false, oneSideKept: false, stillThere, unique };
  const s = toSkeleton(sk, truth[0]);
  const t = toSkeleton(sk, truth[1]);
  const own = agreement(sk, s, t, prefix, suffix);
  // Every look-alike a matcher could take instead: verbatim or within the error budget, elsewhere.
  let favoured = true;
  for (const m of search(sk.text, exact, errorBudget(exact))) {
    if (m.end > s && m.start < t) continue;
    if (agreement(sk, m.start, m.end, prefix, suffix) > own - CLEAR_MARGIN) favoured = false;
  }
  const before = prefix.length === 0 ? s === 0 : sk.text.slice(Math.max(0, s - prefix.length), s) === prefix;
  const after = suffix.length === 0 ? t === sk.text.length : sk.text.slice(t, t + suffix.length) === suffix;
  return { favoured, oneSideKept: before || after, stillThere, unique };
}

