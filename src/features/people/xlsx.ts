// Reading and writing the roster workbook. Cell values come back as plain trimmed text.
import ExcelJS from 'exceljs';
import { AppError } from '../../server/errors';
import { matchHeaders, missingFields, type RosterField, rosterFields, rosterHeaders } from './roster';

export interface SheetRows {
  rows: { row: number; cells: Record<RosterField, string> }[];
}

function cellText(cell: ExcelJS.Cell): string {
  const v = cell.value;
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : String(v);
  if (typeof v === 'string') return v.trim();
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  // A formula's result, which may itself be an error such as #N/A: then the error's text.
  if (typeof v === 'object' && 'result' in v) {
    const result = v.result as unknown;
    if (result && typeof result === 'object' && 'error' in result)
      return String((result as { error: unknown }).error);
    return String(result ?? '').trim();
  }
  if (typeof v === 'object' && 'error' in v) return String(v.error);
  return (cell.text ?? '').trim();
}

const zipMagic = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

/** Reads the first sheet that has a roster header within its first 10 rows. */
export async function readRoster(buffer: Buffer): Promise<SheetRows> {
  if (buffer.length < 4 || !buffer.subarray(0, 4).equals(zipMagic)) throw new AppError('ROSTER_NOT_XLSX');
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  } catch {
    throw new AppError('ROSTER_NOT_XLSX');
  }
  let best: { sheet: ExcelJS.Worksheet; headerRow: number; columns: Map<RosterField, number> } | null = null;
  for (const sheet of workbook.worksheets) {
    for (let r = 1; r <= Math.min(10, sheet.rowCount); r++) {
      const row = sheet.getRow(r);
      const headers: string[] = [];
      for (let c = 1; c <= row.cellCount; c++) headers[c - 1] = cellText(row.getCell(c));
      const columns = matchHeaders(headers);
      if (columns.size >= 3 && (!best || columns.size > best.columns.size))
        best = { sheet, headerRow: r, columns };
    }
    if (best) break;
  }
  if (!best) {
    const hasAnything = workbook.worksheets.some((s) => s.actualRowCount > 0);
    if (!hasAnything) throw new AppError('ROSTER_EMPTY');
    throw new AppError('ROSTER_MISSING_COLUMNS', { columns: Object.values(rosterHeaders).join('、') });
  }
  const missing = missingFields(best.columns);
  if (missing.length) {
    throw new AppError('ROSTER_MISSING_COLUMNS', {
      columns: missing.map((f) => rosterHeaders[f]).join('、'),
    });
  }
  const rows: SheetRows['rows'] = [];
  for (let r = best.headerRow + 1; r <= best.sheet.rowCount; r++) {
    const row = best.sheet.getRow(r);
    const cells = {} as Record<RosterField, string>;
    let any = false;
    for (const field of rosterFields) {
      const index = best.columns.get(field);
      const text = index === undefined ? '' : cellText(row.getCell(index + 1));
      cells[field] = text;
      if (text) any = true;
    }
    if (any) rows.push({ row: r, cells });
  }
  if (rows.length === 0) throw new AppError('ROSTER_EMPTY');
  return { rows };
}

export async function writeRoster(rows: Record<RosterField, string>[], sheetName: string): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Kehou';
  const sheet = workbook.addWorksheet(sheetName);
  sheet.columns = rosterFields.map((field) => ({
    header: rosterHeaders[field],
    key: field,
    width: field === 'phone' || field === 'studentNo' ? 16 : 10,
    style: { numFmt: '@' },
  }));
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
