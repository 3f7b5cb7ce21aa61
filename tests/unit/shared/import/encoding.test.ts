import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  canonicalEncoding,
  declaredCharset,
  decodeSource,
  describeEncoding,
  REOPEN_ENCODINGS,
  utf16ByPattern,
} from '../../../../shared/import/encoding';
import { MAX_SOURCE_BYTES } from '../../../../shared/import/detect';
import { importFailureSync } from '../../helpers/importFailure';

const utf8 = (text: string) => new TextEncoder().encode(text);
const fixtureUrl = new URL('../../../fixtures/encodings/', import.meta.url);
const fixture = (name: string) => new Uint8Array(readFileSync(new URL(name, fixtureUrl)));
/** The team-written texts the fixtures were made from (make-fixtures.mjs). */
const texts: { file: string; encoding: string; declared?: string; lines: string[] }[] = JSON.parse(readFileSync(new URL('texts.json', fixtureUrl), 'utf8'));

/** Text → bytes in a single-byte legacy encoding, through the platform decoder's own table. */
function encodeLegacy(text: string, encoding: string): Uint8Array {
  const decoder = new TextDecoder(encoding);
  const byChar = new Map<string, number>();
  for (let b = 0; b < 256; b++) byChar.set(decoder.decode(new Uint8Array([b])), b);
  return Uint8Array.from([...text], (c) => {
    const b = byChar.get(c);
    if (b === undefined) throw new Error(`${encoding} has no byte for ${c}`);
    return b;
  });
}

/** A team-written Lithuanian line that chardet, alone, takes for Latin-1. */
const LITHUANIAN = 'Keltas į Nidą išplaukia septintą valandą ryto; bilietų kainos nesikeičia.';


