/**
 * Table-driven round trips: a passage described in a text written for these
 * tests, the text revised the way revisions arrive (re-flowed, re-wrapped,
 * edited, paragraphs moved or deleted), and where the passage must land, in
 * each script and layout the app meets.
 */
import { describe as suite, expect, it } from 'vitest';
import { reanchorAll } from '../../../../shared/anchoring/reanchor';
import { describe, resolve } from '../../../../shared/anchoring/selectors';
import type { AnchorStatus } from '../../../../shared/domain/types';

const EN = [
  'Customs officers searched the container at berth nine on Tuesday night.',
  'They found 412 kilograms of cocaine packed inside crates of bananas.',
  'The harbour master was arrested the next morning at his home in Velden.',
  'A ledger seized on the pilot boat shows payments of €8.7 million through shell companies.',
].join(' ');

const ZH = [
  '海关人员周二晚上在九号泊位搜查了集装箱。',
  '他们在香蕉箱中发现了四百一十二公斤可卡因。',
  '港务长第二天早上在费尔登的家中被捕。',
  '在领航船上查获的账本显示，有八百七十万欧元通过空壳公司支付。',
].join('');

const JA = [
  '税関職員は火曜日の夜、九番埠頭でコンテナを捜索した。',
  'バナナの箱の中から四百十二キロのコカインが見つかった。',
  '港長は翌朝、フェルデンの自宅で逮捕された。',
].join('\n');

const AR = [
  'فتش موظفو الجمارك الحاوية في الرصيف التاسع مساء الثلاثاء.',
  'وعثروا على ٤١٢ كيلوغرامًا من الكوكايين داخل صناديق الموز.',
  'واعتُقل مدير الميناء صباح اليوم التالي في منزله.',
].join(' ');

const HE = ['פקחי המכס חיפשו במכולה ברציף תשע ביום שלישי בלילה.', 'הם מצאו 412 קילוגרם קוקאין בתוך ארגזי בננות.', 'מנהל הנמל נעצר למחרת בבוקר בביתו.'].join(' ');

const TRANSCRIPT = [
  '[00:12:07] INTERVIEWER: so you went to the container at nine',
  '[00:12:11] WITNESS: yeah it was open already',
  '[00:12:15] INTERVIEWER: who signed the ledger',
  '[00:12:19] WITNESS: I did not see him that night',
].join('\n');

const LIST = ['- 412 kg of cocaine in banana crates', '- harbour master arrested at home', '- ledger: €8.7 million via shell companies', '- pilot boat crew questioned'].join('\n');

/** Wrap text at `width` columns, breaking at spaces (as a plain-text e-mail or a PDF line does). */
function wrap(text: string, width: number): string {
  let column = 0;
  return text.replace(/\S+ ?/g, (word) => {
    if (column + word.length > width && column > 0) {
      column = word.length;
      return `\n${word}`;
    }
    column += word.length;
    return word;
  });
}

interface Case {
  name: string;
  text: string;
  passage: string;
  revise: (text: string) => string;
  status: AnchorStatus;
  /** The text the placement must cover (defaults to the passage). */
  now?: (revised: string) => string;
}

