import { describe as suite, expect, it } from 'vitest';
import fc from 'fast-check';
import { sameWords, quoteSpan, skeletonOf, squeeze, toRaw, toSkeleton } from '../../../../shared/anchoring/skeleton';
import { chunk, ChunkIds, diffTexts, mapSpan } from '../../../../shared/anchoring/diff';

/** Text with every kind of whitespace the skeleton drops, in several scripts. */
const SPACED = 'Port\u00a0Velden  seized\t3.2 tonnes.\r\n\n港口\u3000查获\n可卡因。\u200b الميناء\u2028 נמל\ufeff end';

suite('skeletonOf', () => {
  it('drops whitespace of every script and keeps an offset for every other character', () => {
    const sk = skeletonOf(SPACED);
    expect(sk.text).toBe('PortVeldenseized3.2tonnes.港口查获可卡因。الميناءנמלend');
    expect(sk.codes.length).toBe(sk.text.length);
    for (let i = 0; i < sk.text.length; i++) expect(SPACED[sk.raw[i] ?? -1]).toBe(sk.text[i]);
    expect(squeeze(SPACED)).toBe(sk.text);
  });

  it('maps raw offsets to skeleton offsets and spans back, leaving outer whitespace out and inner whitespace in', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('a', 'b', '港', ' ', '\n', '\u3000', '\t'), { maxLength: 400 }), fc.nat(), fc.nat(), (chars, x, y) => {
        const text = chars.join('');
        const sk = skeletonOf(text);
        const [s, e] = [x % (text.length + 1), y % (text.length + 1)].sort((p, q) => p - q) as [number, number];
        const a = toSkeleton(sk, s);
        const b = toSkeleton(sk, e);
        // toSkeleton counts the skeleton characters before the offset.
        expect(a).toBe(squeeze(text.slice(0, s)).length);
        const raw = toRaw(sk, a, b);
        expect(squeeze(text.slice(raw.start, raw.end))).toBe(squeeze(text.slice(s, e)));
        if (b > a) expect(/\s/.test(text[raw.start] ?? '') || /\s/.test(text[raw.end - 1] ?? '')).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it('keeps a quote’s own leading and trailing whitespace when the text has it there', () => {
    const sk = skeletonOf('the seized  cash was');
    const a = toSkeleton(sk, 4);
    expect(quoteSpan(sk, a, a + 6, 'seized  ')).toEqual({ start: 4, end: 12 });
    expect(quoteSpan(sk, a, a + 6, ' seized')).toEqual({ start: 3, end: 10 });
  });
});

suite('sameWords', () => {
  it.each([
    ['took place', 'took  place', true],
    ['took place', 'took\nplace', true],
    ['took place', 'tookplace', false],
    ['in to', 'into', false],
    ['said ,', 'said,', true],
    ['市场经济', '市场\n经济', true],
    ['港口 查获', '港口查获', true],
    ['412 870万', '412870万', false],
    ['قالت الهيئة', 'قالت\nالهيئة', true],
    ['قالت الهيئة', 'قالتالهيئة', false],
  ])('%j and %j: same words %s', (a, b, same) => {
    expect(sameWords(a, b)).toBe(same);
  });
});

suite('content-defined chunks', () => {
  const text = Array.from({ length: 400 }, (_, i) => `Officers seized ${i * 7} kilograms at berth ${i % 13}.`).join(' ');

  it('cut the same places after an edit upstream, so one edit disturbs only the chunks around it', () => {
    const sk = squeeze(text);
    const edited = `Correction: figures revised. ${sk.slice(0, 500)}X${sk.slice(500)}`;
    const codes = (s: string) => Uint16Array.from(s, (c) => c.charCodeAt(0));
    const ids = new ChunkIds(1000);
    const before = chunk(codes(sk), 0, sk.length, ids);
    const after = chunk(codes(squeeze(edited)), 0, squeeze(edited).length, ids);
    const shift = squeeze(edited).length - sk.length;
    const tailBefore = new Set(Array.from(before.cuts).filter((c) => c > 600).map((c) => c + shift));
    const tailAfter = Array.from(after.cuts).filter((c) => c > 600 + shift);
    expect(tailAfter.length).toBeGreaterThan(20);
    expect(tailAfter.every((c) => tailBefore.has(c))).toBe(true);
  });

  it('make a re-flowed revision equal to the original: every span maps', () => {
    const reflowed = text.replace(/\. /g, (m, i: number) => (i % 3 === 0 ? '.\n\n' : m)).replace(/ at /g, '\nat ');
    const diff = diffTexts(text, reflowed);
    expect(diff.changed).toEqual([]);
    const start = text.indexOf('seized 700 kilograms at berth');
    const span = mapSpan(diff, start, start + 'seized 700 kilograms at berth'.length);
    expect(span && reflowed.slice(span.start, span.end)).toBe('seized 700 kilograms\nat berth');
  });
});
