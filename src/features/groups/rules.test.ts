// rule STAFF-1, rule STAFF-2, rule STAFF-3: generating temporary classes, placing newcomers, seats.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkRoom,
  freeSeat,
  moveSeat,
  nextClassName,
  placeNewcomers,
  seatPosition,
  sessionDates,
} from './membership-rules';
import {
  assignVenues,
  classCap,
  offeringStem,
  type Pupil,
  planClasses,
  poolLabel,
  splitToCap,
  tempClassKindOf,
} from './rules';

const settings = {
  careClassCap: 45,
  interestClassCap: 30,
  noonClassCap: 45,
  noonGroupMin: 30,
  seatRowWidth: 6,
};

/** `sizes[g-1]` lists the sizes of grade g's home classes. */
function school(sizes: number[][]): Pupil[] {
  const pupils: Pupil[] = [];
  sizes.forEach((classes, g) => {
    classes.forEach((size, c) => {
      for (let i = 0; i < size; i++)
        pupils.push({
          id: `s${g + 1}-${c + 1}-${String(i).padStart(3, '0')}`,
          grade: g + 1,
          classNo: c + 1,
          homeClassId: `h${g + 1}-${c + 1}`,
          studentNo: String(i).padStart(4, '0'),
        });
    });
  });
  return pupils;
}

const sizesOf = (plan: { students: string[] }[]) => plan.map((c) => c.students.length);

describe('kinds and caps (STAFF-1)', () => {
  it.each([
    ['homework_care', 'afternoon', 'care'],
    ['club', 'afternoon', 'interest'],
    ['reading', 'evening', 'interest'],
    ['nap', 'noon', 'noon'],
    ['homework_care', 'noon', 'noon'],
    ['reading', 'noon', 'interest'],
  ])('%s in a %s session is %s', (offering, session, kind) => {
    expect(tempClassKindOf(offering, session)).toBe(kind);
  });
  it('takes the kind cap, lowered by the venue', () => {
    expect(classCap('care', settings, null)).toBe(45);
    expect(classCap('interest', settings, null)).toBe(30);
    expect(classCap('noon', settings, 40)).toBe(40);
    expect(classCap('care', settings, 100)).toBe(45);
    expect(classCap('care', settings, 0)).toBe(45);
  });
  it('names interest classes after the offering', () => {
    expect(offeringStem('足球社团')).toBe('足球');
    expect(offeringStem('书法')).toBe('书法');
    expect(poolLabel([1])).toBe('一年级');
    expect(poolLabel([1, 2])).toBe('一二年级');
    expect(poolLabel([3, 4, 5])).toBe('三至五年级');
    expect(poolLabel([1, 3])).toBe('一、三年级');
  });
});

describe('care and interest classes (STAFF-1)', () => {
  it('makes ceil(n / cap) balanced classes keeping home classes whole', () => {
    // 40 + 38 + 20 = 98 → 3 classes of ≤ 45; home classes stay whole.
    const plan = planClasses({
      kind: 'care',
      offeringName: '作业辅导',
      pupils: school([[40, 38], [20]]),
      cap: 45,
      noonGroupMin: 30,
    });
    expect(plan.map((c) => c.name)).toEqual(['看护1班', '看护2班', '看护3班']);
    expect(sizesOf(plan).sort()).toEqual([20, 38, 40]);
    for (const c of plan) expect(c.homeClassIds).toHaveLength(1);
  });
  it('adds a class when whole home classes do not fit ceil(n / cap)', () => {
    // 3 × 25 = 75 ≤ 2 × 45, but no two home classes fit one class: 3 classes.
    const plan = planClasses({
      kind: 'care',
      offeringName: '看护',
      pupils: school([[25, 25, 25]]),
      cap: 45,
      noonGroupMin: 30,
    });
    expect(sizesOf(plan)).toEqual([25, 25, 25]);
  });
  it('splits only a home class that alone is over the cap, evenly', () => {
    expect(splitToCap(school([[50]]), 30).map((p) => p.length)).toEqual([25, 25]);
    const plan = planClasses({
      kind: 'interest',
      offeringName: '足球社团',
      pupils: school([[50]]),
      cap: 30,
      noonGroupMin: 30,
    });
    expect(plan.map((c) => c.name)).toEqual(['足球1班', '足球2班']);
    expect(sizesOf(plan)).toEqual([25, 25]);
  });
  it('evens out what worst-fit leaves uneven by swapping whole home classes', () => {
    // Worst-fit alone gives 5+4 / 5+3+3 = 9 / 11; swapping a 5 and the 4 gives 10 / 10.
    const plan = planClasses({
      kind: 'care',
      offeringName: '看护',
      pupils: school([[5, 5, 4, 3, 3]]),
      cap: 12,
      noonGroupMin: 30,
    });
    expect(sizesOf(plan)).toEqual([10, 10]);
    for (const c of plan) expect(c.homeClassIds.length).toBeGreaterThan(1);
  });
  it('mixes single students evenly', () => {
    const pupils = school([Array(10).fill(1), Array(9).fill(1)]);
    const plan = planClasses({ kind: 'interest', offeringName: '围棋', pupils, cap: 6, noonGroupMin: 30 });
    expect(sizesOf(plan)).toEqual([5, 5, 5, 4]);
  });
  it('makes nothing from nobody', () => {
    expect(planClasses({ kind: 'care', offeringName: 'x', pupils: [], cap: 45, noonGroupMin: 30 })).toEqual(
      [],
    );
  });
});

