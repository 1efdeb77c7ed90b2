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

/**
 * The attachments schedule (attachments.csv, and the XLSX's second sheet): one row per attachment of a
 * produced message, with the SHA-256 of the original and of what the bundle produced from it, or why
 * nothing was produced. A withheld attachment's row names neither the file nor its hash.
 */
export interface AttachmentScheduleRow {
  readonly reference: string;
  /** Page within the reference the image (or the attachment's line) is on. */
  readonly page: number;
  readonly bundlePage: number;
  readonly messageId: number;
  readonly attachmentId: number;
  /** As printed: the file name, "[REDACTED: reason]" when the name is redacted, or the slip of a withheld one. */
  readonly name: string;
  /** Recognised from the content ("JPEG", "PDF"), or what the source said when the content is not in the case. */
  readonly type: string;
  /** Bytes of the original, empty when unknown or withheld. */
  readonly size: number | '';
  readonly originalSha256: string;
  /** The rendition's SHA-256, or "withheld", or "not produced: reason". */
  readonly producedSha256: string;
}

export const ATTACHMENT_SCHEDULE_FILE = 'attachments.csv';

export const ATTACHMENT_SCHEDULE_HEADER = [
  'Reference',
  'Page',
  'Bundle page',
  'Message id',
  'Attachment id',
  'Name',
  'Type',
  'Size (bytes)',
  'Original SHA-256',
  'Produced SHA-256',
] as const;

const attachmentCells = (r: AttachmentScheduleRow): (string | number)[] => [
  r.reference,
  r.page,
  r.bundlePage,
  r.messageId,
  r.attachmentId,
  r.name,
  r.type,
  r.size,
  r.originalSha256,
  r.producedSha256,
];

export const attachmentScheduleCsv = (rows: readonly AttachmentScheduleRow[]): string =>
  csvDocument([[...ATTACHMENT_SCHEDULE_HEADER], ...rows.map(attachmentCells)]);

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

export async function scheduleXlsx(
  rows: readonly ScheduleRow[],
  title: string,
  date: Date,
  attachments: readonly AttachmentScheduleRow[] = [],
): Promise<Uint8Array> {
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
  const attachmentSheet = workbook.addWorksheet('Attachments', { views: [{ state: 'frozen', ySplit: 1 }] });
  attachmentSheet.addRow([...ATTACHMENT_SCHEDULE_HEADER]).font = { bold: true };
  for (const row of attachments) attachmentSheet.addRow(attachmentCells(row).map(xlsxCell));
  attachmentSheet.columns.forEach((column, i) => {
    column.width = [14, 6, 8, 10, 10, 30, 14, 12, 66, 66][i] ?? 12;
  });
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
