import { zipSync, strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { checkZipSize, DOCX_LIMITS } from '../../../../shared/import/docxSize';
import { ImportError } from '../../../../shared/import/errors';

const SMALL = { entryBytes: 1024 * 1024, totalBytes: 3 * 1024 * 1024, entries: 50 };

function docx(documentXml: Uint8Array, extra: Record<string, Uint8Array> = {}): Uint8Array {
  return zipSync({ '[Content_Types].xml': strToU8('<Types/>'), 'word/document.xml': documentXml, ...extra }, { level: 9 });
}

function failure(fn: () => void): ImportError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ImportError);
    return error as ImportError;
  }
  throw new Error('expected a refusal');
}

/** Rewrite the declared uncompressed size of every entry (local headers and central directory), as a lying archive does. */
function lieAboutSizes(zip: Uint8Array, size: number): Uint8Array {
  const out = zip.slice();
  const view = new DataView(out.buffer);
  for (let at = 0; at + 4 <= out.length; at++) {
    const signature = view.getUint32(at, true);
    if (signature === 0x04034b50) view.setUint32(at + 22, size, true);
    if (signature === 0x02014b50) view.setUint32(at + 24, size, true);
  }
  return out;
}

describe('checkZipSize', () => {
  it('lets a real document through', () => {
    expect(() => checkZipSize('report.docx', docx(strToU8('<w:document>'.padEnd(200_000, 'x'))), SMALL)).not.toThrow();
  });

  it('refuses an entry that declares more than the limit, before inflating it', () => {
    const error = failure(() => checkZipSize('bomb.docx', docx(new Uint8Array(2 * 1024 * 1024).fill(0x20)), SMALL));
    expect(error.code).toBe('too-complex');
    expect(error.message).toBe(
      '“bomb.docx” would unpack to more than 1.0 MB (“word/document.xml” alone is 2.0 MB), far more than any real Word (.docx) file holds, so Casefile did not open it. It may be damaged, or built to overload the computer.',
    );
  });

  it('refuses entries that add up to more than the total', () => {
    const part = new Uint8Array(900 * 1024).fill(0x41);
    const error = failure(() => checkZipSize('many.docx', docx(part, { 'word/a.xml': part, 'word/b.xml': part, 'word/c.xml': part }), SMALL));
    expect(error.message).toMatch(/^“many\.docx” would unpack to more than 3\.0 MB/);
  });

  it('catches an archive that lies about its sizes, after inflating only what it declared', () => {
    const error = failure(() => checkZipSize('liar.docx', lieAboutSizes(docx(new Uint8Array(5 * 1024 * 1024).fill(0x20)), 1000), SMALL));
    expect(error.message).toMatch(/^“liar\.docx” is not a sound Word \(\.docx\) file: “word\/document\.xml” unpacks to more than/);
  });

  it('calls a broken zip damaged', () => {
    const zip = docx(strToU8('<w:document/>'));
    expect(failure(() => checkZipSize('cut.docx', zip.subarray(0, zip.length - 30), SMALL)).code).toBe('corrupt');
  });

  it('has limits a long real report fits in', () => {
    expect(DOCX_LIMITS.entryBytes).toBeGreaterThanOrEqual(50 * 1024 * 1024);
  });
});
