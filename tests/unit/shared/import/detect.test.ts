import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  MAX_SOURCE_BYTES,
  SUPPORTED_EXTENSIONS,
  decodeText,
  firstInvalidUtf8Byte,
  looksBinary,
  mediaTypeFromName,
  sourceKindFromName,
} from '../../../../shared/import/detect';
import { ImportError, type ImportErrorCode } from '../../../../shared/import/errors';

const utf8 = (text: string) => new TextEncoder().encode(text);

/** Run `fn`, expecting an ImportError with `code`; return its message. */
function importFailure(fn: () => unknown, code: ImportErrorCode): string {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ImportError);
    expect((error as ImportError).code).toBe(code);
    return (error as ImportError).message;
  }
  throw new Error(`expected an ImportError with code "${code}"`);
}

describe('sourceKindFromName', () => {
  it.each([
    ['notes.txt', 'text'],
    ['README.MD', 'markdown'],
    ['page.html', 'html'],
    ['old/page.HTM', 'html'],
    ['archive.2024.txt', 'text'],
    ['scan.TIF', 'image'],
    ['photo.jpeg', 'image'],
  ] as const)('%s → %s', (name, kind) => {
    expect(sourceKindFromName(name)).toBe(kind);
  });

  it('refuses other extensions, listing the supported ones', () => {
    expect(importFailure(() => sourceKindFromName('budget.xlsx'), 'unsupported')).toBe(
      'Casefile cannot import “.xlsx” files. Supported: .txt, .md, .html, .htm, .pdf, .docx, .png, .jpg, .jpeg, .tif, .tiff.',
    );
  });

  it('refuses a name without extension, quoting the name', () => {
    expect(importFailure(() => sourceKindFromName('README'), 'unsupported')).toMatch(/^Casefile cannot import “README”: the file name has no extension\./);
    expect(importFailure(() => sourceKindFromName('.txt'), 'unsupported')).toMatch(/“\.txt”: the file name has no extension/);
  });

  it('gives a media type for every supported extension', () => {
    for (const ext of SUPPORTED_EXTENSIONS) expect(mediaTypeFromName(`a${ext}`)).toMatch(/^(text\/|application\/(pdf|vnd\.openxmlformats-officedocument\.wordprocessingml\.document)$|image\/(png|jpeg|tiff)$)/);
  });
});

