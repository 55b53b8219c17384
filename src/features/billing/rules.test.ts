// The fee rules (FEE-3…6, 多还少补) held to issue 5's worked examples, and fast-check properties at
// 10,000 runs each over the ledger they produce: charges − waivers − refunds = net; refunds never
// exceed payments; no balance below zero unless billed; shares sum exactly; entries sum to every
// shown balance.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../server/errors';
import { type Entry, type EntryKind, totalsOf } from './ledger';
import { allocate } from './money';
import {
  checkFeeUnderCap,
  defaultCaps,
  monthCharge,
  monthRefund,
  monthShares,
  type RefundMode,
  termBalance,
  termMonths,
  thresholdFor,
  waiverFor,
  waiverOf,
} from './rules';
import { assessMonth, closedLine, reassessMonth, refundableFen } from './settlement-rules';

const runs = { numRuns: 10_000 };
const whole = { mode: 'whole_month' as const, thresholdDays: 15 };
const proRata = { mode: 'pro_rata' as const, thresholdDays: 15 };
const month = (o: Partial<Parameters<typeof monthRefund>[0]>) => ({
  schoolDays: 22,
  attended: 22,
  netFen: 18_000,
  shareHalves: 2,
  withdrawn: false,
  ...o,
});

describe('FEE-5 worked examples: the monthly refund', () => {
  it.each([
    // [mode, school days, attended, share, refund, code]
    ['whole_month', 22, 14, 2, 18_000, 'settle.below_threshold'],
    ['whole_month', 22, 15, 2, 0, 'settle.at_threshold'],
    ['whole_month', 22, 0, 2, 18_000, 'settle.below_threshold'],
    ['whole_month', 22, 30, 2, 0, 'settle.at_threshold'], // more marks than days count as the days
    ['pro_rata', 20, 12, 2, 7_200, 'settle.pro_rata'],
    ['pro_rata', 20, 20, 2, 0, 'settle.pro_rata'],
    ['pro_rata', 20, 0, 2, 18_000, 'settle.pro_rata'],
  ] as const)(
    '%s: 180.00, %i days, attended %i → refund %i (%s)',
    (mode, days, attended, share, refund, code) => {
      const d = monthRefund(month({ schoolDays: days, attended, shareHalves: share }), {
        mode: mode as RefundMode,
        thresholdDays: 15,
      });
      expect(d.refundFen).toBe(refund);
      expect(d.code).toBe(code);
    },
  );

  it('the reason reads "attended 14 of 22 days < 15 → refund 180.00"', () => {
    const d = monthRefund(month({ attended: 14 }), whole);
    expect(d.params).toMatchObject({ attended: 14, schoolDays: 22, threshold: 15, refund: '180.00' });
    const p = monthRefund(month({ schoolDays: 20, attended: 12 }), proRata);
    expect(p.params).toMatchObject({ missed: 8, refund: '72.00' });
  });

  it('the half month: threshold 8 (15 scaled by half, rounded up)', () => {
    expect(thresholdFor(15, 1)).toBe(8);
    expect(thresholdFor(15, 2)).toBe(15);
    expect(thresholdFor(16, 1)).toBe(8);
    const half = month({ schoolDays: 11, netFen: 9_000, shareHalves: 1 });
    expect(monthRefund({ ...half, attended: 7 }, whole)).toMatchObject({ refundFen: 9_000 });
    expect(monthRefund({ ...half, attended: 8 }, whole)).toMatchObject({ refundFen: 0 });
  });

  it('a month after an approved withdrawal is refunded in full; nothing billed refunds nothing', () => {
    expect(monthRefund(month({ withdrawn: true, attended: 22 }), whole)).toMatchObject({
      refundFen: 18_000,
      code: 'settle.withdrawn',
    });
    expect(monthRefund(month({ netFen: 0, attended: 0 }), whole)).toMatchObject({
      refundFen: 0,
      code: 'settle.nothing_billed',
    });
  });
});

