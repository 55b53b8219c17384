// FEE-9 exports: a published fund statement and a term's fund documents (the expense list) as
// Excel workbooks, for the district's audit. Amounts are written in yuan with two decimals.
import ExcelJS from 'exceljs';
import type { Locale } from '../../server/errors';
import type { FundDocumentView, PublishedStatement } from './fund-contract';
import { categoryLabel, periodLabel } from './fund-labels';

const yuan = (fen: number) => fen / 100;
const money = { numFmt: '0.00' };

const words = {
  'zh-CN': {
    title: '经费公示',
    school: '学校',
    term: '学期',
    period: '期间',
    version: '版本',
    published: '发布',
    item: '项目',
    amount: '金额（元）',
    opening: '期初结余',
    serviceReceived: '服务费收入',
    servicePaidBack: '退还家长',
    subsidy: '财政补助',
    otherIncome: '其他收入',
    incomeTotal: '收入合计',
    expensesTotal: '支出合计',
    net: '本期结余',
    closing: '期末结余',
    meals: '伙食费（单独核算）',
    mealsCollected: '收取',
    mealsPaidBack: '退还',
    mealsSpent: '支付',
    mealsClosing: '伙食费结余',
    docs: '收支登记',
    kind: '类型',
    category: '类别',
    date: '日期',
    voucher: '凭证号',
    counterparty: '收付款方',
    note: '备注',
    status: '状态',
    reversed: '已冲销',
    kinds: { subsidy: '财政补助', expense: '支出', other_income: '其他收入' },
  },
  en: {
    title: 'Fund statement',
    school: 'School',
    term: 'Term',
    period: 'Period',
    version: 'Version',
    published: 'Published',
    item: 'Item',
    amount: 'Amount (yuan)',
    opening: 'Opening balance',
    serviceReceived: 'Service fees received',
    servicePaidBack: 'Paid back to families',
    subsidy: 'Subsidy',
    otherIncome: 'Other income',
    incomeTotal: 'Total income',
    expensesTotal: 'Total expenses',
    net: 'Net for the period',
    closing: 'Closing balance',
    meals: 'Meals (kept apart)',
    mealsCollected: 'Collected',
    mealsPaidBack: 'Paid back',
    mealsSpent: 'Paid out',
    mealsClosing: 'Meals balance',
    docs: 'Fund records',
    kind: 'Kind',
    category: 'Category',
    date: 'Date',
    voucher: 'Voucher',
    counterparty: 'Payer / payee',
    note: 'Note',
    status: 'Status',
    reversed: 'Reversed',
    kinds: { subsidy: 'Subsidy', expense: 'Expense', other_income: 'Other income' },
  },
} as const;

export async function statementWorkbook(p: PublishedStatement, locale: Locale): Promise<Buffer> {
  const w = words[locale];
  const book = new ExcelJS.Workbook();
  book.creator = 'Kehou';
  const sheet = book.addWorksheet(w.title);
  sheet.columns = [
    { key: 'item', width: 28 },
    { key: 'amount', width: 16, style: money },
  ];
  const s = p.statement;
  sheet.addRow([`${p.school.name} ${w.title}`]).font = { bold: true, size: 14 };
  sheet.addRow([w.term, p.term.name]);
  sheet.addRow([w.period, periodLabel(p.period, locale)]);
  sheet.addRow([w.version, p.version]);
  sheet.addRow([w.published, `${p.publishedBy} ${p.publishedAt.slice(0, 10)}`]);
  sheet.addRow([]);
  sheet.addRow([w.item, w.amount]).font = { bold: true };
  const line = (label: string, fen: number) => sheet.addRow([label, yuan(fen)]);
  line(w.opening, s.openingFen);
  line(w.serviceReceived, s.income.serviceReceivedFen);
  line(w.servicePaidBack, s.income.servicePaidBackFen);
  line(w.subsidy, s.income.subsidyFen);
  line(w.otherIncome, s.income.otherIncomeFen);
  line(w.incomeTotal, s.income.totalFen).font = { bold: true };
  for (const c of s.expenses.byCategory) line(categoryLabel(c.category, locale), c.amountFen);
  line(w.expensesTotal, s.expenses.totalFen).font = { bold: true };
  line(w.net, s.netFen);
  line(w.closing, s.closingFen).font = { bold: true };
  sheet.addRow([]);
  sheet.addRow([w.meals]).font = { bold: true };
  line(w.mealsCollected, s.meals.collectedFen);
  line(w.mealsPaidBack, s.meals.paidBackFen);
  line(w.mealsSpent, s.meals.spentFen);
  line(w.mealsClosing, s.meals.closingFen);
  return Buffer.from(await book.xlsx.writeBuffer());
}

export async function documentsWorkbook(items: FundDocumentView[], locale: Locale): Promise<Buffer> {
  const w = words[locale];
  const book = new ExcelJS.Workbook();
  book.creator = 'Kehou';
  const sheet = book.addWorksheet(w.docs);
  sheet.columns = [
    { header: w.date, key: 'date', width: 12 },
    { header: w.kind, key: 'kind', width: 12 },
    { header: w.category, key: 'category', width: 20 },
    { header: w.amount, key: 'amount', width: 14, style: money },
    { header: w.voucher, key: 'voucher', width: 16, style: { numFmt: '@' } },
    { header: w.counterparty, key: 'counterparty', width: 20 },
    { header: w.note, key: 'note', width: 30 },
    { header: w.status, key: 'status', width: 24 },
  ];
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  for (const d of items)
    sheet.addRow({
      date: d.occurredOn,
      kind: w.kinds[d.kind],
      category: d.kind === 'expense' ? categoryLabel(d.category, locale) : '',
      amount: yuan(d.amountFen),
      voucher: d.voucherNo,
      counterparty: d.counterparty,
      note: d.note,
      status: d.reversal ? `${w.reversed}: ${d.reversal.reason}` : '',
    });
  return Buffer.from(await book.xlsx.writeBuffer());
}
