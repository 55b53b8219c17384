// Rows → API views of teacher pay (PostgreSQL may hand integers back as strings: Number() each).
import type { Executor } from '../../../server/context';
import { AppError } from '../../../server/errors';
import type { Deduction, PayLineView, PayRunSummary, PayRunView } from '../contract';
import * as store from '../store';

type RunRow = NonNullable<Awaited<ReturnType<typeof store.findRun>>>;
type LineRow = Awaited<ReturnType<typeof store.linesOf>>[number];

export function runSummary(r: RunRow): PayRunSummary {
  const settings = JSON.parse(r.settings) as { payProcessPercent: number };
  return {
    id: r.id,
    termId: r.term_id,
    version: Number(r.version),
    kind: r.kind as PayRunSummary['kind'],
    status: r.status as PayRunSummary['status'],
    fundSource: r.fund_source as PayRunSummary['fundSource'],
    fundFen: Number(r.fund_fen),
    processFen: Number(r.process_fen),
    finalFen: Number(r.final_fen),
    processUnpaidFen: Number(r.process_unpaid_fen),
    finalUnpaidFen: Number(r.final_unpaid_fen),
    asOf: r.as_of,
    surveyId: r.survey_id,
    processPercent: settings.payProcessPercent,
    computedBy: r.computed_by,
    computedAt: r.computed_at,
    approvedBy: r.approved_by,
    approvedAt: r.approved_at,
  };
}

export function lineView(l: LineRow): PayLineView {
  return {
    userId: l.user_id,
    userName: l.userName,
    pointsTenths: Number(l.points_tenths),
    processFen: Number(l.process_fen),
    finalFen: Number(l.final_fen),
    totalFen: Number(l.total_fen),
    previousFen: Number(l.previous_fen),
    dueFen: Number(l.due_fen),
    eligible: Number(l.eligible) === 1,
    finalReason: l.final_reason as PayLineView['finalReason'],
    surveyHundredths: Number(l.survey_hundredths),
    sessions: Number(l.sessions),
    lates: Number(l.lates),
    absences: Number(l.absences),
    incidents: Number(l.incidents),
    deductions: JSON.parse(l.reasons) as Deduction[],
  };
}

export async function runView(db: Executor, schoolId: string, runId: string): Promise<PayRunView> {
  const run = await store.findRun(db, schoolId, runId);
  if (!run) throw new AppError('NOT_FOUND');
  const lines = await store.linesOf(db, run.id);
  return { ...runSummary(run), lines: lines.map(lineView) };
}
