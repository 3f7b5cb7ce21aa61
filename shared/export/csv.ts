/**
 * The claims table as CSV, for spreadsheets.
 *
 * RFC 4180: CRLF line ends, every field quoted when it holds a comma, quote,
 * CR or LF, quotes doubled. CSV-injection safety (the OWASP guidance): a cell
 * whose first non-blank character is `=`, `+`, `-` or `@` gets a leading `'`,
 * so Excel, LibreOffice and Sheets show the text instead of evaluating it as a
 * formula. "Non-blank" skips every kind of space, tab, CR/LF and the invisible
 * zero-width characters, because spreadsheets trim some of them before they
 * read a formula; the character is compared after NFKC folding, so the
 * fullwidth and small forms (＝ ＋ － ＠, ﹦ …) count too. A cell that starts
 * with a tab or CR is guarded whatever follows. Counts are written by us and
 * stay plain numbers.
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
  const safe = startsLikeFormula(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Spaces of every kind, line ends, and the zero-width characters a spreadsheet may drop. */
const LEADING_BLANKS = /^[\s\u200b-\u200d\u2060\ufeff]*/u;
const FORMULA_STARTS = new Set(['=', '+', '-', '@']);

/** Whether a spreadsheet could read the cell as a formula (see the module comment). */
export function startsLikeFormula(value: string): boolean {
  if (/^[\t\r]/.test(value)) return true;
  const first = value.slice(LEADING_BLANKS.exec(value)![0].length).codePointAt(0);
  return first !== undefined && FORMULA_STARTS.has(String.fromCodePoint(first).normalize('NFKC'));
}
