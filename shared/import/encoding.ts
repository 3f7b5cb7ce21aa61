/**
 * Text files arrive in whatever encoding their author's software used:
 * UTF-8 mostly, but also Windows-1252 and Latin-1, UTF-16 without a byte
 * order mark, Shift_JIS, GB18030, EUC-KR… This module decides how to read
 * the bytes, in the order a browser would:
 *
 *   1. a byte order mark (UTF-8, UTF-16 LE/BE);
 *   2. for a fetched page, the `charset` of the server's Content-Type header;
 *   3. what the file declares: an HTML `<meta charset>` or
 *      `<meta http-equiv="Content-Type">` in its first 1,024 bytes, or an
 *      XML declaration (a declaration that valid, non-ASCII UTF-8 bytes
 *      contradict loses: that mislabelling is common, the reverse never is);
 *   4. valid UTF-8, then the unmistakable byte pattern of UTF-16 without a
 *      mark (a zero byte in every ASCII character, all on one side);
 *   5. statistical detection with `chardet` (ICU's detector) on a sample;
 *   6. Windows-1252 when nothing else is confident, since it decodes any byte.
 *
 * A declaration (the server's or the file's) that valid, non-ASCII UTF-8
 * bytes contradict loses to UTF-8: that mislabelling is common (a server's
 * default "ISO-8859-1" on a UTF-8 page), the reverse never is.
 *
 * The platform's `TextDecoder` does the decoding (the WHATWG Encoding
 * Standard's decoders), and the result says which encoding was used and
 * why, so the UI can show it and offer "Reopen with encoding…". Only bytes
 * that are not text in any encoding are refused.
 */
import { analyse } from 'chardet';
import type { EncodingReport } from '../domain/types';
import { binarySignature, looksBinary } from './detect';
import { englishText, type MessageRef } from '../i18n';
import { importErrors, fileSubject } from './errors';
import { MAX_SOURCE_BYTES } from './formats';

export type { EncodingReport };
export type EncodingSource = EncodingReport['how'];

export interface DecodedText {
  text: string;
  report: EncodingReport;
}

/** How much of the file the detectors look at: enough for any real text, quick on 20 MB. */
const SAMPLE_BYTES = 64 * 1024;
/** Below this chardet confidence, Windows-1252 (which never fails) is as good a guess. */
const MIN_CONFIDENCE = 20;
/** Share of control characters above which decoded "text" is really binary data. */
const MAX_CONTROL_RATIO = 0.05;

/** Encodings offered by "Reopen with encoding…", grouped the way browsers list them; their names are in the catalogues (`encoding.names`). */
export const REOPEN_ENCODINGS: readonly { encoding: string }[] = [
  { encoding: 'utf-8' },
  { encoding: 'utf-16le' },
  { encoding: 'utf-16be' },
  { encoding: 'windows-1252' },
  { encoding: 'iso-8859-15' },
  { encoding: 'macintosh' },
  { encoding: 'windows-1250' },
  { encoding: 'iso-8859-2' },
  { encoding: 'windows-1251' },
  { encoding: 'koi8-r' },
  { encoding: 'koi8-u' },
  { encoding: 'iso-8859-5' },
  { encoding: 'windows-1253' },
  { encoding: 'iso-8859-7' },
  { encoding: 'windows-1254' },
  { encoding: 'windows-1255' },
  { encoding: 'iso-8859-8' },
  { encoding: 'windows-1256' },
  { encoding: 'iso-8859-6' },
  { encoding: 'windows-1257' },
  { encoding: 'windows-1258' },
  { encoding: 'windows-874' },
  { encoding: 'shift_jis' },
  { encoding: 'euc-jp' },
  { encoding: 'iso-2022-jp' },
  { encoding: 'gb18030' },
  { encoding: 'gbk' },
  { encoding: 'big5' },
  { encoding: 'euc-kr' },
];

/** A readable name for an encoding, as a message: "Japanese (Shift_JIS)", else the WHATWG name itself. */
export function encodingLabelRef(encoding: string): MessageRef {
  return REOPEN_ENCODINGS.some((e) => e.encoding === encoding) ? { key: `encoding.names.${encoding}` } : { key: 'encoding.unnamed', values: { encoding } };
}

