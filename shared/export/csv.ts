/**
 * The claims table as CSV, for spreadsheets.
 *
 * RFC 4180: CRLF line ends, every field quoted when it holds a comma, quote,
 * CR or LF, quotes doubled. CSV-injection safety: a cell that starts with
 * `=`, `+`, `-`, `@` (or a tab/CR, which some spreadsheets skip before
 * reading a formula) gets a leading `'`, so Excel, LibreOffice and Sheets
 * show the text instead of evaluating it as a formula. Counts are written by
 * us and stay plain numbers.
 */
import type { ClaimRow } from './model';

export const CLAIMS_CSV_HEADER = ['Claim', 'Claimant', 'Status', 'Supporting', 'Contradicting', 'Independent sources', 'Tags'] as const;

/** Render claim rows as a CSV document (with a header row), ending with CRLF. */
export function renderClaimsCsv(rows: readonly ClaimRow[]): string {
  const lines = [
    CLAIMS_CSV_HEADER.map(csvText),
    ...rows.map((row) => [
      csvText(row.statement),
      csvText(row.claimant),
      csvText(row.status),
      String(row.supports),
      String(row.contradicts),
      String(row.independentSources),
      csvText(row.tags.join('; ')),
    ]),
  ];
  return lines.map((cells) => cells.join(',')).join('\r\n') + '\r\n';
}

/** One text cell: neutralised against formula injection, then quoted per RFC 4180 when needed. */
export function csvText(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
