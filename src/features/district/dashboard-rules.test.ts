import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  arrearsOf,
  incidentFigure,
  ratePercent,
  rateSessionDay,
  ratioFigure,
  staffRequired,
  termAt,
  worstSessionDays,
} from './dashboard-rules';

describe('ratePercent', () => {
  it.each([
    [1, 3, 33.3],
    [2, 3, 66.7],
    [1, 8, 12.5],
    [1, 16, 6.3], // 6.25 rounds half up
    [0, 5, 0],
    [5, 5, 100],
    [1499, 1514, 99],
    [1, 2000, 0.1], // 0.05 rounds half up
    [1, 2001, 0],
  ])('%i of %i is %d%%', (part, whole, rate) => expect(ratePercent(part, whole)).toBe(rate));

  it('is null with nothing to divide by', () => expect(ratePercent(0, 0)).toBeNull());

  it('is within half a tenth of the exact share', () =>
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100_000 }), fc.nat(), (whole, k) => {
        const part = k % (whole + 1);
        const exact = (part / whole) * 100;
        expect(Math.abs(ratePercent(part, whole)! - exact)).toBeLessThanOrEqual(0.05 + 1e-9);
      }),
    ));
});

describe('staff ratio met per session-day (STAFF-4)', () => {
  it.each([
    [0, 30, 0],
    [1, 30, 1],
    [30, 30, 1],
    [31, 30, 2],
    [60, 30, 2],
    [61, 30, 3],
    [45, 20, 3],
  ])('%i children at 1:%i need %i staff', (children, ratio, need) =>
    expect(staffRequired(children, ratio)).toBe(need),
  );

  it('a day is met when staff present reach the ratio', () => {
    const day = { date: '2026-09-01', sessionId: 's' };
    expect(rateSessionDay({ ...day, studentsPresent: 61, staffPresent: 3 }, 30).met).toBe(true);
    expect(rateSessionDay({ ...day, studentsPresent: 61, staffPresent: 2 }, 30)).toMatchObject({
      required: 3,
      met: false,
    });
    expect(rateSessionDay({ ...day, studentsPresent: 0, staffPresent: 0 }, 30).met).toBe(true);
  });

  it('counts met days and lists the worst first', () => {
    const days = [
      { date: '2026-09-01', sessionId: 's', studentsPresent: 90, staffPresent: 3 },
      { date: '2026-09-02', sessionId: 's', studentsPresent: 90, staffPresent: 2 },
      { date: '2026-09-03', sessionId: 's', studentsPresent: 90, staffPresent: 1 },
      { date: '2026-09-04', sessionId: 's', studentsPresent: 61, staffPresent: 2 },
    ].map((d) => rateSessionDay(d, 30));
    expect(ratioFigure(days)).toEqual({ sessionDays: 4, metDays: 1, rate: 25 });
    expect(worstSessionDays(days, 2).map((d) => d.date)).toEqual(['2026-09-03', '2026-09-02']);
    expect(ratioFigure([])).toEqual({ sessionDays: 0, metDays: 0, rate: null });
  });
});

describe('arrears', () => {
  it('sums only balances owed', () => {
    expect(arrearsOf([18_000, 0, -500, 2_50, 1])).toEqual({ families: 3, totalFen: 18_251 });
    expect(arrearsOf(new Map<string, number>().values())).toEqual({ families: 0, totalFen: 0 });
  });

  it('equals the sum of the positive balances', () =>
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -100_000, max: 100_000 })), (balances) => {
        const owed = balances.filter((b) => b > 0);
        expect(arrearsOf(balances)).toEqual({
          families: owed.length,
          totalFen: owed.reduce((a, b) => a + b, 0),
        });
      }),
    ));
});

describe('termAt', () => {
  const spring = { id: 'spring', startsOn: '2026-02-20', endsOn: '2026-07-01' };
  const autumn = { id: 'autumn', startsOn: '2026-09-01', endsOn: '2027-01-15' };
  it('takes the term running at the date, else the latest started, else none', () => {
    expect(termAt([spring, autumn], '2026-10-01')?.id).toBe('autumn');
    expect(termAt([spring, autumn], '2026-08-01')?.id).toBe('spring');
    expect(termAt([spring, autumn], '2027-03-01')?.id).toBe('autumn');
    expect(termAt([spring, autumn], '2026-01-01')).toBeNull();
  });
});

describe('incidentFigure', () => {
  it('counts by kind and severity, open meaning not closed', () => {
    const f = incidentFigure([
      { kind: 'injury', severity: 'minor', status: 'closed', n: 2 },
      { kind: 'injury', severity: 'serious', status: 'reported', n: 1 },
      { kind: 'conflict', severity: 'minor', status: 'following_up', n: 3 },
    ]);
    expect(f.total).toBe(6);
    expect(f.open).toBe(4);
    expect(f.byKind.find((k) => k.kind === 'injury')).toEqual({ kind: 'injury', total: 3, open: 1 });
    expect(f.bySeverity.find((s) => s.severity === 'minor')).toEqual({
      severity: 'minor',
      total: 5,
      open: 3,
    });
    expect(f.byKind.find((k) => k.kind === 'other')?.total).toBe(0);
  });
});
