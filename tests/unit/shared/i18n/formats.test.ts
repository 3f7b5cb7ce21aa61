import { describe, expect, it } from 'vitest';
import { createTranslator, describeBytes } from '../../../../shared/i18n';

const en = createTranslator('en');
const es = createTranslator('es');

describe('describeBytes', () => {
  it('writes sizes with the decimal separator of the UI language', () => {
    expect(describeBytes(1.5 * 1024 * 1024, en, 'en')).toBe('1.5 MB');
    expect(describeBytes(1.5 * 1024 * 1024, es, 'es')).toBe('1,5 MB');
    expect(describeBytes(2.25 * 1024 ** 3, es, 'es')).toBe('2,3 GB');
  });

  it('rounds kilobytes, and counts bytes in words', () => {
    expect(describeBytes(12_700, en, 'en')).toBe('12 KB');
    expect(describeBytes(1, en, 'en')).toBe('1 byte');
    expect(describeBytes(500, es, 'es')).toBe('500 bytes');
  });

  it('states size limits in megabytes with a comma in Spanish', () => {
    expect(es('exportBrief.styleTooLarge', { name: 'x.csl', size: '2.25' })).toContain('2,3 MB');
    expect(en('exportBrief.styleTooLarge', { name: 'x.csl', size: '2.25' })).toContain('2.3 MB');
  });
});
