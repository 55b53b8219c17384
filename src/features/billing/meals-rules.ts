// Meals (FEE-7), the pure rules: which days of a month count, how many meals a student had, the
// correction of an earlier billed month, and how an opt-in or opt-out changes the family's ranges.
// The due date is rules.ts `mealDueOn`.
import { addDays } from '../programme/time';

/** The last date of a month 'YYYY-MM'. */
export function lastDayOf(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${month}-${String(last).padStart(2, '0')}`;
}

/** The dates of the month inside the term, or null when the month and the term do not meet. */
export function monthWithinTerm(
  month: string,
  term: { startsOn: string; endsOn: string },
): { from: string; to: string } | null {
  const [, from] = [`${month}-01`, term.startsOn].sort() as [string, string];
  const [to] = [lastDayOf(month), term.endsOn].sort() as [string, string];
  return from <= to ? { from, to } : null;
}

/** A month's meals are billed after it has ended (school-local date). */
export const monthEnded = (month: string, today: string): boolean => today > lastDayOf(month);

/** Attendance counting: one meal per student and day marked present or late at noon (several classes, one meal). */
export function mealsFromMarks(marks: readonly { studentId: string; date: string }[]): Map<string, number> {
  const days = new Map<string, Set<string>>();
  for (const m of marks) {
    const set = days.get(m.studentId) ?? new Set<string>();
    set.add(m.date);
    days.set(m.studentId, set);
  }
  return new Map([...days].map(([s, set]) => [s, set.size]));
}

export interface OptRange {
  from: string;
  /** The last day included; null while open. A range whose `to` is before its `from` is empty. */
  to: string | null;
}

/** Opt-in counting: the school days that fall inside any of the family's ranges (overlaps count once). */
export function mealsFromOptIns(schoolDays: readonly string[], ranges: readonly OptRange[]): number {
  return schoolDays.filter((d) => ranges.some((r) => r.from <= d && (r.to === null || d <= r.to))).length;
}

/**
 * What an earlier month's bill still lacks (+) or over-charged (−): its meals counted now at the price
 * it was billed at, less everything charged for that month so far (its charge and earlier corrections).
 */
export function mealCorrection(mealsNow: number, priceFen: number, chargedFen: number): number {
  return mealsNow * priceFen - chargedFen;
}

export interface RangeRow extends OptRange {
  id: string;
}

export type OptChange =
  | { kind: 'none' }
  | { kind: 'insert'; from: string }
  | { kind: 'update'; updates: { id: string; from?: string; to: string | null }[] };

/**
 * How the family's ranges change. Opting in from `date`: nothing if an open range already began by
 * then, an open range starting later moves back to `date`, else a new open range. Opting out from
 * `date`: every range still running on or after `date` ends the day before (a range not yet begun
 * becomes empty, and counts nothing).
 */
export function optChange(ranges: readonly RangeRow[], action: 'in' | 'out', date: string): OptChange {
  const live = ranges.filter((r) => r.to === null || r.to >= r.from);
  if (action === 'in') {
    const open = live.find((r) => r.to === null);
    if (open)
      return open.from <= date
        ? { kind: 'none' }
        : { kind: 'update', updates: [{ id: open.id, from: date, to: null }] };
    return { kind: 'insert', from: date };
  }
  const dayBefore = addDays(date, -1);
  const updates = live.filter((r) => r.to === null || r.to >= date).map((r) => ({ id: r.id, to: dayBefore }));
  return updates.length ? { kind: 'update', updates } : { kind: 'none' };
}

/** Whether the student is opted in on a date. */
export const optedInOn = (ranges: readonly OptRange[], date: string): boolean =>
  ranges.some((r) => r.from <= date && (r.to === null || date <= r.to));

/** A meal bill's number: school code, series M, and the school's running number. */
export const mealBillNo = (schoolCode: string, n: number): string =>
  `${schoolCode}-M${String(n).padStart(6, '0')}`;
