// The monthly settlement's decisions (FEE-4, FEE-5), pure: from the facts of one student, offering
// and month to the line the settlement writes and the ledger row beside it. The refund itself is
// `monthRefund` (rules.ts); here it becomes a first assessment (a `credit`) or, for a month settled
// earlier whose attendance was corrected, an `adjustment` of the difference.

import type { FeeBasis } from '../programme/kinds';
import { addDays } from '../programme/time';
import { formatYuan } from './money';
import { monthOf, monthRefund, type RefundMode } from './rules';

export interface PairFacts {
  studentId: string;
  offeringId: string;
  month: string;
  schoolDays: number;
  attended: number;
  /** charge + waiver rows of the month (reversals folded in). */
  netFen: number;
  /** What the settlements credited so far: −(credit + adjustment). */
  creditedFen: number;
  shareHalves: number;
  withdrawn: boolean;
  /** The offering's fee basis: a class-hour fee is refunded per session missed (see monthRefund). */
  feeBasis?: FeeBasis;
}

export interface PlannedLine {
  studentId: string;
  offeringId: string;
  forMonth: string;
  schoolDays: number;
  attended: number;
  billedFen: number;
  /** The month's refund in total, as now assessed. */
  refundFen: number;
  /** What this line adds to the credits (the ledger row is −delta). */
  deltaFen: number;
  reasonCode: string;
  reasonParams: Record<string, string | number>;
}

export interface RefundRule {
  mode: RefundMode;
  thresholdDays: number;
}

/** FEE-5: the first settlement of a month: one line per student and offering, refund or not. */
export function assessMonth(f: PairFacts, rule: RefundRule): PlannedLine {
  const d = monthRefund(
    {
      schoolDays: f.schoolDays,
      attended: f.attended,
      netFen: f.netFen,
      shareHalves: f.shareHalves,
      withdrawn: f.withdrawn,
      feeBasis: f.feeBasis,
    },
    rule,
  );
  return {
    studentId: f.studentId,
    offeringId: f.offeringId,
    forMonth: f.month,
    schoolDays: f.schoolDays,
    attended: Math.min(f.attended, f.schoolDays),
    billedFen: f.netFen,
    refundFen: d.refundFen,
    deltaFen: d.refundFen - f.creditedFen,
    reasonCode: d.code,
    reasonParams: { ...d.params, month: f.month },
  };
}

/**
 * FEE-5 corrections: a month settled before, assessed again with the attendance now in force.
 * A difference from what was credited so far is an adjustment line (null when there is none).
 */
export function reassessMonth(f: PairFacts, rule: RefundRule): PlannedLine | null {
  const line = assessMonth(f, rule);
  if (line.deltaFen === 0) return null;
  return {
    ...line,
    reasonCode: 'settle.adjustment',
    reasonParams: {
      forMonth: f.month,
      month: f.month,
      attended: line.attended,
      schoolDays: f.schoolDays,
      before: formatYuan(f.creditedFen),
      after: formatYuan(line.refundFen),
      delta: formatYuan(line.deltaFen),
      basis: line.reasonCode,
    },
  };
}

/**
 * FEE-4 多还少补: once a student's service stream is closed for the term, the closing's balance is
 * final, so a later settlement writes no credit or adjustment for them. The line is kept (with
 * delta 0) and says what the assessment would have changed, for finance to handle by hand.
 */
export function closedLine(line: PlannedLine): PlannedLine {
  return {
    ...line,
    deltaFen: 0,
    reasonCode: 'settle.term_closed',
    reasonParams: { month: line.forMonth, delta: formatYuan(line.deltaFen), basis: line.reasonCode },
  };
}

/** The first and last date of a month that fall inside the term. */
export function monthSpan(month: string, term: { startsOn: string; endsOn: string }): [string, string] {
  const first = `${month}-01`;
  const [y, m] = month.split('-').map(Number) as [number, number];
  const next = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
  const last = addDays(next, -1);
  // 'YYYY-MM-DD' strings compare as dates (Math.min/max would not take them).
  const from = [first, term.startsOn].sort()[1]!;
  const to = [last, term.endsOn].sort()[0]!;
  return [from, to];
}

/** Whether a month is over in the school's time zone: its last day is before today. */
export function monthEnded(month: string, localToday: string): boolean {
  return monthOf(localToday) > month;
}

/** School days of a session in a month: the days whose timetable weekday the session runs. */
export function sessionDaysIn(
  days: readonly { date: string; timetableWeekday: number }[],
  month: string,
  weekdays: readonly number[],
): number {
  let n = 0;
  for (const d of days) if (monthOf(d.date) === month && weekdays.includes(d.timetableWeekday)) n += 1;
  return n;
}

/**
 * What a new refund proposal may take (多还少补): the over-payment (the owed balance below zero)
 * less the proposals still awaiting approval; never below zero.
 */
export function refundableFen(owedFen: number, pendingFen: number): number {
  return Math.max(0, -owedFen - pendingFen);
}
