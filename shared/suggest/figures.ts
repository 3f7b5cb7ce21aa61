/**
 * Detectors for the checkable parts of a sentence: money, percentages,
 * quantities with units, dates, counts ("figures") and quotations.
 *
 * Detectors run from the most specific to the least, and a later one never
 * claims characters an earlier one took: "£54 million" is money, so its "54"
 * is not also a bare figure, and "June 13" is a date, not a count of 13.
 */

export type FactKind = 'figure' | 'money' | 'percentage' | 'quantity' | 'date' | 'quote';

export interface FactSpan {
  kind: FactKind;
  /** Offsets into the sentence. */
  start: number;
  end: number;
}

const SMALL_NUMBERS =
  'one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety';
/** A spelled-out number: "two", "twenty-five", "a hundred", "three thousand", "a dozen". */
const WORD_NUMBER = `(?:(?:${SMALL_NUMBERS})(?:-(?:${SMALL_NUMBERS}))?(?:\\s+(?:hundred|thousand|million|billion))*|a\\s+(?:dozen|hundred|thousand|million|billion))`;
/** A written number: "746", "60,000", "3.2", not glued to letters or other digits ("V.1.0", "Dh248m" are handled elsewhere). */
const DIGITS = String.raw`(?<![\p{L}\p{N}.,])\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\p{N}])|(?<![\p{L}\p{N}.,])\d+(?:\.\d+)?(?![\p{N}])`;
const NUMBER = `(?:${DIGITS}|\\b${WORD_NUMBER}\\b)`;
const MULTIPLIER = String.raw`(?:\s?(?:million|billion|trillion|thousand|mn|bn|m|k)\b)`;
const APPROX = String.raw`(?:(?:more than|less than|fewer than|at least|up to|about|around|nearly|almost|over|some|roughly|approximately)\s+)?`;

/** The digits of an amount after a currency sign: "1,000", "5.5", "248" in "Dh248m". */
const AMOUNT = String.raw`(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?`;

const CURRENCY_SYMBOL = String.raw`(?:US\$|A\$|C\$|NZ\$|HK\$|[£$€¥₹])`;
const CURRENCY_CODE = String.raw`(?:Dh|AED|USD|EUR|GBP|CHF|JPY|CNY|INR|Rs\.?)`;
const CURRENCY_WORD = String.raw`(?:euros?|dollars?|dirhams?|francs?|yen|yuan|rupees?|pence|cents?|pounds?(?!\s+of\b))`;

const MONEY = new RegExp(
  [
    String.raw`${APPROX}${CURRENCY_SYMBOL}\s?${AMOUNT}${MULTIPLIER}?`,
    String.raw`${APPROX}\b${CURRENCY_CODE}\s?${AMOUNT}${MULTIPLIER}?`,
    String.raw`${APPROX}${NUMBER}${MULTIPLIER}?\s+${CURRENCY_WORD}\b`,
  ].join('|'),
  'giu',
);

const PERCENTAGE = new RegExp(String.raw`${APPROX}${NUMBER}\s?(?:%|per\s?cent\b|percent\b|percentage points?\b)`, 'giu');

const MONTH =
  '(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan\\.?|Feb\\.?|Mar\\.?|Apr\\.?|Jun\\.?|Jul\\.?|Aug\\.?|Sept?\\.?|Oct\\.?|Nov\\.?|Dec\\.?)';
const WEEKDAY = '(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)';
const TIME_UNIT = '(?:seconds?|minutes?|hours?|days?|weeks?|fortnights?|months?|years?|decades?)';
const YEAR = String.raw`(?:1[89]\d\d|20\d\d)`;

