// Queries of incidents (DAY-6), their children and their appended events. No decisions.
import { type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import { forUpdate, toNumber } from '../../db/dialect';
import type { DB, IncidentEventTable, IncidentTable } from '../../db/schema';
import type { AppContext, Executor } from '../../server/context';

export type IncidentRow = IncidentTable;

/**
 * Who reads: the school's leaders read all; other staff the incidents they reported or of the
 * temporary classes they head or care for (and, for a class teacher, those involving children of
 * their home class); a family those involving its own children. One person may be several.
 */
export interface IncidentViewer {
  all: boolean;
  staffUserId: string | null;
  homeClassIds: string[];
  familyOf: string | null;
}

export function incidentVisible(viewer: IncidentViewer) {
  return (eb: ExpressionBuilder<DB, 'incidents'>) => {
    if (viewer.all) return sql<SqlBool>`1 = 1`;
    const parts = [];
    if (viewer.staffUserId) {
      const me = viewer.staffUserId;
      parts.push(eb('incidents.reported_by', '=', me));
      parts.push(
        eb(
          'incidents.temp_class_id',
          'in',
          eb
            .selectFrom('temp_classes')
            .select('temp_classes.id')
            .where('temp_classes.head_teacher_id', '=', me),
        ),
      );
      // A rostered care teacher reads the class's incidents of the days they stood for it, not the
      // whole term's (a substitute for one Tuesday sees that Tuesday), and outside staff only while
      // their review stays approved (STAFF-6, SAFE-2).
      parts.push(
        eb.exists(
          eb
            .selectFrom('duty_assignments')
            .innerJoin('duty_rosters', 'duty_rosters.id', 'duty_assignments.roster_id')
            .leftJoin('outside_staff', 'outside_staff.id', 'duty_assignments.outside_staff_id')
            .select('duty_assignments.id')
            .whereRef('duty_assignments.temp_class_id', '=', 'incidents.temp_class_id')
            .whereRef('duty_assignments.date', '=', 'incidents.date')
            .where('duty_assignments.user_id', '=', me)
            .where('duty_assignments.role', '=', 'care')
            .where('duty_rosters.status', '=', 'published')
            .where((w) =>
              w.or([
                w('duty_assignments.outside_staff_id', 'is', null),
                w('outside_staff.status', '=', 'approved'),
              ]),
            ),
        ),
      );
    }
    if (viewer.homeClassIds.length)
      parts.push(
        eb(
          'incidents.id',
          'in',
          eb
            .selectFrom('incident_students')
            .innerJoin('students', 'students.id', 'incident_students.student_id')
            .select('incident_students.incident_id')
            .where('students.class_id', 'in', viewer.homeClassIds),
        ),
      );
    if (viewer.familyOf)
      parts.push(
        eb(
          'incidents.id',
          'in',
          eb
            .selectFrom('incident_students')
            .innerJoin('student_guardians', 'student_guardians.student_id', 'incident_students.student_id')
            .innerJoin('guardians', 'guardians.id', 'student_guardians.guardian_id')
            .select('incident_students.incident_id')
            .where('guardians.user_id', '=', viewer.familyOf),
        ),
      );
    return parts.length ? eb.or(parts) : sql<SqlBool>`1 = 0`;
  };
}

export async function insertIncident(db: Executor, row: IncidentRow, studentIds: string[]): Promise<void> {
  await db.insertInto('incidents').values(row).execute();
  if (studentIds.length)
    await db
      .insertInto('incident_students')
      .values(studentIds.map((student_id) => ({ incident_id: row.id, student_id })))
      .execute();
}

export async function insertEvent(db: Executor, row: IncidentEventTable): Promise<void> {
  await db.insertInto('incident_events').values(row).execute();
}

export async function setStatus(
  db: Executor,
  incidentId: string,
  patch: Pick<IncidentRow, 'status' | 'updated_at'> & { finding?: string | null },
): Promise<void> {
  await db.updateTable('incidents').set(patch).where('id', '=', incidentId).execute();
}

/** The incident if the viewer reaches it; locked for a change on PostgreSQL. */
export async function findIncident(
  ctx: Pick<AppContext, 'dialect'>,
  db: Executor,
  schoolId: string,
  incidentId: string,
  viewer: IncidentViewer,
  options: { lock?: boolean } = {},
): Promise<IncidentRow | undefined> {
  const query = db
    .selectFrom('incidents')
    .selectAll()
    .where('school_id', '=', schoolId)
    .where('id', '=', incidentId)
    .where(incidentVisible(viewer));
  return (options.lock ? forUpdate(ctx.dialect, query) : query).executeTakeFirst();
}

export async function studentsOf(db: Executor, incidentIds: string[]) {
  const out = new Map<string, { id: string; name: string; grade: number; classNo: number }[]>();
  if (incidentIds.length === 0) return out;
  const rows = await db
    .selectFrom('incident_students as i')
    .innerJoin('students as s', 's.id', 'i.student_id')
    .innerJoin('classes as c', 'c.id', 's.class_id')
    .select(['i.incident_id as incidentId', 's.id', 's.name', 'c.grade', 'c.class_no as classNo'])
    .where('i.incident_id', 'in', incidentIds)
    .orderBy('c.grade')
    .orderBy('c.class_no')
    .orderBy('s.name')
    .execute();
  for (const r of rows) {
    const list = out.get(r.incidentId) ?? [];
    list.push({ id: r.id, name: r.name, grade: r.grade, classNo: r.classNo });
    out.set(r.incidentId, list);
  }
  return out;
}

export async function eventsOf(db: Executor, incidentId: string) {
  return db
    .selectFrom('incident_events as e')
    .innerJoin('users as u', 'u.id', 'e.by_user_id')
    .select([
      'e.id',
      'e.kind',
      'e.note',
      'e.internal',
      'e.from_status as fromStatus',
      'e.to_status as toStatus',
      'u.display_name as by',
      'e.at',
    ])
    .where('e.incident_id', '=', incidentId)
    .orderBy('e.at')
    .orderBy('e.id')
    .execute();
}

export async function namesOf(db: Executor, userIds: string[]) {
  const ids = [...new Set(userIds)];
  if (ids.length === 0) return new Map<string, string>();
  const rows = await db.selectFrom('users').select(['id', 'display_name']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r.display_name]));
}

