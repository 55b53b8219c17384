// Whether a colleague can take a published duty (STAFF-5): staff the roster may name (outside
// staff only when approved, STAFF-6), volunteered for that session on that weekday, not on duty at
// an overlapping time that date, under their weekly cap; a leader's duty needs an administrator
// free all day. Shared by the request, the school's approval and the candidate list.
import type { Executor } from '../../../server/context';
import { AppError, type Locale } from '../../../server/errors';
import { addDays } from '../../programme/rules';
import type { SchoolSettings } from '../../programme/settings';
import { reasonLabel } from '../roster-labels';
import {
  type RosterSession,
  type RosterStaff,
  takeOverProblem,
  type UnfilledReason,
  weekOf,
} from '../roster-rules';
import * as store from '../roster-store';
import { rosterPeople, sessionsOf, timetableWeekdayOf } from './roster-common';

export interface DutyToTake {
  id: string;
  rosterId: string;
  termId: string;
  date: string;
  sessionId: string;
  role: string;
}

export interface TakerContext {
  people: (RosterStaff & { roles: string[] })[];
  sessions: Map<string, RosterSession>;
  timetableWeekday: number | null;
}

export async function takerContext(
  db: Executor,
  schoolId: string,
  term: { id: string; startsOn: string; endsOn: string },
  duty: DutyToTake,
  settings: SchoolSettings,
): Promise<TakerContext> {
  const [people, sessions, timetableWeekday] = await Promise.all([
    rosterPeople(db, schoolId, term.id, settings),
    sessionsOf(db, term.id),
    timetableWeekdayOf(db, term, duty.date),
  ]);
  return { people, sessions: new Map(sessions.map((s) => [s.id, s])), timetableWeekday };
}

/** The reason this person cannot take the duty, or null. `not_staff` for someone not rosterable. */
export async function takerProblem(
  db: Executor,
  context: TakerContext,
  duty: DutyToTake,
  takerId: string,
): Promise<UnfilledReason | 'not_staff' | null> {
  const taker = context.people.find((p) => p.userId === takerId);
  if (!taker?.rosterable) return 'not_staff';
  const session = context.sessions.get(duty.sessionId);
  if (!session || context.timetableWeekday === null) return 'none_available';
  const monday = weekOf(duty.date);
  const week = await store.dutiesOfUserInRoster(db, duty.rosterId, takerId, monday, addDays(monday, 6));
  const sameDay = week.filter((d) => d.date === duty.date);
  if (duty.role === 'leader') {
    if (!taker.leaderEligible) return 'not_staff';
    if (sameDay.length > 0) return 'all_booked';
    if (taker.maxPerWeek !== null && week.length >= taker.maxPerWeek) return 'over_weekly_max';
    return null;
  }
  return takeOverProblem({
    session,
    timetableWeekday: context.timetableWeekday,
    taker,
    sameDaySessions: sameDay
      .map((d) => context.sessions.get(d.sessionId))
      .filter((s): s is RosterSession => !!s),
    weekCount: week.length,
  });
}

/** Refuses, in the reader's language, a taker who cannot take the duty. */
export async function assertTaker(
  db: Executor,
  context: TakerContext,
  duty: DutyToTake,
  takerId: string,
  locale: Locale,
): Promise<RosterStaff> {
  const problem = await takerProblem(db, context, duty, takerId);
  const taker = context.people.find((p) => p.userId === takerId);
  const name = taker?.name ?? (await store.userNames(db, [takerId]))[0]?.name;
  if (problem === 'not_staff') {
    if (!name) throw new AppError('NOT_FOUND');
    throw new AppError('SWAP_TAKER_NOT_STAFF', { name });
  }
  if (problem)
    throw new AppError(
      'SWAP_TAKER_UNAVAILABLE',
      { name: name ?? '', date: duty.date, reason: reasonLabel(problem, locale) },
      { reason: problem },
    );
  return taker!;
}
