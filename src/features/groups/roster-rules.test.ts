// rule STAFF-4, STAFF-5, STAFF-6, DAY-2, DAY-10: the duty roster generator, by example and by
// property (fast-check).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { schoolDays } from '../programme/rules';
import {
  adultsNeeded,
  generateRoster,
  type RosterClass,
  type RosterInput,
  type RosterSession,
  type RosterStaff,
  sessionsOverlap,
  takeOverProblem,
  weekOf,
} from './roster-rules';

const afternoon: RosterSession = {
  id: 's-pm',
  name: '课后服务',
  weekdays: [1, 2, 3, 4, 5],
  startsAt: '15:30',
  endsAt: '17:30',
};
const noon: RosterSession = {
  id: 's-noon',
  name: '午托',
  weekdays: [1, 2, 3, 4, 5],
  startsAt: '11:40',
  endsAt: '13:30',
};
const lateClub: RosterSession = {
  id: 's-late',
  name: '社团',
  weekdays: [2, 4],
  startsAt: '16:30',
  endsAt: '18:00',
};

function person(userId: string, over: Partial<RosterStaff> = {}): RosterStaff {
  return {
    userId,
    name: userId,
    subject: null,
    maxPerWeek: null,
    available: new Set(),
    leaderEligible: false,
    outsideStaffId: null,
    rosterable: true,
    ...over,
  };
}
const everyDay = (...sessions: RosterSession[]) =>
  new Set(sessions.flatMap((s) => [1, 2, 3, 4, 5].map((d) => `${s.id}:${d}`)));

// One week, Monday 2026-09-07 to Friday 2026-09-11.
const week = schoolDays({ startsOn: '2026-09-07', endsOn: '2026-09-11' }, []);

describe('roster helpers', () => {
  it.each([
    [0, 30, 0],
    [1, 30, 1],
    [30, 30, 1],
    [31, 30, 2],
    [45, 30, 2],
    [61, 30, 3],
  ])('rule STAFF-4: %i students at 1:%i need %i adults', (members, ratio, need) =>
    expect(adultsNeeded(members, ratio)).toBe(need),
  );

  it('weeks start on Monday; a make-up Saturday belongs to its own week', () => {
    expect(weekOf('2026-09-09')).toBe('2026-09-07');
    expect(weekOf('2026-10-10')).toBe('2026-10-05');
  });

  it('sessions overlap only when their times cross', () => {
    expect(sessionsOverlap(afternoon, lateClub)).toBe(true);
    expect(sessionsOverlap(afternoon, noon)).toBe(false);
    expect(sessionsOverlap({ ...noon, id: 'x', startsAt: '13:30', endsAt: '14:00' }, noon)).toBe(false);
  });
});

