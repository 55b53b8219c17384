// PAY-2…7: finance (or the school admin) computes a term's pay: the fund (an amount entered, or a
// share of the term's net service-fee income), every teacher's session lines and points, and both
// pools shared. The result is a new DRAFT run; an older draft becomes 'superseded'; an approved run
// is never touched. After an approval the new run is an ADJUSTMENT whose amounts due are the
// difference from what was approved. One transaction, audited.

import { insertInChunks } from '../../../db/batch';
import { accessSchool, auditor } from '../../../server/auth/access';
import type { Actor } from '../../../server/auth/policies';
import { type AppContext, newId, type RequestMeta } from '../../../server/context';
import { AppError } from '../../../server/errors';
import { writeAudit } from '../../audit/store';
import { entriesOf, totalsOf } from '../../billing/ledger';
import { lockedTermOf } from '../../programme/service/common';
import { loadSettings } from '../../programme/settings';
import { localDate } from '../../programme/time';
import { teacherSurveyScores } from '../../surveys/scores';
import type { Deduction, PayRunView } from '../contract';
import {
  feeShareFund,
  pointsByUser,
  pointValues,
  type SessionLine,
  sessionLines,
  shareTeachers,
} from '../rules';
import * as store from '../store';
import { runView } from './views';

/** The most a fund may be: 100 million yuan, well inside a 32-bit integer column of fen. */
const maxFundFen = 2_000_000_000;

