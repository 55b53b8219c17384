// The care teacher's day as pure rules: which dates may be recorded, what a whole-class roll must
// contain, how leave prefills it, handover counts, when a care log is complete and when a check-in
// is late. No I/O, no clock: `today` and instants come in as arguments.
import { AppError } from '../../server/errors';
import { addDays, localDateTime, minutesOf, schoolDays, type TermDay } from '../programme/rules';
import type { careLogFields, homeworkAnswers, rollStatuses } from './contract';

export type RollStatus = (typeof rollStatuses)[number];
export type CareLogField = (typeof careLogFields)[number];
export type HomeworkAnswer = (typeof homeworkAnswers)[number];

// ---- dates ----

/**
 * Whether `session` runs on `date`: inside the term, a school day by the calendar (holidays off,
 * make-up days follow another weekday's timetable, PROG-1), and that timetable weekday is one of the
 * session's.
 */
export function sessionRunsOn(
  term: { startsOn: string; endsOn: string },
  calendar: TermDay[],
  sessionWeekdays: number[],
  date: string,
): boolean {
  if (date < term.startsOn || date > term.endsOn) return false;
  const [day] = schoolDays({ startsOn: date, endsOn: date }, calendar);
  return day !== undefined && sessionWeekdays.includes(day.timetableWeekday);
}

export function parseWeekdays(csv: string): number[] {
  return csv
    .split(',')
    .map((s) => Number(s.trim()))
    .filter((n) => Number.isInteger(n) && n >= 1 && n <= 7);
}

/**
 * rule DAY-1, SAFE-1: a class's day is recorded on a day the session runs, never ahead of time, and
 * corrected only within `correctionDays` (an old record stays as it was kept).
 */
export function checkRecordDate(date: string, today: string, correctionDays: number, runs: boolean): void {
  if (date > today) throw new AppError('DAILY_FUTURE_DATE', { date });
  if (date < addDays(today, -correctionDays))
    throw new AppError('DAILY_TOO_OLD', { date, days: correctionDays });
  if (!runs) throw new AppError('DAILY_NOT_SCHOOL_DAY', { date });
}

// ---- leave (DAY-3) ----

export interface LeaveShape {
  id: string;
  studentId: string;
  fromDate: string;
  toDate: string;
  sessionId: string | null;
  reason: string;
  status: string;
}

/** rule DAY-3: leave lies within the term, ends no earlier than it starts, and starts no earlier than today. */
export function checkLeaveDates(
  leave: { fromDate: string; toDate: string },
  term: { startsOn: string; endsOn: string },
  today: string,
): void {
  if (leave.toDate < leave.fromDate || leave.fromDate < term.startsOn || leave.toDate > term.endsOn)
    throw new AppError('LEAVE_DATES_INVALID', { startsOn: term.startsOn, endsOn: term.endsOn });
  if (leave.fromDate < today) throw new AppError('LEAVE_IN_PAST', { today });
}

/** Whether a leave covers a session on a date (a leave without a session covers all of them). */
export function leaveCovers(leave: LeaveShape, date: string, sessionId: string): boolean {
  return (
    leave.status === 'reported' &&
    leave.fromDate <= date &&
    leave.toDate >= date &&
    (leave.sessionId === null || leave.sessionId === sessionId)
  );
}

/** rule DAY-3: a family cancels a leave only before its first day. */
export function canCancelLeave(leave: { status: string; fromDate: string }, today: string): boolean {
  return leave.status === 'reported' && leave.fromDate > today;
}

// ---- roll call (DAY-1) ----

/**
 * rule DAY-1: a roll is saved whole: every current member exactly once, nobody else. One error
 * names all three counts so the teacher knows to reload the list.
 */
export function checkRollMarks(memberIds: readonly string[], marks: readonly { studentId: string }[]): void {
  const members = new Set(memberIds);
  const seen = new Set<string>();
  let extra = 0;
  let duplicate = 0;
  for (const m of marks) {
    if (seen.has(m.studentId)) duplicate++;
    else if (!members.has(m.studentId)) extra++;
    seen.add(m.studentId);
  }
  const missing = memberIds.filter((id) => !seen.has(id)).length;
  if (missing || extra || duplicate)
    throw new AppError('ROLL_MEMBERS_MISMATCH', { missing, extra, duplicate });
}

