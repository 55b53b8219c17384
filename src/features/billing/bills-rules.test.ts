// Term bills' pure rules: the worked examples as tables, and properties (fast-check, 10,000 runs):
// the bill view's figures are always sums of its entries; a plan never bills outside the months
// enrolled, never waives more than it charges, and never writes a key twice.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SchoolDay } from '../programme/rules';
import {
  type BillOffering,
  buildStreamView,
  chargeKey,
  planTermBill,
  sessionDaysByMonth,
} from './bills-rules';
import type { Entry, EntryKind } from './ledger';
import { mulDiv } from './money';
import { monthShares, termMonths } from './rules';

const term = { startsOn: '2026-09-01', endsOn: '2027-01-15' };
const months = termMonths(term);
const shares = monthShares(months, 4.5, 'last');

const monthly = (feeFen = 18_000): BillOffering => ({
  id: 'care',
  name: '作业辅导看护',
  feeBasis: 'month',
  feeFen,
  classHours: 2,
  daysByMonth: new Map(),
});

function plan(options: {
  offering?: BillOffering;
  categories?: string[];
  percents?: Record<string, number>;
  enrolledMonth?: string;
  withdrawnMonth?: string | null;
  existingCharges?: Map<string, number>;
}) {
  const offering = options.offering ?? monthly();
  return planTermBill({
    termId: 't',
    months,
    shares,
    lines: [
      {
        studentId: 's',
        offeringId: offering.id,
        enrolledMonth: options.enrolledMonth ?? '2026-09',
        withdrawnMonth: options.withdrawnMonth ?? null,
      },
    ],
    offerings: new Map([[offering.id, offering]]),
    categories: new Map([['s', options.categories ?? []]]),
    waiverPercents: options.percents ?? { registered_poor: 100 },
    existingCharges: options.existingCharges ?? new Map(),
  });
}
const sumOf = (rows: { kind: string; amountFen: number }[], kind: string) =>
  rows.filter((r) => r.kind === kind).reduce((a, r) => a + r.amountFen, 0);

describe('planTermBill: the worked examples (FEE-4, FEE-6)', () => {
  it('180 yuan a month for a term of 4.5 months → 810.00', () => {
    const rows = plan({});
    expect(sumOf(rows, 'charge')).toBe(81_000);
    expect(rows.map((r) => r.month)).toEqual(months);
    expect(rows.at(-1)).toMatchObject({ amountFen: 9_000, reasonParams: { months: '0.5' } });
  });

  it('低保 at 50% → 405.00 due; 建档立卡 → 0.00; the larger waiver of two categories applies', () => {
    const allowance = plan({
      categories: ['subsistence_allowance'],
      percents: { subsistence_allowance: 50 },
    });
    expect(sumOf(allowance, 'charge') + sumOf(allowance, 'waiver')).toBe(40_500);
    const poor = plan({ categories: ['registered_poor'] });
    expect(sumOf(poor, 'charge') + sumOf(poor, 'waiver')).toBe(0);
    const both = plan({
      categories: ['subsistence_allowance', 'registered_poor'],
      percents: { subsistence_allowance: 50, registered_poor: 100 },
    });
    expect(sumOf(both, 'charge') + sumOf(both, 'waiver')).toBe(0);
  });

  it('noon care 3 class-hours a day at 3 yuan for 20 days → 180.00 that month', () => {
    const noon: BillOffering = {
      id: 'noon',
      name: '午托',
      feeBasis: 'class_hour',
      feeFen: 300,
      classHours: 3,
      daysByMonth: new Map([['2026-10', 20]]),
    };
    const rows = plan({ offering: noon });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ month: '2026-10', amountFen: 18_000, reasonCode: 'charge.hour' });
  });

  it('FEE-5: from the month of enrolment through the month a withdrawal is approved', () => {
    const rows = plan({ enrolledMonth: '2026-10', withdrawnMonth: '2026-11' });
    expect(rows.map((r) => r.month)).toEqual(['2026-10', '2026-11']);
  });

  it('FEE-4, FEE-5: a withdrawn line already charged from November is never charged before November', () => {
    const existingCharges = new Map(
      ['2026-11', '2026-12', '2027-01'].map((m) => [chargeKey('t', 's', 'care', m), 18_000]),
    );
    // A withdrawn line's start is taken as the term's start; the charges written are its record.
    const rows = plan({ enrolledMonth: '2026-09', withdrawnMonth: '2026-12', existingCharges });
    expect(rows.map((r) => r.month)).toEqual(['2026-11', '2026-12']);
    expect(plan({ enrolledMonth: '2026-09', withdrawnMonth: '2026-12' }).map((r) => r.month)).toEqual([
      '2026-09',
      '2026-10',
      '2026-11',
      '2026-12',
    ]);
  });

  it('an offering without a fee refuses the bill, naming it', () => {
    expect(() => plan({ offering: { ...monthly(), feeBasis: null, feeFen: null } })).toThrow(
      /FEE_NOT_SET|fee/,
    );
  });
});

describe('sessionDaysByMonth', () => {
  it('counts the days a session runs, a make-up day by the weekday it follows', () => {
    const days: SchoolDay[] = [
      { date: '2026-10-08', timetableWeekday: 4, makeup: false },
      { date: '2026-10-10', timetableWeekday: 5, makeup: true },
      { date: '2026-10-12', timetableWeekday: 1, makeup: false },
      { date: '2026-11-02', timetableWeekday: 1, makeup: false },
    ];
    expect(sessionDaysByMonth(days, [1, 5])).toEqual(
      new Map([
        ['2026-10', 2],
        ['2026-11', 1],
      ]),
    );
  });
});

