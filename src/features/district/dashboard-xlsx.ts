// DIST-1 exports: the dashboard (one row per school, every figure) and a school's drill-down, as
// Excel workbooks. Amounts in yuan with two decimals; rates in percent.
import ExcelJS from 'exceljs';
import type { Locale } from '../../server/errors';
import { periodLabel } from '../billing/fund-labels';
import { kindLabel, severityLabel } from '../daily/incident-rules';
import type { DistrictDashboard, SchoolDashboard } from './dashboard-contract';

const yuan = (fen: number) => fen / 100;
const money = { numFmt: '0.00' };

const words = {
  'zh-CN': {
    sheet: '各校概览',
    date: '日期',
    school: '学校',
    code: '代码',
    term: '学期',
    students: '学生数',
    enrolled: '参加人数',
    participation: '参与率（%）',
    fivePlusTwo: '5+2 达标',
    yes: '是',
    no: '否',
    sessionDays: '服务场次',
    ratioMet: '师生比达标场次',
    ratioRate: '师生比达标率（%）',
    standards: '收费标准数',
    overCap: '超出限价',
    arrearsFamilies: '欠费户数',
    arrears: '欠费金额（元）',
    incidents: '安全事件',
    open: '未结',
    statement: '最近经费公示',
    income: '收入（元）',
    expenses: '支出（元）',
    closing: '结余（元）',
    grade: '年级',
    byGrade: '分年级',
    session: '时段',
    worst: '师生比未达标',
    present: '到场学生',
    staff: '到岗教职工',
    required: '应到教职工',
    fees: '收费标准',
    offering: '项目',
    fee: '收费（元）',
    withinCap: '不超限价',
    kind: '类别',
    severity: '程度',
    total: '合计',
  },
  en: {
    sheet: 'Schools',
    date: 'Date',
    school: 'School',
    code: 'Code',
    term: 'Term',
    students: 'Students',
    enrolled: 'Enrolled',
    participation: 'Participation (%)',
    fivePlusTwo: '5+2 met',
    yes: 'yes',
    no: 'no',
    sessionDays: 'Session-days',
    ratioMet: 'Ratio met',
    ratioRate: 'Ratio met (%)',
    standards: 'Fee standards',
    overCap: 'Over cap',
    arrearsFamilies: 'Families owing',
    arrears: 'Arrears (yuan)',
    incidents: 'Incidents',
    open: 'Open',
    statement: 'Latest fund statement',
    income: 'Income (yuan)',
    expenses: 'Expenses (yuan)',
    closing: 'Balance (yuan)',
    grade: 'Grade',
    byGrade: 'By grade',
    session: 'Session',
    worst: 'Ratio not met',
    present: 'Children present',
    staff: 'Staff present',
    required: 'Staff needed',
    fees: 'Fee standards',
    offering: 'Offering',
    fee: 'Fee (yuan)',
    withinCap: 'Within cap',
    kind: 'Kind',
    severity: 'Severity',
    total: 'Total',
  },
};

function header(sheet: ExcelJS.Worksheet, row: number) {
  sheet.getRow(row).font = { bold: true };
}

export async function dashboardWorkbook(d: DistrictDashboard, locale: Locale): Promise<Buffer> {
  const w = words[locale];
  const book = new ExcelJS.Workbook();
  book.creator = 'Kehou';
  const sheet = book.addWorksheet(w.sheet);
  const yesNo = (v: boolean | undefined) => (v === undefined ? '' : v ? w.yes : w.no);
  sheet.columns = [
    { header: w.code, key: 'code', width: 10 },
    { header: w.school, key: 'school', width: 20 },
    { header: w.term, key: 'term', width: 18 },
    { header: w.students, key: 'students', width: 10 },
    { header: w.enrolled, key: 'enrolled', width: 10 },
    { header: w.participation, key: 'participation', width: 12 },
    { header: w.fivePlusTwo, key: 'five', width: 10 },
    { header: w.sessionDays, key: 'sessionDays', width: 10 },
    { header: w.ratioMet, key: 'ratioMet', width: 12 },
    { header: w.ratioRate, key: 'ratioRate', width: 14 },
    { header: w.standards, key: 'standards', width: 10 },
    { header: w.overCap, key: 'overCap', width: 10 },
    { header: w.arrearsFamilies, key: 'arrearsFamilies', width: 10 },
    { header: w.arrears, key: 'arrears', width: 14, style: money },
    { header: w.incidents, key: 'incidents', width: 10 },
    { header: `${w.incidents} ${w.open}`, key: 'open', width: 10 },
    { header: w.statement, key: 'statement', width: 14 },
    { header: w.income, key: 'income', width: 14, style: money },
    { header: w.expenses, key: 'expenses', width: 14, style: money },
    { header: w.closing, key: 'closing', width: 14, style: money },
  ];
  header(sheet, 1);
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  for (const s of d.schools)
    sheet.addRow({
      code: s.schoolCode,
      school: s.schoolName,
      term: s.term?.name ?? '',
      students: s.participation.students,
      enrolled: s.participation.enrolled,
      participation: s.participation.rate,
      five: yesNo(s.fivePlusTwo?.compliant),
      sessionDays: s.staffRatio?.sessionDays,
      ratioMet: s.staffRatio?.metDays,
      ratioRate: s.staffRatio?.rate,
      standards: s.fees?.standards,
      overCap: s.fees?.overCap,
      arrearsFamilies: s.arrears?.families,
      arrears: s.arrears ? yuan(s.arrears.totalFen) : null,
      incidents: s.incidents?.total,
      open: s.incidents?.open,
      statement: s.statement ? periodLabel(s.statement.period, locale) : '',
      income: s.statement ? yuan(s.statement.incomeFen) : null,
      expenses: s.statement ? yuan(s.statement.expensesFen) : null,
      closing: s.statement ? yuan(s.statement.closingFen) : null,
    });
  const t = d.totals;
  sheet.addRow({
    school: w.total,
    students: t.participation.students,
    enrolled: t.participation.enrolled,
    participation: t.participation.rate,
    five: `${t.fivePlusTwoCompliant}/${t.schools}`,
    sessionDays: t.staffRatio.sessionDays,
    ratioMet: t.staffRatio.metDays,
    ratioRate: t.staffRatio.rate,
    overCap: t.feesOverCap,
    arrearsFamilies: t.arrears.families,
    arrears: yuan(t.arrears.totalFen),
    incidents: t.incidents.total,
    open: t.incidents.open,
  }).font = { bold: true };
  sheet.addRow([]);
  sheet.addRow([w.date, d.date]);
  return Buffer.from(await book.xlsx.writeBuffer());
}