describe('decodeSource: files in the encodings people still receive', () => {
  it.each(texts.map((t) => [t.file, t] as const))('%s decodes to the text it was written in', (file, expected) => {
    const { text, report } = decodeSource(file, fixture(file), { markup: file.endsWith('.html') });
    expect(text).toBe(`${expected.lines.join('\n')}\n`);
    expect(report.encoding).toBe(expected.encoding);
    if (expected.declared) expect(report).toMatchObject({ how: 'declared', declared: expected.declared });
  });

  it('says how each encoding was found', () => {
    expect(decodeSource('a.txt', fixture('utf-16le-no-bom.txt')).report).toEqual({ encoding: 'utf-16le', how: 'utf-16-pattern' });
    expect(decodeSource('a.txt', fixture('utf-16be-no-bom.txt')).report).toEqual({ encoding: 'utf-16be', how: 'utf-16-pattern' });
    expect(decodeSource('a.txt', fixture('shift_jis.txt')).report).toMatchObject({ encoding: 'shift_jis', how: 'detected' });
    expect(decodeSource('a.txt', fixture('gb18030.txt')).report).toMatchObject({ encoding: 'gb18030', how: 'detected' });
    expect(decodeSource('a.txt', fixture('windows-1252.txt')).report).toMatchObject({ encoding: 'windows-1252', how: 'detected' });
    // A page that declares UTF-8 but is not: detection wins, and the declaration is noted.
    expect(decodeSource('a.html', fixture('mislabelled-utf8.html'), { markup: true }).report).toMatchObject({ encoding: 'windows-1252', how: 'detected', declared: 'utf-8' });
  });

  it('decodes by byte order mark first, and drops the mark', () => {
    expect(decodeSource('a.txt', new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('Café – ok')]))).toEqual({ text: 'Café – ok', report: { encoding: 'utf-8', how: 'bom' } });
    const le = new Uint8Array([0xff, 0xfe, 0x48, 0x00, 0x69, 0x00]);
    expect(decodeSource('a.txt', le)).toEqual({ text: 'Hi', report: { encoding: 'utf-16le', how: 'bom' } });
    const be = new Uint8Array([0xfe, 0xff, 0x00, 0x48, 0x00, 0x69]);
    expect(decodeSource('a.txt', be).text).toBe('Hi');
  });

  it('lets valid non-ASCII UTF-8 win over a legacy declaration, and says so', () => {
    const page = utf8('<meta charset="iso-8859-1"><p>Café crème</p>');
    expect(decodeSource('a.html', page, { markup: true })).toEqual({
      text: '<meta charset="iso-8859-1"><p>Café crème</p>',
      report: { encoding: 'utf-8', how: 'utf-8', declared: 'iso-8859-1' },
    });
  });

  it('reads ASCII-only UTF-8 as UTF-8 and ignores declarations in plain text', () => {
    expect(decodeSource('a.txt', utf8('<meta charset="shift_jis"> plain'))).toEqual({ text: '<meta charset="shift_jis"> plain', report: { encoding: 'utf-8', how: 'utf-8' } });
  });

  it('decodes in an encoding the user chose, whatever the bytes look like', () => {
    const bytes = fixture('windows-1252.txt');
    expect(decodeSource('a.txt', bytes, { encoding: 'iso-8859-15' }).report).toEqual({ encoding: 'iso-8859-15', how: 'chosen' });
    expect(decodeSource('a.txt', bytes, { encoding: 'windows-1252' }).text).toContain('4 500 €');
    expect(importFailureSync(() => decodeSource('a.txt', bytes, { encoding: 'klingon-8' }), 'encoding')).toMatch(/no decoder for that encoding/);
  });

  it("takes a web server's charset before the page's own declaration and before detection", () => {
    const bytes = encodeLegacy(LITHUANIAN, 'windows-1257');
    // Detection alone guesses wrong on this line; the server's word settles it.
    expect(decodeSource('a.txt', bytes).text).not.toBe(LITHUANIAN);
    expect(decodeSource('a.txt', bytes, { serverCharset: 'windows-1257' })).toEqual({ text: LITHUANIAN, report: { encoding: 'windows-1257', how: 'server', declared: 'windows-1257' } });
    const page = encodeLegacy(`<meta charset="iso-8859-1"><p>${LITHUANIAN}</p>`, 'windows-1257');
    expect(decodeSource('a.html', page, { markup: true, serverCharset: 'CP1257' })).toEqual({
      text: `<meta charset="iso-8859-1"><p>${LITHUANIAN}</p>`,
      report: { encoding: 'windows-1257', how: 'server', declared: 'CP1257' },
    });
  });

  it("lets valid non-ASCII UTF-8 win over a server's default charset, and ignores one the platform does not know", () => {
    const page = utf8('<meta charset="utf-8"><p>Café crème</p>');
    expect(decodeSource('a.html', page, { markup: true, serverCharset: 'ISO-8859-1' }).report).toEqual({ encoding: 'utf-8', how: 'declared', declared: 'utf-8' });
    expect(decodeSource('a.txt', utf8('Café crème'), { serverCharset: 'klingon-8' }).report).toEqual({ encoding: 'utf-8', how: 'utf-8' });
  });

  it('offers only encodings the platform can decode', () => {
    for (const { encoding } of REOPEN_ENCODINGS) expect(canonicalEncoding(encoding)).toBe(encoding);
  });
});

