// Queries of staff attendance (DAY-7): the record in force is the highest version per person,
// session and date.
import type { ExpressionBuilder } from 'kysely';
import type { DB } from '../../db/schema';
import type { Executor } from '../../server/context';

/**
 * The condition "`a` is the record in force": no higher version for the same person, session and
 * date. For queries reading `staff_attendance as a` (here and the district dashboard).
 */
export const staffRecordInForce = ({
  not,
  exists,
  selectFrom,
}: ExpressionBuilder<DB & { a: DB['staff_attendance'] }, 'a'>) =>
  not(
    exists(
      selectFrom('staff_attendance as later')
        .select('later.id')
        .whereRef('later.date', '=', 'a.date')
        .whereRef('later.session_id', '=', 'a.session_id')
        .whereRef('later.user_id', '=', 'a.user_id')
        .whereRef('later.version', '>', 'a.version'),
    ),
  );

export type StaffAttendanceRow = Awaited<ReturnType<typeof staffAttendanceOf>>[number];

/**
 * DAY-7 → PAY-3: the records in force between two dates (inclusive), with names, for the admin's
 * page and for pay (late −1, absent without reason 0, PAY-3).
 */
export async function staffAttendanceOf(
  db: Executor,
  schoolId: string,
  from: string,
  to: string,
  filter: { userId?: string; sessionId?: string } = {},
) {
  let q = db
    .selectFrom('staff_attendance as a')
    .innerJoin('users as u', 'u.id', 'a.user_id')
    .innerJoin('term_sessions as s', 's.id', 'a.session_id')
    .select([
      'a.id',
      'a.date',
      'a.session_id as sessionId',
      's.name as sessionName',
      'a.user_id as userId',
      'u.display_name as userName',
      'a.version',
      'a.status',
      'a.minutes_late as minutesLate',
      'a.excused',
      'a.reason',
      'a.source',
      'a.checked_in_at as checkedInAt',
      'a.recorded_at as recordedAt',
    ])
    .where('a.school_id', '=', schoolId)
    .where('a.date', '>=', from)
    .where('a.date', '<=', to)
    .where(staffRecordInForce);
  if (filter.userId) q = q.where('a.user_id', '=', filter.userId);
  if (filter.sessionId) q = q.where('a.session_id', '=', filter.sessionId);
  return q.orderBy('a.date').orderBy('s.starts_at').orderBy('u.display_name').execute();
}

/** Who the published roster puts on a date, once per person and session, with the session's times. */
export async function rosteredSlots(db: Executor, schoolId: string, date: string) {
  return db
    .selectFrom('duty_assignments as a')
    .innerJoin('duty_rosters as r', 'r.id', 'a.roster_id')
    .innerJoin('term_sessions as s', 's.id', 'a.session_id')
    .select([
      'a.user_id as userId',
      'a.session_id as sessionId',
      's.starts_at as startsAt',
      's.ends_at as endsAt',
    ])
    .distinct()
    .where('a.school_id', '=', schoolId)
    .where('a.date', '=', date)
    .where('r.status', '=', 'published')
    .execute();
}

export async function sessionTimes(db: Executor, schoolId: string, sessionIds: string[]) {
  if (sessionIds.length === 0) return [];
  return db
    .selectFrom('term_sessions')
    .select(['id', 'name', 'starts_at as startsAt', 'ends_at as endsAt'])
    .where('school_id', '=', schoolId)
    .where('id', 'in', sessionIds)
    .execute();
}
