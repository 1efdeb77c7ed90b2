import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { scheduleCsv, scheduleXlsx, XLSX_CELL_LIMIT, type ScheduleRow } from '../../../main/export/schedule';
import { parseCsv } from '../../../main/export/verify';

const row = (sender: string): ScheduleRow => ({
  reference: 'INQ000000001',
  page: '1',
  bundlePage: 3,
  custodian: 'Fiona Laird',
  conversation: 'Covid Core Group',
  sent: 'Mon 2 Mar 2020 09:13 GMT',
  sender,
  classification: 'business',
  outcome: 'disclose',
  redactionReasons: '',
  messageId: 7,
});

describe('the schedule and a value longer than a spreadsheet cell', () => {
  // A sender label from a case made before labels were capped at import.
  const long = `${'Priya Nair '.repeat(4000)}👍end`;

  it('cuts the XLSX cell to 32,767 characters with a marker saying so, and the CSV keeps the whole value', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await scheduleXlsx([row(long), row('Tom')], 'Schedule', new Date(0))) as unknown as ArrayBuffer);
    const cell = workbook.getWorksheet('Schedule')?.getRow(2).getCell(7).text ?? '';
    expect(cell.length).toBeLessThanOrEqual(XLSX_CELL_LIMIT);
    expect(cell.startsWith('Priya Nair Priya Nair')).toBe(true);
    expect(cell.endsWith(`[cut: ${long.length.toLocaleString('en-GB')} characters in all; schedule.csv holds the full text]`)).toBe(true);
    expect(workbook.getWorksheet('Schedule')?.getRow(3).getCell(7).value).toBe('Tom');
    expect(parseCsv(scheduleCsv([row(long)]))[1]?.[6]).toBe(long);
  });
});
