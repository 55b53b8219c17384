// Reading and approving pay runs (PAY-1, PAY-8, item 2): the school's pay sheet, the approval that
// locks a run and tells each teacher, a teacher's statement (their own only: anyone else's reads
// as NOT_FOUND), and each teacher's term record for performance review.
import { accessSchool, auditor } from '../../../server/auth/access';
import { type Actor, can } from '../../../server/auth/policies';
import type { AppContext, RequestMeta } from '../../../server/context';
import { AppError } from '../../../server/errors';
import { writeAudit } from '../../audit/store';
import { formatYuan } from '../../billing/money';
import { notification } from '../../notify/messages';
import { notify } from '../../notify/store';
import { lockedTermOf, termOf } from '../../programme/service/common';
import { loadSettings } from '../../programme/settings';
import { localDate } from '../../programme/time';
import type { PayRunView, PayStatement, TermRecordView } from '../contract';
import { canApprove, monthTotals, type ReasonCode, runCoversTerm, type SessionLine } from '../rules';
import * as store from '../store';
import { recordPayInFundBook } from './fund-book';
import { lineView, runSummary, runView } from './views';

export async function listPayRuns(ctx: AppContext, actor: Actor, schoolId: string, termId: string) {
  const { school } = await accessSchool(ctx.db, actor, schoolId, 'pay.read');
  const term = await termOf(ctx.db, school.id, termId);
  return { items: (await store.runsOf(ctx.db, school.id, term.id)).map(runSummary) };
}

export async function getPayRun(ctx: AppContext, actor: Actor, schoolId: string, runId: string) {
  const { school } = await accessSchool(ctx.db, actor, schoolId, 'pay.read');
  return runView(ctx.db, school.id, runId);
}

/**
 * PAY-1: the school admin approves a draft from the day after the term's last day, and only a run
 * computed after that day; it is then locked.
 */
export async function approvePayRun(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  schoolId: string,
  runId: string,
): Promise<PayRunView> {
  await ctx.db.transaction().execute(async (trx) => {
    const { school } = await accessSchool(trx, actor, schoolId, 'pay.approve');
    const found = await store.findRun(trx, school.id, runId);
    if (!found) throw new AppError('NOT_FOUND');
    // Lock the term first: a computation racing this approval waits, then sees it.
    const term = await lockedTermOf(ctx, trx, school.id, found.term_id);
    const run = (await store.findRun(trx, school.id, runId))!;
    if (run.status !== 'draft') throw new AppError('PAY_RUN_NOT_DRAFT', { status: run.status });
    const settings = await loadSettings(trx, school.id);
    const today = localDate(ctx.now().toISOString(), settings.timezone);
    if (!canApprove(today, term.endsOn)) throw new AppError('PAY_TERM_NOT_ENDED', { endsOn: term.endsOn });
    // A run computed on or before the term's last day may leave its last sessions unpaid.
    const computedOn = localDate(run.computed_at, settings.timezone);
    if (!runCoversTerm(computedOn, term.endsOn))
      throw new AppError('PAY_RUN_BEFORE_TERM_END', { computedOn, endsOn: term.endsOn });
    const at = ctx.now().toISOString();
    const changed = await trx
      .updateTable('pay_runs')
      .set({ status: 'approved', approved_by: actor.userId, approved_at: at })
      .where('id', '=', run.id)
      .where('status', '=', 'draft')
      .executeTakeFirst();
    if (Number(changed.numUpdatedRows) !== 1) throw new AppError('PAY_RUN_NOT_DRAFT', { status: 'approved' });
    const lines = await store.linesOf(trx, run.id);
    const fundDocuments = await recordPayInFundBook(trx, {
      schoolId: school.id,
      termId: term.id,
      termEndsOn: term.endsOn,
      runId: run.id,
      version: Number(run.version),
      lines: lines.map((l) => ({ user_id: l.user_id, due_fen: Number(l.due_fen) })),
      by: actor.userId,
      at,
    });
    await writeAudit(
      trx,
      auditor(ctx, actor, meta, school)(
        'pay.approve',
        'pay_run',
        run.id,
        { status: run.status },
        { status: 'approved', approvedBy: actor.userId, approvedAt: at, fundDocuments },
      ),
    );
    // Only lines with an amount due are told; a negative one is money to pay back.
    await notify(
      trx,
      at,
      lines
        .filter((l) => Number(l.due_fen) !== 0)
        .map((l) => {
          const due = Number(l.due_fen);
          return notification(
            due > 0 ? 'pay.approved' : 'pay.repay',
            { userId: l.user_id, schoolId: school.id },
            { term: term.name, amount: formatYuan(Math.abs(due)) },
            '/pay/mine',
          );
        }),
    );
  });
  return runView(ctx.db, schoolId, runId);
}

