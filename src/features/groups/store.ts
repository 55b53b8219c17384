// Kysely queries for temporary classes (临时班, STAFF-1…3). No decisions here: the service passes in
// what the rules computed. `currentMembers` and `classesOfStudent` are used by other features.
import { insertInChunks } from '../../db/batch';
import { type DialectName, forUpdate, toNumber } from '../../db/dialect';
import type { DB } from '../../db/schema';
import type { Executor } from '../../server/context';
import type { Pupil } from './rules';

// ---- what other features read ----

/** The current members (no `left_at`) of some temporary classes, in seat order. */
export async function currentMembers(db: Executor, tempClassIds: string[]) {
  if (tempClassIds.length === 0) return [];
  return db
    .selectFrom('temp_class_members')
    .select([
      'id',
      'temp_class_id as tempClassId',
      'offering_id as offeringId',
      'student_id as studentId',
      'seat_no as seatNo',
      'joined_at as joinedAt',
    ])
    .where('temp_class_id', 'in', tempClassIds)
    .where('left_at', 'is', null)
    .orderBy('temp_class_id')
    .orderBy('seat_no')
    .orderBy('student_id')
    .execute();
}
export type CurrentMember = Awaited<ReturnType<typeof currentMembers>>[number];

/** The temporary classes a student is in now, in a term (one per offering). */
export async function classesOfStudent(db: Executor, studentId: string, termId: string) {
  return db
    .selectFrom('temp_class_members as m')
    .innerJoin('temp_classes as t', 't.id', 'm.temp_class_id')
    .innerJoin('offerings as o', 'o.id', 't.offering_id')
    .innerJoin('term_sessions as s', 's.id', 't.session_id')
    .leftJoin('venues as v', 'v.id', 't.venue_id')
    .leftJoin('users as u', 'u.id', 't.head_teacher_id')
    .select([
      't.id',
      't.name',
      't.kind',
      't.offering_id as offeringId',
      'o.name as offeringName',
      't.session_id as sessionId',
      's.name as sessionName',
      's.starts_at as startsAt',
      's.ends_at as endsAt',
      'v.name as venueName',
      'u.display_name as headTeacherName',
      'm.seat_no as seatNo',
      'm.joined_at as joinedAt',
    ])
    .where('m.student_id', '=', studentId)
    .where('m.left_at', 'is', null)
    .where('t.term_id', '=', termId)
    .orderBy('s.starts_at')
    .orderBy('o.name')
    .execute();
}

// ---- offerings and who is enrolled ----

export async function offeringsOfTerm(db: Executor, schoolId: string, termId: string, offeringId?: string) {
  let q = db
    .selectFrom('offerings as o')
    .innerJoin('term_sessions as s', 's.id', 'o.session_id')
    .leftJoin('venues as v', 'v.id', 'o.venue_id')
    .select([
      'o.id',
      'o.name',
      'o.kind',
      'o.capacity as places',
      'o.session_id as sessionId',
      's.kind as sessionKind',
      's.name as sessionName',
      'o.venue_id as venueId',
      'v.name as venueName',
      'v.capacity as venueCapacity',
    ])
    .where('o.school_id', '=', schoolId)
    .where('o.term_id', '=', termId);
  if (offeringId) q = q.where('o.id', '=', offeringId);
  return q.orderBy('s.starts_at').orderBy('o.name').orderBy('o.id').execute();
}
export type OfferingRecord = Awaited<ReturnType<typeof offeringsOfTerm>>[number];

/** Locks offerings' rows so two regroupings of one offering run one after the other. */
export async function lockOfferings(db: Executor, dialect: DialectName, offeringIds: string[]) {
  if (offeringIds.length === 0) return;
  await forUpdate(
    dialect,
    db.selectFrom('offerings').select('id').where('id', 'in', offeringIds).orderBy('id'),
  ).execute();
}

/** Enrolled students (accepted line on an enrolled application) of offerings, with home class. */
export async function enrolledPupils(
  db: Executor,
  offeringIds: string[],
): Promise<(Pupil & { offeringId: string })[]> {
  if (offeringIds.length === 0) return [];
  return db
    .selectFrom('application_lines as l')
    .innerJoin('applications as a', 'a.id', 'l.application_id')
    .innerJoin('students as s', 's.id', 'l.student_id')
    .innerJoin('classes as c', 'c.id', 's.class_id')
    .select([
      'l.offering_id as offeringId',
      's.id',
      'c.grade',
      'c.class_no as classNo',
      'c.id as homeClassId',
      's.student_no as studentNo',
    ])
    .where('l.offering_id', 'in', offeringIds)
    .where('l.status', '=', 'accepted')
    .where('a.status', '=', 'enrolled')
    .execute();
}

/** Enrolled count per offering (for the admin's overview). */
export async function enrolledCounts(db: Executor, termId: string): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('application_lines as l')
    .innerJoin('applications as a', 'a.id', 'l.application_id')
    .select((eb) => ['l.offering_id as offeringId', eb.fn.countAll().as('n')])
    .where('l.term_id', '=', termId)
    .where('l.status', '=', 'accepted')
    .where('a.status', '=', 'enrolled')
    .groupBy('l.offering_id')
    .execute();
  return new Map(rows.map((r) => [r.offeringId, toNumber(r.n as string | number)]));
}

// ---- temporary classes ----

