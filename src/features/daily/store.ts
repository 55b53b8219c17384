// Queries of the care teacher's day: a class with its session and term, its members, leave, rolls,
// handovers and care logs. No decisions here; services and rules make them.
import type { DialectName } from '../../db/dialect';
import { forUpdate, toNumber } from '../../db/dialect';
import type { Executor } from '../../server/context';
import type { TermDay } from '../programme/rules';
import { onSiteMarks, rollsInForce } from './roll-read';
import type { HandoverStage, LeaveShape, RollStatus } from './rules';

export interface ClassDay {
  id: string;
  schoolId: string;
  termId: string;
  sessionId: string;
  offeringId: string;
  kind: string;
  name: string;
  headTeacherId: string | null;
  sessionName: string;
  weekdays: string;
  startsAt: string;
  endsAt: string;
  termStartsOn: string;
  termEndsOn: string;
  venueName: string | null;
}

function classDayQuery(db: Executor, schoolId: string) {
  return db
    .selectFrom('temp_classes as c')
    .innerJoin('term_sessions as s', 's.id', 'c.session_id')
    .innerJoin('terms as t', 't.id', 'c.term_id')
    .leftJoin('venues as v', 'v.id', 'c.venue_id')
    .select([
      'c.id',
      'c.school_id as schoolId',
      'c.term_id as termId',
      'c.session_id as sessionId',
      'c.offering_id as offeringId',
      'c.kind',
      'c.name',
      'c.head_teacher_id as headTeacherId',
      's.name as sessionName',
      's.weekdays',
      's.starts_at as startsAt',
      's.ends_at as endsAt',
      't.starts_on as termStartsOn',
      't.ends_on as termEndsOn',
      'v.name as venueName',
    ])
    .where('c.school_id', '=', schoolId);
}

/**
 * A temporary class with its session and term, in one query. `lock` takes the class row for the
 * transaction on PostgreSQL so two corrections of one roll queue instead of racing for a version
 * (SQLite's single writer already serialises them).
 */
export async function loadClassDay(
  db: Executor,
  dialect: DialectName,
  schoolId: string,
  tempClassId: string,
  lock = false,
): Promise<ClassDay | undefined> {
  if (lock) await lockClass(db, dialect, schoolId, tempClassId);
  return classDayQuery(db, schoolId).where('c.id', '=', tempClassId).executeTakeFirst();
}

/**
 * Takes the class row for the transaction on PostgreSQL (SQLite's single writer already serialises
 * writes). FOR UPDATE cannot lock the nullable side of an outer join, so the class is locked alone.
 */
export async function lockClass(db: Executor, dialect: DialectName, schoolId: string, tempClassId: string) {
  await forUpdate(
    dialect,
    db
      .selectFrom('temp_classes')
      .select('id')
      .where('id', '=', tempClassId)
      .where('school_id', '=', schoolId),
  ).executeTakeFirst();
}

/** Classes of the school whose term covers `date`; `filter` narrows by class ids or sessions. */
export async function classDaysOn(
  db: Executor,
  schoolId: string,
  date: string,
  filter: { all: boolean; classIds: string[]; sessionIds: string[]; headTeacherId: string },
): Promise<ClassDay[]> {
  let q = classDayQuery(db, schoolId).where('t.starts_on', '<=', date).where('t.ends_on', '>=', date);
  if (!filter.all) {
    const { classIds, sessionIds, headTeacherId } = filter;
    q = q.where((eb) =>
      eb.or([
        eb('c.head_teacher_id', '=', headTeacherId),
        ...(classIds.length ? [eb('c.id', 'in', classIds)] : []),
        ...(sessionIds.length ? [eb('c.session_id', 'in', sessionIds)] : []),
      ]),
    );
  }
  return q.orderBy('s.starts_at').orderBy('c.name').execute();
}

