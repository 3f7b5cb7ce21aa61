import type { TFunction } from 'i18next';
import type { MapSvgLabels } from '../../../shared/evidence/layout';
import type { EvidenceMap, MapFlag } from '../../../shared/evidence/map';
import { STANCE_LABEL, translatedNames } from '../../lib/claimLabels';

/** Why a claim is marked on the map, in the UI's language. */
export const FLAG_LABEL = translatedNames<MapFlag>(['no-support', 'single-source', 'not-independent', 'none'], (flag) => `evidenceMap.flag.${flag}`);

/** How many of the map's claims carry each flag. */
export function flagCounts(map: EvidenceMap): Record<MapFlag, number> {
  const out: Record<MapFlag, number> = { none: 0, 'single-source': 0, 'not-independent': 0, 'no-support': 0 };
  for (const claim of map.claims) out[claim.flag]++;
  return out;
}

/** The map's one-line summary (the pane's status line). */
export function mapSummary(t: TFunction, map: EvidenceMap): string {
  const counts = flagCounts(map);
  return t('evidenceMap.summary', {
    claims: t('evidenceMap.claims', { count: map.claims.length }),
    single: counts['single-source'],
    notIndependent: counts['not-independent'],
    noSupport: counts['no-support'],
  });
}

/** One sentence saying what the map shows (an exported map's <desc>, an inserted figure's alt text). */
export function mapDescription(t: TFunction, map: EvidenceMap): string {
  const counts = flagCounts(map);
  return t('evidenceMap.description', {
    claims: t('evidenceMap.claims', { count: map.claims.length }),
    sources: t('evidenceMap.sources', { count: map.sources.length }),
    single: counts['single-source'],
    notIndependent: counts['not-independent'],
    noSupport: counts['no-support'],
  });
}

/** The words of an exported or inserted map, in the UI's language. */
export function mapSvgLabels(t: TFunction, map: EvidenceMap, caseName: string): MapSvgLabels {
  return {
    title: t('evidenceMap.svgTitle', { name: caseName }),
    description: mapDescription(t, map),
    stance: { supports: STANCE_LABEL.supports, contradicts: STANCE_LABEL.contradicts, context: STANCE_LABEL.context },
    flag: { 'single-source': FLAG_LABEL['single-source'], 'not-independent': FLAG_LABEL['not-independent'], 'no-support': FLAG_LABEL['no-support'] },
    cell: (c) => t('evidenceMap.cellEvidence', { stance: STANCE_LABEL[c.stance], supports: c.supports, contradicts: c.contradicts, inContext: c.context }),
  };
}
