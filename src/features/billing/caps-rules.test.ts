// FEE-3 and FEE-7 pure rules: which cap an offering falls under, the refusal over it, and the meal
// bill's due date. Table tests for the worked examples, fast-check for the properties.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError, messageFor } from '../../server/errors';
import { offeringKinds, sessionKinds } from '../programme/kinds';
import { type Cap, capKindFor, checkFeeUnderCap, defaultCaps, mealDueOn } from './rules';

describe('capKindFor (FEE-3)', () => {
  it.each([
    ['homework_care', 'month', 'afternoon', 'care_month'],
    ['nap', 'month', 'noon', 'care_month'],
    ['club', 'month', 'afternoon', 'care_month'],
    ['homework_care', 'class_hour', 'afternoon', 'afterschool_hour'],
    ['reading', 'class_hour', 'evening', 'afterschool_hour'],
    ['nap', 'class_hour', 'noon', 'noon_hour'],
    ['games_outdoor', 'class_hour', 'weekend', 'weekend_hour'],
    ['club', 'class_hour', 'noon', 'special_hour'],
    ['club', 'class_hour', 'weekend', 'special_hour'],
  ] as const)('%s per %s in the %s session → %s', (kind, feeBasis, sessionKind, cap) => {
    expect(capKindFor({ kind, feeBasis, sessionKind })).toBe(cap);
  });

  it('a monthly fee is always ordinary care; per class-hour a club is always special', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...offeringKinds),
        fc.constantFrom(...sessionKinds),
        (kind, sessionKind) => {
          expect(capKindFor({ kind, feeBasis: 'month', sessionKind })).toBe('care_month');
          const hour = capKindFor({ kind, feeBasis: 'class_hour', sessionKind });
          if (kind === 'club') expect(hour).toBe('special_hour');
          else expect(hour).not.toBe('special_hour');
        },
      ),
    );
  });
});

describe('checkFeeUnderCap (FEE-3)', () => {
  const noon: Cap = { ...defaultCaps.noon_hour, documentNo: '区发改价〔2026〕12号' };
  it.each([
    [300, noon, true],
    [350, noon, false],
    [18000, defaultCaps.care_month, true],
    [20000, defaultCaps.care_month, true],
    [21000, defaultCaps.care_month, false],
    [200, defaultCaps.afterschool_hour, true],
    [201, defaultCaps.afterschool_hour, false],
    [800, defaultCaps.special_hour, true],
  ])('%i fen under %o → accepted %s', (fee, cap, ok) => {
    if (ok) expect(() => checkFeeUnderCap(fee, cap)).not.toThrow();
    else expect(() => checkFeeUnderCap(fee, cap)).toThrow(AppError);
  });

  it('the refusal names the fee, the cap and the document in zh and en', () => {
    try {
      checkFeeUnderCap(350, noon);
      expect.unreachable();
    } catch (err) {
      const e = err as AppError;
      expect(e.code).toBe('FEE_OVER_CAP');
      expect(messageFor(e.code, e.params, 'zh-CN')).toBe(
        '收费 3.50 元超过区定限价 3.00 元（区发改价〔2026〕12号），请按限价以内设定',
      );
      expect(messageFor(e.code, e.params, 'en')).toContain('over the district cap of 3.00 yuan');
    }
  });

  it('refuses exactly the fees above the cap', () => {
    fc.assert(
      fc.property(fc.nat(1_000_000), fc.integer({ min: 1, max: 1_000_000 }), (fee, max) => {
        const cap: Cap = { kind: 'noon_hour', minFen: null, maxFen: max, documentNo: 'x', approvedOn: null };
        let refused = false;
        try {
          checkFeeUnderCap(fee, cap);
        } catch {
          refused = true;
        }
        expect(refused).toBe(fee > max);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('mealDueOn (FEE-7)', () => {
  const none = new Set<string>();
  const nationalDay = new Set(['01', '02', '03', '04', '05', '06', '07'].map((d) => `2026-10-${d}`));
  it.each([
    // October 2026 starts on a Thursday: 1, 2, 5, 6, 7.
    ['2026-09', 5, none, '2026-10-07'],
    // With the National Day week off: 8, 9, 12, 13, 14.
    ['2026-09', 5, nationalDay, '2026-10-14'],
    ['2026-09', 1, nationalDay, '2026-10-08'],
    // December → January of the next year (2027-01-01 is a Friday).
    ['2026-12', 5, new Set(['2027-01-01']), '2027-01-08'],
    ['2026-12', 5, none, '2027-01-07'],
    // February 2027 starts on a Monday.
    ['2027-01', 5, none, '2027-02-05'],
  ] as const)('%s, %i working days → %s', (month, days, holidays, due) => {
    expect(mealDueOn(month, days, holidays)).toBe(due);
  });

  it('a month with fewer working days than asked falls back to its last working day (no RangeError)', () => {
    // February 2027 has 20 weekdays (1–26); the Spring Festival week (8–12) off leaves 15.
    const springFestival = new Set(['08', '09', '10', '11', '12'].map((d) => `2027-02-${d}`));
    expect(mealDueOn('2027-01', 20, springFestival)).toBe('2027-02-26');
    expect(mealDueOn('2027-01', 16, springFestival)).toBe('2027-02-26');
    expect(mealDueOn('2027-01', 15, springFestival)).toBe('2027-02-26');
    expect(mealDueOn('2027-01', 14, springFestival)).toBe('2027-02-25');
    // The 26th (a Friday) off too: the last working day is the 25th.
    expect(mealDueOn('2027-01', 20, new Set([...springFestival, '2027-02-26']))).toBe('2027-02-25');
    // No working day at all: the month's last day.
    const allOff = new Set(Array.from({ length: 28 }, (_, i) => `2027-02-${String(i + 1).padStart(2, '0')}`));
    expect(mealDueOn('2027-01', 1, allOff)).toBe('2027-02-28');
  });

  it('is a working day of the next month with exactly n − 1 working days before it', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2020, max: 2035 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 15 }),
        fc.array(fc.integer({ min: 1, max: 28 }), { maxLength: 5 }),
        (year, m, n, holidayDays) => {
          const month = `${year}-${String(m).padStart(2, '0')}`;
          const ny = m === 12 ? year + 1 : year;
          const nm = m === 12 ? 1 : m + 1;
          const next = `${ny}-${String(nm).padStart(2, '0')}`;
          const holidays = new Set(holidayDays.map((d) => `${next}-${String(d).padStart(2, '0')}`));
          const working = (date: string) => {
            const wd = new Date(`${date}T00:00:00Z`).getUTCDay();
            return wd !== 0 && wd !== 6 && !holidays.has(date);
          };
          const due = mealDueOn(month, n, holidays);
          expect(due.slice(0, 7)).toBe(next);
          expect(working(due)).toBe(true);
          let before = 0;
          for (let d = 1; d < Number(due.slice(8)); d++)
            if (working(`${next}-${String(d).padStart(2, '0')}`)) before += 1;
          expect(before).toBe(n - 1);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
