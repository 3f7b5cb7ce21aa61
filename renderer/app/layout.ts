/**
 * The workspace layout of each case — where the splitter sits and which right-hand tab is in front —
 * remembered per case on this device (localStorage: it is how one person arranges their screen, not
 * part of the case, and never synced). A case opened for the first time starts from the last layout used.
 * The source last shown is part of the case itself (`CaseRecord.activeSourceId`), and so is the note.
 */
export interface CaseLayout {
  /** The reader's share of the width, in percent (25–75). */
  split: number;
  /** The pane in front on the right. */
  tab: string;
}

export const DEFAULT_LAYOUT: CaseLayout = { split: 55, tab: 'brief' };
export const MIN_SPLIT = 25;
export const MAX_SPLIT = 75;

const LAST_KEY = 'casefile.layout';
const caseKey = (caseId: string) => `casefile.layout.${caseId}`;

export function clampSplit(value: number): number {
  return Math.min(MAX_SPLIT, Math.max(MIN_SPLIT, Math.round(value * 10) / 10));
}

function parse(raw: string | null): Partial<CaseLayout> {
  try {
    const value = JSON.parse(raw ?? 'null') as Partial<CaseLayout> | null;
    return {
      ...(typeof value?.split === 'number' && Number.isFinite(value.split) ? { split: clampSplit(value.split) } : {}),
      ...(typeof value?.tab === 'string' && value.tab ? { tab: value.tab } : {}),
    };
  } catch {
    return {};
  }
}

export function loadLayout(caseId: string): CaseLayout {
  try {
    return { ...DEFAULT_LAYOUT, ...parse(localStorage.getItem(LAST_KEY)), ...parse(localStorage.getItem(caseKey(caseId))) };
  } catch {
    return DEFAULT_LAYOUT;
  }
}

export function saveLayout(caseId: string, layout: CaseLayout): void {
  try {
    const text = JSON.stringify(layout);
    localStorage.setItem(caseKey(caseId), text);
    localStorage.setItem(LAST_KEY, text);
  } catch {
    // Storage refused (private mode): the layout lasts until the page closes.
  }
}