export async function schoolDashboardWorkbook(d: SchoolDashboard, locale: Locale): Promise<Buffer> {
  const w = words[locale];
  const book = new ExcelJS.Workbook();
  book.creator = 'Kehou';
  const sheet = book.addWorksheet(d.school.name.slice(0, 31) || w.school);
  sheet.getColumn(1).width = 20;
  for (const c of [2, 3, 4, 5, 6]) sheet.getColumn(c).width = 14;
  sheet.addRow([`${d.school.name} ${d.term?.name ?? ''}`]).font = { bold: true, size: 14 };
  sheet.addRow([w.date, d.date]);
  const section = (title: string, cols: string[]) => {
    sheet.addRow([]);
    sheet.addRow([title]).font = { bold: true };
    sheet.addRow(cols).font = { bold: true };
  };
  section(w.byGrade, [w.grade, w.students, w.enrolled, w.participation]);
  for (const g of d.participation.byGrade) sheet.addRow([g.grade, g.students, g.enrolled, g.rate]);
  const p = d.participation;
  sheet.addRow([w.total, p.students, p.enrolled, p.rate]).font = { bold: true };

  section(w.fivePlusTwo, [w.fivePlusTwo]);
  sheet.addRow([d.fivePlusTwo ? (d.fivePlusTwo.compliant ? w.yes : w.no) : '']);

  section(w.session, [w.session, w.sessionDays, w.ratioMet, w.ratioRate]);
  for (const s of d.staffRatio.bySession) sheet.addRow([s.sessionName, s.sessionDays, s.metDays, s.rate]);
  const r = d.staffRatio;
  sheet.addRow([w.total, r.sessionDays, r.metDays, r.rate]).font = { bold: true };
  section(w.worst, [w.date, w.session, w.present, w.staff, w.required]);
  for (const x of r.worst)
    sheet.addRow([x.date, x.sessionName, x.studentsPresent, x.staffPresent, x.required]);

  section(w.fees, [w.offering, w.fee, w.withinCap]);
  for (const f of d.fees.items)
    if (f.feeFen !== null)
      sheet.addRow([f.name, yuan(f.feeFen), f.withinCap === null ? '' : f.withinCap ? w.yes : w.no]);

  section(w.arrears, [w.grade, w.arrearsFamilies, w.arrears]);
  for (const g of d.arrears.byGrade) sheet.addRow([g.grade, g.families, yuan(g.totalFen)]);
  sheet.addRow([w.total, d.arrears.families, yuan(d.arrears.totalFen)]).font = { bold: true };

  section(w.incidents, [w.kind, w.total, w.open]);
  for (const k of d.incidents.byKind) if (k.total) sheet.addRow([kindLabel(k.kind, locale), k.total, k.open]);
  section(w.severity, [w.severity, w.total, w.open]);
  for (const s of d.incidents.bySeverity) sheet.addRow([severityLabel(s.severity, locale), s.total, s.open]);

  section(w.statement, [w.statement, w.income, w.expenses, w.closing]);
  for (const s of d.statements)
    sheet.addRow([periodLabel(s.period, locale), yuan(s.incomeFen), yuan(s.expensesFen), yuan(s.closingFen)]);
  return Buffer.from(await book.xlsx.writeBuffer());
}
