import { describe, expect, it } from 'vitest';
import { baseKey, citationKeys } from '../../../../shared/export/citekeys';
import type { SourceMetadata } from '../../../../shared/domain/types';

const source = (id: string, metadata: Partial<SourceMetadata>, importedAt = 1) => ({ id, importedAt, metadata: { type: 'report' as const, title: 'Untitled', ...metadata } });

describe('citation keys', () => {
  it('are author, year and the first significant title word, in ASCII', () => {
    expect(baseKey(source('a', { author: [{ family: 'Ó Súilleabháin', given: 'Aoife' }], issued: { 'date-parts': [[2023]] }, title: 'The Øresund crossing' }))).toBe('osuilleabhain2023oresund');
    expect(baseKey(source('a', { author: [{ literal: 'The Maritime Safety Board' }], title: 'Interim note' }))).toBe('maritimendinterim');
    expect(baseKey(source('a', { title: '2024: a year at sea', 'container-title': 'Harbour Ledger' }))).toBe('harbournd2024');
    expect(baseKey(source('a', { title: '' }))).toBe('sourcend');
  });

  it('are disambiguated in import order and do not depend on which sources are cited', () => {
    const sources = [
      source('s2', { author: [{ family: 'Okafor' }], issued: { 'date-parts': [[2024]] }, title: 'Forty tonnes seized' }, 2),
      source('s1', { author: [{ family: 'Okafor' }], issued: { 'date-parts': [[2024]] }, title: 'Forty tonnes seized again' }, 1),
      source('s3', { author: [{ family: 'Reyes' }], issued: { 'date-parts': [[2024]] }, title: 'Interview' }, 3),
    ];
    const keys = citationKeys(sources);
    expect(Object.fromEntries(keys)).toEqual({ s1: 'okafor2024fortya', s2: 'okafor2024fortyb', s3: 'reyes2024interview' });
    expect(citationKeys([...sources].reverse())).toEqual(keys);
  });
});
