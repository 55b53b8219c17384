// Who stands for a temporary class on a school day. The policy table says which roles may act in
// the daily work at all; this narrows it to the people the school put there: its leaders, the
// class's temporary head teacher (临时班主任, STAFF-3), and whoever the published duty roster
// (STAFF-5) names for that class, or as that day's duty teacher or duty leader (值班领导, DAY-10).
import type { Executor } from '../../server/context';
import { AppError } from '../../server/errors';

/** How the actor is tied to the class that day, strongest first. */
export type ClassDutyRole = 'admin' | 'head' | 'care' | 'duty' | 'leader';

export interface ClassOnDay {
  id: string;
  schoolId: string;
  termId: string;
  sessionId: string;
  offeringId: string;
  kind: string;
  name: string;
  headTeacherId: string | null;
}

export async function loadTempClass(
  db: Executor,
  schoolId: string,
  tempClassId: string,
): Promise<ClassOnDay> {
  const row = await db
    .selectFrom('temp_classes')
    .select([
      'id',
      'school_id as schoolId',
      'term_id as termId',
      'session_id as sessionId',
      'offering_id as offeringId',
      'kind',
      'name',
      'head_teacher_id as headTeacherId',
    ])
    .where('id', '=', tempClassId)
    .where('school_id', '=', schoolId)
    .executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND');
  return row;
}

/** The published-roster duties of a user on a date (care of classes, duty teacher, leader). */
export async function dutiesOn(db: Executor, schoolId: string, userId: string, date: string) {
  return (
    db
      .selectFrom('duty_assignments as a')
      .innerJoin('duty_rosters as r', 'r.id', 'a.roster_id')
      .leftJoin('outside_staff as o', 'o.id', 'a.outside_staff_id')
      .select(['a.id', 'a.role', 'a.session_id as sessionId', 'a.temp_class_id as tempClassId'])
      .where('a.school_id', '=', schoolId)
      .where('a.user_id', '=', userId)
      .where('a.date', '=', date)
      .where('r.status', '=', 'published')
      // STAFF-6: outside staff stand for a class only while their review stays approved; a duty
      // published before they lost it gives them nothing.
      .where((eb) => eb.or([eb('a.outside_staff_id', 'is', null), eb('o.status', '=', 'approved')]))
      .execute()
  );
}

/**
 * The actor's tie to the class on `date`, or null. `isAdmin` comes from the caller's policy check
 * (a school admin reaches every class). A duty teacher or leader reaches every class of their
 * session that day, because the last handover and the patrol cover them all.
 */
export async function classDutyRole(
  db: Executor,
  userId: string,
  isAdmin: boolean,
  cls: ClassOnDay,
  date: string,
): Promise<ClassDutyRole | null> {
  if (isAdmin) return 'admin';
  if (cls.headTeacherId === userId) return 'head';
  const duties = await dutiesOn(db, cls.schoolId, userId, date);
  if (duties.some((d) => d.role === 'care' && d.tempClassId === cls.id)) return 'care';
  if (duties.some((d) => d.role === 'duty' && d.sessionId === cls.sessionId)) return 'duty';
  if (duties.some((d) => d.role === 'leader')) return 'leader';
  return null;
}

/** Like `classDutyRole`, but a stranger to the class gets "not found" (a denied read looks absent). */
export async function requireClassDuty(
  db: Executor,
  userId: string,
  isAdmin: boolean,
  cls: ClassOnDay,
  date: string,
): Promise<ClassDutyRole> {
  const role = await classDutyRole(db, userId, isAdmin, cls, date);
  if (!role) throw new AppError('NOT_FOUND');
  return role;
}
