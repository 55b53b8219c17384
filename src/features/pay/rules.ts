// Teacher pay (PAY-1…8) as pure rules: session points from staff attendance and activity records
// (PAY-3), days and months lost to incidents and ethics breaches (PAY-4, PAY-5), and the fund split
// into a process pool shared by points (PAY-6) and a final pool shared by survey scores (PAY-7).
// No I/O, no clock. Points are integer TENTHS (0.5 → 5); money is integer fen.
//
// Glossary: 课后服务费 after-school pay · 过程性奖励 process reward (pool) · 终结性奖励 final reward
// (pool) · 工作量 points · 迟到 late · 无故缺勤 absent without reason · 失职 dereliction ·
// 安全事故 safety incident · 师德 professional ethics · 活动记录表 activity record.
import { allocate, percentOf } from '../billing/money';
import type { SchoolSettings } from '../programme/settings';

export type StaffStatus = 'on_time' | 'late' | 'absent';

/** One staff attendance record in force (DAY-7) with what pay needs beside it. */
export interface SessionSlot {
  userId: string;
  date: string;
  sessionId: string;
  /** term_sessions.kind: 'noon' scores payPointsNoon. */
  sessionKind: string;
  status: StaffStatus;
  /** For an absence: true with reason, false without; null otherwise. */
  excused: boolean | null;
  /** The matched activity record (DAY-8): see design.md for how the class is matched. */
  record: 'complete' | 'incomplete' | null;
}

/** PAY-4: a day lost (an upheld incident, or entered by the school). */
export interface DayLoss {
  userId: string;
  date: string;
  kind: 'dereliction' | 'safety';
}

/** PAY-5: a month forfeited. */
export interface MonthLoss {
  userId: string;
  month: string;
}

export const reasonCodes = [
  'complete',
  'incomplete',
  'noon',
  'late',
  'absent',
  'absent_day',
  'excused',
  'no_record',
  'incident_day',
  'ethics_month',
] as const;
export type ReasonCode = (typeof reasonCodes)[number];

export interface SessionLine {
  userId: string;
  date: string;
  sessionId: string;
  status: StaffStatus;
  pointsTenths: number;
  reason: ReasonCode;
}

export interface PointValues {
  complete: number;
  incomplete: number;
  noon: number;
  late: number;
  absent: number;
}

/** Settings (steps of 0.1) → tenths. */
export function pointValues(s: SchoolSettings): PointValues {
  const t = (n: number) => Math.round(n * 10);
  return {
    complete: t(s.payPointsComplete),
    incomplete: t(s.payPointsIncomplete),
    noon: t(s.payPointsNoon),
    late: t(s.payPointsLate),
    absent: t(s.payPointsAbsent),
  };
}

const dayKey = (userId: string, date: string) => `${userId}|${date}`;
const monthKey = (userId: string, month: string) => `${userId}|${month}`;

/**
 * PAY-3…5: one line per attendance record. Precedence, strongest first: the month forfeited for an
 * ethics breach (PAY-5) → the day lost to an incident (PAY-4) → a day with an absence without
 * reason (the absent session scores `absent`, every other session that day 0, 'absent_day') → the
 * session's own status: late → `late`; absent with reason → 0 'excused'; on time: a noon session →
 * `noon`, else the activity record: complete / incomplete / none → 0 'no_record'.
 * A teacher's lines depend only on that teacher's slots and losses.
 */
export function sessionLines(
  slots: readonly SessionSlot[],
  dayLosses: readonly DayLoss[],
  monthLosses: readonly MonthLoss[],
  v: PointValues,
): SessionLine[] {
  const lostDays = new Set(dayLosses.map((d) => dayKey(d.userId, d.date)));
  const lostMonths = new Set(monthLosses.map((m) => monthKey(m.userId, m.month)));
  const absentDays = new Set(
    slots.filter((s) => s.status === 'absent' && s.excused !== true).map((s) => dayKey(s.userId, s.date)),
  );
  return slots.map((s) => {
    const line = (pointsTenths: number, reason: ReasonCode): SessionLine => ({
      userId: s.userId,
      date: s.date,
      sessionId: s.sessionId,
      status: s.status,
      pointsTenths,
      reason,
    });
    if (lostMonths.has(monthKey(s.userId, s.date.slice(0, 7)))) return line(0, 'ethics_month');
    if (lostDays.has(dayKey(s.userId, s.date))) return line(0, 'incident_day');
    if (s.status === 'absent' && s.excused !== true) return line(v.absent, 'absent');
    if (absentDays.has(dayKey(s.userId, s.date))) return line(0, 'absent_day');
    if (s.status === 'late') return line(v.late, 'late');
    if (s.status === 'absent') return line(0, 'excused');
    if (s.sessionKind === 'noon') return line(v.noon, 'noon');
    if (s.record === 'complete') return line(v.complete, 'complete');
    if (s.record === 'incomplete') return line(v.incomplete, 'incomplete');
    return line(0, 'no_record');
  });
}

/** Sum of a teacher's lines per user (the term points are always exactly this sum). */
export function pointsByUser(lines: readonly SessionLine[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const l of lines) out.set(l.userId, (out.get(l.userId) ?? 0) + l.pointsTenths);
  return out;
}

