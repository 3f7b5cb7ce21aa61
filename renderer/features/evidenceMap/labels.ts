import type { MapFlag } from '../../../shared/evidence/map';
import { translatedNames } from '../../lib/claimLabels';

/** Why a claim is marked on the map, in the UI's language (the exported SVG keeps shared/evidence's English). */
export const FLAG_LABEL = translatedNames<MapFlag>(['no-support', 'single-source', 'not-independent', 'none'], (flag) => `evidenceMap.flag.${flag}`);
