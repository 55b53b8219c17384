// One-sheet Excel exports of the settlement's lines and of refunds (architecture: list pages export
// to Excel). Money columns hold yuan as numbers with two decimals, converted from fen here only.
import ExcelJS from 'exceljs';

export interface Column {
  header: string;
  width: number;
  values: (string | number | null)[];
  /** Fen shown as yuan (0.00). */
  money?: boolean;
  /** Kept as text (student numbers with leading zeros). */
  text?: boolean;
}

export async function writeSheet(name: string, columns: Column[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Kehou';
  const sheet = workbook.addWorksheet(name);
  sheet.columns = columns.map((c, i) => ({
    header: c.header,
    key: `c${i}`,
    width: c.width,
    style: c.money ? { numFmt: '0.00' } : c.text ? { numFmt: '@' } : {},
  }));
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  const rows = Math.max(0, ...columns.map((c) => c.values.length));
  for (let r = 0; r < rows; r++) {
    const row: Record<string, string | number | null> = {};
    columns.forEach((c, i) => {
      const v = c.values[r] ?? null;
      row[`c${i}`] = c.money && typeof v === 'number' ? v / 100 : v;
    });
    sheet.addRow(row);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
