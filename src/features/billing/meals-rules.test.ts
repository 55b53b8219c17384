// FEE-7 meal rules: the month's days, counting from marks and from opt-in ranges, the correction of
// an earlier month, and how opting in and out changes the ranges. Tables and fast-check properties.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../programme/time';
import {
  lastDayOf,
  mealBillNo,
  mealCorrection,
  mealsFromMarks,
  mealsFromOptIns,
  monthEnded,
  monthWithinTerm,
  type OptRange,
  optChange,
  optedInOn,
  type RangeRow,
} from './meals-rules';

const term = { startsOn: '2026-09-01', endsOn: '2027-01-15' };

describe('the month and the term', () => {
  it.each([
    ['2026-02', '2026-02-28'],
    ['2028-02', '2028-02-29'],
    ['2026-09', '2026-09-30'],
    ['2026-12', '2026-12-31'],
  ])('last day of %s is %s', (month, last) => expect(lastDayOf(month)).toBe(last));

  it.each([
    ['2026-09', { from: '2026-09-01', to: '2026-09-30' }],
    ['2027-01', { from: '2027-01-01', to: '2027-01-15' }],
    ['2026-08', null],
    ['2027-02', null],
  ])('%s within the term → %o', (month, range) => expect(monthWithinTerm(month, term)).toEqual(range));

  it.each([
    ['2026-09', '2026-09-30', false],
    ['2026-09', '2026-10-01', true],
    ['2026-12', '2027-01-01', true],
    ['2026-10', '2026-09-15', false],
  ])('%s ended on %s: %s', (month, today, ended) => expect(monthEnded(month, today)).toBe(ended));
});

describe('counting meals', () => {
  it('one meal per student and day, however many noon classes marked them', () => {
    const counts = mealsFromMarks([
      { studentId: 'a', date: '2026-09-01' },
      { studentId: 'a', date: '2026-09-01' },
      { studentId: 'a', date: '2026-09-02' },
      { studentId: 'b', date: '2026-09-02' },
    ]);
    expect(counts).toEqual(
      new Map([
        ['a', 2],
        ['b', 1],
      ]),
    );
  });

  const days = ['2026-09-01', '2026-09-02', '2026-09-03', '2026-09-04', '2026-09-07', '2026-09-08'];
  it.each([
    [[], 0],
    [[{ from: '2026-09-01', to: null }], 6],
    [[{ from: '2026-09-03', to: '2026-09-07' }], 3],
    // Overlapping ranges count a day once; an empty range counts nothing.
    [
      [
        { from: '2026-09-01', to: '2026-09-03' },
        { from: '2026-09-02', to: null },
      ],
      6,
    ],
    [[{ from: '2026-09-05', to: '2026-09-04' }], 0],
  ] as [OptRange[], number][])('ranges %o → %i meals', (ranges, meals) =>
    expect(mealsFromOptIns(days, ranges)).toBe(meals),
  );

  it.each([
    [4, 1500, 4500, 1500],
    [3, 1500, 4500, 0],
    [5, 1600, 12800, -4800],
    [0, 1500, 0, 0],
  ])('%i meals now at %i, charged %i → correction %i', (meals, price, charged, delta) =>
    expect(mealCorrection(meals, price, charged)).toBe(delta),
  );

  it('charged plus the correction is always meals now × price', () => {
    fc.assert(
      fc.property(fc.nat(31), fc.nat(10_000), fc.integer({ min: -1_000_000, max: 1_000_000 }), (m, p, c) => {
        expect(c + mealCorrection(m, p, c)).toBe(m * p);
      }),
      { numRuns: 10_000 },
    );
  });

  it('numbers bills per school', () => {
    expect(mealBillNo('T-A', 12)).toBe('T-A-M000012');
  });
});

describe('opting in and out', () => {
  /** Applies a change to rows, as the service does. */
  function apply(rows: RangeRow[], action: 'in' | 'out', date: string): RangeRow[] {
    const change = optChange(rows, action, date);
    if (change.kind === 'none') return rows;
    if (change.kind === 'insert') return [...rows, { id: `r${rows.length}`, from: change.from, to: null }];
    return rows.map((r) => {
      const u = change.updates.find((x) => x.id === r.id);
      return u ? { ...r, from: u.from ?? r.from, to: u.to } : r;
    });
  }

  it.each([
    ['in with nothing → a new open range', [], 'in', '2026-09-10', [{ from: '2026-09-10', to: null }]],
    [
      'in inside an open range → unchanged',
      [{ id: 'a', from: '2026-09-01', to: null }],
      'in',
      '2026-09-10',
      [{ from: '2026-09-01', to: null }],
    ],
    [
      'in before an open range → it starts earlier',
      [{ id: 'a', from: '2026-09-10', to: null }],
      'in',
      '2026-09-03',
      [{ from: '2026-09-03', to: null }],
    ],
    [
      'out of an open range → it ends the day before',
      [{ id: 'a', from: '2026-09-01', to: null }],
      'out',
      '2026-09-16',
      [{ from: '2026-09-01', to: '2026-09-15' }],
    ],
    [
      'out with nothing running → unchanged',
      [{ id: 'a', from: '2026-09-01', to: '2026-09-05' }],
      'out',
      '2026-09-16',
      [{ from: '2026-09-01', to: '2026-09-05' }],
    ],
  ] as [string, RangeRow[], 'in' | 'out', string, OptRange[]][])('%s', (_, rows, action, date, expected) => {
    expect(apply(rows, action, date).map(({ from, to }) => ({ from, to }))).toEqual(expected);
  });

  const date = fc.integer({ min: 0, max: 60 }).map((n) => addDays('2026-09-01', n));

  it('after opting in from a day, that day and every later one are in; earlier days are unchanged', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom('in', 'out') as fc.Arbitrary<'in' | 'out'>, date), {
          maxLength: 8,
        }),
        fc.constantFrom('in', 'out') as fc.Arbitrary<'in' | 'out'>,
        date,
        (history, action, d) => {
          let rows: RangeRow[] = [];
          for (const [a, at] of history) rows = apply(rows, a, at);
          const after = apply(rows, action, d);
          for (let i = -10; i <= 20; i++) {
            const day = addDays(d, i);
            if (i >= 0) expect(optedInOn(after, day)).toBe(action === 'in');
            else if (action === 'out') expect(optedInOn(after, day)).toBe(optedInOn(rows, day));
            else if (optedInOn(rows, day)) expect(optedInOn(after, day)).toBe(true);
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});
