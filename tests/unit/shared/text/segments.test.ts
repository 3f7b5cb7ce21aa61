import { describe, expect, it } from 'vitest';
import { nextCharacter, nextWordEnd, previousCharacter, previousWordStart, segmentsAround, sentenceAt } from '../../../../shared/text/segments';

const all = (text: string) => [0, text.length] as const;

describe('characters', () => {
  it('step over whole grapheme clusters: accents, emoji with modifiers, flags', () => {
    const text = 'Cafe\u0301 👍🏽 🇳🇱!';
    const stops: number[] = [];
    for (let at = 0; at < text.length; at = nextCharacter(text, ...all(text), at)) stops.push(at);
    expect(stops.map((at, i) => text.slice(at, stops[i + 1] ?? text.length))).toEqual(['C', 'a', 'f', 'e\u0301', ' ', '👍🏽', ' ', '🇳🇱', '!']);
    expect(previousCharacter(text, ...all(text), text.indexOf('!'))).toBe(text.indexOf('🇳🇱'));
  });

  it('stay inside [lo, hi]', () => {
    expect(nextCharacter('abc', 0, 2, 2)).toBe(2);
    expect(previousCharacter('abc', 1, 3, 1)).toBe(1);
  });
});

describe('words', () => {
  const text = 'Police seized 3.2 tonnes, said Mara Lindqvist.';

  it('move to the end of the next word, skipping spaces and punctuation', () => {
    const ends: number[] = [];
    for (let at = 0; at < text.length; ) {
      at = nextWordEnd(text, ...all(text), at);
      ends.push(at);
    }
    const after = (word: string) => text.indexOf(word) + word.length;
    // After the last word comes only the full stop: the caret goes to the end of the paragraph.
    expect(ends).toEqual([after('Police'), after('seized'), after('3.2'), after('tonnes'), after('said'), after('Mara'), after('Lindqvist'), text.length]);
  });

  it('move back to the start of the previous word', () => {
    expect(previousWordStart(text, ...all(text), text.indexOf(', said'))).toBe(text.indexOf('tonnes'));
    expect(previousWordStart(text, ...all(text), text.indexOf('tonnes'))).toBe(text.indexOf('3.2'));
    expect(previousWordStart(text, ...all(text), 3)).toBe(0);
  });

  it('find words in scripts without spaces', () => {
    const zh = '警方随后在三个省份拘留了十四人';
    const end = nextWordEnd(zh, ...all(zh), 0);
    expect(end).toBeGreaterThan(0);
    expect(end).toBeLessThan(zh.length);
  });

  it('cost the same deep inside a very long paragraph (only a window is segmented)', () => {
    const long = 'word '.repeat(200_000);
    const middle = 500_002;
    expect(nextWordEnd(long, 0, long.length, middle)).toBe(500_004);
    expect(previousWordStart(long, 0, long.length, middle)).toBe(500_000);
  });
});

describe('sentences', () => {
  it('end at "。" and "！" in Chinese, with no spaces between them', () => {
    const zh = '本周二，海关在码头查获一批冷冻水果集装箱。经检查，箱内藏有三吨多违禁品。警方随后在三个省份拘留了十四人！调查仍在进行中。';
    const at = (s: string) => zh.indexOf(s);
    expect(zh.slice(...Object.values(sentenceAt(zh, ...all(zh), at('海关'))) as [number, number])).toBe('本周二，海关在码头查获一批冷冻水果集装箱。');
    expect(zh.slice(...Object.values(sentenceAt(zh, ...all(zh), at('拘留'))) as [number, number])).toBe('警方随后在三个省份拘留了十四人！');
  });

  it('in English, leave out the spaces after the full stop, and mean the sentence just ended at its end', () => {
    const en = 'Officers seized €3.1 million. In Poland, police closed two plants. ';
    const second = sentenceAt(en, ...all(en), en.indexOf('police'));
    expect(en.slice(second.start, second.end)).toBe('In Poland, police closed two plants.');
    const first = sentenceAt(en, ...all(en), en.indexOf('. In') + 1);
    expect(en.slice(first.start, first.end)).toBe('Officers seized €3.1 million.');
  });

  it('work in other scripts: Arabic, Hindi, Japanese', () => {
    const ar = 'ضبطت الشرطة الشحنة. وأوقفت أربعة عشر شخصا؟ نعم.';
    const s = sentenceAt(ar, ...all(ar), ar.indexOf('وأوقفت'));
    expect(ar.slice(s.start, s.end)).toBe('وأوقفت أربعة عشر شخصا؟');
    const hi = 'पुलिस ने माल जब्त किया। चौदह लोग हिरासत में हैं।';
    const h = sentenceAt(hi, ...all(hi), hi.indexOf('चौदह'));
    expect(hi.slice(h.start, h.end)).toBe('चौदह लोग हिरासत में हैं।');
    const ja = '税関は貨物を押収した。十四人が拘束された。';
    const j = sentenceAt(ja, ...all(ja), ja.indexOf('十四'));
    expect(ja.slice(j.start, j.end)).toBe('十四人が拘束された。');
  });

  it('stay inside the paragraph it is given', () => {
    const text = 'First paragraph without an end\n\nSecond one.';
    const s = sentenceAt(text, 0, 30, 5);
    expect(text.slice(s.start, s.end)).toBe('First paragraph without an end');
  });
});

it('segmentsAround reports text offsets', () => {
  const text = 'xx Hello world';
  const words = segmentsAround(text, 3, text.length, 5, 'word').filter((s) => s.wordLike);
  expect(words.map((w) => text.slice(w.start, w.end))).toEqual(['Hello', 'world']);
});
