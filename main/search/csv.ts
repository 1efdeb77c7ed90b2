/**
 * CSV as RFC 4180 writes it (CRLF rows; a field with a comma, quote or line break is quoted, quotes
 * doubled), with spreadsheet formula injection neutralised: a cell a spreadsheet would evaluate
 * (starting = + - @, or a tab or carriage return that can hide one) gets a leading apostrophe, so a
 * search term like `=HYPERLINK(…)` or `-holiday` is shown as text, never run. Pure.
 */

const FORMULA_START = /^[=+\-@\t\r]/u;

export function csvCell(value: string | number): string {
  let text = String(value);
  if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/u.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export const csvDocument = (rows: readonly (readonly (string | number)[])[]): string =>
  rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
