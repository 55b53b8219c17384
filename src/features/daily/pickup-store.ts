// Queries of safe pickup (DAY-4): codes, attempts and locks, releases, handover flags. No decisions.
import type { Executor } from '../../server/context';
import { childrenOfAccount } from '../people/store';
import type { ReleaseMethod, ReleaseStatus } from './pickup-rules';

// ---- codes ----

/** The child's authorised adults with their codes: for the family's view and for release only. */
export async function adultsWithCodes(db: Executor, schoolId: string, studentId: string) {
  return db
    .selectFrom('authorised_adults as a')
    .leftJoin('pickup_codes as c', 'c.adult_id', 'a.id')
    .select([
      'a.id',
      'a.name',
      'a.relation',
      'a.revoked_at as revokedAt',
      'a.created_at as createdAt',
      'c.code',
      'c.set_at as codeSetAt',
    ])
    .where('a.school_id', '=', schoolId)
    .where('a.student_id', '=', studentId)
    .orderBy('a.created_at')
    .execute();
}

export async function upsertCode(
  db: Executor,
  row: {
    adult_id: string;
    school_id: string;
    student_id: string;
    code: string;
    set_by: string;
    set_at: string;
  },
) {
  await db
    .insertInto('pickup_codes')
    .values(row)
    .onConflict((oc) =>
      oc.column('adult_id').doUpdateSet({ code: row.code, set_by: row.set_by, set_at: row.set_at }),
    )
    .execute();
}

// ---- wrong codes ----

export async function insertAttempt(
  db: Executor,
  row: {
    id: string;
    school_id: string;
    student_id: string;
    teacher_id: string;
    at: string;
    ip: string | null;
  },
) {
  await db.insertInto('pickup_attempts').values(row).execute();
}

/** Wrong codes for the child or by the teacher since `since`. */
export async function recentAttempts(db: Executor, studentId: string, teacherId: string, since: string) {
  const rows = await db
    .selectFrom('pickup_attempts')
    .select(['student_id as studentId', 'teacher_id as teacherId', 'at'])
    .where((eb) => eb.or([eb('student_id', '=', studentId), eb('teacher_id', '=', teacherId)]))
    .where('at', '>', since)
    .execute();
  return {
    student: rows.filter((r) => r.studentId === studentId).map((r) => r.at),
    teacher: rows.filter((r) => r.teacherId === teacherId).map((r) => r.at),
  };
}

/** The latest unlock of the child and of the teacher, each or null. */
export async function latestUnlocks(db: Executor, studentId: string, teacherId: string) {
  const rows = await db
    .selectFrom('pickup_unlocks')
    .select(['student_id as studentId', 'teacher_id as teacherId', 'at'])
    .where((eb) => eb.or([eb('student_id', '=', studentId), eb('teacher_id', '=', teacherId)]))
    .orderBy('at', 'desc')
    .limit(20)
    .execute();
  return {
    student: rows.find((r) => r.studentId === studentId)?.at ?? null,
    teacher: rows.find((r) => r.teacherId === teacherId)?.at ?? null,
  };
}

export async function insertUnlock(
  db: Executor,
  row: {
    id: string;
    school_id: string;
    student_id: string | null;
    teacher_id: string | null;
    unlocked_by: string;
    at: string;
  },
) {
  await db.insertInto('pickup_unlocks').values(row).execute();
}

// ---- the class and the child ----

/** The child as a current member of the class, with their home-room class. */
export async function memberOfClass(db: Executor, tempClassId: string, studentId: string) {
  return db
    .selectFrom('temp_class_members as m')
    .innerJoin('students as s', 's.id', 'm.student_id')
    .innerJoin('classes as c', 'c.id', 's.class_id')
    .select(['s.id', 's.name', 'c.grade', 'c.class_no as classNo'])
    .where('m.temp_class_id', '=', tempClassId)
    .where('m.student_id', '=', studentId)
    .where('m.left_at', 'is', null)
    .executeTakeFirst();
}

export async function membersOfClass(db: Executor, tempClassId: string) {
  return db
    .selectFrom('temp_class_members as m')
    .innerJoin('students as s', 's.id', 'm.student_id')
    .innerJoin('classes as c', 'c.id', 's.class_id')
    .select(['s.id', 's.name', 'c.grade', 'c.class_no as classNo', 'm.seat_no as seatNo'])
    .where('m.temp_class_id', '=', tempClassId)
    .where('m.left_at', 'is', null)
    .orderBy('c.grade')
    .orderBy('c.class_no')
    .orderBy('s.student_no')
    .execute();
}

/** The current "teacher hands over personally" flags of some children. */
export async function handoverFlags(db: Executor, studentIds: readonly string[]) {
  if (studentIds.length === 0) return new Map<string, { id: string; note: string; setAt: string }>();
  const rows = await db
    .selectFrom('pickup_handover_flags')
    .select(['id', 'student_id as studentId', 'note', 'set_at as setAt'])
    .where('student_id', 'in', studentIds)
    .where('cleared_at', 'is', null)
    .execute();
  return new Map(rows.map((r) => [r.studentId, r]));
}