describe('decodeText', () => {
  it('decodes UTF-8 and drops the byte order mark', () => {
    expect(decodeText('a.txt', new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('Café – ok')]))).toBe('Café – ok');
  });

  it('refuses an empty file', () => {
    expect(importFailure(() => decodeText('notes.txt', new Uint8Array()), 'empty')).toBe('“notes.txt” is empty: there is no text to import.');
  });

  it('treats whitespace, a lone BOM or zero-width spaces as empty', () => {
    for (const bytes of [utf8(' \n\t \r\n'), new Uint8Array([0xef, 0xbb, 0xbf]), utf8('\u200b\u00a0\n')]) {
      expect(importFailure(() => decodeText('blank.txt', bytes), 'empty')).toMatch(/^“blank\.txt” is empty/);
    }
  });

  it('refuses NUL bytes as binary', () => {
    const message = importFailure(() => decodeText('data.txt', utf8('looks like text\u0000but is not')), 'binary');
    expect(message).toMatch(/^“data\.txt” looks like a binary file, not text\./);
  });

  it('names a recognised binary format', () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
    expect(importFailure(() => decodeText('photo.txt', png), 'binary')).toMatch(/^“photo\.txt” looks like a binary file \(a PNG image\), not text\./);
    expect(importFailure(() => decodeText('paper.txt', utf8('%PDF-1.7\n')), 'binary')).toMatch(/a PDF document/);
    expect(importFailure(() => decodeText('pic.md', new Uint8Array([0xff, 0xd8, 0xff, 0xe0])), 'binary')).toMatch(/a JPEG image/);
    expect(importFailure(() => decodeText('anim.html', utf8('GIF89a......')), 'binary')).toMatch(/a GIF image/);
    expect(importFailure(() => decodeText('doc.txt', utf8('PK\u0003\u0004rest')), 'binary')).toMatch(/ZIP/);
  });

  it('refuses text dense with control characters', () => {
    const noisy = new Uint8Array(1000).map((_, i) => (i % 10 === 0 ? 0x01 : 0x61));
    expect(looksBinary(noisy)).toBe(true);
    expect(looksBinary(utf8('Line one\r\n\tindented\fnext page\n'))).toBe(false);
    expect(importFailure(() => decodeText('noisy.txt', noisy), 'binary')).toMatch(/binary/);
  });

  it('reports the byte position of invalid UTF-8', () => {
    const latin1 = new Uint8Array([...utf8('Caf'), 0xe9, ...utf8(' au lait, written in Latin-1.')]);
    expect(importFailure(() => decodeText('legacy.txt', latin1), 'encoding')).toBe(
      '“legacy.txt” is not valid UTF-8 text (first bad byte at position 3). Save it as UTF-8 and import it again.',
    );
  });

  it('groups the digits of a large position', () => {
    const bytes = new Uint8Array([...utf8('x'.repeat(1234)), 0xff]);
    expect(importFailure(() => decodeText('legacy.txt', bytes), 'encoding')).toMatch(/first bad byte at position 1,234\)/);
  });

  it('recognises UTF-16 and says how to fix it', () => {
    const utf16 = new Uint8Array([0xff, 0xfe, 0x48, 0x00, 0x69, 0x00]);
    expect(importFailure(() => decodeText('windows.txt', utf16), 'encoding')).toMatch(/^“windows\.txt” is saved as UTF-16 text\. Save it as UTF-8/);
  });

  it('refuses a file over the limit before looking at its content', () => {
    const huge = new Uint8Array(21 * 1024 * 1024); // all NUL: size must win over "binary"
    expect(importFailure(() => decodeText('huge.txt', huge), 'too-large')).toBe('“huge.txt” is 21.0 MB; Casefile imports sources up to 20 MB.');
    expect(importFailure(() => decodeText('dump.txt', new Uint8Array(Math.round(23.4 * 1024 * 1024))), 'too-large')).toMatch(/is 23\.4 MB/);
  });

  it('accepts a file of exactly the limit', () => {
    expect(decodeText('big.txt', new Uint8Array(MAX_SOURCE_BYTES).fill(0x61))).toHaveLength(MAX_SOURCE_BYTES);
  });
});

describe('firstInvalidUtf8Byte', () => {
  it.each([
    ['stray continuation byte', [0x61, 0x80], 1],
    ['truncated sequence at the end', [0x61, 0x62, 0xe2, 0x82], 2],
    ['overlong encoding', [0xc0, 0xaf], 0],
    ['overlong three-byte', [0x41, 0xe0, 0x80, 0xaf], 1],
    ['UTF-16 surrogate', [0xed, 0xa0, 0x80], 0],
    ['above U+10FFFF', [0xf4, 0x90, 0x80, 0x80], 0],
    ['invalid lead byte', [0xf8, 0x88, 0x80, 0x80, 0x80], 0],
  ])('%s', (_label, bytes, position) => {
    expect(firstInvalidUtf8Byte(new Uint8Array(bytes))).toBe(position);
  });

  it('agrees with the fatal TextDecoder on arbitrary bytes', () => {
    const decoder = new TextDecoder('utf-8', { fatal: true });
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        let valid = true;
        try {
          decoder.decode(bytes);
        } catch {
          valid = false;
        }
        const position = firstInvalidUtf8Byte(bytes);
        expect(position === -1).toBe(valid);
        if (!valid) {
          // Everything before the reported byte decodes cleanly.
          expect(() => decoder.decode(bytes.subarray(0, position))).not.toThrow();
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('accepts every valid encoding of random strings', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme' }), (text) => firstInvalidUtf8Byte(utf8(text)) === -1));
  });
});