/** The same in English. */
export function encodingLabel(encoding: string): string {
  return englishText(encodingLabelRef(encoding));
}

/** One line for the source's details, as a message: "Japanese (Shift_JIS), detected (confidence 100%)". */
export function describeEncodingRef(report: EncodingReport): MessageRef {
  const name = encodingLabelRef(report.encoding);
  const how = (key: string, values: MessageRef['values'] = {}): MessageRef => ({ key: `encoding.how.${key}`, values: { name, ...values } });
  const declared = report.declared ?? report.encoding;
  switch (report.how) {
    case 'bom':
      return how('bom');
    case 'server':
      return how('server', { declared });
    case 'declared':
      return how('declared', { declared });
    case 'utf-8':
      return report.declared ? how('utf8Despite', { declared: report.declared }) : name;
    case 'utf-16-pattern':
      return how('utf16Pattern');
    case 'detected': {
      const detected = report.confidence !== undefined ? how('detectedConfidence', { confidence: report.confidence }) : how('detected');
      return report.declared ? { key: 'encoding.how.contradicted', values: { detected, declared: report.declared } } : detected;
    }
    case 'fallback':
      return how('fallback');
    case 'chosen':
      return how('chosen');
  }
}

/** The same in English. */
export function describeEncoding(report: EncodingReport): string {
  return englishText(describeEncodingRef(report));
}

/**
 * Windows-1252's 0x80–0x9F, per the WHATWG index (0 where the index has the
 * C1 control itself). Node's TextDecoder reads the label as ISO-8859-1 and
 * loses "€", "’" and "—", so this module corrects it where needed; browsers
 * decode it right and never take this path.
 */
const WINDOWS_1252_HIGH = [
  0x20ac, 0, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017d, 0,
  0, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0, 0x017e, 0x0178,
];

let windows1252Broken: boolean | undefined;

/** Decode with the platform's decoder, correcting Node's Windows-1252. */
function decodeWith(encoding: string, bytes: Uint8Array): string {
  const text = new TextDecoder(encoding).decode(bytes);
  if (encoding !== 'windows-1252') return text;
  windows1252Broken ??= new TextDecoder('windows-1252').decode(new Uint8Array([0x80])) !== '\u20ac';
  if (!windows1252Broken) return text;
  return text.replace(/[\u0080-\u009f]/g, (c) => {
    const mapped = WINDOWS_1252_HIGH[c.charCodeAt(0) - 0x80];
    return mapped ? String.fromCharCode(mapped) : c;
  });
}

/** The WHATWG name for a label ("latin1" → "windows-1252"), or undefined when the platform has no such decoder. */
export function canonicalEncoding(label: string): string | undefined {
  try {
    return new TextDecoder(label.trim()).encoding;
  } catch {
    return undefined;
  }
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return bytes.length >= prefix.length && prefix.every((b, i) => bytes[i] === b);
}

function bomEncoding(bytes: Uint8Array): string | undefined {
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) return 'utf-8';
  if (startsWith(bytes, [0xff, 0xfe, 0x00, 0x00]) || startsWith(bytes, [0x00, 0x00, 0xfe, 0xff])) return 'utf-32';
  if (startsWith(bytes, [0xff, 0xfe])) return 'utf-16le';
  if (startsWith(bytes, [0xfe, 0xff])) return 'utf-16be';
  return undefined;
}

/** The first 1,024 bytes as Latin-1, enough to read ASCII markup whatever the real encoding. */
function asciiHead(bytes: Uint8Array): string {
  let head = '';
  for (const b of bytes.subarray(0, 1024)) head += String.fromCharCode(b);
  return head;
}