export function countMarks(marks: readonly { status: RollStatus | null }[]) {
  const counts = { present: 0, late: 0, absent: 0, leave: 0 };
  for (const m of marks) if (m.status) counts[m.status]++;
  return counts;
}

/** Children on site by a roll: present or late (DAY-2 counts them at the handover). */
export function onSiteCount(marks: readonly { status: RollStatus | null }[]): number {
  const c = countMarks(marks);
  return c.present + c.late;
}

/**
 * The sheet a teacher opens: the roll in force when there is one; otherwise 'leave' for a child with
 * reported leave (DAY-3: the care teacher sees it before the roll) and nothing for the others, so
 * every child is looked at rather than defaulted.
 */
export function prefillStatus(
  existing: RollStatus | undefined,
  leave: LeaveShape | undefined,
): RollStatus | null {
  if (existing) return existing;
  return leave ? 'leave' : null;
}

// ---- handover (DAY-2) ----

export type HandoverStage = 'last_period_to_care' | 'care_to_duty';

/** rule DAY-2: a count that differs from what the roll expects is flagged; without a roll nothing is compared. */
export function handoverMismatch(headCount: number, expected: number | null): boolean {
  return expected !== null && headCount !== expected;
}

// ---- care log and activity record (DAY-6, DAY-8) ----

export interface CareLogShape {
  content: string;
  topic: string;
  headCount: number | null;
  startedAt: string | null;
  endedAt: string | null;
  homework: HomeworkAnswer | null;
}

/**
 * rule DAY-8: what a complete 活动记录表 holds. The plan (篇三) pays 1 for a record "记录详细，符合要求"
 * and 0.5 for "材料记录不全", so the record must say what was done, for how many, and when; an
 * interest class also names its activity topic, and homework care says how far homework got. A
 * noon session (午托) is rest, so it needs no topic or homework answer.
 */
export function requiredCareLogFields(kind: string): CareLogField[] {
  const base: CareLogField[] = ['content', 'headCount', 'startedAt', 'endedAt'];
  if (kind === 'interest') return [...base, 'topic'];
  if (kind === 'care') return [...base, 'homework'];
  return base;
}

export function missingCareLogFields(kind: string, log: CareLogShape): CareLogField[] {
  const filled: Record<CareLogField, boolean> = {
    content: log.content.trim().length > 0,
    topic: log.topic.trim().length > 0,
    headCount: log.headCount !== null,
    startedAt: log.startedAt !== null,
    endedAt:
      log.endedAt !== null && (log.startedAt === null || minutesOf(log.endedAt) > minutesOf(log.startedAt)),
    homework: log.homework !== null,
  };
  return requiredCareLogFields(kind).filter((f) => !filled[f]);
}

// ---- staff attendance (DAY-7) ----

export interface CheckInOutcome {
  status: 'on_time' | 'late';
  minutesLate: number;
}

/** Minutes after local midnight of an instant on `date` in the school's zone (negative/over 1440 off the date). */
export function localMinutesOn(instant: string, date: string, timeZone: string): number {
  const local = localDateTime(instant, timeZone);
  const dayOffset = Math.round(
    (Date.parse(`${local.slice(0, 10)}T00:00:00Z`) - Date.parse(`${date}T00:00:00Z`)) / 86_400_000,
  );
  return dayOffset * 1440 + minutesOf(local.slice(11, 16));
}

/**
 * rule DAY-7: on time up to `graceMinutes` after the session starts, late after that. The minutes
 * late are counted from the start, as the plan's 迟到 is measured from the start bell.
 */
export function checkInOutcome(
  checkInMinutes: number,
  sessionStartsAt: string,
  graceMinutes: number,
): CheckInOutcome {
  const late = checkInMinutes - minutesOf(sessionStartsAt);
  return late > graceMinutes ? { status: 'late', minutesLate: late } : { status: 'on_time', minutesLate: 0 };
}

/** Check-in opens this long before the session starts (a teacher arrives to take over the class). */
export const checkInOpensMinutesBefore = 60;
