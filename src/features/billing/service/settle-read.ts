// Reading settlements (FEE-5, FEE-11): a term's months and their settlements, a settlement's lines
// with their reasons in the reader's language, and the lines as an Excel workbook.
import { accessSchool } from '../../../server/auth/access';
import type { Actor } from '../../../server/auth/policies';
import type { AppContext, Executor, RequestMeta } from '../../../server/context';
import { AppError } from '../../../server/errors';
import { loadSettings } from '../../programme/settings';
import * as programme from '../../programme/store';
import { localDate } from '../../programme/time';
import { explain } from '../explain';
import { termMonths } from '../rules';
import type { SettlementDetail, SettlementLine, TermSettlements } from '../settlement-contract';
import { monthEnded } from '../settlement-rules';
import * as store from '../settlement-store';
import { writeSheet } from '../settlement-xlsx';
import { toSettlementView } from './settle';

/** Settlements are finance's and the school admin's work; a parent reads the family's own bill instead. */
async function staffAccess(db: Executor, actor: Actor, schoolId: string) {
  const access = await accessSchool(db, actor, schoolId, 'billing.read');
  if (!access.scope.all) throw new AppError('FORBIDDEN');
  return access;
}

export async function listTermSettlements(
  ctx: AppContext,
  actor: Actor,
  schoolId: string,
  termId: string,
): Promise<TermSettlements> {
  const { school } = await staffAccess(ctx.db, actor, schoolId);
  const term = await programme.findTerm(ctx.db, school.id, termId);
  if (!term) throw new AppError('NOT_FOUND');
  const settings = await loadSettings(ctx.db, school.id);
  const today = localDate(ctx.now().toISOString(), settings.timezone);
  const settled = new Map((await store.settlementsOf(ctx.db, term.id)).map((s) => [s.month, s]));
  return {
    termId: term.id,
    months: termMonths(term).map((month) => {
      const s = settled.get(month);
      return { month, ended: monthEnded(month, today), settlement: s ? closedView(s) : null };
    }),
  };
}

function closedView(row: store.SettlementRow) {
  const { created: _, ...view } = toSettlementView(row, false);
  return view;
}

function toLine(r: Awaited<ReturnType<typeof store.linesOf>>[number], locale: RequestMeta['locale']) {
  const params = JSON.parse(r.reason_params) as Record<string, string | number>;
  const line: SettlementLine = {
    id: r.id,
    studentId: r.student_id,
    studentName: r.student_name,
    studentNo: r.student_no,
    grade: Number(r.grade ?? 0),
    classNo: Number(r.class_no ?? 0),
    offeringId: r.offering_id,
    offeringName: r.offering_name,
    forMonth: r.for_month,
    schoolDays: Number(r.school_days),
    attended: Number(r.attended),
    billedFen: Number(r.billed_fen),
    refundFen: Number(r.refund_fen),
    deltaFen: Number(r.delta_fen),
    adjustment: r.reason_code === 'settle.adjustment',
    reasonCode: r.reason_code,
    reasonParams: params,
    reason: explain(r.reason_code, { month: r.for_month, ...params }, locale),
  };
  return line;
}

export async function getSettlement(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  schoolId: string,
  settlementId: string,
  studentId?: string,
): Promise<SettlementDetail> {
  const { school } = await staffAccess(ctx.db, actor, schoolId);
  const row = await store.settlementById(ctx.db, school.id, settlementId);
  if (!row) throw new AppError('NOT_FOUND');
  const settlement = closedView(row);
  const lines = await store.linesOf(ctx.db, row.id, studentId);
  return { settlement, lines: lines.map((l) => toLine(l, meta.locale)) };
}

export async function exportSettlement(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  schoolId: string,
  settlementId: string,
): Promise<{ file: Buffer; filename: string }> {
  const detail = await getSettlement(ctx, actor, meta, schoolId, settlementId);
  const en = meta.locale === 'en';
  const file = await writeSheet(en ? 'Settlement' : '月结', [
    { header: en ? 'Grade' : '年级', width: 6, values: detail.lines.map((l) => l.grade) },
    { header: en ? 'Class' : '班级', width: 6, values: detail.lines.map((l) => l.classNo) },
    {
      header: en ? 'Student no.' : '学号',
      width: 16,
      text: true,
      values: detail.lines.map((l) => l.studentNo),
    },
    { header: en ? 'Name' : '姓名', width: 10, values: detail.lines.map((l) => l.studentName) },
    { header: en ? 'Offering' : '服务项目', width: 16, values: detail.lines.map((l) => l.offeringName) },
    { header: en ? 'Month' : '所属月份', width: 10, values: detail.lines.map((l) => l.forMonth) },
    { header: en ? 'School days' : '应到天数', width: 8, values: detail.lines.map((l) => l.schoolDays) },
    { header: en ? 'Attended' : '出勤天数', width: 8, values: detail.lines.map((l) => l.attended) },
    { header: en ? 'Billed' : '应收', width: 10, money: true, values: detail.lines.map((l) => l.billedFen) },
    { header: en ? 'Refund' : '应退', width: 10, money: true, values: detail.lines.map((l) => l.refundFen) },
    {
      header: en ? 'This line' : '本次计入',
      width: 10,
      money: true,
      values: detail.lines.map((l) => l.deltaFen),
    },
    { header: en ? 'Reason' : '说明', width: 50, values: detail.lines.map((l) => l.reason) },
  ]);
  return { file, filename: `settlement-${detail.settlement.month}.xlsx` };
}