// Case-sensitive on purpose: "may" and "march" are verbs far more often than months.
const DATE = new RegExp(
  [
    String.raw`\b${MONTH}\s+\d{1,2}(?:st|nd|rd|th)?\b(?:,?\s+${YEAR}\b)?`,
    String.raw`\b\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?${MONTH}\b(?:,?\s+${YEAR}\b)?`,
    String.raw`\b${MONTH}\s+${YEAR}\b`,
    String.raw`\b${YEAR}-\d\d-\d\d\b`,
    String.raw`\b\d{1,2}/\d{1,2}/${YEAR}\b`,
    String.raw`\b${WEEKDAY}\b`,
    String.raw`\b(?:[Yy]esterday|[Tt]oday|[Tt]onight)\b`,
    String.raw`\b(?:[Ll]ast|[Nn]ext|[Ee]arlier this|[Ll]ater this)\s+(?:week|month|year|night|${WEEKDAY}|spring|summer|autumn|winter)\b`,
    String.raw`\b(?:${NUMBER}|a|an|a few|several)\s+${TIME_UNIT}\s+(?:ago|earlier|later)\b`,
    String.raw`(?<=\b(?:[Ii]n|[Ss]ince|[Bb]y|[Uu]ntil|[Ff]rom|[Tt]o|[Dd]uring|[Oo]f|[Bb]etween|[Aa]nd|[Bb]efore|[Aa]fter|[Ee]arly|[Ll]ate|[Mm]id-?)\s)${YEAR}\b`,
    String.raw`\b${YEAR}\b(?!\s+[a-z])`,
  ].join('|'),
  'gu',
);

const UNIT =
  '(?:tonnes?|tons?|kilograms?|kilos?|kg|grams?|milligrams?|mg|lbs?|pounds\\s+of|ounces?|oz|litres?|liters?|gallons?|barrels?|kilometres?|kilometers?|km|miles?|metres?|meters?|feet|foot|ft|hectares?|acres?|square\\s+(?:metres?|meters?|miles?|feet|kilometres?)|megawatts?|MW|GW|kWh|' +
  TIME_UNIT +
  ')';
const QUANTITY = new RegExp(String.raw`${APPROX}${NUMBER}${MULTIPLIER}?(?:\s+|-)${UNIT}\b`, 'giu');

/** A count: a number followed by what is counted, or a bare written number. */
const FIGURE = new RegExp(
  [
    String.raw`${APPROX}(?:${DIGITS})${MULTIPLIER}?`,
    String.raw`${APPROX}\b${WORD_NUMBER}\b(?=\s+(?:[\p{L}-]+\s+)?[\p{L}-]+s\b)`,
    String.raw`\b(?:[Hh]undreds|[Tt]housands|[Mm]illions|[Dd]ozens|[Ss]cores)\s+of\b`,
  ].join('|'),
  'giu',
);

/** A quotation of three words or more; shorter quoted words are usually scare quotes, not statements. */
const QUOTE = /[“"]([^”"]+)[”"]/gu;

/**
 * Find every checkable fact in one sentence, in sentence order. Quotations
 * may overlap other facts (a quote can contain a figure); the numeric kinds
 * never overlap each other.
 */
export function findFacts(sentence: string): FactSpan[] {
  const taken: FactSpan[] = [];
  const detectors: [Exclude<FactKind, 'quote'>, RegExp][] = [
    ['money', MONEY],
    ['percentage', PERCENTAGE],
    ['date', DATE],
    ['quantity', QUANTITY],
    ['figure', FIGURE],
  ];
  for (const [kind, pattern] of detectors) {
    for (const match of sentence.matchAll(pattern)) {
      const span = { kind, start: match.index, end: match.index + match[0].length };
      if (span.end > span.start && !taken.some((other) => overlaps(other, span))) taken.push(span);
    }
  }
  for (const match of sentence.matchAll(QUOTE)) {
    const words = (match[1] ?? '').trim().split(/\s+/u).length;
    if (words >= 3) taken.push({ kind: 'quote', start: match.index, end: match.index + match[0].length });
  }
  return taken.sort((a, b) => a.start - b.start || a.end - b.end);
}

function overlaps(a: { start: number; end: number }, b: { start: number; end: number }): boolean {
  return a.start < b.end && b.start < a.end;
}
