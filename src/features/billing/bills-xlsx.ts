// The finance lists as Excel workbooks (architecture: every list page exports where staff want it):
// bills and arrears, and payments. Amounts are written as yuan numbers with two decimals.
import ExcelJS from 'exceljs';
import type { Locale } from '../../server/errors';
import type { BillRow, PaymentView } from './bills-contract';
import { labelOf, methodLabels, streamLabels } from './bills-rules';
import type { Stream } from './rules';

const yuan = (fen: number) => fen / 100;
const money = { numFmt: '0.00' };

async function book(
  sheetName: string,
  columns: { zh: string; en: string; key: string; width: number; money?: boolean; text?: boolean }[],
  rows: Record<string, unknown>[],
  locale: Locale,
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Kehou';
  const sheet = workbook.addWorksheet(sheetName);
  sheet.columns = columns.map((c) => ({
    header: locale === 'en' ? c.en : c.zh,
    key: c.key,
    width: c.width,
    style: c.money ? money : c.text ? { numFmt: '@' } : {},
  }));
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export function writeBillsSheet(rows: BillRow[], stream: Stream, locale: Locale): Promise<Buffer> {
  return book(
    labelOf(streamLabels, stream, locale).slice(0, 31),
    [
      { zh: '班级', en: 'Class', key: 'classLabel', width: 12 },
      { zh: '学号', en: 'Student no.', key: 'studentNo', width: 16, text: true },
      { zh: '姓名', en: 'Name', key: 'name', width: 10 },
      { zh: '账单号', en: 'Bill no.', key: 'billNo', width: 16 },
      { zh: '应收', en: 'Charged', key: 'charged', width: 10, money: true },
      { zh: '减免', en: 'Waived', key: 'waived', width: 10, money: true },
      { zh: '结算退减', en: 'Credited', key: 'credited', width: 10, money: true },
      { zh: '伙食费', en: 'Meals', key: 'meal', width: 10, money: true },
      { zh: '已缴', en: 'Paid', key: 'paid', width: 10, money: true },
      { zh: '余额（正为欠费）', en: 'Balance (+ owed)', key: 'balance', width: 14, money: true },
    ],
    rows.map((r) => ({
      classLabel: r.student.classLabel,
      studentNo: r.student.studentNo,
      name: r.student.name,
      billNo: r.billNo ?? '',
      charged: yuan(r.chargedFen),
      waived: yuan(r.waivedFen),
      credited: yuan(r.creditedFen),
      meal: yuan(r.mealFen),
      paid: yuan(r.paidFen),
      balance: yuan(r.balanceFen),
    })),
    locale,
  );
}

export function writePaymentsSheet(rows: PaymentView[], locale: Locale): Promise<Buffer> {
  return book(
    locale === 'en' ? 'Payments' : '收款',
    [
      { zh: '收据号', en: 'Receipt no.', key: 'receiptNo', width: 16 },
      { zh: '收款时间', en: 'Received at', key: 'receivedAt', width: 22 },
      { zh: '班级', en: 'Class', key: 'classLabel', width: 12 },
      { zh: '姓名', en: 'Name', key: 'studentName', width: 10 },
      { zh: '类别', en: 'Stream', key: 'stream', width: 12 },
      { zh: '方式', en: 'Method', key: 'method', width: 10 },
      { zh: '金额', en: 'Amount', key: 'amount', width: 10, money: true },
      { zh: '流水号', en: 'Reference', key: 'reference', width: 22, text: true },
      { zh: '经办人', en: 'Recorded by', key: 'recordedBy', width: 12 },
      { zh: '备注', en: 'Note', key: 'note', width: 20 },
    ],
    rows.map((p) => ({
      receiptNo: p.receiptNo,
      receivedAt: p.receivedAt,
      classLabel: p.classLabel,
      studentName: p.studentName,
      stream: labelOf(streamLabels, p.stream, locale),
      method: labelOf(methodLabels, p.method, locale),
      amount: yuan(p.amountFen),
      reference: p.reference ?? '',
      recordedBy: p.recordedBy ?? (locale === 'en' ? 'provider notification' : '线上支付通知'),
      note: p.note,
    })),
    locale,
  );
}
