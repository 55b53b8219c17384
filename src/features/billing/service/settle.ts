// FEE-4, FEE-5: finance settles a term's month. One transaction writes the settlement, its lines
// and its ledger rows, so a settlement is wholly present or wholly absent (even when the process is
// killed). Settling a month again returns the settlement already made and changes nothing.
//
// For each student × offering with `charge` rows in the month: school days (the offering's session
// days in the month inside the term), days attended (one aggregate over the rolls in force), the
// month's net billed (charge + waiver) and `monthRefund` with the school's settings and the
// offering's fee basis; a refund is a `credit` row. Earlier settled months are re-assessed when,
// since they were settled (less a safety margin, `changedSince`), their rolls were saved again (an
// attendance correction) or service `charge` / `waiver` rows were written for them (a waiver granted
// later, a student billed late): a difference from what was credited so far is an `adjustment` row
// and a line with for_month = the earlier month, so that what is credited for a month always
// follows `monthRefund` on its net as it now stands. A settled month is closed: nothing rewrites it.
// A student whose service stream was closed at the term end gets lines but no rows (closedLine).
import type { Transaction } from 'kysely';
import type { DB } from '../../../db/schema';
import { accessSchool, auditor } from '../../../server/auth/access';
import type { Actor } from '../../../server/auth/policies';
import { type AppContext, newId, type RequestMeta } from '../../../server/context';
import { AppError } from '../../../server/errors';
import { writeAudit } from '../../audit/store';
import { schoolDays as termSchoolDays } from '../../programme/rules';
import { loadSettings } from '../../programme/settings';
import * as programme from '../../programme/store';
import { localDate } from '../../programme/time';
import { billableLines } from '../enrolled';
import { appendEntries, type NewEntry } from '../ledger';
import { monthShares, termMonths } from '../rules';
import type { SettlementView } from '../settlement-contract';
import {
  assessMonth,
  closedLine,
  monthEnded,
  monthSpan,
  type PairFacts,
  type PlannedLine,
  reassessMonth,
  sessionDaysIn,
} from '../settlement-rules';
import * as store from '../settlement-store';

export function toSettlementView(row: store.SettlementRow, created: boolean): SettlementView {
  return {
    id: row.id,
    termId: row.term_id,
    month: row.month,
    settledAt: row.settled_at,
    settledBy: row.settled_by,
    lineCount: Number(row.line_count),
    refundFen: Number(row.refund_fen),
    adjustmentFen: Number(row.adjustment_fen),
    created,
  };
}

export async function settleMonth(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  schoolId: string,
  termId: string,
  month: string,
): Promise<SettlementView> {
  return ctx.db.transaction().execute(async (trx) => {
    const { school } = await accessSchool(trx, actor, schoolId, 'settlement.run');
    // Settlements of one term serialise on the term row (PostgreSQL); SQLite serialises writers.
    const term = await programme.lockTerm(trx, ctx.dialect, school.id, termId);
    if (!term) throw new AppError('NOT_FOUND');
    const months = termMonths(term);
    if (!months.includes(month)) throw new AppError('MONTH_NOT_IN_TERM', { month });
    const settings = await loadSettings(trx, school.id);
    const today = localDate(ctx.now().toISOString(), settings.timezone);
    if (!monthEnded(month, today)) throw new AppError('MONTH_NOT_ENDED', { month });
    const existing = await store.findSettlement(trx, term.id, month);
    if (existing) return toSettlementView(existing, false);

    const at = ctx.now().toISOString();
    const settlementId = newId();
    const lines = await planSettlement(trx, { ...term, schoolId: school.id }, month, settings);
    const entries: NewEntry[] = [];
    let refundFen = 0;
    let adjustmentFen = 0;
    for (const l of lines) {
      if (l.deltaFen === 0) continue;
      const adjustment = l.forMonth !== month;
      const tail = `${term.id}:${l.studentId}:${l.offeringId}:${l.forMonth}`;
      if (adjustment) adjustmentFen += l.deltaFen;
      else refundFen += l.deltaFen;
      entries.push({
        schoolId: school.id,
        termId: term.id,
        book: 'family',
        stream: 'service',
        kind: adjustment ? 'adjustment' : 'credit',
        studentId: l.studentId,
        offeringId: l.offeringId,
        month: l.forMonth,
        amountFen: -l.deltaFen,
        sourceType: 'settlement',
        sourceId: settlementId,
        entryKey: adjustment ? `adjust:${tail}:${month}` : `credit:${tail}`,
        reasonCode: l.reasonCode,
        reasonParams: l.reasonParams,
      });
    }
    const row: DB['settlements'] = {
      id: settlementId,
      school_id: school.id,
      term_id: term.id,
      month,
      settled_at: at,
      settled_by: actor.userId,
      line_count: lines.length,
      refund_fen: refundFen,
      adjustment_fen: adjustmentFen,
    };
    await store.insertSettlement(
      trx,
      row,
      lines.map((l) => ({
        id: newId(),
        settlement_id: settlementId,
        student_id: l.studentId,
        offering_id: l.offeringId,
        for_month: l.forMonth,
        school_days: l.schoolDays,
        attended: l.attended,
        billed_fen: l.billedFen,
        refund_fen: l.refundFen,
        delta_fen: l.deltaFen,
        reason_code: l.reasonCode,
        reason_params: JSON.stringify(l.reasonParams),
      })),
    );
    await appendEntries(trx, entries, at, actor.userId);
    await writeAudit(
      trx,
      auditor(ctx, actor, meta, school)('settlement.run', 'settlement', settlementId, null, {
        termId: term.id,
        month,
        lineCount: lines.length,
        refundFen,
        adjustmentFen,
        entries: entries.length,
      }),
    );
    return toSettlementView(row, true);
  });
}

