// Queries of the duty board (DAY-10) and the late-pickup alerts. No decisions.
import type { Executor } from '../../server/context';

/** Temporary classes of a term whose session runs on the timetable weekday, with their session. */
export async function classesOfDay(db: Executor, schoolId: string, termId: string, weekday: number) {
  const rows = await db
    .selectFrom('temp_classes as t')
    .innerJoin('term_sessions as s', 's.id', 't.session_id')
    .select([
      't.id',
      't.name',
      't.session_id as sessionId',
      't.offering_id as offeringId',
      't.head_teacher_id as headTeacherId',
      's.name as sessionName',
      's.kind as sessionKind',
      's.starts_at as startsAt',
      's.ends_at as endsAt',
      's.weekdays',
    ])
    .where('t.school_id', '=', schoolId)
    .where('t.term_id', '=', termId)
    .orderBy('s.starts_at')
    .orderBy('t.name')
    .execute();
  return rows.filter((r) => r.weekdays.split(',').map(Number).includes(weekday));
}

/** Current members of some classes. */
export async function membersOf(db: Executor, tempClassIds: readonly string[]) {
  if (tempClassIds.length === 0) return [];
  return db
    .selectFrom('temp_class_members as m')
    .innerJoin('students as s', 's.id', 'm.student_id')
    .select(['m.temp_class_id as tempClassId', 's.id', 's.name'])
    .where('m.temp_class_id', 'in', tempClassIds)
    .where('m.left_at', 'is', null)
    .execute();
}

/** The users on duty as leaders (值班领导) on a date per the published roster. */
export async function leadersOn(db: Executor, schoolId: string, date: string) {
  const rows = await db
    .selectFrom('duty_assignments as a')
    .innerJoin('duty_rosters as r', 'r.id', 'a.roster_id')
    .select('a.user_id as userId')
    .where('a.school_id', '=', schoolId)
    .where('a.date', '=', date)
    .where('a.role', '=', 'leader')
    .where('r.status', '=', 'published')
    .execute();
  return [...new Set(rows.map((r) => r.userId))];
}

export async function alertsOfDay(db: Executor, schoolId: string, date: string) {
  const rows = await db
    .selectFrom('pickup_late_alerts')
    .select('student_id as studentId')
    .where('school_id', '=', schoolId)
    .where('date', '=', date)
    .execute();
  return new Set(rows.map((r) => r.studentId));
}

/** Inserts the alerts not yet raised; returns the students newly alerted (one per child per day). */
export async function insertAlerts(
  db: Executor,
  rows: {
    id: string;
    school_id: string;
    student_id: string;
    date: string;
    temp_class_id: string;
    session_id: string;
    raised_at: string;
  }[],
): Promise<string[]> {
  if (rows.length === 0) return [];
  const inserted = await db
    .insertInto('pickup_late_alerts')
    .values(rows)
    .onConflict((oc) => oc.columns(['student_id', 'date']).doNothing())
    .returning('student_id')
    .execute();
  return inserted.map((r) => r.student_id);
}

/** Schools with a term around these dates (a day either side covers every time zone's "today"). */
export async function schoolIdsWithTermOn(db: Executor, from: string, to: string) {
  const rows = await db
    .selectFrom('terms')
    .select('school_id')
    .distinct()
    .where('starts_on', '<=', to)
    .where('ends_on', '>=', from)
    .execute();
  return rows.map((r) => r.school_id);
}
