import { describe, expect, it } from 'vitest';
import { SUPPORTED_EXTENSIONS, looksBinary, mediaTypeFromName, sourceKindFromName } from '../../../../shared/import/detect';
import { importFailureSync } from '../../helpers/importFailure';

const utf8 = (text: string) => new TextEncoder().encode(text);


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
    expect(importFailureSync(() => sourceKindFromName('budget.xlsx'), 'unsupported')).toBe(
      'Casefile cannot import “.xlsx” files. Supported: .txt, .md, .html, .htm, .pdf, .docx, .png, .jpg, .jpeg, .tif, .tiff.',
    );
  });

  it('refuses a name without extension, quoting the name', () => {
    expect(importFailureSync(() => sourceKindFromName('README'), 'unsupported')).toMatch(/^Casefile cannot import “README”: the file name has no extension\./);
    expect(importFailureSync(() => sourceKindFromName('.txt'), 'unsupported')).toMatch(/“\.txt”: the file name has no extension/);
  });

  it('gives a media type for every supported extension', () => {
    for (const ext of SUPPORTED_EXTENSIONS) expect(mediaTypeFromName(`a${ext}`)).toMatch(/^(text\/|application\/(pdf|vnd\.openxmlformats-officedocument\.wordprocessingml\.document)$|image\/(png|jpeg|tiff)$)/);
  });
});

describe('looksBinary', () => {
  it('flags text dense with control characters, not ordinary line breaks, tabs and form feeds', () => {
    const noisy = new Uint8Array(1000).map((_, i) => (i % 10 === 0 ? 0x01 : 0x61));
    expect(looksBinary(noisy)).toBe(true);
    expect(looksBinary(utf8('Line one\r\n\tindented\fnext page\n'))).toBe(false);
    expect(looksBinary(utf8('text\u0000more'))).toBe(true);
  });
});