interface TermFacts {
  id: string;
  schoolId: string;
  startsOn: string;
  endsOn: string;
}

/**
 * The lines a settlement of `month` writes: every billed pair of the month, then the adjustments
 * of earlier settled months whose rolls were saved again, or whose charges or waivers were written,
 * since they were settled (less SETTLED_MARGIN_MS). A pair billed late for such a month has no line
 * yet; it is assessed here too (credited 0 so far, so its refund is the adjustment).
 */
async function planSettlement(
  trx: Transaction<DB>,
  term: TermFacts,
  month: string,
  settings: Awaited<ReturnType<typeof loadSettings>>,
): Promise<PlannedLine[]> {
  const rule = { mode: settings.refundMode, thresholdDays: settings.refundThresholdDays };
  const shares = monthShares(termMonths(term), settings.termMonths, settings.partialMonth);
  const days = termSchoolDays(term, await programme.listTermDays(trx, term.id));
  const offerings = await trx
    .selectFrom('offerings as o')
    .innerJoin('term_sessions as s', 's.id', 'o.session_id')
    .select(['o.id', 's.weekdays', 'o.fee_basis'])
    .where('o.term_id', '=', term.id)
    .execute();
  const weekdaysOf = new Map(offerings.map((o) => [o.id, o.weekdays.split(',').map(Number)]));
  // FEE-5 by fee basis: a class-hour fee is refunded per session missed, a monthly fee by the rule.
  const basisOf = new Map(
    offerings.map((o) => [o.id, o.fee_basis === 'class_hour' ? ('class_hour' as const) : ('month' as const)]),
  );

  // The months to assess: this one, and earlier settled ones whose rolls were saved, or whose
  // service charges or waivers were written, since their settlement (with the safety margin).
  const assess = [month];
  for (const s of await store.settlementsOf(trx, term.id)) {
    if (s.month >= month) continue;
    const since = store.changedSince(s.settled_at);
    const [from, to] = monthSpan(s.month, term);
    if (
      (await store.chargesWrittenSince(trx, term.schoolId, term.id, s.month, since)) ||
      (await store.rollsSavedSince(trx, term.schoolId, term.id, from, to, since))
    )
      assess.push(s.month);
  }
  const sums = await store.monthSums(trx, term.schoolId, term.id, assess);
  if (sums.length === 0) return [];
  const attended = new Map<string, number>();
  for (const m of assess) {
    const [from, to] = monthSpan(m, term);
    for (const a of await store.attendanceBetween(trx, term.schoolId, term.id, from, to))
      attended.set(`${a.studentId}:${a.offeringId}:${a.month}`, a.attended);
  }
  // FEE-5: only a student with an approved withdrawal can have a month billed but not owed; asking
  // `billableLines` about those few (not the whole term) keeps the settlement near its floor.
  const billed = new Set(sums.map((s) => s.studentId));
  const studentIds = (await store.withdrawnStudents(trx, term.id)).filter((id) => billed.has(id));
  const withdrawnMonth = new Map<string, string | null>();
  const timeZone = settings.timezone;
  for (let i = 0; i < studentIds.length; i += 500)
    for (const l of await billableLines(trx, term, timeZone, studentIds.slice(i, i + 500)))
      withdrawnMonth.set(`${l.studentId}:${l.offeringId}`, l.withdrawnMonth);

  const sessionDays = new Map<string, number>();
  const daysOf = (offeringId: string, m: string) => {
    const key = `${offeringId}:${m}`;
    let n = sessionDays.get(key);
    if (n === undefined) {
      n = sessionDaysIn(days, m, weekdaysOf.get(offeringId) ?? []);
      sessionDays.set(key, n);
    }
    return n;
  };
  const closed = await store.serviceClosedStudents(trx, term.id);
  const lines: PlannedLine[] = [];
  for (const s of sums) {
    const stop = withdrawnMonth.get(`${s.studentId}:${s.offeringId}`) ?? null;
    const facts: PairFacts = {
      studentId: s.studentId,
      offeringId: s.offeringId,
      month: s.month,
      schoolDays: daysOf(s.offeringId, s.month),
      attended: attended.get(`${s.studentId}:${s.offeringId}:${s.month}`) ?? 0,
      netFen: s.netFen,
      creditedFen: s.creditedFen,
      shareHalves: shares.get(s.month) ?? 2,
      // FEE-5: months after the month a withdrawal was approved are billed but not owed.
      withdrawn: stop !== null && s.month > stop,
      feeBasis: basisOf.get(s.offeringId) ?? 'month',
    };
    const line = s.month === month ? assessMonth(facts, rule) : reassessMonth(facts, rule);
    // FEE-4 多还少补: the term end closed this student's service balance; nothing more is credited.
    if (line) lines.push(closed.has(s.studentId) && line.deltaFen !== 0 ? closedLine(line) : line);
  }
  // The month's own lines first, then adjustments; each by month, student, offering (plain code-unit
  // order: ids and months, no collation needed, and localeCompare is slow at a school's size).
  const key = (l: PlannedLine) => `${l.forMonth === month ? 0 : 1}${l.forMonth}${l.studentId}${l.offeringId}`;
  const keyed = lines.map((l) => [key(l), l] as const);
  keyed.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return keyed.map(([, l]) => l);
}