async function statementOf(
  ctx: AppContext,
  schoolId: string,
  runId: string,
  userId: string,
): Promise<PayStatement> {
  const run = await store.findRun(ctx.db, schoolId, runId);
  if (!run) throw new AppError('NOT_FOUND');
  const [line] = await store.linesOf(ctx.db, run.id, userId);
  if (!line) throw new AppError('NOT_FOUND');
  const sessions = (await store.sessionLinesOf(ctx.db, run.id, userId)).map((s) => ({
    ...s,
    status: s.status as 'on_time' | 'late' | 'absent',
    pointsTenths: Number(s.pointsTenths),
    reason: s.reason as ReasonCode,
  }));
  const months = monthTotals(sessions.map((s) => ({ ...s, userId }) as SessionLine)).map((m) => ({
    ...m,
    sessions: sessions.filter((s) => s.date.startsWith(m.month)).length,
  }));
  return { run: runSummary(run), line: lineView(line), months, sessions };
}

/**
 * A teacher's statement in a run. The school's pay readers may read anyone's; anyone else with
 * `pay.own` only their own: another teacher's statement is NOT_FOUND (it does not exist for them).
 */
export async function getPayStatement(
  ctx: AppContext,
  actor: Actor,
  schoolId: string,
  runId: string,
  userId: string,
): Promise<PayStatement> {
  const { school } = await accessSchool(ctx.db, actor, schoolId, 'pay.own');
  if (userId !== actor.userId && !can(actor, 'pay.read', school)) throw new AppError('NOT_FOUND');
  const run = await store.findRun(ctx.db, school.id, runId);
  // A teacher sees approved pay only; drafts are the school's working copies.
  if (!run || (run.status !== 'approved' && !can(actor, 'pay.read', school))) throw new AppError('NOT_FOUND');
  return statementOf(ctx, school.id, runId, userId);
}

/** The caller's statement in the term's latest approved run (null before any approval). */
export async function getMyPayStatement(ctx: AppContext, actor: Actor, schoolId: string, termId: string) {
  const { school } = await accessSchool(ctx.db, actor, schoolId, 'pay.own');
  const term = await termOf(ctx.db, school.id, termId);
  const runId = await store.latestApprovedRunWithLine(ctx.db, school.id, term.id, actor.userId);
  return { statement: runId ? await statementOf(ctx, school.id, runId, actor.userId) : null };
}

/** PAY-8: each teacher's term record from the latest run that is not superseded. */
export async function getTermRecord(
  ctx: AppContext,
  actor: Actor,
  schoolId: string,
  termId: string,
): Promise<TermRecordView> {
  const { school } = await accessSchool(ctx.db, actor, schoolId, 'pay.read');
  return termRecordOf(ctx, school.id, termId);
}

async function termRecordOf(ctx: AppContext, schoolId: string, termId: string): Promise<TermRecordView> {
  const term = await termOf(ctx.db, schoolId, termId);
  const run = (await store.runsOf(ctx.db, schoolId, term.id)).find((r) => r.status !== 'superseded');
  if (!run) return { runId: null, runStatus: null, items: [] };
  const lines = (await store.linesOf(ctx.db, run.id)).map(lineView);
  return {
    runId: run.id,
    runStatus: run.status as TermRecordView['runStatus'],
    items: lines.map((l) => ({
      userId: l.userId,
      userName: l.userName,
      sessions: l.sessions,
      pointsTenths: l.pointsTenths,
      lates: l.lates,
      absences: l.absences,
      incidents: l.incidents,
      surveyHundredths: l.surveyHundredths,
      totalFen: l.totalFen,
    })),
  };
}

/** The pay sheet for its Excel export; every export is audited (SAFE-2). */
export async function exportPaySheet(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  schoolId: string,
  runId: string,
): Promise<PayRunView> {
  const { school } = await accessSchool(ctx.db, actor, schoolId, 'pay.read');
  const run = await runView(ctx.db, school.id, runId);
  await writeAudit(
    ctx.db,
    auditor(ctx, actor, meta, school)('pay.export', 'pay_run', run.id, null, {
      version: run.version,
      status: run.status,
      rows: run.lines.length,
    }),
  );
  return run;
}

/** PAY-8's term records for their Excel export; every export is audited (SAFE-2). */
export async function exportTermRecords(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  schoolId: string,
  termId: string,
): Promise<TermRecordView> {
  const { school } = await accessSchool(ctx.db, actor, schoolId, 'pay.read');
  const record = await termRecordOf(ctx, school.id, termId);
  await writeAudit(
    ctx.db,
    auditor(ctx, actor, meta, school)('pay.records.export', 'term', termId, null, {
      runId: record.runId,
      rows: record.items.length,
    }),
  );
  return record;
}
