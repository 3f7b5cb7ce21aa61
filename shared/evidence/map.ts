/**
 * The evidence map: which source bears on which claim, and how.
 *
 * A claims × sources matrix whose cells count the passages of a source that
 * support, contradict or give context to a claim, plus the two warnings a
 * fact-checker looks for first:
 * - **single source**: every supporting passage comes from one source;
 * - **not independent**: the support comes from several sources, but they
 *   share an outlet (container title, publisher or web host) or an author,
 *   so they are one voice repeated (three syndicated copies of one wire story).
 *
 * `shared/claims` counts independent sources as distinct sources with a
 * supporting passage; this refines that count by grouping sources that share
 * an outlet or author, and the map shows both.
 */
import type { ClaimRecord, ClaimStatus, PassageRecord, SourceRecord, Stance } from '../domain/types';
import { englishText } from '../i18n';

export type MapFlag = 'none' | 'no-support' | 'single-source' | 'not-independent';

export interface MapCell {
  claimId: string;
  sourceId: string;
  supports: number;
  contradicts: number;
  context: number;
  /** The evidence passages, in the claim's order. */
  passageIds: string[];
  /** What the cell shows: contradiction wins over support, support over context. */
  stance: Stance;
}

export interface MapClaim {
  id: string;
  statement: string;
  claimant: string;
  status: ClaimStatus;
  /** Distinct sources with a supporting passage. */
  supportingSources: number;
  /** Groups of supporting sources that share no outlet or author. */
  independentGroups: number;
  flag: MapFlag;
}

export interface MapSource {
  id: string;
  title: string;
  /** The outlet it is grouped by, when known. */
  outlet: string;
}

export interface EvidenceMap {
  claims: MapClaim[];
  /** Sources that bear on at least one claim, in the case's order. */
  sources: MapSource[];
  cells: MapCell[];
}

export interface EvidenceMapInput {
  claims: readonly ClaimRecord[];
  passages: readonly Pick<PassageRecord, 'id' | 'sourceId'>[];
  sources: readonly Pick<SourceRecord, 'id' | 'metadata' | 'order'>[];
  /** What a source without a title is called, in the UI's language (the caller chooses it; the catalogue's English without it). */
  untitledSource?: string;
}

/** Build the map. Evidence whose passage or source is gone is left out. */
export function buildEvidenceMap(input: EvidenceMapInput): EvidenceMap {
  const passageSource = new Map(input.passages.map((p) => [p.id, p.sourceId]));
  const sourcesById = new Map(input.sources.map((s) => [s.id, s]));
  const cells = new Map<string, MapCell>();
  const used = new Set<string>();
  const claims: MapClaim[] = [];
  for (const claim of input.claims) {
    const supporting = new Set<string>();
    for (const item of claim.evidence) {
      const sourceId = passageSource.get(item.passageId);
      if (sourceId === undefined || !sourcesById.has(sourceId)) continue;
      const key = `${claim.id}\u0000${sourceId}`;
      let cell = cells.get(key);
      if (!cell) cells.set(key, (cell = { claimId: claim.id, sourceId, supports: 0, contradicts: 0, context: 0, passageIds: [], stance: 'context' }));
      cell[item.stance] += 1;
      cell.passageIds.push(item.passageId);
      cell.stance = cell.contradicts > 0 ? 'contradicts' : cell.supports > 0 ? 'supports' : 'context';
      used.add(sourceId);
      if (item.stance === 'supports') supporting.add(sourceId);
    }
    const groups = independentGroups([...supporting].map((id) => sourcesById.get(id)!));
    claims.push({
      id: claim.id,
      statement: claim.statement,
      claimant: claim.claimant,
      status: claim.status,
      supportingSources: supporting.size,
      independentGroups: groups,
      flag: supporting.size === 0 ? 'no-support' : supporting.size === 1 ? 'single-source' : groups === 1 ? 'not-independent' : 'none',
    });
  }
  const untitled = input.untitledSource || englishText({ key: 'evidenceMap.untitledSource' });
  const sources = input.sources
    .filter((s) => used.has(s.id))
    .sort((a, b) => a.order - b.order)
    .map((s) => ({ id: s.id, title: s.metadata.title || untitled, outlet: outletOf(s) }));
  return { claims, sources, cells: [...cells.values()] };
}

/** The outlet a source speaks for: its container title, else its publisher, else its web host. */
export function outletOf(source: Pick<SourceRecord, 'metadata'>): string {
  const { metadata } = source;
  const named = metadata['container-title'] ?? metadata.publisher;
  if (named && named.trim() !== '') return named.trim();
  if (metadata.URL) {
    try {
      return new URL(metadata.URL).hostname.replace(/^www\./, '');
    } catch {
      return '';
    }
  }
  return '';
}

function fold(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/gu, ' ').trim();
}

/** Keys that tie sources together: their outlet, their web host, each author. */
function ties(source: Pick<SourceRecord, 'metadata'>): string[] {
  const out: string[] = [];
  const outlet = fold(outletOf(source));
  if (outlet) out.push(`outlet:${outlet}`);
  if (source.metadata.URL) {
    try {
      out.push(`host:${new URL(source.metadata.URL).hostname.replace(/^www\./, '')}`);
    } catch {
      // not a URL: no tie
    }
  }
  for (const author of source.metadata.author ?? []) {
    const name = fold(author.literal ?? [author.given, author.family].filter(Boolean).join(' '));
    if (name) out.push(`author:${name}`);
  }
  return out;
}

/**
 * How many independent groups a set of sources forms: sources that share an
 * outlet, a web host or an author (directly or through another source) are
 * one group.
 */
export function independentGroups(sources: readonly Pick<SourceRecord, 'metadata'>[]): number {
  const parent = sources.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  const owner = new Map<string, number>();
  sources.forEach((source, i) => {
    for (const tie of ties(source)) {
      const j = owner.get(tie);
      if (j === undefined) owner.set(tie, i);
      else parent[find(i)] = find(j);
    }
  });
  return new Set(sources.map((_, i) => find(i))).size;
}

/** Words for a flag, as the map and its exports show them. */
export function flagLabel(flag: MapFlag): string {
  switch (flag) {
    case 'no-support':
      return 'No supporting source';
    case 'single-source':
      return 'Rests on one source';
    case 'not-independent':
      return 'Sources not independent';
    case 'none':
      return 'Independently supported';
  }
}
