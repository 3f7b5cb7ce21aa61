import { describe, expect, it } from 'vitest';
import { buildEntities, claimantEntity, filterEntities, resolveMerges } from '../../../../shared/entities/entities';
import { extractEntities, entityKey } from '../../../../shared/entities/extract';
import type { EntityMergeRecord } from '../../../../shared/domain/types';
import { fixtureText } from '../viewsFixtures';

/** The team-written two-source case: a customs raid reported by two outlets. */
function twoSources() {
  return ['two-source-a.txt', 'two-source-b.txt'].map((name, i) => {
    const text = fixtureText(name);
    return { sourceId: i === 0 ? 'src-a' : 'src-b', text, extracted: extractEntities(text) };
  });
}

const merge = (alias: string, into: string, id = 'm1'): EntityMergeRecord => ({ id, caseId: 'c', alias, into, createdAt: 1 });

describe('entities of the two-source case', () => {
  const sources = twoSources();

  it('finds its people, organisations and places with the right counts per source', () => {
    const entities = buildEntities({ sources, merges: [], tags: [], claims: [] });
    const table = Object.fromEntries(entities.map((e) => [`${e.kind}:${e.name}`, e.perSource]));
    expect(table).toEqual({
      'person:Mara Lindqvist': { 'src-a': 2, 'src-b': 1 },
      'person:Tomas Verhoeven': { 'src-b': 2 },
      'organization:National Crime Agency': { 'src-a': 2 },
      'organization:NCA': { 'src-a': 1, 'src-b': 2 },
      'organization:Europol': { 'src-a': 2, 'src-b': 1 },
      'place:Port Velden': { 'src-a': 2, 'src-b': 1 },
      'place:Rotterdam': { 'src-a': 1, 'src-b': 3 },
      'place:Karsby': { 'src-a': 1, 'src-b': 1 },
      'place:Hague': { 'src-a': 1 },
    });
    const lindqvist = entities.find((e) => e.name === 'Mara Lindqvist')!;
    // "Lindqvist said" counts for the one person of that surname, with exact offsets.
    const a = sources[0]!.text;
    expect(lindqvist.mentions.filter((m) => m.sourceId === 'src-a').map((m) => a.slice(m.start, m.end))).toEqual(['Mara Lindqvist', 'Lindqvist']);
    expect(lindqvist.coMentions.map((c) => c.key)).toContain(entityKey('organization', 'Europol'));
  });

  it('merges "NCA" into "National Crime Agency" and restores both when the merge is undone', () => {
    const nca = entityKey('organization', 'NCA');
    const agency = entityKey('organization', 'National Crime Agency');
    const merged = buildEntities({ sources, merges: [merge(nca, agency)], tags: [], claims: [] });
    const agencyEntity = merged.find((e) => e.key === agency)!;
    expect(agencyEntity.total).toBe(5);
    expect(agencyEntity.perSource).toEqual({ 'src-a': 3, 'src-b': 2 });
    expect(agencyEntity.aliases).toEqual([{ key: nca, name: 'NCA', mergeId: 'm1' }]);
    expect(merged.some((e) => e.key === nca)).toBe(false);
    const undone = buildEntities({ sources, merges: [], tags: [], claims: [] });
    expect(undone.find((e) => e.key === nca)?.total).toBe(3);
    expect(undone.find((e) => e.key === agency)?.total).toBe(2);
  });

  it('never loses an entity to a loop of merges', () => {
    const canonical = resolveMerges([merge('a', 'b'), merge('b', 'c'), merge('c', 'a')]);
    expect(canonical('a')).toBe('c');
    expect(canonical('c')).toBe('c');
  });

  it('links claimants to entities, through aliases and inside longer names', () => {
    const nca = entityKey('organization', 'NCA');
    const agency = entityKey('organization', 'National Crime Agency');
    const entities = buildEntities({
      sources,
      merges: [merge(nca, agency)],
      tags: [{ id: 't', caseId: 'c', passageId: 'p-1', entity: agency, name: 'National Crime Agency', kind: 'organization', createdAt: 1 }],
      claims: [
        { id: 'c1', claimant: 'NCA' },
        { id: 'c2', claimant: 'Detective Inspector Mara Lindqvist' },
        { id: 'c3', claimant: 'an anonymous official' },
      ],
    });
    expect(entities.find((e) => e.key === agency)).toMatchObject({ claimIds: ['c1'], passageIds: ['p-1'] });
    expect(entities.find((e) => e.name === 'Mara Lindqvist')?.claimIds).toEqual(['c2']);
    expect(claimantEntity('an anonymous official', entities)).toBeUndefined();
    expect(filterEntities(entities, ['place']).every((e) => e.kind === 'place')).toBe(true);
  });

  it('finds nothing in text without names', () => {
    expect(extractEntities('there are no names here, only words.').names).toEqual([]);
    expect(extractEntities('').runs).toEqual([]);
  });
});
