import { createContext, useContext } from 'react';
import type { ClaimRecord, FigureRecord, PassageRecord, SourceRecord, TagRecord } from '../../shared/domain/types';
import { t } from '../i18n';

/**
 * The case records the brief's plugins look up by ID: citations resolve their
 * passage and source, claim marks their claim's status, the typeahead searches
 * passages and claims. Provided by the brief pane from live queries, so every
 * plugin sees the same, current records.
 */
export interface BriefData {
  caseId: string;
  passages: readonly PassageRecord[];
  sources: readonly SourceRecord[];
  claims: readonly ClaimRecord[];
  tags: readonly TagRecord[];
  passagesById: ReadonlyMap<string, PassageRecord>;
  sourcesById: ReadonlyMap<string, SourceRecord>;
  claimsById: ReadonlyMap<string, ClaimRecord>;
  tagsById: ReadonlyMap<string, TagRecord>;
  /** Pictures of the brief's figure nodes (evidence maps), by ID. */
  figuresById: ReadonlyMap<string, FigureRecord>;
}

export function buildBriefData(
  caseId: string,
  records: { passages?: readonly PassageRecord[]; sources?: readonly SourceRecord[]; claims?: readonly ClaimRecord[]; tags?: readonly TagRecord[]; figures?: readonly FigureRecord[] },
): BriefData {
  const passages = records.passages ?? [];
  const sources = records.sources ?? [];
  const claims = records.claims ?? [];
  const tags = records.tags ?? [];
  return {
    caseId,
    passages,
    sources,
    claims,
    tags,
    passagesById: new Map(passages.map((p) => [p.id, p])),
    sourcesById: new Map(sources.map((s) => [s.id, s])),
    claimsById: new Map(claims.map((c) => [c.id, c])),
    tagsById: new Map(tags.map((t) => [t.id, t])),
    figuresById: new Map((records.figures ?? []).map((f) => [f.id, f])),
  };
}

export const BriefDataContext = createContext<BriefData | null>(null);

export function useBriefData(): BriefData {
  const data = useContext(BriefDataContext);
  if (!data) throw new Error('The brief editor needs the case records (BriefDataContext) around it.');
  return data;
}

/** A source's display title. */
export const sourceTitle = (source: SourceRecord | undefined) => source?.metadata.title?.trim() || source?.fileName || t('passage.unknownSource');

/** Why a citation cannot be followed, or null when its passage is sound. */
export function citationTrouble(data: BriefData, passageId: string): 'deleted' | 'orphaned' | null {
  const passage = data.passagesById.get(passageId);
  if (!passage || !data.sourcesById.has(passage.sourceId)) return 'deleted';
  return passage.anchor === 'orphaned' ? 'orphaned' : null;
}
