// The duty roster generator (值班表, STAFF-4, STAFF-5, DAY-2, DAY-10). Pure and deterministic: the
// same calendar, classes and volunteers always give the same roster, so a draft can be regenerated
// and compared, and a test can pin it. No I/O, no clock.
//
// Glossary: 值班表 duty roster · 自愿报名 volunteering · 临时班 temporary class · 值班教师 duty teacher
// (receives the last handover, DAY-2) · 值班领导 duty leader (patrols, DAY-10) · 师生比 staff ratio.
import { addDays, minutesOf, type SchoolDay, weekdayOf } from '../programme/rules';

export const dutyRoles = ['care', 'duty', 'leader'] as const;
export type DutyRole = (typeof dutyRoles)[number];

export interface RosterSession {
  id: string;
  name: string;
  weekdays: number[];
  startsAt: string;
  endsAt: string;
}

export interface RosterClass {
  id: string;
  sessionId: string;
  name: string;
  /** Current members (left_at is null). */
  members: number;
  /** 临时班主任 (STAFF-3): preferred for their own class. */
  headTeacherId: string | null;
}

export interface RosterStaff {
  userId: string;
  name: string;
  subject: string | null;
  maxPerWeek: number | null;
  /** Volunteered slots (自愿报名) as `${sessionId}:${weekday}`. */
  available: ReadonlySet<string>;
  /** Holds the school_admin role: a duty leader candidate (DAY-10). */
  leaderEligible: boolean;
  /** Set for outside staff (STAFF-6); they may be rostered only when `rosterable`. */
  outsideStaffId: string | null;
  rosterable: boolean;
}

export interface RosterInput {
  days: SchoolDay[];
  sessions: RosterSession[];
  classes: RosterClass[];
  staff: RosterStaff[];
  /** STAFF-4: at least one adult per this many students. */
  staffRatio: number;
}

export interface GeneratedDuty {
  date: string;
  sessionId: string;
  tempClassId: string | null;
  role: DutyRole;
  userId: string;
  outsideStaffId: string | null;
}

/**
 * Why a slot stayed empty, for the UI to render in zh/en:
 * - `none_available`: nobody volunteered for this session on this weekday (or, for a leader, the
 *   school has no administrator to lead);
 * - `all_booked`: everyone who volunteered is already on duty at that time;
 * - `over_weekly_max`: the free volunteers have reached their weekly maximum.
 */
export const unfilledReasons = ['none_available', 'all_booked', 'over_weekly_max'] as const;
export type UnfilledReason = (typeof unfilledReasons)[number];

export interface UnfilledSlot {
  date: string;
  sessionId: string;
  tempClassId: string | null;
  role: DutyRole;
  /** Adults still missing in this slot. */
  missing: number;
  reason: UnfilledReason;
  /** How many volunteered, how many were booked elsewhere, how many were at their weekly cap. */
  volunteers: number;
  booked: number;
  atWeeklyMax: number;
}

export interface GeneratedRoster {
  duties: GeneratedDuty[];
  unfilled: UnfilledSlot[];
}

/** STAFF-4: adults a class needs. An empty class needs nobody. */
export function adultsNeeded(members: number, staffRatio: number): number {
  return members <= 0 ? 0 : Math.ceil(members / Math.max(1, staffRatio));
}

/** The Monday of a date's week: weekly caps and subject rotation count per calendar week. */
export function weekOf(date: string): string {
  return addDays(date, 1 - weekdayOf(date));
}

/** Two sessions overlap in time; touching ends do not. A session overlaps itself. */
export function sessionsOverlap(a: RosterSession, b: RosterSession): boolean {
  if (a.id === b.id) return true;
  return minutesOf(a.startsAt) < minutesOf(b.endsAt) && minutesOf(b.startsAt) < minutesOf(a.endsAt);
}

