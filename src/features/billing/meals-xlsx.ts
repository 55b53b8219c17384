// A month's meal bills as an Excel workbook (FEE-7; finance lists export to xlsx).
import ExcelJS from 'exceljs';
import type { MealBillView } from './meals-contract';
import { formatYuan } from './money';

export async function writeMealBills(month: string, bills: readonly MealBillView[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Kehou';
  const sheet = workbook.addWorksheet(`伙食费 ${month}`);
  sheet.columns = [
    { header: '账单号', key: 'billNo', width: 16 },
    { header: '年级', key: 'grade', width: 6 },
    { header: '班级', key: 'classNo', width: 6 },
    { header: '学号', key: 'studentNo', width: 16, style: { numFmt: '@' } },
    { header: '姓名', key: 'name', width: 10 },
    { header: '餐数', key: 'meals', width: 6 },
    { header: '单价（元）', key: 'price', width: 10 },
    { header: '金额（元）', key: 'amount', width: 10 },
    { header: '更正（元）', key: 'correction', width: 10 },
    { header: '应缴（元）', key: 'total', width: 10 },
    { header: '缴费截止', key: 'dueOn', width: 12 },
  ];
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  for (const b of bills)
    sheet.addRow({
      billNo: b.billNo,
      grade: b.grade,
      classNo: b.classNo,
      studentNo: b.studentNo,
      name: b.studentName,
      meals: b.meals,
      price: formatYuan(b.priceFen),
      amount: formatYuan(b.amountFen),
      correction: formatYuan(b.totalFen - b.amountFen),
      total: formatYuan(b.totalFen),
      dueOn: b.dueOn,
    });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