describe('generateRoster', () => {
  const cls = (id: string, members: number, over: Partial<RosterClass> = {}): RosterClass => ({
    id,
    sessionId: afternoon.id,
    name: id,
    members,
    headTeacherId: null,
    ...over,
  });

  it('fills each class by the ratio, a duty teacher per session and a leader per day', () => {
    const staff = [
      ...['a', 'b', 'c', 'd', 'e'].map((id) => person(id, { available: everyDay(afternoon) })),
      person('boss', { leaderEligible: true }),
    ];
    const roster = generateRoster({
      days: week,
      sessions: [afternoon],
      classes: [cls('c1', 40), cls('c2', 25)],
      staff,
      staffRatio: 30,
    });
    expect(roster.unfilled).toEqual([]);
    for (const day of week) {
      const today = roster.duties.filter((d) => d.date === day.date);
      expect(today.filter((d) => d.tempClassId === 'c1')).toHaveLength(2);
      expect(today.filter((d) => d.tempClassId === 'c2')).toHaveLength(1);
      expect(today.filter((d) => d.role === 'duty')).toHaveLength(1);
      expect(today.filter((d) => d.role === 'leader').map((d) => d.userId)).toEqual(['boss']);
    }
    // Fair: 20 duties over five people, four each.
    const counts = new Map<string, number>();
    for (const d of roster.duties.filter((x) => x.role !== 'leader'))
      counts.set(d.userId, (counts.get(d.userId) ?? 0) + 1);
    expect([...counts.values()].sort()).toEqual([4, 4, 4, 4, 4]);
  });

  it('prefers the head teacher for their own class (STAFF-3)', () => {
    const staff = ['a', 'b', 'head'].map((id) => person(id, { available: everyDay(afternoon) }));
    const roster = generateRoster({
      days: week,
      sessions: [afternoon],
      classes: [cls('c1', 20, { headTeacherId: 'head' })],
      staff,
      staffRatio: 30,
    });
    expect(roster.duties.filter((d) => d.role === 'care').every((d) => d.userId === 'head')).toBe(true);
  });

  it('mixes subjects in a class and rotates them over the week (STAFF-5)', () => {
    const staff = [
      person('m1', { subject: '数学', available: everyDay(afternoon) }),
      person('m2', { subject: '数学', available: everyDay(afternoon) }),
      person('y1', { subject: '语文', available: everyDay(afternoon) }),
      person('y2', { subject: '语文', available: everyDay(afternoon) }),
    ];
    const roster = generateRoster({
      days: week,
      sessions: [afternoon],
      classes: [cls('c1', 50)],
      staff,
      staffRatio: 30,
    });
    for (const day of week) {
      const subjects = roster.duties
        .filter((d) => d.date === day.date && d.role === 'care')
        .map((d) => staff.find((s) => s.userId === d.userId)!.subject);
      expect(new Set(subjects).size).toBe(2);
    }
  });

  it('names every slot it cannot fill, with its reason', () => {
    const monday = week.slice(0, 1);
    // Nobody volunteered at all.
    expect(
      generateRoster({
        days: monday,
        sessions: [afternoon],
        classes: [cls('c1', 10)],
        staff: [],
        staffRatio: 30,
      }).unfilled,
    ).toEqual([
      expect.objectContaining({ role: 'care', tempClassId: 'c1', missing: 1, reason: 'none_available' }),
      expect.objectContaining({ role: 'duty', reason: 'none_available' }),
      expect.objectContaining({ role: 'leader', reason: 'none_available' }),
    ]);
    // One volunteer: the class is covered, so the duty teacher finds them booked.
    const one = generateRoster({
      days: monday,
      sessions: [afternoon],
      classes: [cls('c1', 10)],
      staff: [person('a', { available: everyDay(afternoon), leaderEligible: true })],
      staffRatio: 30,
    });
    expect(one.unfilled.map((u) => [u.role, u.reason])).toEqual([
      ['duty', 'all_booked'],
      ['leader', 'all_booked'],
    ]);
    // A weekly cap of two: Wednesday onward is over the cap.
    const capped = generateRoster({
      days: week,
      sessions: [afternoon],
      classes: [cls('c1', 10)],
      staff: [person('a', { available: everyDay(afternoon), maxPerWeek: 2 })],
      staffRatio: 30,
    });
    expect(capped.unfilled.filter((u) => u.role === 'care').map((u) => [u.date, u.reason])).toEqual([
      ['2026-09-09', 'over_weekly_max'],
      ['2026-09-10', 'over_weekly_max'],
      ['2026-09-11', 'over_weekly_max'],
    ]);
  });

  it('skips holidays and runs a make-up day on the timetable it follows (PROG-1)', () => {
    const days = schoolDays({ startsOn: '2026-09-28', endsOn: '2026-10-11' }, [
      { date: '2026-10-01', kind: 'holiday', followsWeekday: null, note: '国庆' },
      { date: '2026-10-02', kind: 'holiday', followsWeekday: null, note: '国庆' },
      { date: '2026-10-10', kind: 'makeup', followsWeekday: 4, note: '调休' },
    ]);
    const roster = generateRoster({
      days,
      sessions: [lateClub],
      classes: [cls('club', 20, { sessionId: lateClub.id })],
      staff: [person('a', { available: new Set([`${lateClub.id}:4`]) })],
      staffRatio: 30,
    });
    const careDates = roster.duties.filter((d) => d.role === 'care').map((d) => d.date);
    // Thursday 10-01 is a holiday; 10-08 runs; Saturday 10-10 follows Thursday.
    expect(careDates).toEqual(['2026-10-08', '2026-10-10']);
    // The Tuesdays run too, but nobody volunteered for them.
    expect(roster.unfilled.filter((u) => u.role === 'care').map((u) => [u.date, u.reason])).toEqual([
      ['2026-09-29', 'none_available'],
      ['2026-10-06', 'none_available'],
    ]);
  });

  it('leaves out outside staff who have not passed their review (STAFF-6)', () => {
    const roster = generateRoster({
      days: week.slice(0, 1),
      sessions: [afternoon],
      classes: [cls('c1', 10)],
      staff: [person('coach', { available: everyDay(afternoon), outsideStaffId: 'o1', rosterable: false })],
      staffRatio: 30,
    });
    expect(roster.duties).toEqual([]);
    expect(roster.unfilled[0]).toMatchObject({ role: 'care', reason: 'none_available' });
  });
});

describe('takeOverProblem', () => {
  const taker = { available: new Set([`${afternoon.id}:3`]), maxPerWeek: 2 };
  it('needs the volunteered slot, no overlap and room under the cap', () => {
    const base = { session: afternoon, timetableWeekday: 3, taker, sameDaySessions: [], weekCount: 0 };
    expect(takeOverProblem(base)).toBeNull();
    expect(takeOverProblem({ ...base, timetableWeekday: 2 })).toBe('none_available');
    expect(takeOverProblem({ ...base, sameDaySessions: [lateClub] })).toBe('all_booked');
    expect(takeOverProblem({ ...base, sameDaySessions: [noon] })).toBeNull();
    expect(takeOverProblem({ ...base, weekCount: 2 })).toBe('over_weekly_max');
  });
});

// ---- properties ----