/** A small stable hash (FNV-1a) so ties break evenly but deterministically. */
function tieHash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Mixes two hashes (a murmur3 finaliser), so the tie order changes from slot to slot. */
function mixHash(a: number, b: number): number {
  let h = (a ^ Math.imul(b, 0x9e3779b1)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

function compareKeys(a: number[], b: number[], idA: string, idB: string): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return idA.localeCompare(idB);
}

interface Tally {
  total: number;
  week: Map<string, number>;
  /** Sessions the person is on, per date. */
  busy: Map<string, string[]>;
}

/**
 * Builds the roster for every school day of the term. Per day, sessions in start order; per
 * session its classes (larger first, then by id), each needing ceil(members / ratio) adults, then
 * one duty teacher for the session; then one duty leader for the day from the administrators who
 * are not otherwise on duty that day. Classes go first because the ratio is the safety floor.
 */
export function generateRoster(input: RosterInput): GeneratedRoster {
  const sessions = [...input.sessions].sort(
    (a, b) => minutesOf(a.startsAt) - minutesOf(b.startsAt) || a.id.localeCompare(b.id),
  );
  const sessionById = new Map(sessions.map((s) => [s.id, s]));
  const classesBySession = new Map<string, RosterClass[]>();
  for (const c of [...input.classes].sort((a, b) => b.members - a.members || a.id.localeCompare(b.id))) {
    if (!sessionById.has(c.sessionId)) continue;
    const list = classesBySession.get(c.sessionId) ?? [];
    list.push(c);
    classesBySession.set(c.sessionId, list);
  }
  // rule STAFF-6: only outside staff who passed every check may be rostered.
  const staff = input.staff.filter((s) => s.outsideStaffId === null || s.rosterable);
  const userHash = new Map(staff.map((s) => [s.userId, tieHash(s.userId)]));
  const tallies = new Map<string, Tally>(
    staff.map((s) => [s.userId, { total: 0, week: new Map(), busy: new Map() }]),
  );
  // Subjects a class has had this week, for rotation: `${classId}:${week}` → subject → count.
  const classSubjects = new Map<string, Map<string, number>>();
  const duties: GeneratedDuty[] = [];
  const unfilled: UnfilledSlot[] = [];

  // Which sessions overlap which, computed once (the generator asks it for every candidate).
  const overlapping = new Map(
    sessions.map((a) => [a.id, new Set(sessions.filter((b) => sessionsOverlap(a, b)).map((b) => b.id))]),
  );
  const overlaps = (sessionIds: string[] | undefined, session: RosterSession) =>
    (sessionIds ?? []).some((id) => overlapping.get(session.id)!.has(id));

  for (const day of [...input.days].sort((a, b) => a.date.localeCompare(b.date))) {
    const week = weekOf(day.date);
    const running = sessions.filter((s) => s.weekdays.includes(day.timetableWeekday));
    const book = (
      person: RosterStaff,
      session: RosterSession,
      tempClassId: string | null,
      role: DutyRole,
    ) => {
      const t = tallies.get(person.userId)!;
      t.total += 1;
      t.week.set(week, (t.week.get(week) ?? 0) + 1);
      const busy = t.busy.get(day.date) ?? [];
      busy.push(session.id);
      t.busy.set(day.date, busy);
      duties.push({
        date: day.date,
        sessionId: session.id,
        tempClassId,
        role,
        userId: person.userId,
        outsideStaffId: person.outsideStaffId,
      });
    };
    // The best free candidate by `score` (lowest first, ties by a stable hash, then id), and why
    // the others are not free. A linear scan: only the best is taken each time.
    const choose = (
      pool: RosterStaff[],
      session: RosterSession,
      blocked: (p: RosterStaff) => boolean,
      score: (p: RosterStaff) => number[],
    ) => {
      let booked = 0;
      let atMax = 0;
      let best: RosterStaff | undefined;
      let bestKey: number[] = [];
      const slotHash = tieHash(`${day.date}:${session.id}`);
      for (const p of pool) {
        const t = tallies.get(p.userId)!;
        if (blocked(p) || overlaps(t.busy.get(day.date), session)) booked++;
        else if (p.maxPerWeek !== null && (t.week.get(week) ?? 0) >= p.maxPerWeek) atMax++;
        else {
          const key = [...score(p), mixHash(slotHash, userHash.get(p.userId)!)];
          if (!best || compareKeys(key, bestKey, p.userId, best.userId) < 0) {
            best = p;
            bestKey = key;
          }
        }
      }
      return { best, booked, atMax };
    };
    const reasonOf = (volunteers: number, atMax: number): UnfilledReason =>
      volunteers === 0 ? 'none_available' : atMax > 0 ? 'over_weekly_max' : 'all_booked';

    for (const session of running) {
      const slotKey = `${session.id}:${day.timetableWeekday}`;
      const volunteers = staff.filter((s) => s.available.has(slotKey));
      for (const cls of classesBySession.get(session.id) ?? []) {
        const needed = adultsNeeded(cls.members, input.staffRatio);
        if (needed === 0) continue;
        const rotationKey = `${cls.id}:${week}`;
        const rotation = classSubjects.get(rotationKey) ?? new Map<string, number>();
        classSubjects.set(rotationKey, rotation);
        const slotSubjects = new Set<string>();
        let filled = 0;
        let last = { booked: 0, atMax: 0 };
        while (filled < needed) {
          const { best, booked, atMax } = choose(
            volunteers,
            session,
            () => false,
            (p) => [
              // The temporary head teacher keeps their own class (STAFF-3).
              p.userId === cls.headTeacherId ? 0 : 1,
              // Mix subjects (STAFF-5): not two adults of one subject in one class that day …
              p.subject !== null && slotSubjects.has(p.subject) ? 1 : 0,
              // … spread duties fairly …
              tallies.get(p.userId)!.total,
              // … and rotate subjects across the week.
              p.subject === null ? 0 : (rotation.get(p.subject) ?? 0),
            ],
          );
          last = { booked, atMax };
          const pick = best;
          if (!pick) break;
          book(pick, session, cls.id, 'care');
          if (pick.subject !== null) {
            slotSubjects.add(pick.subject);
            rotation.set(pick.subject, (rotation.get(pick.subject) ?? 0) + 1);
          }
          filled++;
        }
        if (filled < needed) {
          unfilled.push({
            date: day.date,
            sessionId: session.id,
            tempClassId: cls.id,
            role: 'care',
            missing: needed - filled,
            reason: reasonOf(volunteers.length, last.atMax),
            volunteers: volunteers.length,
            booked: last.booked,
            atWeeklyMax: last.atMax,
          });
        }
      }
      // rule DAY-2: one duty teacher per session-day receives the last handover.
      const { best, booked, atMax } = choose(
        volunteers,
        session,
        () => false,
        (p) => [tallies.get(p.userId)!.total],
      );
      if (best) book(best, session, null, 'duty');
      else
        unfilled.push({
          date: day.date,
          sessionId: session.id,
          tempClassId: null,
          role: 'duty',
          missing: 1,
          reason: reasonOf(volunteers.length, atMax),
          volunteers: volunteers.length,
          booked,
          atWeeklyMax: atMax,
        });
    }
    // rule DAY-10: one duty leader (值班领导) a day, an administrator free all day, recorded on the
    // day's first session; the patrol covers every session.
    const first = running[0];
    if (!first) continue;
    const leaders = staff.filter((s) => s.leaderEligible);
    const { best, booked, atMax } = choose(
      leaders,
      first,
      (p) => (tallies.get(p.userId)!.busy.get(day.date) ?? []).length > 0,
      (p) => [tallies.get(p.userId)!.total],
    );
    if (best) book(best, first, null, 'leader');
    else
      unfilled.push({
        date: day.date,
        sessionId: first.id,
        tempClassId: null,
        role: 'leader',
        missing: 1,
        reason: reasonOf(leaders.length, atMax),
        volunteers: leaders.length,
        booked,
        atWeeklyMax: atMax,
      });
  }
  return { duties, unfilled };
}

/**
 * Whether a colleague can take a duty (a swap, STAFF-5): volunteered for that session on that
 * timetable weekday, not on duty at an overlapping time that date, and under their weekly cap.
 * Returns the reason they cannot, or null.
 */
export function takeOverProblem(args: {
  session: RosterSession;
  timetableWeekday: number;
  taker: Pick<RosterStaff, 'available' | 'maxPerWeek'>;
  /** The taker's duties on the same date (their sessions). */
  sameDaySessions: RosterSession[];
  /** The taker's duties in the same week. */
  weekCount: number;
}): UnfilledReason | null {
  if (!args.taker.available.has(`${args.session.id}:${args.timetableWeekday}`)) return 'none_available';
  if (args.sameDaySessions.some((s) => sessionsOverlap(s, args.session))) return 'all_booked';
  if (args.taker.maxPerWeek !== null && args.weekCount >= args.taker.maxPerWeek) return 'over_weekly_max';
  return null;
}