/** The calendar exceptions (holidays, make-up days) of terms, for the dates asked. */
export async function calendarOf(
  db: Executor,
  termIds: string[],
  dates: string[],
): Promise<Map<string, TermDay[]>> {
  const byTerm = new Map<string, TermDay[]>(termIds.map((t) => [t, []]));
  if (termIds.length === 0 || dates.length === 0) return byTerm;
  const rows = await db
    .selectFrom('term_days')
    .select(['term_id', 'date', 'kind', 'follows_weekday', 'note'])
    .where('term_id', 'in', termIds)
    .where('date', 'in', dates)
    .execute();
  for (const r of rows)
    byTerm.get(r.term_id)?.push({
      date: r.date,
      kind: r.kind as TermDay['kind'],
      followsWeekday: r.follows_weekday,
      note: r.note,
    });
  return byTerm;
}

/** Current members of a class (membership rows without `left_at`), in seat then name order. */
export async function membersOf(db: Executor, tempClassId: string) {
  return db
    .selectFrom('temp_class_members as m')
    .innerJoin('students as s', 's.id', 'm.student_id')
    .innerJoin('classes as k', 'k.id', 's.class_id')
    .select(['s.id as studentId', 's.name', 'k.grade', 'k.class_no as classNo'])
    .where('m.temp_class_id', '=', tempClassId)
    .where('m.left_at', 'is', null)
    .orderBy('m.seat_no')
    .orderBy('k.grade')
    .orderBy('k.class_no')
    .orderBy('s.name')
    .execute();
}

export async function memberIdsOf(db: Executor, tempClassId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('temp_class_members')
    .select('student_id')
    .where('temp_class_id', '=', tempClassId)
    .where('left_at', 'is', null)
    .execute();
  return rows.map((r) => r.student_id);
}

export async function memberCounts(db: Executor, tempClassIds: string[]): Promise<Map<string, number>> {
  if (tempClassIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('temp_class_members')
    .select((eb) => ['temp_class_id', eb.fn.countAll().as('n')])
    .where('temp_class_id', 'in', tempClassIds)
    .where('left_at', 'is', null)
    .groupBy('temp_class_id')
    .execute();
  return new Map(rows.map((r) => [r.temp_class_id, toNumber(r.n as string | number)]));
}

const leaveColumns = [
  'l.id',
  'l.student_id as studentId',
  'l.from_date as fromDate',
  'l.to_date as toDate',
  'l.session_id as sessionId',
  'l.reason',
  'l.status',
] as const;

/** Reported (not cancelled) leave of some students that overlaps `date`. */
export async function leaveOn(db: Executor, studentIds: string[], date: string): Promise<LeaveShape[]> {
  if (studentIds.length === 0) return [];
  return db
    .selectFrom('leave_requests as l')
    .select([...leaveColumns])
    .where('l.student_id', 'in', studentIds)
    .where('l.status', '=', 'reported')
    .where('l.from_date', '<=', date)
    .where('l.to_date', '>=', date)
    .execute();
}

/** Reported leave on `date` of the current members of classes (Today's counts), per student. */
export async function classLeaveOn(db: Executor, tempClassIds: string[], date: string) {
  if (tempClassIds.length === 0) return [];
  return db
    .selectFrom('leave_requests as l')
    .innerJoin('temp_class_members as m', 'm.student_id', 'l.student_id')
    .select(['m.temp_class_id as tempClassId', ...leaveColumns])
    .where('m.temp_class_id', 'in', tempClassIds)
    .where('m.left_at', 'is', null)
    .where('l.status', '=', 'reported')
    .where('l.from_date', '<=', date)
    .where('l.to_date', '>=', date)
    .execute();
}

/**
 * The roll in force of one class on a date with its marks, in two indexed lookups (the save's hot
 * path; `rollsInForce` serves many classes at once). Undefined when no roll was taken.
 */
export async function latestRoll(db: Executor, tempClassId: string, date: string) {
  const head = await db
    .selectFrom('roll_calls')
    .select(['id', 'version'])
    .where('temp_class_id', '=', tempClassId)
    .where('date', '=', date)
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!head) return undefined;
  const marks = await db
    .selectFrom('roll_call_marks')
    .select(['student_id as studentId', 'status', 'note'])
    .where('roll_call_id', '=', head.id)
    .execute();
  return { ...head, marks: marks as { studentId: string; status: RollStatus; note: string }[] };
}