export async function classNames(db: Executor, classIds: string[]) {
  const ids = [...new Set(classIds)];
  if (ids.length === 0) return new Map<string, string>();
  const rows = await db.selectFrom('temp_classes').select(['id', 'name']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** Of `studentIds`, those who were members of the class at `at`. */
export async function membersAt(db: Executor, tempClassId: string, studentIds: string[], at: string) {
  if (studentIds.length === 0) return new Set<string>();
  const rows = await db
    .selectFrom('temp_class_members')
    .select('student_id')
    .where('temp_class_id', '=', tempClassId)
    .where('student_id', 'in', studentIds)
    .where('joined_at', '<=', at)
    .where((eb) => eb.or([eb('left_at', 'is', null), eb('left_at', '>', at)]))
    .execute();
  return new Set(rows.map((r) => r.student_id));
}

export async function studentsInSchool(db: Executor, schoolId: string, studentIds: string[]) {
  if (studentIds.length === 0) return new Set<string>();
  const rows = await db
    .selectFrom('students')
    .select('id')
    .where('school_id', '=', schoolId)
    .where('id', 'in', studentIds)
    .execute();
  return new Set(rows.map((r) => r.id));
}

/** Staff of the school (any role but parent), for "the staff member concerned". */
export async function schoolStaff(db: Executor, schoolId: string) {
  return db
    .selectFrom('role_grants as g')
    .innerJoin('users as u', 'u.id', 'g.user_id')
    .select(['u.id', 'u.display_name as name'])
    .distinct()
    .where('g.school_id', '=', schoolId)
    .where('g.role', '!=', 'parent')
    .where('u.disabled', '=', 0)
    .orderBy('u.display_name')
    .execute();
}

/** The parent accounts of the children, per child. */
export async function guardianUsersOf(db: Executor, studentIds: string[]) {
  if (studentIds.length === 0) return [];
  return db
    .selectFrom('student_guardians as sg')
    .innerJoin('guardians as g', 'g.id', 'sg.guardian_id')
    .innerJoin('users as u', 'u.id', 'g.user_id')
    .select(['sg.student_id as studentId', 'g.user_id as userId'])
    .distinct()
    .where('sg.student_id', 'in', studentIds)
    .where('u.disabled', '=', 0)
    .execute() as Promise<{ studentId: string; userId: string }[]>;
}

/** DAY-10: the day's duty leaders (值班领导) on the published roster. */
export async function leaderIdsOn(db: Executor, schoolId: string, date: string): Promise<string[]> {
  const rows = await db
    .selectFrom('duty_assignments as a')
    .innerJoin('duty_rosters as r', 'r.id', 'a.roster_id')
    .select('a.user_id')
    .distinct()
    .where('a.school_id', '=', schoolId)
    .where('a.date', '=', date)
    .where('a.role', '=', 'leader')
    .where('r.status', '=', 'published')
    .execute();
  return rows.map((r) => r.user_id);
}

export async function listIncidents(
  db: Executor,
  schoolId: string,
  viewer: IncidentViewer,
  filter: {
    status?: string | undefined;
    from?: string | undefined;
    to?: string | undefined;
    studentId?: string | undefined;
    offset: number;
    limit: number;
  },
) {
  let base = db.selectFrom('incidents').where('school_id', '=', schoolId).where(incidentVisible(viewer));
  if (filter.status) base = base.where('status', '=', filter.status);
  if (filter.from) base = base.where('date', '>=', filter.from);
  if (filter.to) base = base.where('date', '<=', filter.to);
  if (filter.studentId)
    base = base.where(
      'id',
      'in',
      db.selectFrom('incident_students').select('incident_id').where('student_id', '=', filter.studentId),
    );
  const [rows, total] = await Promise.all([
    base
      .selectAll()
      .orderBy('occurred_at', 'desc')
      .orderBy('id', 'desc')
      .offset(filter.offset)
      .limit(filter.limit)
      .execute(),
    base.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: toNumber(total.n as number | string) };
}

/** Temporary classes whose term covers the date, with their current members. */
export async function classesOnDate(db: Executor, schoolId: string, date: string) {
  const classes = await db
    .selectFrom('temp_classes as t')
    .innerJoin('terms', 'terms.id', 't.term_id')
    .select(['t.id', 't.name', 't.session_id as sessionId', 't.head_teacher_id as headTeacherId'])
    .where('t.school_id', '=', schoolId)
    .where('terms.starts_on', '<=', date)
    .where('terms.ends_on', '>=', date)
    .orderBy('t.name')
    .execute();
  return classes;
}

export async function currentMembers(db: Executor, classIds: string[]) {
  const out = new Map<string, { id: string; name: string }[]>();
  if (classIds.length === 0) return out;
  const rows = await db
    .selectFrom('temp_class_members as m')
    .innerJoin('students as s', 's.id', 'm.student_id')
    .select(['m.temp_class_id as classId', 's.id', 's.name'])
    .where('m.temp_class_id', 'in', classIds)
    .where('m.left_at', 'is', null)
    .orderBy('s.name')
    .execute();
  for (const r of rows) {
    const list = out.get(r.classId) ?? [];
    list.push({ id: r.id, name: r.name });
    out.set(r.classId, list);
  }
  return out;
}

export async function studentNames(db: Executor, studentIds: string[]) {
  if (studentIds.length === 0) return [];
  return db.selectFrom('students').select(['id', 'name']).where('id', 'in', studentIds).execute();
}

/** Of `incidentIds`, those the viewer reaches. */
export async function visibleAmong(
  db: Executor,
  schoolId: string,
  viewer: IncidentViewer,
  incidentIds: string[],
) {
  if (incidentIds.length === 0) return new Set<string>();
  const rows = await db
    .selectFrom('incidents')
    .select('id')
    .where('school_id', '=', schoolId)
    .where('id', 'in', incidentIds)
    .where(incidentVisible(viewer))
    .execute();
  return new Set(rows.map((r) => r.id));
}
