// Exports of teacher pay: the school's pay sheet (one row per teacher) and the PAY-8 term records,
// as Excel workbooks. Amounts in yuan with two decimals, points with one.
import ExcelJS from 'exceljs';
import type { Locale } from '../../server/errors';
import type { PayRunView, TermRecordView } from './contract';

const yuan = (fen: number) => fen / 100;
const pts = (tenths: number) => tenths / 10;

const words = {
  'zh-CN': {
    sheet: '教师酬劳表',
    records: '教师课后服务档案',
    teacher: '教师',
    points: '工作量',
    process: '过程性奖励（元）',
    final: '终结性奖励（元）',
    total: '合计（元）',
    previous: '已发（元）',
    due: '本次应发（元）',
    eligible: '终结性奖励资格',
    yes: '有',
    noIncident: '无（失职或安全事故）',
    noScore: '无（无问卷得分）',
    score: '问卷得分',
    sessions: '服务次数',
    lates: '迟到',
    absences: '无故缺勤',
    incidents: '事故',
    pay: '酬劳（元）',
    fund: '经费（元）',
    version: '版本',
    status: { draft: '草稿', approved: '已审批', superseded: '已作废' },
    kind: { term: '学期核算', adjustment: '调整' },
    rounding:
      '分配规则：按比例精确到分，各人先舍去分以下部分，剩下的分按舍去部分从大到小逐一补给；相同时按教师编号先后。',
    outside:
      '校外人员：学校自聘的教练、退休教师参与分配，计入校外人员支出；机构人员（由机构预订费用支付）和家长义工（志愿服务）不参与教师酬劳分配。',
  },
  en: {
    sheet: 'Pay sheet',
    records: 'Term records',
    teacher: 'Teacher',
    points: 'Points',
    process: 'Process pool (yuan)',
    final: 'Final pool (yuan)',
    total: 'Total (yuan)',
    previous: 'Paid before (yuan)',
    due: 'Due now (yuan)',
    eligible: 'Final reward',
    yes: 'Yes',
    noIncident: 'No (dereliction or safety incident)',
    noScore: 'No (no survey score)',
    score: 'Survey score',
    sessions: 'Sessions',
    lates: 'Lates',
    absences: 'Unexcused absences',
    incidents: 'Incidents',
    pay: 'Pay (yuan)',
    fund: 'Fund (yuan)',
    version: 'Version',
    status: { draft: 'Draft', approved: 'Approved', superseded: 'Superseded' },
    kind: { term: 'Term', adjustment: 'Adjustment' },
    rounding:
      'Shares are rounded down to the fen; the fen left over go to the largest remainders, ties to the teacher whose id comes first.',
    outside:
      'Outside staff: coaches and retired teachers the school hires share the pools and are booked as outside-staff expenses; institution staff (paid through the institution’s booking) and volunteer parents (unpaid volunteers) are not in teacher pay.',
  },
} as const;

export async function paySheetWorkbook(run: PayRunView, locale: Locale): Promise<Buffer> {
  const w = words[locale];
  const book = new ExcelJS.Workbook();
  book.creator = 'Kehou';
  const sheet = book.addWorksheet(w.sheet);
  const money = { numFmt: '0.00' };
  sheet.columns = [
    { header: w.teacher, key: 'teacher', width: 14 },
    { header: w.points, key: 'points', width: 10, style: { numFmt: '0.0' } },
    { header: w.process, key: 'process', width: 16, style: money },
    { header: w.final, key: 'final', width: 16, style: money },
    { header: w.total, key: 'total', width: 14, style: money },
    { header: w.previous, key: 'previous', width: 14, style: money },
    { header: w.due, key: 'due', width: 14, style: money },
    { header: w.score, key: 'score', width: 10, style: money },
    { header: w.eligible, key: 'eligible', width: 28 },
  ];
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  for (const l of run.lines)
    sheet.addRow({
      teacher: l.userName,
      points: pts(l.pointsTenths),
      process: yuan(l.processFen),
      final: yuan(l.finalFen),
      total: yuan(l.totalFen),
      previous: yuan(l.previousFen),
      due: yuan(l.dueFen),
      score: l.surveyHundredths / 100,
      eligible: l.eligible ? w.yes : l.finalReason === 'incident' ? w.noIncident : w.noScore,
    });
  sheet.addRow([]);
  sheet.addRow([w.fund, yuan(run.fundFen)]);
  sheet.addRow([w.process, yuan(run.processFen)]);
  sheet.addRow([w.final, yuan(run.finalFen)]);
  sheet.addRow([w.version, `${run.version} ${w.kind[run.kind]} ${w.status[run.status]}`]);
  sheet.addRow([w.rounding]);
  sheet.addRow([w.outside]);
  return Buffer.from(await book.xlsx.writeBuffer());
}

export async function termRecordsWorkbook(record: TermRecordView, locale: Locale): Promise<Buffer> {
  const w = words[locale];
  const book = new ExcelJS.Workbook();
  book.creator = 'Kehou';
  const sheet = book.addWorksheet(w.records);
  sheet.columns = [
    { header: w.teacher, key: 'teacher', width: 14 },
    { header: w.sessions, key: 'sessions', width: 10 },
    { header: w.points, key: 'points', width: 10, style: { numFmt: '0.0' } },
    { header: w.lates, key: 'lates', width: 8 },
    { header: w.absences, key: 'absences', width: 10 },
    { header: w.incidents, key: 'incidents', width: 8 },
    { header: w.score, key: 'score', width: 10, style: { numFmt: '0.00' } },
    { header: w.pay, key: 'pay', width: 14, style: { numFmt: '0.00' } },
  ];
  sheet.getRow(1).font = { bold: true };
  for (const i of record.items)
    sheet.addRow({
      teacher: i.userName,
      sessions: i.sessions,
      points: pts(i.pointsTenths),
      lates: i.lates,
      absences: i.absences,
      incidents: i.incidents,
      score: i.surveyHundredths / 100,
      pay: yuan(i.totalFen),
    });
  return Buffer.from(await book.xlsx.writeBuffer());
}