describe('noon groups (STAFF-2)', () => {
  it('gives a home class of 30+ its own group and merges a small grade with the next', () => {
    // Grade 1: 32 (own group) + 12 left; grade 2: 10 left; grade 3: 31 (own) + 20 left.
    const plan = planClasses({
      kind: 'noon',
      offeringName: '午托',
      pupils: school([[32, 12], [10], [31, 20]]),
      cap: 45,
      noonGroupMin: 30,
    });
    expect(plan.map((c) => [c.name, c.students.length])).toEqual([
      ['午托一(1)班组', 32],
      ['午托三(1)班组', 31],
      ['午托一至三年级组', 42],
    ]);
  });
  it('splits a pool over the noon cap', () => {
    const plan = planClasses({
      kind: 'noon',
      offeringName: '午托',
      pupils: school([[20, 20, 20]]),
      cap: 45,
      noonGroupMin: 30,
    });
    expect(plan.map((c) => c.name)).toEqual(['午托一年级1组', '午托一年级2组']);
    expect(sizesOf(plan).sort()).toEqual([20, 40]);
  });
  it('joins a small last pool to the one before', () => {
    const plan = planClasses({
      kind: 'noon',
      offeringName: '午托',
      pupils: school([[29, 5], [], [], [], [], [8]]),
      cap: 45,
      noonGroupMin: 30,
    });
    expect(plan.map((c) => c.poolGrades)).toEqual([[1, 6]]);
    expect(plan[0]!.name).toBe('午托一、六年级组');
  });
});

// ---- properties ----

const schoolArb = fc.array(fc.array(fc.integer({ min: 1, max: 70 }), { maxLength: 4 }), {
  minLength: 1,
  maxLength: 6,
});
const kindArb = fc.constantFrom('care' as const, 'interest' as const, 'noon' as const);
const capArb = fc.integer({ min: 10, max: 50 });