describe('planTermBill properties', () => {
  it('never bills outside the months enrolled, never waives more than charged, never repeats a key', () => {
    const monthArb = fc.constantFrom(...months);
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 100_000 }),
        fc.boolean(),
        fc.integer({ min: 0, max: 100 }),
        monthArb,
        fc.option(monthArb, { nil: null }),
        fc.array(fc.integer({ min: 0, max: 23 }), { minLength: months.length, maxLength: months.length }),
        fc.integer({ min: 1, max: 4 }),
        (feeFen, byMonth, percent, enrolledMonth, withdrawnMonth, dayCounts, classHours) => {
          const offering: BillOffering = {
            id: 'o',
            name: 'x',
            feeBasis: byMonth ? 'month' : 'class_hour',
            feeFen,
            classHours,
            daysByMonth: new Map(months.map((m, i) => [m, dayCounts[i]!])),
          };
          const rows = plan({
            offering,
            categories: ['c'],
            percents: { c: percent },
            enrolledMonth,
            withdrawnMonth,
          });
          const keys = rows.map((r) => r.entryKey);
          expect(new Set(keys).size).toBe(keys.length);
          const charges = new Map(rows.filter((r) => r.kind === 'charge').map((r) => [r.month, r.amountFen]));
          for (const r of rows) {
            expect(r.month >= enrolledMonth).toBe(true);
            if (withdrawnMonth) expect(r.month <= withdrawnMonth).toBe(true);
            if (r.kind === 'charge') {
              expect(r.amountFen).toBeGreaterThan(0);
              const expected = byMonth
                ? mulDiv(feeFen, shares.get(r.month)!, 2)
                : feeFen * classHours * offering.daysByMonth.get(r.month)!;
              expect(r.amountFen).toBe(expected);
            } else {
              expect(-r.amountFen).toBeGreaterThan(0);
              expect(-r.amountFen).toBeLessThanOrEqual(charges.get(r.month)!);
            }
          }
          expect(sumOf(rows, 'charge') + sumOf(rows, 'waiver')).toBeGreaterThanOrEqual(0);
        },
      ),
      { numRuns: 10_000 },
    );
  }, 120_000);
});

describe('buildStreamView: every figure is a sum of the entries it lists (FEE-11)', () => {
  const kinds: EntryKind[] = ['charge', 'waiver', 'credit', 'adjustment', 'payment', 'payout', 'meal_charge'];
  const entryArb = fc.record({
    kind: fc.constantFrom(...kinds),
    offering: fc.constantFrom('a', 'b', null),
    amountFen: fc.integer({ min: -1_000_000, max: 1_000_000 }),
    month: fc.constantFrom('2026-09', '2026-10', null),
    reverse: fc.boolean(),
  });

  it('totals add up to the balance, the balance is the sum of entries, groups sum their entries', () => {
    fc.assert(
      fc.property(
        fc.array(entryArb, { maxLength: 40 }),
        fc.constantFrom('zh-CN' as const, 'en' as const),
        (specs, locale) => {
          const entries: Entry[] = [];
          specs.forEach((spec, i) => {
            const e: Entry = {
              id: `e${i}`,
              schoolId: 's',
              termId: 't',
              book: 'family',
              stream: 'service',
              kind: spec.kind,
              studentId: 'p',
              offeringId: spec.offering,
              month: spec.month,
              amountFen: spec.amountFen,
              sourceType: 'test',
              sourceId: 'x',
              entryKey: null,
              reversesId: null,
              reasonCode: spec.kind === 'charge' ? 'charge.month' : spec.kind,
              reasonParams: { offering: 'a', fee: '180.00', months: '1', halves: 2 },
              createdAt: '2026-09-01T00:00:00Z',
              createdBy: null,
            };
            entries.push(e);
            if (spec.reverse)
              entries.push({
                ...e,
                id: `r${i}`,
                kind: 'reversal',
                amountFen: -e.amountFen,
                reversesId: e.id,
              });
          });
          const view = buildStreamView(
            entries,
            new Map([
              ['a', 'A'],
              ['b', 'B'],
            ]),
            locale,
          );
          const sum = entries.reduce((a, e) => a + e.amountFen, 0);
          expect(view.totals.balanceFen).toBe(sum);
          const t = view.totals;
          expect(
            t.chargedFen + t.waivedFen + t.creditedFen + t.adjustedFen + t.mealFen + t.paidFen + t.payoutFen,
          ).toBe(sum);
          expect(view.entries.map((e) => e.id)).toEqual(entries.map((e) => e.id));
          const byId = new Map(entries.map((e) => [e.id, e]));
          for (const g of view.offerings) {
            const listed = g.entryIds.map((id) => byId.get(id)!);
            expect(g.chargedFen + g.waivedFen + g.creditedFen).toBe(
              listed.reduce((a, e) => a + e.amountFen, 0),
            );
          }
          // Every charge/waiver/credit/adjustment with an offering is listed under exactly one group.
          const grouped = view.offerings.flatMap((g) => g.entryIds);
          expect(new Set(grouped).size).toBe(grouped.length);
        },
      ),
      { numRuns: 10_000 },
    );
  }, 120_000);
});
