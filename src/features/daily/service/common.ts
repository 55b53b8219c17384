// The first steps shared by the class-day use cases: the caller may act in the school's day
// ('daily.act'), the class exists there, the caller stands for it on that date (requireClassDuty),
// and, for writes, the date is one the session runs, not ahead of today and within the correction
// period (rule DAY-1).
import { accessSchool } from '../../../server/auth/access';
import { type Actor, can, type SchoolRef } from '../../../server/auth/policies';
import type { AppContext, Executor } from '../../../server/context';
import { AppError } from '../../../server/errors';
import { localDate } from '../../programme/rules';
import { loadSettings, type SchoolSettings } from '../../programme/settings';
import { type ClassDutyRole, requireClassDuty } from '../class-access';
import { checkRecordDate, parseWeekdays, sessionRunsOn } from '../rules';
import { type ClassDay, calendarOf, loadClassDay } from '../store';

export interface OpenClassDay {
  school: SchoolRef;
  cls: ClassDay;
  role: ClassDutyRole;
  settings: SchoolSettings;
  today: string;
}

export function isSchoolLeader(actor: Actor, school: SchoolRef): boolean {
  return can(actor, 'daily.allClasses', school);
}

export async function openClassDay(
  ctx: AppContext,
  db: Executor,
  actor: Actor,
  schoolId: string,
  tempClassId: string,
  date: string,
  options: { write: boolean; lock?: boolean },
): Promise<OpenClassDay> {
  const { school } = await accessSchool(db, actor, schoolId, 'daily.act');
  const cls = await loadClassDay(db, ctx.dialect, school.id, tempClassId, options.lock ?? false);
  if (!cls) throw new AppError('NOT_FOUND');
  const role = await requireClassDuty(db, actor.userId, isSchoolLeader(actor, school), cls, date);
  const settings = await loadSettings(db, school.id);
  const today = localDate(ctx.now().toISOString(), settings.timezone);
  if (options.write) {
    const calendar = (await calendarOf(db, [cls.termId], [date])).get(cls.termId) ?? [];
    const runs = sessionRunsOn(
      { startsOn: cls.termStartsOn, endsOn: cls.termEndsOn },
      calendar,
      parseWeekdays(cls.weekdays),
      date,
    );
    checkRecordDate(date, today, settings.rollCorrectionDays, runs);
  }
  return { school, cls, role, settings, today };
}