describe('generation properties', () => {
  it('places every student exactly once, under the cap, deterministically, balanced', () => {
    fc.assert(
      fc.property(
        schoolArb,
        kindArb,
        capArb,
        fc.integer({ min: 5, max: 40 }),
        fc.integer(),
        (sizes, kind, cap, groupMin, seed) => {
          const pupils = school(sizes);
          const plan = planClasses({ kind, offeringName: '社团', pupils, cap, noonGroupMin: groupMin });
          const placed = plan.flatMap((c) => c.students);
          // Every student placed exactly once.
          expect(placed.length).toBe(pupils.length);
          expect(new Set(placed).size).toBe(pupils.length);
          // No class over its cap; names unique.
          for (const c of plan) expect(c.students.length).toBeLessThanOrEqual(cap);
          expect(new Set(plan.map((c) => c.name)).size).toBe(plan.length);
          // Same input in any order → same output.
          const shuffled = [...pupils].sort(
            (a, b) =>
              ((a.id.length * 31 + seed) % 7) - ((b.id.length * 13 + seed) % 5) ||
              (seed % 2 ? 1 : -1) * a.id.localeCompare(b.id),
          );
          expect(
            planClasses({ kind, offeringName: '社团', pupils: shuffled, cap, noonGroupMin: groupMin }),
          ).toEqual(plan);
          const home = new Map<string, number>();
          for (const p of pupils) home.set(p.homeClassId, (home.get(p.homeClassId) ?? 0) + 1);
          // Classmates kept together whenever their home class fits the cap.
          for (const [homeId, size] of home) {
            const holding = plan.filter((c) => c.homeClassIds.includes(homeId));
            if (size <= cap) expect(holding).toHaveLength(1);
            else expect(holding).toHaveLength(Math.ceil(size / cap));
          }
          if (kind !== 'noon' && plan.length > 0) {
            // Balance bound: max − min ≤ the largest unit (a whole home class or a piece of one).
            const largestUnit = Math.max(
              ...[...home.values()].map((s) => (s <= cap ? s : Math.ceil(s / Math.ceil(s / cap)))),
            );
            const s = sizesOf(plan);
            expect(Math.max(...s) - Math.min(...s)).toBeLessThanOrEqual(largestUnit);
            // And the count is ceil(n / cap) whenever every home class is a single student.
            if ([...home.values()].every((v) => v === 1))
              expect(plan.length).toBe(Math.ceil(pupils.length / cap));
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('holds STAFF-2 for noon groups', () => {
    fc.assert(
      fc.property(
        schoolArb,
        fc.integer({ min: 20, max: 50 }),
        fc.integer({ min: 5, max: 35 }),
        (sizes, cap, groupMin) => {
          const pupils = school(sizes);
          const plan = planClasses({
            kind: 'noon',
            offeringName: '午托',
            pupils,
            cap,
            noonGroupMin: groupMin,
          });
          const home = new Map<string, number>();
          for (const p of pupils) home.set(p.homeClassId, (home.get(p.homeClassId) ?? 0) + 1);
          for (const c of plan) {
            if (c.source === 'home') {
              // A group of its own: one home class of at least the minimum.
              expect(c.homeClassIds).toHaveLength(1);
              expect(home.get(c.homeClassIds[0]!)!).toBeGreaterThanOrEqual(groupMin);
            } else {
              // Merged pools hold only the rest: home classes below the minimum.
              for (const h of c.homeClassIds) expect(home.get(h)!).toBeLessThan(groupMin);
              for (const g of c.grades) expect(c.poolGrades).toContain(g);
            }
          }
          // Pools reach the minimum, unless all the rest together is below it (one pool).
          const pools = new Map<string, number>();
          for (const c of plan.filter((x) => x.source === 'merged')) {
            const key = c.poolGrades.join(',');
            pools.set(key, (pools.get(key) ?? 0) + c.students.length);
          }
          if (pools.size > 1)
            for (const size of pools.values()) expect(size).toBeGreaterThanOrEqual(groupMin);
          // Pools cover disjoint grade ranges of the rest, in grade order (adjacent grades merge).
          const ranges = [...pools.keys()].map((k) => k.split(',').map(Number));
          const flat = ranges.flat();
          expect(flat).toEqual([...flat].sort((a, b) => a - b));
          expect(new Set(flat).size).toBe(flat.length);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('venues', () => {
  const v = (id: string, capacity: number) => ({ id, name: id, capacity });
  it('keeps the offering venue for the first class and gives the others the smallest that fits', () => {
    expect(assignVenues([40, 30, 45], v('hall', 50), [v('a', 35), v('b', 60), v('c', 31)])).toEqual([
      'hall',
      'c',
      'b',
    ]);
    expect(assignVenues([40, 40], v('hall', 50), [v('a', 20)])).toEqual(['hall', null]);
    expect(assignVenues([40, 40], null, [v('a', 50)])).toEqual([null, null]);
  });
});

describe('venue properties', () => {
  it('gives each class at most one venue that holds it, never the same venue twice', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 45 }), { minLength: 1, maxLength: 8 }),
        fc.array(fc.integer({ min: 1, max: 60 }), { maxLength: 8 }),
        fc.integer({ min: 1, max: 60 }),
        (sizes, capacities, offeringCapacity) => {
          const free = capacities.map((capacity, i) => ({ id: `v${i}`, name: `v${i}`, capacity }));
          const offering = { id: 'own', name: 'own', capacity: offeringCapacity };
          const assigned = assignVenues(sizes, offering, free);
          expect(assigned[0]).toBe('own');
          const used = assigned.filter((v): v is string => v !== null);
          expect(new Set(used).size).toBe(used.length);
          assigned.slice(1).forEach((id, i) => {
            if (id) expect(free.find((v) => v.id === id)!.capacity).toBeGreaterThanOrEqual(sizes[i + 1]!);
          });
          // A class left without a room had none big enough left over.
          const left = free.filter((v) => !used.includes(v.id));
          assigned.slice(1).forEach((id, i) => {
            if (!id) expect(left.every((v) => v.capacity < sizes[i + 1]!)).toBe(true);
          });
        },
      ),
    );
  });
});

describe('keeping classes current (STAFF-3)', () => {
  it('refuses a place over the cap, naming the class and cap', () => {
    expect(() => checkRoom({ name: '看护1班', count: 44, cap: 45 })).not.toThrow();
    expect(() => checkRoom({ name: '看护1班', count: 45, cap: 45 })).toThrow(
      expect.objectContaining({
        code: 'TEMP_CLASS_FULL',
        params: { className: '看护1班', cap: 45, count: 45 },
      }),
    );
  });
  it('places newcomers with their classmates, else in the smallest class, and reports overflow', () => {
    const classes = [
      { id: 'A', name: '看护1班', cap: 3, memberHomeClassIds: ['h1', 'h1'] },
      { id: 'B', name: '看护2班', cap: 3, memberHomeClassIds: ['h2'] },
    ];
    const newcomers = [
      { id: 'n1', grade: 1, classNo: 1, homeClassId: 'h1', studentNo: '1' },
      { id: 'n2', grade: 1, classNo: 1, homeClassId: 'h1', studentNo: '2' },
      { id: 'n3', grade: 3, classNo: 1, homeClassId: 'h9', studentNo: '1' },
      { id: 'n4', grade: 3, classNo: 1, homeClassId: 'h9', studentNo: '2' },
    ];
    const { placements, overflow } = placeNewcomers(classes, newcomers);
    expect(placements).toEqual([
      { studentId: 'n1', classId: 'A' },
      { studentId: 'n2', classId: 'B' },
      { studentId: 'n3', classId: 'B' },
    ]);
    expect(overflow.map((p) => p.id)).toEqual(['n4']);
    expect(nextClassName('care', '作业', ['看护1班', '看护2班'])).toBe('看护3班');
  });
  it('lays out and swaps seats', () => {
    expect(seatPosition(1, 6)).toEqual({ row: 1, col: 1 });
    expect(seatPosition(7, 6)).toEqual({ row: 2, col: 1 });
    expect(seatPosition(12, 6)).toEqual({ row: 2, col: 6 });
    expect(freeSeat([1, 2, 4, null])).toBe(3);
    const members = [
      { studentId: 'a', seatNo: 1 },
      { studentId: 'b', seatNo: 2 },
    ];
    expect(moveSeat(members, 'a', 2, 45)).toEqual([
      { studentId: 'a', seatNo: 2 },
      { studentId: 'b', seatNo: 1 },
    ]);
    expect(moveSeat(members, 'a', 5, 45)).toEqual([{ studentId: 'a', seatNo: 5 }]);
    expect(() => moveSeat(members, 'a', 46, 45)).toThrow(
      expect.objectContaining({ code: 'TEMP_CLASS_SEAT_RANGE' }),
    );
  });
  it('lists the dates a session runs', () => {
    const days = [
      { date: '2026-09-01', timetableWeekday: 2, makeup: false },
      { date: '2026-09-02', timetableWeekday: 3, makeup: false },
      { date: '2026-09-05', timetableWeekday: 1, makeup: true },
    ];
    expect(sessionDates(days, [1, 2], '2026-09-01', '2026-09-30')).toEqual(['2026-09-01', '2026-09-05']);
  });
});