const classColumns = [
  't.id',
  't.school_id as schoolId',
  't.term_id as termId',
  't.session_id as sessionId',
  't.offering_id as offeringId',
  't.kind',
  't.name',
  't.venue_id as venueId',
  't.head_teacher_id as headTeacherId',
  'o.name as offeringName',
  'o.kind as offeringKind',
  's.name as sessionName',
  's.weekdays',
  'v.name as venueName',
  'v.capacity as venueCapacity',
  'u.display_name as headTeacherName',
] as const;

function classQuery(db: Executor) {
  return db
    .selectFrom('temp_classes as t')
    .innerJoin('offerings as o', 'o.id', 't.offering_id')
    .innerJoin('term_sessions as s', 's.id', 't.session_id')
    .leftJoin('venues as v', 'v.id', 't.venue_id')
    .leftJoin('users as u', 'u.id', 't.head_teacher_id')
    .select(classColumns);
}

export async function listClasses(
  db: Executor,
  schoolId: string,
  filter: { termId: string; sessionId?: string; offeringId?: string },
) {
  let q = classQuery(db).where('t.school_id', '=', schoolId).where('t.term_id', '=', filter.termId);
  if (filter.sessionId) q = q.where('t.session_id', '=', filter.sessionId);
  if (filter.offeringId) q = q.where('t.offering_id', '=', filter.offeringId);
  return q.orderBy('o.name').orderBy('t.offering_id').orderBy('t.name').execute();
}
export type ClassRecord = Awaited<ReturnType<typeof listClasses>>[number];

export async function findClass(
  db: Executor,
  schoolId: string,
  id: string,
): Promise<ClassRecord | undefined> {
  return classQuery(db).where('t.school_id', '=', schoolId).where('t.id', '=', id).executeTakeFirst();
}

/** Locks a class row: counting its members and adding one happen under the lock (STAFF-1 cap). */
export async function lockClasses(db: Executor, dialect: DialectName, ids: string[]) {
  if (ids.length === 0) return;
  await forUpdate(
    dialect,
    db.selectFrom('temp_classes').select('id').where('id', 'in', ids).orderBy('id'),
  ).execute();
}

export async function memberCounts(db: Executor, tempClassIds: string[]): Promise<Map<string, number>> {
  if (tempClassIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('temp_class_members')
    .select((eb) => ['temp_class_id as id', eb.fn.countAll().as('n')])
    .where('temp_class_id', 'in', tempClassIds)
    .where('left_at', 'is', null)
    .groupBy('temp_class_id')
    .execute();
  return new Map(rows.map((r) => [r.id, toNumber(r.n as string | number)]));
}

/** The first roll call taken for any of the classes (regeneration stops there), or undefined. */
export async function firstRollCall(db: Executor, tempClassIds: string[]) {
  if (tempClassIds.length === 0) return undefined;
  return db
    .selectFrom('roll_calls')
    .select(['temp_class_id as tempClassId', 'date'])
    .where('temp_class_id', 'in', tempClassIds)
    .orderBy('date')
    .limit(1)
    .executeTakeFirst();
}

/** Which of the classes have any roll call (the admin's overview shows regeneration closed). */
export async function rollCalledClasses(db: Executor, tempClassIds: string[]): Promise<Set<string>> {
  if (tempClassIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('roll_calls')
    .select('temp_class_id')
    .distinct()
    .where('temp_class_id', 'in', tempClassIds)
    .execute();
  return new Set(rows.map((r) => r.temp_class_id));
}

/** Classes the duty roster names (a class on a roster cannot be removed by regeneration). */
export async function classesOnRoster(db: Executor, tempClassIds: string[]): Promise<Set<string>> {
  if (tempClassIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('duty_assignments')
    .select('temp_class_id')
    .distinct()
    .where('temp_class_id', 'in', tempClassIds)
    .execute();
  return new Set(rows.map((r) => r.temp_class_id!));
}

export async function insertClasses(db: Executor, rows: DB['temp_classes'][]) {
  await insertInChunks(db, 'temp_classes', rows);
}

export async function insertMembers(db: Executor, rows: DB['temp_class_members'][]) {
  await insertInChunks(db, 'temp_class_members', rows, 250);
}

export async function updateClass(
  db: Executor,
  id: string,
  set: Partial<Pick<DB['temp_classes'], 'name' | 'venue_id' | 'head_teacher_id' | 'updated_at'>>,
) {
  await db.updateTable('temp_classes').set(set).where('id', '=', id).execute();
}

/** Regeneration before any roll call: the draft grouping of the offerings is replaced whole. */
export async function clearOfferings(db: Executor, offeringIds: string[], removeClassIds: string[]) {
  await db.deleteFrom('temp_class_members').where('offering_id', 'in', offeringIds).execute();
  if (removeClassIds.length) await db.deleteFrom('temp_classes').where('id', 'in', removeClassIds).execute();
}

/** Current memberships of students in an offering (to move one, or find who is new). */
export async function membershipsInOffering(db: Executor, offeringId: string) {
  return db
    .selectFrom('temp_class_members')
    .select(['id', 'temp_class_id as tempClassId', 'student_id as studentId', 'seat_no as seatNo'])
    .where('offering_id', '=', offeringId)
    .where('left_at', 'is', null)
    .execute();
}

export async function endMemberships(db: Executor, memberIds: string[], at: string, by: string) {
  if (memberIds.length === 0) return;
  await db
    .updateTable('temp_class_members')
    .set({ left_at: at, changed_by: by })
    .where('id', 'in', memberIds)
    .where('left_at', 'is', null)
    .execute();
}

export async function setSeat(db: Executor, memberId: string, seatNo: number | null) {
  await db.updateTable('temp_class_members').set({ seat_no: seatNo }).where('id', '=', memberId).execute();
}
