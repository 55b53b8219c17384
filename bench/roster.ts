// A roster workbook (花名册) as a school would upload it: every row new to the generated school,
// spread over grades 1–6 and classes 1–12, so the import creates students, guardians, accounts and
// the classes the school lacks.
import ExcelJS from 'exceljs';

const surnames = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗'.split('');
const given = '子涵欣怡梓轩浩然雨萱一诺宇思琪俊杰嘉晨曦佳博文静'.split('');

export async function rosterWorkbook(rows: number): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('花名册');
  sheet.addRow(['年级', '班级', '姓名', '性别', '学号', '家长姓名', '关系', '手机号']);
  for (let i = 0; i < rows; i++) {
    const surname = surnames[i % surnames.length]!;
    const name = surname + given[(i * 7) % given.length]! + given[(i * 13) % given.length]!;
    const father = i % 3 !== 0;
    sheet.addRow([
      (i % 6) + 1,
      (Math.floor(i / 6) % 12) + 1,
      name,
      i % 2 ? '男' : '女',
      // The generated school numbers its students with digits only; a letter keeps these apart.
      `B${String(i + 1).padStart(5, '0')}`,
      `${surname}${given[(i * 11) % given.length]}${given[(i * 5) % given.length]}`,
      father ? '父亲' : '母亲',
      `15${String(i + 1).padStart(9, '0')}`,
    ]);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