const sessionsPool = [afternoon, noon, lateClub];
const arbitraryInput: fc.Arbitrary<RosterInput> = fc
  .record({
    sessionCount: fc.integer({ min: 1, max: 3 }),
    classes: fc.array(
      fc.record({ session: fc.integer({ min: 0, max: 2 }), members: fc.integer({ min: 0, max: 70 }) }),
      {
        maxLength: 6,
      },
    ),
    staff: fc.array(
      fc.record({
        subject: fc.constantFrom(null, '数学', '语文', '英语'),
        maxPerWeek: fc.option(fc.integer({ min: 1, max: 5 }), { nil: null }),
        slots: fc.array(fc.tuple(fc.integer({ min: 0, max: 2 }), fc.integer({ min: 1, max: 5 })), {
          maxLength: 10,
        }),
        leader: fc.boolean(),
        outside: fc.boolean(),
        rosterable: fc.boolean(),
        head: fc.option(fc.integer({ min: 0, max: 5 }), { nil: null }),
      }),
      { maxLength: 12 },
    ),
    ratio: fc.integer({ min: 5, max: 40 }),
  })
  .map(({ sessionCount, classes, staff, ratio }) => {
    const sessions = sessionsPool.slice(0, sessionCount);
    const rosterClasses = classes.map((c, i) => ({
      id: `c${i}`,
      sessionId: sessions[c.session % sessions.length]!.id,
      name: `c${i}`,
      members: c.members,
      headTeacherId: null as string | null,
    }));
    const people = staff.map((s, i) => {
      if (s.head !== null && rosterClasses[s.head]) rosterClasses[s.head]!.headTeacherId = `u${i}`;
      return person(`u${i}`, {
        subject: s.subject,
        maxPerWeek: s.maxPerWeek,
        available: new Set(s.slots.map(([si, d]) => `${sessions[si % sessions.length]!.id}:${d}`)),
        leaderEligible: s.leader,
        outsideStaffId: s.outside ? `o${i}` : null,
        rosterable: s.outside ? s.rosterable : true,
      });
    });
    return { days: week, sessions, classes: rosterClasses, staff: people, staffRatio: ratio };
  });

describe('generateRoster properties', () => {
  it('ratio, one place at a time, only volunteers, only approved outside staff, totals, determinism', () => {
    fc.assert(
      fc.property(arbitraryInput, (input) => {
        const roster = generateRoster(input);
        const sessionOf = new Map(input.sessions.map((s) => [s.id, s]));
        const staffOf = new Map(input.staff.map((s) => [s.userId, s]));
        const dayOf = new Map(input.days.map((d) => [d.date, d]));
        // Nobody in two places at once.
        const byPersonDate = new Map<string, RosterSession[]>();
        for (const d of roster.duties) {
          const key = `${d.userId}:${d.date}`;
          const here = sessionOf.get(d.sessionId)!;
          for (const other of byPersonDate.get(key) ?? []) expect(sessionsOverlap(here, other)).toBe(false);
          byPersonDate.set(key, [...(byPersonDate.get(key) ?? []), here]);
          const p = staffOf.get(d.userId)!;
          // Only approved outside staff.
          if (p.outsideStaffId !== null) expect(p.rosterable).toBe(true);
          // Only volunteers (leaders are administrators and need not volunteer).
          if (d.role !== 'leader')
            expect(p.available.has(`${d.sessionId}:${dayOf.get(d.date)!.timetableWeekday}`)).toBe(true);
          else expect(p.leaderEligible).toBe(true);
        }
        // Weekly caps hold.
        const weekly = new Map<string, number>();
        for (const d of roster.duties) {
          const key = `${d.userId}:${weekOf(d.date)}`;
          weekly.set(key, (weekly.get(key) ?? 0) + 1);
          const cap = staffOf.get(d.userId)!.maxPerWeek;
          if (cap !== null) expect(weekly.get(key)!).toBeLessThanOrEqual(cap);
        }
        // Per class-day: filled + missing = demanded, and a fully filled class meets the ratio.
        for (const day of input.days) {
          for (const c of input.classes) {
            if (!sessionOf.get(c.sessionId)!.weekdays.includes(day.timetableWeekday)) continue;
            const filled = roster.duties.filter((d) => d.date === day.date && d.tempClassId === c.id).length;
            const missing = roster.unfilled
              .filter((u) => u.date === day.date && u.tempClassId === c.id)
              .reduce((n, u) => n + u.missing, 0);
            expect(filled + missing).toBe(adultsNeeded(c.members, input.staffRatio));
            if (missing === 0 && c.members > 0)
              expect(filled * input.staffRatio).toBeGreaterThanOrEqual(c.members);
          }
          for (const s of input.sessions.filter((x) => x.weekdays.includes(day.timetableWeekday))) {
            const duty = roster.duties.filter(
              (d) => d.date === day.date && d.sessionId === s.id && d.role === 'duty',
            );
            const gap = roster.unfilled.filter(
              (u) => u.date === day.date && u.sessionId === s.id && u.role === 'duty',
            );
            expect(duty.length + gap.length).toBe(1);
          }
        }
        // Deterministic, whatever order the staff come in.
        expect(generateRoster({ ...input, staff: [...input.staff].reverse() })).toEqual(roster);
      }),
      { numRuns: 150 },
    );
  });
});
