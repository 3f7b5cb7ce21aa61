import { describe, expect, it } from 'vitest';
import { buildEvidenceMap, independentGroups } from '../../../../shared/evidence/map';
import { renderMapSvg, graphLayout, matrixLayout } from '../../../../shared/evidence/layout';
import { claimOf, passageOf, sourceFrom } from '../viewsFixtures';

/** Three outlets: the Ledger twice (same outlet, so not independent), the Courant once. */
function mapCase() {
  const ledgerA = sourceFrom('src-ledger-a', 'two-source-a.txt', { 'container-title': 'Harbour Ledger' });
  const ledgerB = sourceFrom('src-ledger-b', 'ferry-inquiry.md', { 'container-title': 'Harbour Ledger' });
  const courant = sourceFrom('src-courant', 'two-source-b.txt', { 'container-title': 'Noordzee Courant', URL: 'https://courant.example/x' });
  const passages = [
    passageOf('p-a1', ledgerA, 'arrested three men at Port Velden'),
    passageOf('p-a2', ledgerA, 'the search followed a tip from Europol'),
    passageOf('p-b1', ledgerB, 'The fire broke out on the evening of 2 March 2024'),
    passageOf('p-c1', courant, 'Dutch prosecutors in Rotterdam said they were questioning a freight agent'),
    passageOf('p-c2', courant, 'Europol had shared the tip with the NCA'),
  ];
  const claims = [
    claimOf('c-single', 'Three men were arrested at Port Velden', [['p-a1', 'supports'], ['p-a2', 'context']]),
    claimOf('c-multi', 'Europol passed on the tip', [['p-a2', 'supports'], ['p-c2', 'supports']]),
    claimOf('c-dependent', 'The Ledger reported both stories', [['p-a1', 'supports'], ['p-b1', 'supports']]),
    claimOf('c-contested', 'A freight agent was questioned', [['p-c1', 'contradicts'], ['p-a1', 'context']]),
    claimOf('c-gone', 'Evidence was deleted', [['p-missing', 'supports']]),
  ];
  return { sources: [ledgerA, ledgerB, courant], passages, claims };
}

describe('evidence map', () => {
  it('marks exactly the claims that rest on one source, and those whose sources are not independent', () => {
    const map = buildEvidenceMap(mapCase());
    const flags = Object.fromEntries(map.claims.map((c) => [c.id, c.flag]));
    expect(flags).toEqual({ 'c-single': 'single-source', 'c-multi': 'none', 'c-dependent': 'not-independent', 'c-contested': 'no-support', 'c-gone': 'no-support' });
    expect(map.claims.filter((c) => c.flag === 'single-source').map((c) => c.id)).toEqual(['c-single']);
  });

  it('counts stances per claim and source; contradiction shows over support', () => {
    const map = buildEvidenceMap(mapCase());
    const cell = (claimId: string, sourceId: string) => map.cells.find((c) => c.claimId === claimId && c.sourceId === sourceId);
    expect(cell('c-single', 'src-ledger-a')).toMatchObject({ supports: 1, context: 1, contradicts: 0, stance: 'supports', passageIds: ['p-a1', 'p-a2'] });
    expect(cell('c-contested', 'src-courant')?.stance).toBe('contradicts');
    expect(map.sources.map((s) => s.id)).toEqual(['src-ledger-a', 'src-ledger-b', 'src-courant']);
  });

  it('names a source without a title with the word it is given (the UI’s language), the catalogue’s English without one', () => {
    const input = mapCase();
    const untitled = { ...input, sources: input.sources.map((s) => (s.id === 'src-courant' ? { ...s, metadata: { ...s.metadata, title: '' } } : s)) };
    expect(buildEvidenceMap({ ...untitled, untitledSource: 'Fuente sin título' }).sources.find((s) => s.id === 'src-courant')?.title).toBe('Fuente sin título');
    expect(buildEvidenceMap(untitled).sources.find((s) => s.id === 'src-courant')?.title).toBe('Untitled source');
  });

  it('groups sources that share an outlet, a web host or an author', () => {
    const meta = (m: object) => ({ metadata: { type: 'webpage' as const, title: 't', ...m } });
    expect(independentGroups([meta({ 'container-title': 'A' }), meta({ 'container-title': 'B' })])).toBe(2);
    expect(independentGroups([meta({ URL: 'https://www.wire.example/1' }), meta({ URL: 'https://wire.example/2' })])).toBe(1);
    expect(independentGroups([meta({ author: [{ family: 'Ruiz', given: 'Ana' }] }), meta({ author: [{ given: 'Ana', family: 'Ruiz' }], 'container-title': 'X' }), meta({})])).toBe(2);
  });

  it('lays out the matrix and graph and writes a valid, self-describing SVG', () => {
    const map = buildEvidenceMap(mapCase());
    const layout = matrixLayout(map);
    expect(layout.rowY.get('c-multi')! - layout.rowY.get('c-single')!).toBe(layout.cell);
    const graph = graphLayout(map);
    expect(graph.links.length).toBe(map.cells.length);
    expect(graph.links.every((l) => l.path.startsWith('M'))).toBe(true);
    const svg = renderMapSvg(map);
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    expect(svg).toContain('<desc id="map-desc">Evidence map of 5 claims and 3 sources: 1 rests on one source, 1 on sources that are not independent, 2 have no supporting source.</desc>');
    expect((svg.match(/<rect x="\d+(\.\d+)?" y="\d+(\.\d+)?" width="18"/g) ?? []).length).toBe(map.cells.length);
    // Well-formed: every opened element is closed.
    const opened = (svg.match(/<(?!\/)(?![^>]*\/>)[a-z]+/g) ?? []).length;
    const closed = (svg.match(/<\/[a-z]+>/g) ?? []).length;
    expect(opened).toBe(closed);
    expect(renderMapSvg({ ...map, claims: [{ ...map.claims[0]!, statement: '<script>&"' }] })).not.toContain('<script>');
  });
});
