import { describe, expect, it } from 'vitest';
import { MAX_FILE_STEM, safeFileStem } from '../../../../shared/domain/fileName';

describe('safeFileStem', () => {
  it.each([
    ['Sample case: the EncroChat takedown', 'Sample case_ the EncroChat takedown'],
    ['Port: "raid" / 2025?', 'Port_ _raid_ _ 2025_'],
    ['a<b>c|d*e\\f', 'a_b_c_d_e_f'],
    ['tab\there\u0000nul', 'tab here_nul'],
    ['  .hidden.  ', 'hidden'],
    ['Écluse – Saint-Malo', 'Écluse – Saint-Malo'],
    ['محضر الاجتماع', 'محضر الاجتماع'],
    ['会議の記録', '会議の記録'],
  ])('%j → %j', (name, stem) => {
    expect(safeFileStem(name, 'Case')).toBe(stem);
  });

  it('falls back when nothing is left', () => {
    expect(safeFileStem('...', 'Case')).toBe('Case');
    expect(safeFileStem('   ', 'Untitled')).toBe('Untitled');
  });

  it('caps the length at whole characters, never splitting one', () => {
    const stem = safeFileStem('😀'.repeat(400), 'Case');
    expect(Array.from(stem)).toHaveLength(MAX_FILE_STEM);
    expect(stem).toBe('😀'.repeat(MAX_FILE_STEM));
  });

  it('composes decomposed accents (NFC), as macOS file names arrive', () => {
    expect(safeFileStem('Cafe\u0301', 'Case')).toBe('Café');
  });
});

describe('safeFileStem, hyphenated (exported documents)', () => {
  it.each([
    ['Pier 9 tobacco seizure', 'Pier-9-tobacco-seizure'],
    ['Sample case: the EncroChat takedown', 'Sample-case-the-EncroChat-takedown'],
    ['../etc/passwd: "x" <y>*?', 'etcpasswd-x-y'],
    ['Écluse – Saint-Malo', 'Écluse-Saint-Malo'],
    ['محضر الاجتماع', 'محضر-الاجتماع'],
  ])('%j → %j', (name, stem) => {
    expect(safeFileStem(name, 'case', 'hyphenated')).toBe(stem);
  });

  it('falls back when nothing is left', () => {
    expect(safeFileStem('///', 'case', 'hyphenated')).toBe('case');
  });
});