describe('FEE-5 refund rule by fee basis: a class-hour fee is refunded per session missed', () => {
  // A Tuesday/Thursday club at 8 sessions a month: 3.00 × 2 class-hours × 8 days = 48.00.
  const club = (attended: number) =>
    month({ schoolDays: 8, attended, netFen: 4_800, feeBasis: 'class_hour' as const });

  it.each([
    // [attended of 8, refund, mode]
    [8, 0, whole],
    [8, 0, proRata],
    [6, 1_200, whole],
    [6, 1_200, proRata],
    [0, 4_800, whole],
    [9, 0, whole], // more marks than sessions count as the sessions
  ] as const)('attended %i of 8 → refund %i whatever the school’s mode', (attended, refund, rule) => {
    const d = monthRefund(club(attended), rule);
    expect(d).toMatchObject({ refundFen: refund, code: 'settle.per_session' });
    expect(d.params).toMatchObject({ schoolDays: 8, missed: 8 - Math.min(attended, 8) });
  });

  it('a club attended in full is not refunded every month (the whole-month threshold would)', () => {
    // Without the fee basis the 15-day threshold refunds the club each month it ran 8 times.
    expect(monthRefund(month({ schoolDays: 8, attended: 8, netFen: 4_800 }), whole).refundFen).toBe(4_800);
    expect(monthRefund(club(8), whole).refundFen).toBe(0);
  });

  it('a monthly flat fee keeps the FEE-5 threshold and the school’s mode', () => {
    expect(monthRefund(month({ attended: 14, feeBasis: 'month' }), whole)).toMatchObject({
      refundFen: 18_000,
      code: 'settle.below_threshold',
    });
    expect(monthRefund(month({ schoolDays: 20, attended: 12, feeBasis: 'month' }), proRata).refundFen).toBe(
      7_200,
    );
  });

  it('withdrawal and nothing billed still come first', () => {
    expect(monthRefund({ ...club(8), withdrawn: true }, whole)).toMatchObject({
      refundFen: 4_800,
      code: 'settle.withdrawn',
    });
    expect(monthRefund({ ...club(0), netFen: 0 }, whole).code).toBe('settle.nothing_billed');
  });

  it('the settlement line carries the basis: assessMonth and reassessMonth of a club', () => {
    const facts = {
      studentId: 's',
      offeringId: 'o',
      month: '2026-10',
      schoolDays: 8,
      attended: 6,
      netFen: 4_800,
      creditedFen: 0,
      shareHalves: 2,
      withdrawn: false,
      feeBasis: 'class_hour' as const,
    };
    expect(assessMonth(facts, whole)).toMatchObject({ refundFen: 1_200, deltaFen: 1_200 });
    expect(assessMonth({ ...facts, attended: 8 }, whole)).toMatchObject({ refundFen: 0, deltaFen: 0 });
    // Credited in full before (the old rule): the correction takes back all but the 2 missed.
    expect(reassessMonth({ ...facts, creditedFen: 4_800 }, whole)).toMatchObject({
      refundFen: 1_200,
      deltaFen: -3_600,
      reasonCode: 'settle.adjustment',
    });
  });

  it('property: per-session refund + kept = net, and it never grows with attendance', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.integer({ min: 1, max: 23 }),
        fc.integer({ min: 0, max: 23 }),
        (net, days, attended) => {
          const rule = whole;
          const f = month({ netFen: net, schoolDays: days, attended, feeBasis: 'class_hour' });
          const d = monthRefund(f, rule);
          const kept = allocate(net, [days - Math.min(attended, days), Math.min(attended, days)])[1]!;
          expect(d.refundFen + kept).toBe(net);
          expect(monthRefund({ ...f, attended: attended + 1 }, rule).refundFen).toBeLessThanOrEqual(
            d.refundFen,
          );
        },
      ),
      runs,
    );
  });
});

describe('closedLine: no credit for a student whose term is closed (多还少补)', () => {
  it('keeps the line, sets delta 0 and says what it would have changed', () => {
    const line = assessMonth(
      {
        studentId: 's',
        offeringId: 'o',
        month: '2026-10',
        schoolDays: 20,
        attended: 0,
        netFen: 18_000,
        creditedFen: 0,
        shareHalves: 2,
        withdrawn: false,
      },
      whole,
    );
    expect(closedLine(line)).toMatchObject({
      deltaFen: 0,
      refundFen: 18_000,
      reasonCode: 'settle.term_closed',
      reasonParams: { month: '2026-10', delta: '180.00' },
    });
  });
});

