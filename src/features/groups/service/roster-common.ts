// Steps the roster use cases share: the term and its school days, and everything the generator
// needs (sessions, temporary classes with their current sizes, staff with their volunteered slots,
// outside staff with their review state).
import type { Executor } from '../../../server/context';
import { AppError } from '../../../server/errors';
import type { InstitutionStatus } from '../../district/institutions-rules';
import { localDate } from '../../enrolment/application-rules';
import { schoolDays } from '../../programme/rules';
import type { SchoolSettings } from '../../programme/settings';
import * as programmeStore from '../../programme/store';
import { type OutsideKind, type OutsideStatus, outsideRosterable } from '../outside-rules';
import * as outsideStore from '../outside-store';
import type { RosterInput, RosterSession, RosterStaff } from '../roster-rules';
import * as store from '../roster-store';

export async function loadTermOf(db: Executor, schoolId: string, termId: string) {
  const term = await programmeStore.findTerm(db, schoolId, termId);
  if (!term) throw new AppError('NOT_FOUND');
  return term;
}

export function todayOf(now: Date, settings: SchoolSettings): string {
  return localDate(now, settings.timezone);
}

export async function sessionsOf(db: Executor, termId: string): Promise<RosterSession[]> {
  return (await programmeStore.listSessions(db, [termId])).map((s) => ({
    id: s.id,
    name: s.name,
    weekdays: s.weekdays,
    startsAt: s.startsAt,
    endsAt: s.endsAt,
  }));
}

/** The weekday whose timetable a date runs (a make-up day follows another), or null: no school. */
export async function timetableWeekdayOf(
  db: Executor,
  term: { id: string; startsOn: string; endsOn: string },
  date: string,
): Promise<number | null> {
  if (date < term.startsOn || date > term.endsOn) return null;
  const days = schoolDays({ startsOn: date, endsOn: date }, await programmeStore.listTermDays(db, term.id));
  return days[0]?.timetableWeekday ?? null;
}

/** The roster's people: staff in rostering roles; outside staff only as their review allows. */
export async function rosterPeople(
  db: Executor,
  schoolId: string,
  termId: string,
  settings: SchoolSettings,
): Promise<(RosterStaff & { roles: string[] })[]> {
  const [staff, outside] = await Promise.all([
    store.rosterableStaff(db, schoolId),
    outsideStore.outsideWithAccounts(db, schoolId),
  ]);
  const slots = await store.availabilityOf(
    db,
    termId,
    staff.map((s) => s.userId),
  );
  const slotsOf = new Map<string, Set<string>>();
  for (const s of slots) {
    const set = slotsOf.get(s.userId) ?? new Set<string>();
    set.add(`${s.sessionId}:${s.weekday}`);
    slotsOf.set(s.userId, set);
  }
  const people: (RosterStaff & { roles: string[] })[] = [];
  for (const s of staff) {
    // Someone whose only role here is outside staff stands only through an outside-staff record.
    const outsideOnly = s.roles.every((r) => r === 'outside_staff');
    const record = outsideOnly ? outside.find((o) => o.userId === s.userId) : undefined;
    if (outsideOnly && !record) continue;
    people.push({
      userId: s.userId,
      name: s.name,
      roles: s.roles,
      subject: s.subject,
      maxPerWeek: s.maxDutiesPerWeek,
      available: slotsOf.get(s.userId) ?? new Set(),
      leaderEligible: s.roles.includes('school_admin'),
      outsideStaffId: record?.id ?? null,
      rosterable: record
        ? outsideRosterable({
            status: record.status as OutsideStatus,
            kind: record.kind as OutsideKind,
            hasAccount: true,
            institutionStatus: (record.institutionStatus ?? null) as InstitutionStatus | null,
            allowPaidOutsideBodies: settings.allowPaidOutsideBodies,
          })
        : true,
    });
  }
  return people;
}

export async function loadRosterInput(
  db: Executor,
  schoolId: string,
  term: { id: string; name: string; startsOn: string; endsOn: string },
  settings: SchoolSettings,
) {
  const [calendar, sessions, classes, people] = await Promise.all([
    programmeStore.listTermDays(db, term.id),
    sessionsOf(db, term.id),
    store.classesOfTerm(db, term.id),
    rosterPeople(db, schoolId, term.id, settings),
  ]);
  const days = schoolDays(term, calendar);
  if (days.length === 0 || sessions.length === 0)
    throw new AppError('ROSTER_NO_SCHOOL_DAYS', { term: term.name });
  const input: RosterInput = { days, sessions, classes, staff: people, staffRatio: settings.staffRatio };
  return { input, people };
}
