// Queries of leave (DAY-3): the term a leave falls in, and the leave a caller's scope reaches.
import { type SqlBool, sql } from 'kysely';
import type { Scope } from '../../server/auth/policies';
import type { Executor } from '../../server/context';

/** The school's term covering `date`, else the one starting soonest after it (for the message). */
export async function termFor(db: Executor, schoolId: string, date: string) {
  const base = db
    .selectFrom('terms')
    .select(['id', 'starts_on as startsOn', 'ends_on as endsOn'])
    .where('school_id', '=', schoolId);
  return (
    (await base.where('starts_on', '<=', date).where('ends_on', '>=', date).executeTakeFirst()) ??
    (await base.where('starts_on', '>', date).orderBy('starts_on').limit(1).executeTakeFirst()) ??
    (await base.orderBy('ends_on', 'desc').limit(1).executeTakeFirst())
  );
}

export async function sessionOf(db: Executor, schoolId: string, termId: string, sessionId: string) {
  return db
    .selectFrom('term_sessions')
    .select(['id', 'name', 'weekdays'])
    .where('school_id', '=', schoolId)
    .where('term_id', '=', termId)
    .where('id', '=', sessionId)
    .executeTakeFirst();
}

export async function termDaysBetween(db: Executor, termId: string, from: string, to: string) {
  return db
    .selectFrom('term_days')
    .select(['date', 'kind', 'follows_weekday as followsWeekday', 'note'])
    .where('term_id', '=', termId)
    .where('date', '>=', from)
    .where('date', '<=', to)
    .execute();
}

export async function listLeave(
  db: Executor,
  schoolId: string,
  scope: Scope,
  filter: {
    studentId?: string | undefined;
    from?: string | undefined;
    to?: string | undefined;
    ids?: string[];
  },
) {
  let q = db
    .selectFrom('leave_requests as l')
    .innerJoin('students as s', 's.id', 'l.student_id')
    .leftJoin('term_sessions as t', 't.id', 'l.session_id')
    .innerJoin('users as u', 'u.id', 'l.reported_by')
    .select([
      'l.id',
      'l.student_id as studentId',
      's.name as studentName',
      's.class_id as classId',
      'l.from_date as fromDate',
      'l.to_date as toDate',
      'l.session_id as sessionId',
      't.name as sessionName',
      'l.reason',
      'l.status',
      'l.reported_by as reportedById',
      'u.display_name as reportedBy',
      'l.reported_at as reportedAt',
    ])
    .select((eb) =>
      eb
        .not(
          eb.exists(
            eb
              .selectFrom('student_guardians as sg')
              .innerJoin('guardians as g', 'g.id', 'sg.guardian_id')
              .select('g.id')
              .whereRef('sg.student_id', '=', 'l.student_id')
              .whereRef('g.user_id', '=', 'l.reported_by'),
          ),
        )
        .as('onBehalf'),
    )
    .where('l.school_id', '=', schoolId);
  if (filter.ids) q = q.where('l.id', 'in', filter.ids);
  if (filter.studentId) q = q.where('l.student_id', '=', filter.studentId);
  if (filter.from) q = q.where('l.to_date', '>=', filter.from);
  if (filter.to) q = q.where('l.from_date', '<=', filter.to);
  if (!scope.all) {
    const { classIds, familyOf } = scope;
    q = q.where((eb) => {
      const parts = [];
      if (classIds.length) parts.push(eb('s.class_id', 'in', classIds));
      if (familyOf)
        parts.push(
          eb(
            's.id',
            'in',
            eb
              .selectFrom('student_guardians as sg')
              .innerJoin('guardians as g', 'g.id', 'sg.guardian_id')
              .select('sg.student_id')
              .where('g.user_id', '=', familyOf),
          ),
        );
      return parts.length ? eb.or(parts) : sql<SqlBool>`1 = 0`;
    });
  }
  const rows = await q.orderBy('l.from_date', 'desc').orderBy('l.id', 'desc').limit(500).execute();
  // Booleans come back as 0/1 from SQLite and true/false from PostgreSQL.
  return rows.map((r) => ({ ...r, onBehalf: Boolean(Number(r.onBehalf)) || r.onBehalf === true }));
}

/** The care teachers the published roster puts with a student's current classes on a date (DAY-3). */
export async function careTeachersOn(db: Executor, schoolId: string, studentId: string, date: string) {
  const rows = await db
    .selectFrom('duty_assignments as a')
    .innerJoin('duty_rosters as r', 'r.id', 'a.roster_id')
    .innerJoin('temp_class_members as m', 'm.temp_class_id', 'a.temp_class_id')
    .innerJoin('temp_classes as c', 'c.id', 'a.temp_class_id')
    .select(['a.user_id as userId', 'a.session_id as sessionId', 'c.name as className'])
    .where('a.school_id', '=', schoolId)
    .where('a.date', '=', date)
    .where('a.role', '=', 'care')
    .where('r.status', '=', 'published')
    .where('m.student_id', '=', studentId)
    .where('m.left_at', 'is', null)
    .execute();
  return rows;
}