describe('FEE-4, FEE-6 worked examples: the term bill', () => {
  const term = { startsOn: '2026-09-01', endsOn: '2027-01-15' };
  const billed = (percent: number) => {
    const shares = monthShares(termMonths(term), 4.5, 'last');
    let net = 0;
    for (const share of shares.values()) {
      const charge = monthCharge({ basis: 'month', fen: 18_000, classHours: 0 }, share, 0);
      net += charge - waiverOf(charge, percent);
    }
    return net;
  };

  it('4.5 months at 180.00 → 810.00; 低保 at 50% → 405.00; 建档立卡 → 0.00', () => {
    expect(termMonths(term)).toEqual(['2026-09', '2026-10', '2026-11', '2026-12', '2027-01']);
    expect([...monthShares(termMonths(term), 4.5, 'last').values()]).toEqual([2, 2, 2, 2, 1]);
    expect([...monthShares(termMonths(term), 4.5, 'first').values()]).toEqual([1, 2, 2, 2, 2]);
    expect(billed(0)).toBe(81_000);
    expect(billed(50)).toBe(40_500);
    const percents = { registered_poor: 100, subsistence_allowance: 50 };
    expect(waiverFor(['subsistence_allowance'], percents)).toEqual({
      percent: 50,
      category: 'subsistence_allowance',
    });
    expect(waiverFor(['subsistence_allowance', 'registered_poor'], percents).percent).toBe(100);
    expect(billed(waiverFor(['registered_poor'], percents).percent)).toBe(0);
  });

  it('noon care 3 class-hours a day at 3 yuan for 20 days → 180.00; 3.50 a class-hour is refused', () => {
    expect(monthCharge({ basis: 'class_hour', fen: 300, classHours: 3 }, 2, 20)).toBe(18_000);
    expect(() => checkFeeUnderCap(300, defaultCaps.noon_hour)).not.toThrow();
    try {
      checkFeeUnderCap(350, defaultCaps.noon_hour);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(AppError);
      expect((e as AppError).code).toBe('FEE_OVER_CAP');
      expect((e as AppError).params).toMatchObject({ fee: '3.50', cap: '3.00' });
    }
  });
});

// ---- properties ----

const arbMonth = fc.record({
  feeFen: fc.integer({ min: 0, max: 20_000 }),
  share: fc.constantFrom(1, 2),
  schoolDays: fc.integer({ min: 0, max: 23 }),
  attended: fc.integer({ min: 0, max: 25 }),
  withdrawn: fc.boolean(),
});
const arbTerm = fc.record({
  months: fc.array(arbMonth, { minLength: 1, maxLength: 6 }),
  percent: fc.integer({ min: 0, max: 100 }),
  mode: fc.constantFrom<RefundMode>('whole_month', 'pro_rata'),
  threshold: fc.integer({ min: 0, max: 31 }),
  payments: fc.array(fc.integer({ min: 1, max: 200_000 }), { maxLength: 5 }),
});

type TermCase = typeof arbTerm extends fc.Arbitrary<infer T> ? T : never;

let seq = 0;
function entry(kind: EntryKind, amountFen: number, extra: Partial<Entry> = {}): Entry {
  seq += 1;
  return {
    id: `e${seq}`,
    schoolId: 's',
    termId: 't',
    book: kind === 'fee_income' || kind === 'fee_payout' ? 'fund' : 'family',
    stream: 'service',
    kind,
    studentId: 'st',
    offeringId: 'o',
    month: null,
    amountFen,
    sourceType: 'test',
    sourceId: 'x',
    entryKey: null,
    reversesId: null,
    reasonCode: kind,
    reasonParams: {},
    createdAt: '',
    createdBy: null,
    ...extra,
  };
}