/** `charset=…` inside a Content-Type value. */
function charsetParameter(contentType: string): string | undefined {
  return /charset\s*=\s*["']?([^\s"';]+)/i.exec(contentType)?.[1];
}

function attributesOf(tag: string): Map<string, string> {
  const attrs = new Map<string, string>();
  for (const m of tag.matchAll(/([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/g)) {
    const name = m[1]!.toLowerCase();
    if (!attrs.has(name)) attrs.set(name, m[2] ?? m[3] ?? m[4] ?? '');
  }
  return attrs;
}

/**
 * The charset an HTML or XML file declares in its first 1,024 bytes, as the
 * HTML standard's prescan finds it: the XML declaration, else the first
 * `<meta charset>` or `<meta http-equiv="content-type" content="…charset=…">`
 * outside comments.
 */
export function declaredCharset(bytes: Uint8Array): string | undefined {
  const head = asciiHead(bytes);
  const xml = /^<\?xml\s[^>]*?encoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/.exec(head);
  if (xml) return xml[1];
  const markup = head.replace(/<!--[\s\S]*?(?:-->|$)/g, '');
  for (const match of markup.matchAll(/<meta(?=[\s/])([^>]*)>?/gi)) {
    const attrs = attributesOf(match[1]!);
    const charset = attrs.get('charset');
    if (charset) return charset.trim();
    if (attrs.get('http-equiv')?.toLowerCase() === 'content-type') {
      const fromContent = charsetParameter(attrs.get('content') ?? '');
      if (fromContent) return fromContent;
    }
  }
  return undefined;
}

/**
 * UTF-16 without a byte order mark: ASCII characters (spaces, line breaks,
 * digits, Latin letters, markup) carry a zero byte, on the odd side in
 * little-endian and the even side in big-endian. Real UTF-16 text has at
 * least its line breaks in ASCII, while binary data spreads zeros on both sides.
 */
export function utf16ByPattern(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  const sample = bytes.subarray(0, SAMPLE_BYTES - (SAMPLE_BYTES % 2));
  const pairs = Math.floor(sample.length / 2);
  if (pairs < 2) return undefined;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i + 1 < sample.length; i += 2) {
    if (sample[i] === 0) evenZeros++;
    if (sample[i + 1] === 0) oddZeros++;
  }
  const guess = oddZeros > evenZeros ? 'utf-16le' : 'utf-16be';
  const many = Math.max(evenZeros, oddZeros);
  const few = Math.min(evenZeros, oddZeros);
  if (many < Math.max(2, pairs * 0.02) || few * 20 > many) return undefined;
  try {
    const text = new TextDecoder(guess, { fatal: true }).decode(sample.subarray(0, sample.length - 2));
    return controlRatio(text) <= MAX_CONTROL_RATIO ? guess : undefined;
  } catch {
    return undefined;
  }
}

/** Share of C0/C1 control characters (other than tab and line breaks) and U+FFFD in decoded text. */
function controlRatio(text: string): number {
  if (text.length === 0) return 0;
  const sample = text.slice(0, SAMPLE_BYTES);
  // eslint-disable-next-line no-control-regex -- counting control characters is the point
  const bad = sample.match(/[\u0000-\u0008\u000e-\u001f\u007f-\u009f\ufffd]/g)?.length ?? 0;
  return bad / sample.length;
}

/** True when the bytes are valid UTF-8 and hold at least one multi-byte character. */
function validUtf8(bytes: Uint8Array): { valid: boolean; text?: string; ascii: boolean } {
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return { valid: true, text, ascii: !bytes.some((b) => b >= 0x80) };
  } catch {
    return { valid: false, ascii: false };
  }
}

/** chardet's names → WHATWG labels `TextDecoder` knows (ISO-8859-1 reads as Windows-1252, as in browsers). */
function detectorLabel(name: string): string | undefined {
  if (/^UTF-32/i.test(name)) return undefined;
  return canonicalEncoding(name);
}

/** The most likely legacy encoding of bytes that are not UTF-8, with chardet's confidence. */
function detect(bytes: Uint8Array): { encoding: string; confidence: number } | undefined {
  for (const match of analyse(bytes.subarray(0, SAMPLE_BYTES))) {
    const encoding = detectorLabel(match.name);
    if (!encoding || encoding === 'utf-8' || encoding.startsWith('utf-16')) continue;
    return match.confidence >= MIN_CONFIDENCE ? { encoding, confidence: match.confidence } : undefined;
  }
  return undefined;
}

/** Whitespace and invisible characters that make a file "empty" to a reader. */
const BLANK = /^[\s\u200b-\u200d\u2060\ufeff]*$/u;

export interface DecodeOptions {
  /** Whether to look for an HTML/XML charset declaration (HTML pages, XHTML). */
  markup?: boolean;
  /** The `charset` of the Content-Type header a web server sent with the bytes. */
  serverCharset?: string;
  /** An encoding the user chose ("Reopen with encoding…"): used as it is. */
  encoding?: string;
}

/**
 * Decode a text-like file (plain text, Markdown, HTML) to a string and say
 * how. Refuses, in this order: too large (before reading anything else),
 * empty, UTF-32, a known binary signature, bytes that are not text in any
 * encoding (zero bytes that are not UTF-16, many control characters), and
 * text that is only blanks.
 */
export function decodeSource(name: string, bytes: Uint8Array, options: DecodeOptions = {}): DecodedText {
  if (bytes.byteLength > MAX_SOURCE_BYTES) throw importErrors.tooLarge(fileSubject(name), bytes.byteLength);
  if (bytes.byteLength === 0) throw importErrors.empty(fileSubject(name));
  const decoded = options.encoding ? chosen(name, bytes, options.encoding) : automatic(name, bytes, options.markup === true, options.serverCharset);
  if (BLANK.test(decoded.text)) throw importErrors.empty(fileSubject(name));
  return decoded;
}

function chosen(name: string, bytes: Uint8Array, label: string): DecodedText {
  const encoding = canonicalEncoding(label);
  if (!encoding || encoding === 'replacement') throw importErrors.unknownEncoding(name, label);
  return { text: decodeWith(encoding, bytes), report: { encoding, how: 'chosen' } };
}

function decodeChecked(name: string, bytes: Uint8Array, report: EncodingReport): DecodedText {
  const text = decodeWith(report.encoding, bytes);
  if (controlRatio(text) > MAX_CONTROL_RATIO) throw importErrors.binary(name, undefined, { kind: 'controlCodes', encoding: report.encoding });
  return { text, report };
}

/** A declared label → the encoding to decode with, as browsers take it (a UTF-16 label on bytes read as ASCII means UTF-8). */
function declaredEncoding(label: string | undefined): string | undefined {
  const encoding = label ? canonicalEncoding(label) : undefined;
  if (encoding?.startsWith('utf-16') || encoding === 'replacement') return 'utf-8';
  if (encoding === 'x-user-defined') return 'windows-1252';
  return encoding;
}

/** Whether the bytes bear out a declared encoding: UTF-8 must be valid, anything else must not be valid non-ASCII UTF-8. */
function consistent(declared: string, utf8: { valid: boolean; ascii: boolean }): boolean {
  return declared === 'utf-8' ? utf8.valid : !(utf8.valid && !utf8.ascii);
}

function automatic(name: string, bytes: Uint8Array, markup: boolean, serverCharset: string | undefined): DecodedText {
  const bom = bomEncoding(bytes);
  if (bom === 'utf-32') throw importErrors.utf32(name);
  if (bom) return decodeChecked(name, bytes, { encoding: bom, how: 'bom' });

  const signature = binarySignature(bytes);
  if (signature) throw importErrors.binary(name, signature);

  const utf16 = utf16ByPattern(bytes);
  if (utf16) return decodeChecked(name, bytes, { encoding: utf16, how: 'utf-16-pattern' });
  if (looksBinary(bytes)) throw importErrors.binary(name, undefined, { kind: 'zeroBytes' });

  const utf8 = validUtf8(bytes);
  const fromServer = declaredEncoding(serverCharset);
  if (fromServer && serverCharset && consistent(fromServer, utf8)) {
    return decodeChecked(name, bytes, { encoding: fromServer, how: 'server', declared: serverCharset.trim() });
  }
  const declaredLabel = markup ? declaredCharset(bytes) : undefined;
  const declared = declaredEncoding(declaredLabel);

  if (declared && declaredLabel) {
    if (consistent(declared, utf8)) return decodeChecked(name, bytes, { encoding: declared, how: 'declared', declared: declaredLabel });
    if (utf8.valid) return decodeChecked(name, bytes, { encoding: 'utf-8', how: 'utf-8', declared: declaredLabel });
  }
  if (utf8.valid) return decodeChecked(name, bytes, { encoding: 'utf-8', how: 'utf-8' });

  const found = detect(bytes);
  const withDeclared = declaredLabel ? { declared: declaredLabel } : {};
  if (found) return decodeChecked(name, bytes, { encoding: found.encoding, how: 'detected', confidence: found.confidence, ...withDeclared });
  return decodeChecked(name, bytes, { encoding: 'windows-1252', how: 'fallback', ...withDeclared });
}
