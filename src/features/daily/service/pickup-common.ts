// What the pickup, permit and board use cases share: the school's day (date, local time, the term
// and timetable weekday in force), who is a school admin, and the shape of a release.
import type { Actor } from '../../../server/auth/policies';
import type { AppContext, Executor } from '../../../server/context';
import { localDateTime } from '../../enrolment/application-rules';
import { schoolDays, type TermDay } from '../../programme/rules';
import { loadSettings, type SchoolSettings } from '../../programme/settings';
import type { ReleaseView } from '../pickup-contract';
import type { ReleaseMethod, ReleaseStatus } from '../pickup-rules';

export interface SchoolDayContext {
  settings: SchoolSettings;
  now: Date;
  today: string;
  /** 'HH:MM' in the school's time zone. */
  localTime: string;
}

export async function schoolDayContext(
  ctx: AppContext,
  db: Executor,
  schoolId: string,
): Promise<SchoolDayContext> {
  const settings = await loadSettings(db, schoolId);
  const now = ctx.now();
  // One formatting of the instant gives both (building an Intl formatter is the costly part).
  const local = localDateTime(now, settings.timezone);
  return { settings, now, today: local.slice(0, 10), localTime: local.slice(11, 16) };
}

export function isSchoolAdmin(actor: Actor, schoolId: string): boolean {
  return actor.grants.some((g) => g.role === 'school_admin' && g.schoolId === schoolId);
}

/**
 * The term that covers `date` at the school and the weekday whose timetable runs that day (null
 * on a holiday or weekend without a make-up), reusing the programme's school-day calendar (PROG-1).
 */
export async function termOn(db: Executor, schoolId: string, date: string) {
  const term = await db
    .selectFrom('terms')
    .select(['id', 'name', 'starts_on as startsOn', 'ends_on as endsOn'])
    .where('school_id', '=', schoolId)
    .where('starts_on', '<=', date)
    .where('ends_on', '>=', date)
    .orderBy('starts_on', 'desc')
    .executeTakeFirst();
  if (!term) return null;
  const timetableWeekday = await timetableWeekdayOf(db, term.id, date);
  return { ...term, timetableWeekday };
}

export async function timetableWeekdayOf(db: Executor, termId: string, date: string): Promise<number | null> {
  const exceptions = await db
    .selectFrom('term_days')
    .select(['date', 'kind', 'follows_weekday as followsWeekday', 'note'])
    .where('term_id', '=', termId)
    .where('date', '=', date)
    .execute();
  const [day] = schoolDays({ startsOn: date, endsOn: date }, exceptions as TermDay[]);
  return day?.timetableWeekday ?? null;
}

export function toReleaseView(r: {
  id: string;
  studentId: string;
  studentName: string;
  date: string;
  tempClassId: string;
  method: string;
  status: string;
  adultName: string | null;
  releasedBy: string;
  releasedAt: string;
  confirmedAt: string | null;
  handoverFlagged: number;
}): ReleaseView {
  return {
    id: r.id,
    studentId: r.studentId,
    studentName: r.studentName,
    date: r.date,
    tempClassId: r.tempClassId,
    method: r.method as ReleaseMethod,
    status: r.status as ReleaseStatus,
    adultName: r.adultName,
    releasedBy: r.releasedBy,
    releasedAt: r.releasedAt,
    confirmedAt: r.confirmedAt,
    handoverFlagged: r.handoverFlagged === 1,
  };
}

/** A unique violation, or a PostgreSQL deadlock or serialization failure: another writer won. */
export function isLostRace(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return (
    code === '23505' ||
    code === '40P01' ||
    code === '40001' ||
    code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    code === 'SQLITE_CONSTRAINT_PRIMARYKEY'
  );
}
