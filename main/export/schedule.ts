/**
 * The schedule beside the PDF: one row per produced item — where it is (reference, page within the
 * reference, bundle page) and what was decided. CSV always (RFC 4180, formula-like cells neutralised:
 * a sender named "=HYPERLINK(…)" must not run in the spreadsheet that opens it); XLSX when asked.
 *
 * A spreadsheet cell holds at most 32,767 characters (Excel's limit; a longer one makes the file
 * unreadable to it). A longer XLSX value is cut to fit and ends with a marker saying how long it was
 * and that schedule.csv holds it whole; the CSV always holds every value in full (docs/export-memory.md).
 *
 * The XLSX carries fixed creation and modification dates from the case state, but the zip container
 * exceljs writes stamps each entry with the current time, so XLSX bytes differ between otherwise
 * identical exports. The PDF and the CSV are byte-identical; the manifest records each file's hash.
 */
import ExcelJS from 'exceljs';
import { csvDocument } from '../search/csv';

export interface ScheduleRow {
  readonly reference: string;
  /** Page within the reference: "3", or "3–4" when a message runs over a page break. */
  readonly page: string;
  readonly bundlePage: number;
  readonly custodian: string;
  readonly conversation: string;
  readonly sent: string;
  readonly sender: string;
  readonly classification: string;
  readonly outcome: string;
  readonly redactionReasons: string;
  readonly messageId: number;
}

export const SCHEDULE_HEADER = [
  'Reference',
  'Page',
  'Bundle page',
  'Custodian',
  'Conversation',
  'Sent',
  'Sender',
  'Classification',
  'Outcome',
  'Redaction reasons',
  'Message id',
] as const;

const cells = (r: ScheduleRow): (string | number)[] => [
  r.reference,
  r.page,
  r.bundlePage,
  r.custodian,
  r.conversation,
  r.sent,
  r.sender,
  r.classification,
  r.outcome,
  r.redactionReasons,
  r.messageId,
];

export const scheduleCsv = (rows: readonly ScheduleRow[]): string => csvDocument([[...SCHEDULE_HEADER], ...rows.map(cells)]);

/** Cells a spreadsheet would evaluate are stored as text with the same apostrophe the CSV uses. */
const FORMULA_START = /^[=+\-@\t\r]/u;

/** Excel's limit on the characters (UTF-16 units) of one cell. */
export const XLSX_CELL_LIMIT = 32_767;

/** What ends a value cut to fit a cell. */
export const truncationMarker = (length: number): string =>
  ` … [cut: ${length.toLocaleString('en-GB')} characters in all; schedule.csv holds the full text]`;

/** A value as the XLSX stores it: formula-safe, and cut with a marker when longer than a cell holds. */
export function xlsxCell(value: string | number): string | number {
  if (typeof value !== 'string') return value;
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  if (safe.length <= XLSX_CELL_LIMIT) return safe;
  const marker = truncationMarker(value.length);
  let cut = XLSX_CELL_LIMIT - marker.length;
  // Never half a surrogate pair.
  const last = safe.charCodeAt(cut - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut--;
  return safe.slice(0, cut) + marker;
}

export async function scheduleXlsx(rows: readonly ScheduleRow[], title: string, date: Date): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Disclosure Desk';
  workbook.lastModifiedBy = 'Disclosure Desk';
  workbook.created = date;
  workbook.modified = date;
  workbook.title = title;
  const sheet = workbook.addWorksheet('Schedule', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.addRow([...SCHEDULE_HEADER]).font = { bold: true };
  for (const row of rows) sheet.addRow(cells(row).map(xlsxCell));
  sheet.columns.forEach((column, i) => {
    column.width = [14, 7, 8, 20, 30, 26, 20, 14, 18, 30, 10][i] ?? 12;
  });
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