export async function computePay(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  schoolId: string,
  termId: string,
  input: { fundFen?: number },
): Promise<PayRunView> {
  const runId = await ctx.db.transaction().execute(async (trx) => {
    const { school } = await accessSchool(trx, actor, schoolId, 'pay.compute');
    const settings = await loadSettings(trx, school.id);
    let fundFen: number;
    if (settings.payFundMode === 'amount') {
      const f = input.fundFen;
      if (f === undefined || !Number.isSafeInteger(f) || f <= 0 || f > maxFundFen)
        throw new AppError('PAY_FUND_INVALID');
      fundFen = f;
    }
    // Serialises two computations of one term (PostgreSQL row lock; SQLite has one writer).
    const term = await lockedTermOf(ctx, trx, school.id, termId);
    if (settings.payFundMode === 'fee_share') {
      const t = totalsOf(
        await entriesOf(trx, { schoolId: school.id, book: 'fund', termId: term.id, stream: 'service' }),
      );
      const net = (t.byKind.fee_income ?? 0) + (t.byKind.fee_payout ?? 0);
      fundFen = feeShareFund(net, settings.payFeeSharePercent);
    }
    const today = localDate(ctx.now().toISOString(), settings.timezone);
    const asOf = [today, term.endsOn].sort()[0]!;
    const inputs = await store.loadInputs(trx, school.id, term.id, term.startsOn, asOf);
    // Institution staff and volunteer parents are not in pay: their sessions are not counted.
    const notPaid = await store.usersNotInPay(trx, school.id);
    const slots = inputs.slots.filter((s) => !notPaid.has(s.userId));
    const lines = sessionLines(slots, inputs.dayLosses, inputs.monthLosses, pointValues(settings));
    const points = pointsByUser(lines);
    const survey = await teacherSurveyScores(trx, school.id, term.id);
    const scoreOf = new Map(survey.scores.map((s) => [s.userId, s.scoreHundredths]));
    const lostFinal = new Set(inputs.dayLosses.map((d) => d.userId));
    const previous = await store.approvedTotals(trx, school.id, term.id);
    const users = new Set([...points.keys(), ...previous.keys()]);
    const pool = shareTeachers(
      fundFen!,
      settings.payProcessPercent,
      [...users].map((userId) => ({
        userId,
        pointsTenths: points.get(userId) ?? 0,
        lostFinal: lostFinal.has(userId),
        surveyHundredths: scoreOf.get(userId) ?? 0,
      })),
    );

    const runs = await store.runsOf(trx, school.id, term.id);
    const kind = runs.some((r) => r.status === 'approved') ? 'adjustment' : 'term';
    const at = ctx.now().toISOString();
    const superseded = runs.filter((r) => r.status === 'draft').map((r) => r.id);
    if (superseded.length > 0)
      await trx.updateTable('pay_runs').set({ status: 'superseded' }).where('id', 'in', superseded).execute();
    const run = {
      id: newId(),
      school_id: school.id,
      term_id: term.id,
      version: (runs[0]?.version ?? 0) + 1,
      kind,
      status: 'draft',
      fund_source: settings.payFundMode,
      fund_fen: fundFen!,
      process_fen: pool.processFen,
      final_fen: pool.finalFen,
      process_unpaid_fen: pool.processUnpaidFen,
      final_unpaid_fen: pool.finalUnpaidFen,
      as_of: asOf,
      survey_id: survey.surveyId,
      settings: JSON.stringify({
        payFundMode: settings.payFundMode,
        payFeeSharePercent: settings.payFeeSharePercent,
        payProcessPercent: settings.payProcessPercent,
        payPointsComplete: settings.payPointsComplete,
        payPointsIncomplete: settings.payPointsIncomplete,
        payPointsNoon: settings.payPointsNoon,
        payPointsLate: settings.payPointsLate,
        payPointsAbsent: settings.payPointsAbsent,
      }),
      computed_by: actor.userId,
      computed_at: at,
      approved_by: null,
      approved_at: null,
    };
    await trx.insertInto('pay_runs').values(run).execute();

    const byUser = groupByUser(lines);
    const dayLossesOf = groupByUser(inputs.dayLosses);
    const monthLossesOf = groupByUser(inputs.monthLosses);
    await insertInChunks(
      trx,
      'pay_lines',
      pool.teachers.map((t) => {
        const own = byUser.get(t.userId) ?? [];
        const total = t.processFen + t.finalFen;
        const prev = previous.get(t.userId) ?? 0;
        const days = dayLossesOf.get(t.userId) ?? [];
        return {
          id: newId(),
          run_id: run.id,
          user_id: t.userId,
          points_tenths: t.pointsTenths,
          process_fen: t.processFen,
          final_fen: t.finalFen,
          total_fen: total,
          previous_fen: prev,
          due_fen: total - prev,
          eligible: t.eligible ? 1 : 0,
          final_reason: t.finalReason,
          survey_hundredths: scoreOf.get(t.userId) ?? 0,
          sessions: own.filter((l) => l.status !== 'absent').length,
          lates: own.filter((l) => l.status === 'late').length,
          absences: own.filter((l) => l.reason === 'absent').length,
          incidents: new Set(days.map((d) => d.date)).size,
          reasons: JSON.stringify(deductionsOf(own, days, monthLossesOf.get(t.userId) ?? [])),
        };
      }),
    );
    await insertInChunks(
      trx,
      'pay_session_lines',
      lines.map((l) => ({
        id: newId(),
        run_id: run.id,
        user_id: l.userId,
        date: l.date,
        session_id: l.sessionId,
        status: l.status,
        points_tenths: l.pointsTenths,
        reason: l.reason,
      })),
      500,
    );
    const { settings: _s, ...summary } = run;
    await writeAudit(
      trx,
      auditor(ctx, actor, meta, school)('pay.compute', 'pay_run', run.id, null, {
        ...summary,
        superseded,
        teachers: pool.teachers.length,
        sessionLines: lines.length,
      }),
    );
    return run.id;
  });
  return runView(ctx.db, schoolId, runId);
}

/** Rows grouped by their teacher, in their order. */
function groupByUser<T extends { userId: string }>(rows: T[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of rows) {
    const own = out.get(r.userId);
    if (own) own.push(r);
    else out.set(r.userId, [r]);
  }
  return out;
}

/** The deductions of one teacher, each with its reason (the statement lists them). */
function deductionsOf(
  own: SessionLine[],
  dayLosses: store.PayInputs['dayLosses'],
  monthLosses: store.PayInputs['monthLosses'],
): Deduction[] {
  const out: Deduction[] = [];
  for (const d of dayLosses)
    out.push({
      code: d.kind,
      date: d.date,
      month: null,
      note: d.source === 'incident' ? `incident:${d.note}` : d.note,
    });
  for (const m of monthLosses) out.push({ code: 'ethics', date: null, month: m.month, note: m.note });
  for (const l of own) {
    if (l.reason === 'late') out.push({ code: 'late', date: l.date, month: null, note: '' });
    if (l.reason === 'absent') out.push({ code: 'absent', date: l.date, month: null, note: '' });
  }
  return out.sort((a, b) => (a.date ?? a.month ?? '').localeCompare(b.date ?? b.month ?? ''));
}
