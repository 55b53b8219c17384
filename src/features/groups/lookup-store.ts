// Kysely lookups the temporary-class use cases need beside the classes themselves: the children
// and guardians on a roster, the school's teachers and venues, the term's calendar, and the export.
import type { Executor } from '../../server/context';

/** Members with what a roster shows: grade, home class, name, gender, student number. */
export async function memberDetails(db: Executor, tempClassId: string) {
  return db
    .selectFrom('temp_class_members as m')
    .innerJoin('students as s', 's.id', 'm.student_id')
    .innerJoin('classes as c', 'c.id', 's.class_id')
    .select([
      'm.id as memberId',
      's.id as studentId',
      's.name',
      's.gender',
      's.student_no as studentNo',
      'c.grade',
      'c.class_no as classNo',
      'c.id as homeClassId',
      'm.seat_no as seatNo',
      'm.joined_at as joinedAt',
    ])
    .where('m.temp_class_id', '=', tempClassId)
    .where('m.left_at', 'is', null)
    .orderBy('m.seat_no')
    .orderBy('c.grade')
    .orderBy('c.class_no')
    .orderBy('s.student_no')
    .execute();
}

/** Each student's primary guardian phone (else any guardian's), for the printed roster. */
export async function guardianPhones(db: Executor, studentIds: string[]): Promise<Map<string, string>> {
  if (studentIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('student_guardians as sg')
    .innerJoin('guardians as g', 'g.id', 'sg.guardian_id')
    .select(['sg.student_id as studentId', 'g.phone', 'sg.is_primary as isPrimary', 'g.id'])
    .where('sg.student_id', 'in', studentIds)
    .orderBy('sg.is_primary', 'desc')
    .orderBy('g.id')
    .execute();
  const out = new Map<string, string>();
  for (const r of rows) if (!out.has(r.studentId)) out.set(r.studentId, r.phone);
  return out;
}

/** Parent accounts of a student, for notifications. */
export async function guardianUserIds(db: Executor, studentId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('student_guardians as sg')
    .innerJoin('guardians as g', 'g.id', 'sg.guardian_id')
    .select('g.user_id')
    .where('sg.student_id', '=', studentId)
    .where('g.user_id', 'is not', null)
    .execute();
  return [...new Set(rows.map((r) => r.user_id!))];
}

export async function studentBrief(db: Executor, schoolId: string, studentId: string) {
  return db
    .selectFrom('students as s')
    .innerJoin('classes as c', 'c.id', 's.class_id')
    .select([
      's.id',
      's.name',
      's.class_id as classId',
      'c.grade',
      'c.class_no as classNo',
      's.student_no as studentNo',
    ])
    .where('s.school_id', '=', schoolId)
    .where('s.id', '=', studentId)
    .executeTakeFirst();
}

export async function schoolVenues(db: Executor, schoolId: string) {
  const rows = await db
    .selectFrom('venues')
    .select(['id', 'name', 'kind', 'capacity', 'fire_safe as fireSafe'])
    .where('school_id', '=', schoolId)
    .orderBy('name')
    .execute();
  return rows.map((r) => ({ ...r, fireSafe: r.fireSafe === 1 }));
}

/**
 * Venues busy in a session: held by other offerings of the session, or by temporary classes of the
 * session other than `exceptOffering`'s. Maps venue id → the name of who holds it.
 */
export async function venuesBusyInSession(db: Executor, sessionId: string, exceptOffering: string) {
  const [offerings, classes] = await Promise.all([
    db
      .selectFrom('offerings')
      .select(['venue_id', 'name'])
      .where('session_id', '=', sessionId)
      .where('id', '!=', exceptOffering)
      .where('venue_id', 'is not', null)
      .execute(),
    db
      .selectFrom('temp_classes')
      .select(['venue_id', 'name', 'id'])
      .where('session_id', '=', sessionId)
      .where('offering_id', '!=', exceptOffering)
      .where('venue_id', 'is not', null)
      .execute(),
  ]);
  const busy = new Map<string, string>();
  for (const o of offerings) busy.set(o.venue_id!, o.name);
  for (const c of classes) busy.set(c.venue_id!, c.name);
  return busy;
}

/** Whether a user holds a teaching role at the school (STAFF-3: the head teacher is a teacher). */
export async function isSchoolTeacher(db: Executor, schoolId: string, userId: string): Promise<boolean> {
  const row = await db
    .selectFrom('role_grants as g')
    .innerJoin('users as u', 'u.id', 'g.user_id')
    .select('g.id')
    .where('g.school_id', '=', schoolId)
    .where('g.user_id', '=', userId)
    .where('g.role', 'in', ['school_admin', 'class_teacher', 'care_teacher'])
    .where('u.disabled', '=', 0)
    .executeTakeFirst();
  return row !== undefined;
}

/** The teachers a head teacher is chosen from. */
export async function schoolTeachers(db: Executor, schoolId: string) {
  return db
    .selectFrom('role_grants as g')
    .innerJoin('users as u', 'u.id', 'g.user_id')
    .select(['u.id', 'u.display_name as name'])
    .distinct()
    .where('g.school_id', '=', schoolId)
    .where('g.role', 'in', ['school_admin', 'class_teacher', 'care_teacher'])
    .where('u.disabled', '=', 0)
    .orderBy('u.display_name')
    .execute();
}

export async function termOf(db: Executor, schoolId: string, termId: string) {
  return db
    .selectFrom('terms')
    .select(['id', 'name', 'starts_on as startsOn', 'ends_on as endsOn'])
    .where('school_id', '=', schoolId)
    .where('id', '=', termId)
    .executeTakeFirst();
}

export async function termExceptions(db: Executor, termId: string) {
  const rows = await db
    .selectFrom('term_days')
    .select(['date', 'kind', 'follows_weekday as followsWeekday', 'note'])
    .where('term_id', '=', termId)
    .execute();
  return rows;
}

/** Every current member of the term's classes (optionally one offering's), for the Excel export. */
export async function termMembers(db: Executor, schoolId: string, termId: string, offeringId?: string) {
  let q = db
    .selectFrom('temp_class_members as m')
    .innerJoin('temp_classes as t', 't.id', 'm.temp_class_id')
    .innerJoin('offerings as o', 'o.id', 't.offering_id')
    .innerJoin('students as s', 's.id', 'm.student_id')
    .innerJoin('classes as c', 'c.id', 's.class_id')
    .select([
      'o.name as offeringName',
      't.name as className',
      'm.seat_no as seatNo',
      'c.grade',
      'c.class_no as classNo',
      's.name',
      's.gender',
      's.student_no as studentNo',
    ])
    .where('t.school_id', '=', schoolId)
    .where('t.term_id', '=', termId)
    .where('m.left_at', 'is', null);
  if (offeringId) q = q.where('t.offering_id', '=', offeringId);
  return q.orderBy('o.name').orderBy('t.name').orderBy('m.seat_no').orderBy('s.student_no').execute();
}

export async function sessionOf(db: Executor, sessionId: string) {
  return db
    .selectFrom('term_sessions')
    .select(['starts_at as startsAt', 'ends_at as endsAt', 'weekdays'])
    .where('id', '=', sessionId)
    .executeTakeFirstOrThrow();
}