export async function insertFlag(
  db: Executor,
  row: { id: string; school_id: string; student_id: string; note: string; set_by: string; set_at: string },
) {
  await db
    .insertInto('pickup_handover_flags')
    .values({ ...row, cleared_by: null, cleared_at: null })
    .execute();
}

export async function clearFlags(db: Executor, studentId: string, by: string, at: string) {
  await db
    .updateTable('pickup_handover_flags')
    .set({ cleared_by: by, cleared_at: at })
    .where('student_id', '=', studentId)
    .where('cleared_at', 'is', null)
    .execute();
}

// ---- releases ----

export interface ReleaseRow {
  id: string;
  school_id: string;
  student_id: string;
  date: string;
  temp_class_id: string;
  session_id: string;
  method: ReleaseMethod;
  adult_id: string | null;
  adult_name: string | null;
  permit_id: string | null;
  id_last4: string | null;
  note: string;
  handover_flagged: number;
  released_by: string;
  released_at: string;
  status: ReleaseStatus;
  confirmed_by: string | null;
  confirmed_at: string | null;
}

export async function insertRelease(db: Executor, row: ReleaseRow) {
  await db.insertInto('pickup_releases').values(row).execute();
}

const releaseColumns = [
  'r.id',
  'r.student_id as studentId',
  's.name as studentName',
  'r.date',
  'r.temp_class_id as tempClassId',
  'r.session_id as sessionId',
  'r.method',
  'r.status',
  'r.adult_name as adultName',
  'u.display_name as releasedBy',
  'r.released_at as releasedAt',
  'r.confirmed_at as confirmedAt',
  'r.handover_flagged as handoverFlagged',
] as const;

function releaseQuery(db: Executor) {
  return db
    .selectFrom('pickup_releases as r')
    .innerJoin('students as s', 's.id', 'r.student_id')
    .innerJoin('users as u', 'u.id', 'r.released_by')
    .select(releaseColumns);
}

export async function releaseOfDay(db: Executor, studentId: string, date: string) {
  return releaseQuery(db).where('r.student_id', '=', studentId).where('r.date', '=', date).executeTakeFirst();
}

export async function releaseById(db: Executor, schoolId: string, releaseId: string) {
  return releaseQuery(db)
    .where('r.id', '=', releaseId)
    .where('r.school_id', '=', schoolId)
    .executeTakeFirst();
}

export async function releasesOfDay(
  db: Executor,
  schoolId: string,
  date: string,
  studentIds?: readonly string[],
) {
  if (studentIds && studentIds.length === 0) return [];
  let q = releaseQuery(db).where('r.school_id', '=', schoolId).where('r.date', '=', date);
  if (studentIds) q = q.where('r.student_id', 'in', studentIds);
  return q.execute();
}

/** A family's children's releases since a date, newest first. */
export async function releasesOfFamily(db: Executor, schoolId: string, userId: string, since: string) {
  return releaseQuery(db)
    .where('r.school_id', '=', schoolId)
    .where('r.date', '>=', since)
    .where('r.student_id', 'in', childrenOfAccount(db, userId))
    .orderBy('r.released_at', 'desc')
    .limit(50)
    .execute();
}

/** Moves a release on only from the status it was read in (a double tap confirms once). */
export async function setReleaseStatus(
  db: Executor,
  id: string,
  from: ReleaseStatus,
  to: ReleaseStatus,
  by: string,
  at: string,
): Promise<boolean> {
  const r = await db
    .updateTable('pickup_releases')
    .set({ status: to, confirmed_by: by, confirmed_at: at })
    .where('id', '=', id)
    .where('status', '=', from)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** The parent accounts of some children (guardians with an account). */
export async function guardianUsers(db: Executor, studentIds: readonly string[]) {
  if (studentIds.length === 0) return [];
  return db
    .selectFrom('student_guardians as sg')
    .innerJoin('guardians as g', 'g.id', 'sg.guardian_id')
    .select(['sg.student_id as studentId', 'g.user_id as userId', 'g.name'])
    .where('sg.student_id', 'in', studentIds)
    .where('g.user_id', 'is not', null)
    .execute() as Promise<{ studentId: string; userId: string; name: string }[]>;
}

/** The child, if the user is one of its guardians (a family-scoped read). */
export async function familyStudent(db: Executor, schoolId: string, userId: string, studentId: string) {
  return db
    .selectFrom('students as s')
    .innerJoin('classes as c', 'c.id', 's.class_id')
    .select(['s.id', 's.name', 'c.grade', 'c.class_no as classNo'])
    .where('s.id', '=', studentId)
    .where('s.school_id', '=', schoolId)
    .where('s.id', 'in', childrenOfAccount(db, userId))
    .executeTakeFirst();
}