const CASES: Case[] = [
  { name: 'English, paragraphs split at every sentence', text: EN, passage: '412 kilograms of cocaine', revise: (t) => t.replace(/\. /g, '.\n\n'), status: 'moved' },
  {
    name: 'English, hard-wrapped at 40 columns (line breaks inside the passage)',
    text: EN,
    passage: 'The harbour master was arrested the next morning at his home',
    revise: (t) => wrap(t, 40),
    status: 'moved',
    now: (r) => r.slice(r.indexOf('The harbour'), r.indexOf('home') + 4),
  },
  {
    name: 'English, a paragraph added above and the passage edited',
    text: EN,
    passage: 'They found 412 kilograms of cocaine packed inside crates',
    revise: (t) => `Updated Wednesday with comment from the port.\n\n${t.replace('412', '414')}`,
    status: 'fuzzy',
    now: () => 'They found 414 kilograms of cocaine packed inside crates',
  },
  { name: 'English, two words run together', text: EN, passage: 'shell companies', revise: (t) => t.replace('shell companies', 'shellcompanies'), status: 'fuzzy', now: () => 'shellcompanies' },
  { name: 'English, the sentence deleted', text: EN, passage: 'arrested the next morning', revise: (t) => t.replace(/The harbour master[^.]*\. /, ''), status: 'orphaned' },
  { name: 'Chinese, a sentence inserted before', text: ZH, passage: '四百一十二公斤可卡因', revise: (t) => `警方周三更新了报道。${t}`, status: 'moved' },
  {
    name: 'Chinese, re-wrapped every 12 characters (breaks inside words)',
    text: ZH,
    passage: '港务长第二天早上在费尔登的家中被捕',
    revise: (t) => t.replace(/(.{12})/g, '$1\n'),
    status: 'moved',
    now: (r) => r.slice(r.indexOf('港务长'), r.indexOf('被捕') + 2),
  },
  { name: 'Chinese, one character changed in the passage', text: ZH, passage: '他们在香蕉箱中发现了四百一十二公斤可卡因', revise: (t) => t.replace('四百一十二', '四百一十三'), status: 'fuzzy', now: () => '他们在香蕉箱中发现了四百一十三公斤可卡因' },
  { name: 'Chinese, the sentence deleted', text: ZH, passage: '港务长第二天早上', revise: (t) => t.replace('港务长第二天早上在费尔登的家中被捕。', ''), status: 'orphaned' },
  { name: 'Japanese, lines merged into one paragraph', text: JA, passage: '四百十二キロのコカイン', revise: (t) => t.replace(/\n/g, ''), status: 'moved' },
  { name: 'Japanese, first line moved to the end', text: JA, passage: '九番埠頭でコンテナを捜索した', revise: (t) => `${t.split('\n').slice(1).join('\n')}\n${t.split('\n')[0]}`, status: 'moved' },
  { name: 'Arabic, sentences broken into lines (same length: same offsets)', text: AR, passage: 'كيلوغرامًا من الكوكايين', revise: (t) => t.replace(/\. /g, '.\n'), status: 'exact' },
  { name: 'Arabic, sentences made paragraphs', text: AR, passage: 'كيلوغرامًا من الكوكايين', revise: (t) => t.replace(/\. /g, '.\n\n'), status: 'moved' },
  { name: 'Arabic, hard-wrapped inside the passage', text: AR, passage: 'داخل صناديق الموز', revise: (t) => t.replace('صناديق الموز', 'صناديق\nالموز'), status: 'moved', now: () => 'داخل صناديق\nالموز' },
  { name: 'Hebrew, a sentence inserted between', text: HE, passage: 'מנהל הנמל נעצר', revise: (t) => t.replace('בננות. ', 'בננות. הרשות מסרה פרטים נוספים. '), status: 'moved' },
  { name: 'Hebrew, unchanged', text: HE, passage: 'קוקאין בתוך ארגזי', revise: (t) => t, status: 'exact' },
  { name: 'Transcript, turns re-flowed into one line (same length: same offsets)', text: TRANSCRIPT, passage: 'who signed the ledger', revise: (t) => t.replace(/\n/g, ' '), status: 'exact' },
  { name: 'Transcript, turns double-spaced', text: TRANSCRIPT, passage: 'I did not see him', revise: (t) => t.replace(/\n/g, '\n\n'), status: 'moved' },
  { name: 'Transcript, a turn inserted and one deleted', text: TRANSCRIPT, passage: 'I did not see him that night', revise: (t) => t.replace('[00:12:11] WITNESS: yeah it was open already', '[00:12:10] COUNSEL: objection\n[00:12:11] WITNESS: no'), status: 'moved' },
  { name: 'List, items reordered: part of an item', text: LIST, passage: 'arrested at home', revise: (t) => t.split('\n').reverse().join('\n'), status: 'moved' },
  // A whole item whose neighbours both changed keeps none of its stored context: its 26 letters
  // alone are not evidence enough (a quote stands on its own from 64), so it is orphaned, not guessed.
  { name: 'List, items reordered: a whole item', text: LIST, passage: 'harbour master arrested at home', revise: (t) => t.split('\n').reverse().join('\n'), status: 'orphaned' },
  { name: 'List, the item deleted', text: LIST, passage: 'pilot boat crew questioned', revise: (t) => t.replace('\n- pilot boat crew questioned', ''), status: 'orphaned' },
];

suite('re-anchoring round trips', () => {
  it.each(CASES)('$name → $status', (c) => {
    const start = c.text.indexOf(c.passage);
    expect(start).toBeGreaterThanOrEqual(0);
    const selectors = describe(c.text, start, start + c.passage.length);
    const revised = c.revise(c.text);
    const r = reanchorAll(c.text, revised, [{ id: 'p', selectors }]).get('p');
    expect(r?.status).toBe(c.status);
    // One passage alone goes through resolve(): the same answer.
    const single = resolve(revised, selectors);
    expect(single.status).toBe(c.status);
    if (c.status === 'orphaned') return;
    const now = c.now ? c.now(revised) : c.passage;
    expect(revised.slice(r?.start, r?.end)).toBe(now);
    expect(revised.slice(single.start, single.end)).toBe(now);
    // The fresh selectors resolve to the same place in the revision.
    expect(r?.selectors && resolve(revised, r.selectors)).toEqual({ start: r?.start, end: r?.end, status: 'exact' });
  });

  it.each([
    ['English', EN],
    ['Chinese', ZH],
    ['Japanese', JA],
    ['Arabic', AR],
    ['Hebrew', HE],
    ['transcript', TRANSCRIPT],
    ['list', LIST],
  ])('%s: every span of one to eight words resolves exactly where it was described', (_, text) => {
    const cuts = [...text.matchAll(/[^\s，。、]+/gu)].map((m) => [m.index, m.index + m[0].length] as const);
    for (let i = 0; i < cuts.length; i++) {
      for (const width of [1, 3, 8]) {
        const last = cuts[Math.min(cuts.length - 1, i + width - 1)];
        const start = cuts[i]?.[0] ?? 0;
        const end = last?.[1] ?? start + 1;
        expect(resolve(text, describe(text, start, end))).toEqual({ start, end, status: 'exact' });
      }
    }
  });
});