/** Month totals of one teacher's lines, months ascending. */
export function monthTotals(lines: readonly SessionLine[]): { month: string; pointsTenths: number }[] {
  const m = new Map<string, number>();
  for (const l of lines) m.set(l.date.slice(0, 7), (m.get(l.date.slice(0, 7)) ?? 0) + l.pointsTenths);
  return [...m.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([month, pointsTenths]) => ({ month, pointsTenths }));
}

/** PAY-2: the process pool (percentOf, half up) and the final pool (the rest, so nothing is lost). */
export function splitFund(fundFen: number, processPercent: number): { processFen: number; finalFen: number } {
  const processFen = percentOf(fundFen, processPercent);
  return { processFen, finalFen: fundFen - processFen };
}

/**
 * Shares a pool by weights with `allocate` (largest remainder). TIE-BREAK: each share is rounded
 * down, then the fen left over go one each to the largest remainders; among equal remainders the
 * teacher listed first gets the fen, and teachers are always listed by user id ascending
 * (`shareTeachers` sorts them). With no weight at all, nothing is paid and `unpaid` is the pool.
 */
export function sharePool(
  poolFen: number,
  weights: readonly number[],
): { shares: number[]; unpaidFen: number } {
  const sum = weights.reduce((a, w) => a + w, 0);
  if (sum === 0) return { shares: weights.map(() => 0), unpaidFen: poolFen };
  return { shares: allocate(poolFen, weights), unpaidFen: 0 };
}

export interface TeacherInput {
  userId: string;
  /** Sum of the teacher's session lines, tenths. */
  pointsTenths: number;
  /** PAY-4 happened in the term: no final reward. */
  lostFinal: boolean;
  /** Survey score × 100 (SURV-2), 0 when the teacher was not rated. */
  surveyHundredths: number;
}

export interface TeacherShare {
  userId: string;
  pointsTenths: number;
  processFen: number;
  finalFen: number;
  eligible: boolean;
  /** Why the final reward is 0, if it is. */
  finalReason: 'incident' | 'no_score' | null;
}

export interface PoolResult {
  processFen: number;
  finalFen: number;
  processUnpaidFen: number;
  finalUnpaidFen: number;
  teachers: TeacherShare[];
}

/**
 * PAY-6: the process pool in proportion to max(points, 0). PAY-7: the final pool among eligible
 * teachers (no PAY-4 in the term, survey score > 0) in proportion to their score. Teachers are
 * sorted by user id first (the stated tie-break order).
 */
export function shareTeachers(
  fundFen: number,
  processPercent: number,
  input: readonly TeacherInput[],
): PoolResult {
  const teachers = [...input].sort((a, b) => (a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0));
  const { processFen, finalFen } = splitFund(fundFen, processPercent);
  const proc = sharePool(
    processFen,
    teachers.map((t) => Math.max(t.pointsTenths, 0)),
  );
  const eligible = teachers.map((t) => !t.lostFinal && t.surveyHundredths > 0);
  const fin = sharePool(
    finalFen,
    teachers.map((t, i) => (eligible[i] ? t.surveyHundredths : 0)),
  );
  return {
    processFen,
    finalFen,
    processUnpaidFen: proc.unpaidFen,
    finalUnpaidFen: fin.unpaidFen,
    teachers: teachers.map((t, i) => ({
      userId: t.userId,
      pointsTenths: t.pointsTenths,
      processFen: proc.shares[i]!,
      finalFen: fin.shares[i]!,
      eligible: eligible[i]!,
      finalReason: eligible[i] ? null : t.lostFinal ? 'incident' : 'no_score',
    })),
  };
}

/**
 * Outside staff kinds that are NOT in teacher pay: institution staff (paid through the
 * institution's booking) and volunteer parents (家长义工, unpaid volunteers). Coaches and retired
 * teachers the school hires itself are paid from the pools (booked as `outside_staff` expenses).
 */
export const unpaidOutsideKinds: readonly string[] = ['institution_staff', 'volunteer_parent'];

/**
 * Whether a person's sessions are in teacher pay. Anyone holding a role at the school other than
 * `outside_staff` is (a teacher who also volunteers is paid as a teacher). Someone who is only
 * outside staff is paid unless every outside-staff registration of theirs at the school is of an
 * unpaid kind.
 */
export function inPay(roles: readonly string[], outsideKinds: readonly string[]): boolean {
  if (roles.some((r) => r !== 'outside_staff')) return true;
  if (outsideKinds.length === 0) return true;
  return outsideKinds.some((k) => !unpaidOutsideKinds.includes(k));
}

/** PAY-2 'fee_share': the share of the term's net service-fee income (negative income → 0). */
export function feeShareFund(netIncomeFen: number, percent: number): number {
  return netIncomeFen <= 0 ? 0 : percentOf(netIncomeFen, percent);
}

/**
 * PAY-1: approval only from the day AFTER the term's last day: on the last day itself that day's
 * sessions may not be recorded yet.
 */
export function canApprove(today: string, termEndsOn: string): boolean {
  return today > termEndsOn;
}

/**
 * PAY-1: only a run computed after the term's last day (its computed_at as a school-local date)
 * counts every session of the term; one computed on the last day may miss that day's records.
 */
export function runCoversTerm(computedOn: string, termEndsOn: string): boolean {
  return computedOn > termEndsOn;
}
