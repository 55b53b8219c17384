// Builds roster workbooks in memory for the import tests.
import ExcelJS from 'exceljs';

export interface SheetRow {
  grade: string;
  classNo: string;
  name: string;
  gender: string;
  studentNo: string;
  guardianName: string;
  relation: string;
  phone: string;
}

export const header = ['年级', '班级', '姓名', '性别', '学号', '家长姓名', '关系', '手机号'];

export async function rosterXlsx(rows: SheetRow[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('花名册');
  sheet.addRow(header);
  for (const r of rows) {
    sheet.addRow([r.grade, r.classNo, r.name, r.gender, r.studentNo, r.guardianName, r.relation, r.phone]);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Five new pupils of class 6-9; the phone numbers are unused in the demo data. */
export function newPupils(): SheetRow[] {
  const names = ['测试甲', '测试乙', '测试丙', '测试丁', '测试戊'];
  return names.map((name, i) => ({
    grade: '六年级',
    classNo: '9班',
    name,
    gender: i % 2 ? '女' : '男',
    studentNo: `E2E00${i + 1}`,
    guardianName: `${name.slice(0, 2)}家长`,
    relation: i % 2 ? '母亲' : '父亲',
    phone: `1770000100${i + 1}`,
  }));
}