describe('decodeSource: refusals', () => {
  it('refuses an empty or blank file', () => {
    expect(importFailureSync(() => decodeSource('notes.txt', new Uint8Array()), 'empty')).toBe('“notes.txt” is empty: there is no text to import.');
    for (const bytes of [utf8(' \n\t \r\n'), new Uint8Array([0xef, 0xbb, 0xbf]), utf8('\u200b\u00a0\n')]) {
      expect(importFailureSync(() => decodeSource('blank.txt', bytes), 'empty')).toMatch(/^“blank\.txt” is empty/);
    }
  });

  it('refuses zero bytes that are not UTF-16 as binary', () => {
    expect(importFailureSync(() => decodeSource('data.txt', utf8('looks like text\u0000but is not')), 'binary')).toMatch(
      /^“data\.txt” looks like a binary file, not text: it holds zero bytes or control codes that text in no encoding contains\. Choose the article saved as /,
    );
    const random = new Uint8Array(4096).map((_, i) => (i * 7919 + 13) % 256);
    expect(importFailureSync(() => decodeSource('random.txt', random), 'binary')).toMatch(/binary file/);
  });

  it('names a recognised binary format', () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
    expect(importFailureSync(() => decodeSource('photo.txt', png), 'binary')).toMatch(/^“photo\.txt” looks like a binary file \(a PNG image\), not text\./);
    expect(importFailureSync(() => decodeSource('paper.txt', utf8('%PDF-1.7\n')), 'binary')).toMatch(/a PDF document/);
    expect(importFailureSync(() => decodeSource('doc.txt', utf8('PK\u0003\u0004rest')), 'binary')).toMatch(/ZIP/);
  });

  it('refuses text dense with control characters', () => {
    const noisy = new Uint8Array(1000).map((_, i) => (i % 10 === 0 ? 0x01 : 0x61));
    expect(importFailureSync(() => decodeSource('noisy.txt', noisy), 'binary')).toMatch(/binary/);
  });

  it('refuses UTF-32, which no browser decodes', () => {
    expect(importFailureSync(() => decodeSource('wide.txt', new Uint8Array([0xff, 0xfe, 0, 0, 0x41, 0, 0, 0])), 'encoding')).toMatch(/UTF-32/);
  });

  it('refuses a file over the limit before looking at its content', () => {
    expect(importFailureSync(() => decodeSource('huge.txt', new Uint8Array(21 * 1024 * 1024)), 'too-large')).toBe('“huge.txt” is 21.0 MB; Casefile imports sources up to 20 MB.');
  });

  it('accepts a file of exactly the limit', () => {
    expect(decodeSource('big.txt', new Uint8Array(MAX_SOURCE_BYTES).fill(0x61)).text).toHaveLength(MAX_SOURCE_BYTES);
  });
});

describe('declaredCharset', () => {
  it.each([
    ['<meta charset="ISO-8859-1">', 'ISO-8859-1'],
    ["<meta charset='shift_jis'>", 'shift_jis'],
    ['<meta charset=gb18030>', 'gb18030'],
    ['<META HTTP-EQUIV="Content-Type" CONTENT="text/html; charset=windows-1251">', 'windows-1251'],
    ['<meta content="text/html;charset=euc-kr" http-equiv="content-type">', 'euc-kr'],
    ['<?xml version="1.0" encoding="ISO-8859-15"?><html>', 'ISO-8859-15'],
    ['<!-- <meta charset="koi8-r"> --><meta charset="utf-8">', 'utf-8'],
    ['<p>no declaration</p>', undefined],
  ])('%s → %s', (head, expected) => {
    expect(declaredCharset(utf8(head))).toBe(expected);
  });

  it('looks only at the first 1,024 bytes', () => {
    expect(declaredCharset(utf8(`${' '.repeat(1100)}<meta charset="koi8-r">`))).toBeUndefined();
  });
});

describe('utf16ByPattern', () => {
  it('does not take binary data with zeros on both sides for UTF-16', () => {
    expect(utf16ByPattern(new Uint8Array(512).map((_, i) => (i % 3 === 0 ? 0 : 0x41)))).toBeUndefined();
  });
});

describe('describeEncoding', () => {
  it('says in words which encoding was used and why', () => {
    expect(describeEncoding({ encoding: 'shift_jis', how: 'detected', confidence: 100 })).toBe('Japanese (Shift_JIS), detected (confidence 100%)');
    expect(describeEncoding({ encoding: 'windows-1252', how: 'declared', declared: 'iso-8859-1' })).toBe('Western (Windows-1252, Latin-1), as the file declares (“iso-8859-1”)');
    expect(describeEncoding({ encoding: 'windows-1257', how: 'server', declared: 'windows-1257' })).toBe('Baltic (Windows-1257), as the web server declares (“charset=windows-1257”)');
    expect(describeEncoding({ encoding: 'utf-16le', how: 'utf-16-pattern' })).toMatch(/^Unicode \(UTF-16 little-endian\), recognised from its byte pattern/);
  });
});
