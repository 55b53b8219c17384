// Keeping temporary classes current after generation (STAFF-1, STAFF-3): the cap on a move or a
// placement, where students enrolled later go, names of classes added later, the seat plan (座位表)
// and the dates of a roll-call sheet (点名册). Pure, like rules.ts.
import { AppError } from '../../server/errors';
import type { SchoolDay } from '../programme/rules';
import { classBaseName, comparePupils, type Pupil, type TempClassKind } from './rules';

/** rule STAFF-1: a move or placement may not take a class over its cap. */
export function checkRoom(target: { name: string; count: number; cap: number }): void {
  if (target.count + 1 > target.cap)
    throw new AppError('TEMP_CLASS_FULL', { className: target.name, cap: target.cap, count: target.count });
}

export interface ClassLoad {
  id: string;
  name: string;
  cap: number;
  /** The home class of each current member (one entry per member). */
  memberHomeClassIds: string[];
}

/**
 * Students enrolled after generation: each goes to the class with room holding most of their home
 * classmates, else the smallest with room (ties by name). Those with no room anywhere are returned.
 */
export function placeNewcomers(
  classes: ClassLoad[],
  newcomers: Pupil[],
): { placements: { studentId: string; classId: string }[]; overflow: Pupil[] } {
  const state = classes.map((c) => ({ ...c, members: [...c.memberHomeClassIds] }));
  const placements: { studentId: string; classId: string }[] = [];
  const overflow: Pupil[] = [];
  for (const p of [...newcomers].sort(comparePupils)) {
    const open = state.filter((c) => c.members.length < c.cap);
    if (open.length === 0) {
      overflow.push(p);
      continue;
    }
    const mates = (c: (typeof state)[number]) => c.members.filter((h) => h === p.homeClassId).length;
    open.sort(
      (a, b) => mates(b) - mates(a) || a.members.length - b.members.length || a.name.localeCompare(b.name),
    );
    const chosen = open[0]!;
    chosen.members.push(p.homeClassId);
    placements.push({ studentId: p.id, classId: chosen.id });
  }
  return { placements, overflow };
}

/** The next unused name "base N班" / "base N组" for a class added after generation. */
export function nextClassName(kind: TempClassKind, offeringName: string, taken: string[]): string {
  const base = classBaseName(kind, offeringName);
  const suffix = kind === 'noon' ? '组' : '班';
  for (let n = 1; ; n++) {
    const name = `${base}${n}${suffix}`;
    if (!taken.includes(name)) return name;
  }
}

// ---- seat plan (座位表, STAFF-3) ----

/** Seat n (1-based) in rows of `width`: row and column, 1-based. */
export function seatPosition(seatNo: number, width: number): { row: number; col: number } {
  const w = Math.max(1, width);
  return { row: Math.floor((seatNo - 1) / w) + 1, col: ((seatNo - 1) % w) + 1 };
}

/** The lowest seat number no current member holds. */
export function freeSeat(taken: (number | null)[]): number {
  const used = new Set(taken.filter((s): s is number => s !== null));
  let n = 1;
  while (used.has(n)) n++;
  return n;
}

/**
 * Putting a student on a seat: if someone sits there, they take the student's old seat (a swap).
 * Returns the seat changes to write. Seats run from 1 to the class's cap.
 */
export function moveSeat(
  members: { studentId: string; seatNo: number | null }[],
  studentId: string,
  seatNo: number,
  cap: number,
): { studentId: string; seatNo: number | null }[] {
  if (seatNo < 1 || seatNo > cap) throw new AppError('TEMP_CLASS_SEAT_RANGE', { max: cap });
  const me = members.find((m) => m.studentId === studentId);
  if (!me) throw new AppError('NOT_FOUND');
  if (me.seatNo === seatNo) return [];
  const occupant = members.find((m) => m.seatNo === seatNo);
  const changes: { studentId: string; seatNo: number | null }[] = [{ studentId, seatNo }];
  if (occupant) changes.push({ studentId: occupant.studentId, seatNo: me.seatNo });
  return changes;
}

// ---- roll-call sheet (点名册, STAFF-3) ----

/** The dates a session runs in [from, to]: school days whose timetable weekday the session keeps. */
export function sessionDates(days: SchoolDay[], weekdays: number[], from: string, to: string): string[] {
  return days
    .filter((d) => d.date >= from && d.date <= to && weekdays.includes(d.timetableWeekday))
    .map((d) => d.date);
}
