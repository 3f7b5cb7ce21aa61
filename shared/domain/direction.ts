/**
 * Writing direction of a piece of text, as the Unicode bidirectional
 * algorithm's "first strong character" rule decides a paragraph's: the first
 * letter of a right-to-left script (Hebrew, Arabic, Syriac, Thaana, N'Ko…)
 * makes it right-to-left. Exports use it to keep an Arabic paragraph or a
 * Hebrew quote right-to-left in HTML/PDF (`dir`), Markdown (Pandoc's
 * `{dir="rtl"}` attributes) and Word (bidirectional paragraphs).
 */

const RTL_LETTER = /[\p{Script=Hebrew}\p{Script=Arabic}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}\p{Script=Samaritan}\p{Script=Mandaic}\p{Script=Adlam}\p{Script=Hanifi_Rohingya}]/u;

export type Direction = 'rtl' | 'ltr';

/** 'rtl' or 'ltr' by the first letter, or undefined when the text has no letter. */
export function textDirection(text: string): Direction | undefined {
  const first = /\p{L}/u.exec(text);
  if (!first) return undefined;
  return RTL_LETTER.test(first[0]) ? 'rtl' : 'ltr';
}

/** True when the text reads right to left. */
export function isRtl(text: string): boolean {
  return textDirection(text) === 'rtl';
}
