/**
 * The chronology as the brief and spreadsheets take it: a table of date,
 * event and citation for "Insert chronology" (brief JSON, so the editor
 * parses exactly what the exports read), and CSV.
 */
import { citation, table, text, type SerializedElementJSON, type SerializedNodeJSON } from '../brief/build';
import { csvText } from '../export/csv';
import type { ChronologyRow } from './timeline';

export const CHRONOLOGY_HEADER = ['Date', 'Event', 'Citation'] as const;

/**
 * The table node for the brief: a header row, then one row per event. The
 * citation cell cites the event's passage (a numbered citation like any
 * other); an event found outside any passage names its source instead.
 */
export function chronologyTable(rows: readonly ChronologyRow[]): SerializedElementJSON {
  const body: SerializedNodeJSON[][][] = rows.map((row) => [[text(row.date)], [text(row.event)], [row.passageId ? citation(row.passageId) : text(row.source)]]);
  return table([CHRONOLOGY_HEADER.map((h) => [text(h)]), ...body], { header: true });
}

/** The chronology as CSV: ISO date first (sorts in any spreadsheet), then the date as written, precision, event, source, status. */
export function chronologyCsv(rows: readonly ChronologyRow[]): string {
  const header = ['ISO date', 'Date', 'Precision', 'Event', 'Source', 'Status'];
  const lines = [header.map(csvText), ...rows.map((r) => [csvText(r.iso), csvText(r.date), csvText(r.precision), csvText(r.event), csvText(r.source), csvText(r.status)])];
  return `${lines.map((cells) => cells.join(',')).join('\r\n')}\r\n`;
}
