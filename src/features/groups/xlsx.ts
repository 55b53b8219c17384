// The term's temporary classes as an Excel workbook (architecture: list pages export to Excel where
// staff want it): one sheet per offering, one row per current member, in class and seat order.
import ExcelJS from 'exceljs';

export interface ExportRow {
  offeringName: string;
  className: string;
  seatNo: number | null;
  grade: number;
  classNo: number;
  name: string;
  gender: string;
  studentNo: string;
}

const columns: { header: string; key: keyof ExportRow; width: number }[] = [
  { header: '临时班', key: 'className', width: 16 },
  { header: '座位', key: 'seatNo', width: 6 },
  { header: '年级', key: 'grade', width: 6 },
  { header: '班级', key: 'classNo', width: 6 },
  { header: '姓名', key: 'name', width: 10 },
  { header: '性别', key: 'gender', width: 6 },
  { header: '学号', key: 'studentNo', width: 16 },
];

/** Excel forbids some characters and more than 31 in a sheet name; names must also be unique. */
export function sheetName(name: string, taken: Set<string>): string {
  const base = name.replace(/[\\/?*[\]:]/g, ' ').slice(0, 28) || 'Sheet';
  let candidate = base;
  for (let n = 2; taken.has(candidate); n++) candidate = `${base}-${n}`;
  taken.add(candidate);
  return candidate;
}

export async function writeTempClasses(rows: ExportRow[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Kehou';
  const byOffering = new Map<string, ExportRow[]>();
  for (const row of rows) {
    const list = byOffering.get(row.offeringName) ?? [];
    list.push(row);
    byOffering.set(row.offeringName, list);
  }
  const taken = new Set<string>();
  if (byOffering.size === 0) byOffering.set('临时班', []);
  for (const [offering, list] of byOffering) {
    const sheet = workbook.addWorksheet(sheetName(offering, taken));
    sheet.columns = columns.map((c) => ({ ...c, style: c.key === 'studentNo' ? { numFmt: '@' } : {} }));
    sheet.getRow(1).font = { bold: true };
    sheet.views = [{ state: 'frozen', ySplit: 1 }];
    for (const row of list)
      sheet.addRow({ ...row, gender: row.gender === 'M' ? '男' : row.gender === 'F' ? '女' : row.gender });
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