/**
 * rule DAY-2: how many children should change hands at a handover. At the first handover the
 * roll in force if one was taken, else the current members minus those on leave for the session;
 * at the last, the children on site by the roll in force (null without a roll). The pickup work
 * extends the last stage by subtracting the children already released.
 */
export async function expectedHeadCount(
  db: Executor,
  tempClassId: string,
  date: string,
  stage: HandoverStage,
  sessionId: string,
): Promise<number | null> {
  const roll = (await rollsInForce(db, [tempClassId], date)).get(tempClassId);
  if (roll) {
    const onSite = roll.marks.filter((m) => onSiteMarks.includes(m.status)).map((m) => m.studentId);
    if (stage !== 'care_to_duty' || onSite.length === 0) return onSite.length;
    // DAY-2, DAY-4: at the last handover the children already released (to an adult, or walked
    // home with a permit) have left; the duty teacher receives the rest.
    const released = await db
      .selectFrom('pickup_releases')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .where('date', '=', date)
      .where('student_id', 'in', onSite)
      .executeTakeFirst();
    return onSite.length - Number(released?.n ?? 0);
  }
  if (stage === 'care_to_duty') return null;
  const members = await memberIdsOf(db, tempClassId);
  const leave = await leaveOn(db, members, date);
  const away = new Set(
    leave.filter((l) => l.sessionId === null || l.sessionId === sessionId).map((l) => l.studentId),
  );
  return members.filter((id) => !away.has(id)).length;
}

// ---- people to reach (DAY-2 mismatch, SAFE-3 contacts) ----

/** The users the published roster names in a role on a date, with name and phone. */
export async function rosteredOn(
  db: Executor,
  schoolId: string,
  date: string,
  role: 'leader' | 'duty' | 'care',
  sessionId?: string,
) {
  let q = db
    .selectFrom('duty_assignments as a')
    .innerJoin('duty_rosters as r', 'r.id', 'a.roster_id')
    .innerJoin('users as u', 'u.id', 'a.user_id')
    .select(['u.id as userId', 'u.display_name as name', 'u.phone', 'a.session_id as sessionId'])
    .where('a.school_id', '=', schoolId)
    .where('a.date', '=', date)
    .where('a.role', '=', role)
    .where('r.status', '=', 'published');
  if (sessionId) q = q.where('a.session_id', '=', sessionId);
  return q.execute();
}

export async function schoolAdmins(db: Executor, schoolId: string) {
  return db
    .selectFrom('role_grants as g')
    .innerJoin('users as u', 'u.id', 'g.user_id')
    .select(['u.id as userId', 'u.display_name as name', 'u.phone'])
    .distinct()
    .where('g.school_id', '=', schoolId)
    .where('g.role', '=', 'school_admin')
    .where('u.disabled', '=', 0)
    .execute();
}

/** Names of people who hold a role at the school (a handover's parties must be its staff). */
export async function staffNames(
  db: Executor,
  schoolId: string,
  ids: string[],
): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('users as u')
    .innerJoin('role_grants as g', 'g.user_id', 'u.id')
    .select(['u.id', 'u.display_name'])
    .distinct()
    .where('u.id', 'in', ids)
    .where('g.school_id', '=', schoolId)
    .execute();
  return new Map(rows.map((r) => [r.id, r.display_name]));
}

export async function userNames(db: Executor, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('users').select(['id', 'display_name']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r.display_name]));
}