/** The family-book rows a term of months writes: charge, waiver, and the settlement's credit. */
function termEntries(t: TermCase) {
  const entries: Entry[] = [];
  let expectedNet = 0;
  for (const m of t.months) {
    const charge = monthCharge({ basis: 'month', fen: m.feeFen, classHours: 0 }, m.share, 0);
    const waiver = waiverOf(charge, t.percent);
    const line = assessMonth(
      {
        studentId: 'st',
        offeringId: 'o',
        month: '2026-09',
        schoolDays: m.schoolDays,
        attended: m.attended,
        netFen: charge - waiver,
        creditedFen: 0,
        shareHalves: m.share,
        withdrawn: m.withdrawn,
      },
      { mode: t.mode, thresholdDays: t.threshold },
    );
    entries.push(entry('charge', charge), entry('waiver', -waiver));
    if (line.deltaFen) entries.push(entry('credit', -line.deltaFen));
    expectedNet += charge - waiver - line.refundFen;
  }
  for (const p of t.payments) entries.push(entry('payment', -p));
  return { entries, expectedNet };
}

describe('properties (10,000 runs each)', () => {
  it('charges − waivers − refunds = net, and termBalance agrees with the ledger', () => {
    fc.assert(
      fc.property(arbTerm, (t) => {
        const { entries, expectedNet } = termEntries(t);
        const k = totalsOf(entries).byKind;
        const paid = -(k.payment ?? 0);
        const balance = termBalance({
          chargedFen: k.charge ?? 0,
          waivedFen: -(k.waiver ?? 0),
          creditedFen: -(k.credit ?? 0),
          paidFen: paid,
        });
        return (
          balance.netFen === expectedNet &&
          balance.balanceFen === paid - expectedNet &&
          // The owed balance of the ledger is the term balance with the opposite sign.
          totalsOf(entries).balanceFen === -balance.balanceFen
        );
      }),
      runs,
    );
  });

  it('no balance below zero unless billed: a month nets to between 0 and its charge, 0 if nothing was charged', () => {
    fc.assert(
      fc.property(arbTerm, (t) =>
        t.months.every((m) => {
          const charge = monthCharge({ basis: 'month', fen: m.feeFen, classHours: 0 }, m.share, 0);
          const net = charge - waiverOf(charge, t.percent);
          const d = monthRefund(
            {
              schoolDays: m.schoolDays,
              attended: m.attended,
              netFen: net,
              shareHalves: m.share,
              withdrawn: m.withdrawn,
            },
            { mode: t.mode, thresholdDays: t.threshold },
          );
          const left = net - d.refundFen;
          return net >= 0 && net <= charge && d.refundFen >= 0 && left >= 0 && (charge > 0 || left === 0);
        }),
      ),
      runs,
    );
  });

  it('corrections: after any sequence of re-assessments the credits equal the last assessment', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 20_000 }),
        fc.integer({ min: 1, max: 23 }),
        fc.array(fc.integer({ min: 0, max: 23 }), { minLength: 1, maxLength: 6 }),
        fc.constantFrom<RefundMode>('whole_month', 'pro_rata'),
        (net, days, attendances, mode) => {
          const rule = { mode, thresholdDays: 15 };
          const facts = (attended: number, creditedFen: number) => ({
            studentId: 's',
            offeringId: 'o',
            month: '2026-09',
            schoolDays: days,
            attended,
            netFen: net,
            creditedFen,
            shareHalves: 2,
            withdrawn: false,
          });
          let credited = assessMonth(facts(attendances[0]!, 0), rule).deltaFen;
          for (const a of attendances.slice(1)) {
            const line = reassessMonth(facts(a, credited), rule);
            if (line) credited += line.deltaFen;
          }
          const last = monthRefund(facts(attendances.at(-1)!, 0), rule).refundFen;
          return credited === last && credited >= 0 && credited <= net;
        },
      ),
      runs,
    );
  });

  it('refunds never exceed payments: proposals capped by what is refundable, approvals re-checked', () => {
    const event = fc.oneof(
      fc.record({ type: fc.constant('pay' as const), fen: fc.integer({ min: 1, max: 100_000 }) }),
      fc.record({ type: fc.constant('charge' as const), fen: fc.integer({ min: 1, max: 100_000 }) }),
      fc.record({ type: fc.constant('credit' as const), fen: fc.integer({ min: 1, max: 100_000 }) }),
      fc.record({ type: fc.constant('propose' as const), fen: fc.integer({ min: 1, max: 100_000 }) }),
      fc.record({ type: fc.constant('approve' as const), pick: fc.nat() }),
      fc.record({ type: fc.constant('reject' as const), pick: fc.nat() }),
    );
    fc.assert(
      fc.property(fc.array(event, { maxLength: 30 }), (events) => {
        let owed = 0;
        let paid = 0;
        let paidOut = 0;
        let charged = 0;
        let credits = 0;
        const pending: number[] = [];
        for (const e of events) {
          if (e.type === 'pay') {
            owed -= e.fen;
            paid += e.fen;
          } else if (e.type === 'charge') {
            owed += e.fen;
            charged += e.fen;
          } else if (e.type === 'credit') {
            // A settlement credits at most what is charged and not yet credited.
            const room = charged - credits;
            const fen = Math.min(e.fen, room);
            owed -= fen;
            credits += fen;
          } else if (e.type === 'propose') {
            const pendingFen = pending.reduce((a, p) => a + p, 0);
            if (e.fen <= refundableFen(owed, pendingFen)) pending.push(e.fen);
          } else if (pending.length > 0) {
            const [amount] = pending.splice(e.pick % pending.length, 1);
            // Approval re-checks the over-payment (it may have shrunk since the proposal).
            if (e.type === 'approve' && amount! <= -owed) {
              owed += amount!;
              paidOut += amount!;
            }
          }
          if (paidOut > paid) return false;
        }
        return refundableFen(owed, 0) <= paid - paidOut;
      }),
      runs,
    );
  });

  it('pro-rata refunds share the month exactly: kept + refunded = net', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1_000_000 }),
        fc.integer({ min: 1, max: 31 }),
        fc.integer({ min: 0, max: 31 }),
        (net, days, attended) => {
          const d = monthRefund(month({ netFen: net, schoolDays: days, attended }), proRata);
          const a = Math.min(attended, days);
          const [refund, kept] = allocate(net, [days - a, a]);
          return d.refundFen === refund && refund! + kept! === net;
        },
      ),
      runs,
    );
  });

  it('ledger entries sum to every shown balance (per kind, per student, with reversals folded)', () => {
    const kinds: EntryKind[] = [
      'charge',
      'waiver',
      'credit',
      'adjustment',
      'payment',
      'payout',
      'meal_charge',
    ];
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            kind: fc.constantFrom(...kinds),
            fen: fc.integer({ min: -1_000_000, max: 1_000_000 }),
            student: fc.constantFrom('a', 'b', 'c'),
            reverse: fc.boolean(),
          }),
          { maxLength: 40 },
        ),
        (raw) => {
          const entries: Entry[] = [];
          for (const r of raw) {
            const e = entry(r.kind, r.fen, { studentId: r.student });
            entries.push(e);
            if (r.reverse)
              entries.push(entry('reversal', -r.fen, { studentId: r.student, reversesId: e.id }));
          }
          const all = totalsOf(entries);
          const sum = entries.reduce((a, e) => a + e.amountFen, 0);
          const byKindSum = Object.values(all.byKind).reduce((a, v) => a + (v ?? 0), 0);
          // Reversals fold into the kind they reverse: no 'reversal' total is shown.
          if (all.byKind.reversal !== undefined) return false;
          const perStudent = ['a', 'b', 'c'].reduce(
            (a, s) => a + totalsOf(entries.filter((e) => e.studentId === s)).balanceFen,
            0,
          );
          const net = raw.filter((r) => !r.reverse).reduce((a, r) => a + r.fen, 0);
          return all.balanceFen === sum && byKindSum === sum && perStudent === sum && sum === net;
        },
      ),
      runs,
    );
  });
});
