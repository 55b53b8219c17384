// FEE-9, FEE-11: the pure statement builder. Table tests for where rows land, and properties
// (fast-check, 10,000 runs each): the sections sum to the totals, closing = opening + income −
// expenses, the months add up to the term, and every figure is the sum of the rows behind it.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  allFigures,
  buildStatement,
  expectedSubsidy,
  type FundRow,
  figureOf,
  figureValue,
  periodMonth,
  rowsBehind,
  shownNegated,
} from './fund-statement';
import { expenseCategories } from './rules';

const months = ['2026-09', '2026-10', '2026-11', '2026-12', '2027-01'];
let n = 0;
const row = (p: Partial<FundRow> & Pick<FundRow, 'kind' | 'amountFen'>): FundRow => ({
  id: `r${++n}`,
  stream: 'service',
  month: '2026-09',
  reversesId: null,
  category: null,
  ...p,
});

describe('fund statement rows (FEE-9)', () => {
  it.each([
    [{ kind: 'fee_income', amountFen: 18_000 }, 'service.received'],
    [{ kind: 'fee_payout', amountFen: -18_000 }, 'service.paidBack'],
    [{ kind: 'subsidy', amountFen: 5_000 }, 'subsidy'],
    [{ kind: 'other_income', amountFen: 100 }, 'otherIncome'],
    [{ kind: 'expense', amountFen: -300, category: 'consumables' }, 'expense.consumables'],
    [{ kind: 'expense', amountFen: -300, category: 'no-such' }, 'expense.other'],
    [{ kind: 'fee_income', amountFen: 1_500, stream: 'meal' }, 'meals.collected'],
    [{ kind: 'fee_payout', amountFen: -1_500, stream: 'meal' }, 'meals.paidBack'],
    [{ kind: 'expense', amountFen: -1_500, stream: 'meal', category: 'other' }, 'meals.spent'],
  ] as const)('%o lands in %s (FEE-7 keeps meals apart)', (p, figure) => {
    const r = row(p);
    expect(figureOf(r, new Map([[r.id, r]]))).toBe(figure);
  });

  it('a reversal lands where the row it reverses did, so the two cancel (FEE-11)', () => {
    const expense = row({ kind: 'expense', amountFen: -12_345, category: 'venue_rent', month: '2026-10' });
    const reversal = row({ kind: 'reversal', amountFen: 12_345, reversesId: expense.id, month: '2026-10' });
    const rows = [expense, reversal];
    expect(figureOf(reversal, new Map(rows.map((r) => [r.id, r])))).toBe('expense.venue_rent');
    const st = buildStatement(rows, '2026-10', months);
    expect(st.expenses.totalFen).toBe(0);
    expect(rowsBehind(rows, '2026-10', months, 'expense.venue_rent')).toHaveLength(2);
  });

  it('a month: opening from the months before, closing = opening + net; meals apart', () => {
    const rows = [
      row({ kind: 'fee_income', amountFen: 81_000, month: '2026-09' }),
      row({ kind: 'subsidy', amountFen: 50_000, month: '2026-09' }),
      row({ kind: 'expense', amountFen: -20_000, category: 'own_staff_pay', month: '2026-09' }),
      row({ kind: 'fee_income', amountFen: 18_000, month: '2026-10' }),
      row({ kind: 'fee_payout', amountFen: -18_000, month: '2026-10' }),
      row({ kind: 'expense', amountFen: -3_000, category: 'consumables', month: '2026-10' }),
      row({ kind: 'fee_income', amountFen: 33_000, stream: 'meal', month: '2026-10' }),
      row({ kind: 'other_income', amountFen: 700, month: '2026-11' }),
    ];
    const oct = buildStatement(rows, '2026-10', months);
    expect(oct.openingFen).toBe(111_000);
    expect(oct.income).toEqual({
      serviceReceivedFen: 18_000,
      servicePaidBackFen: -18_000,
      serviceNetFen: 0,
      subsidyFen: 0,
      otherIncomeFen: 0,
      totalFen: 0,
    });
    expect(oct.expenses.totalFen).toBe(3_000);
    expect(oct.netFen).toBe(-3_000);
    expect(oct.closingFen).toBe(108_000);
    expect(oct.meals).toMatchObject({ collectedFen: 33_000, closingFen: 33_000, openingFen: 0 });
    expect(oct.rowCount).toBe(4);
    const term = buildStatement(rows, 'term', months);
    expect(term.openingFen).toBe(0);
    expect(term.closingFen).toBe(81_000 + 50_000 - 20_000 - 3_000 + 700);
    expect(term.expenses.byCategory.map((c) => c.category)).toEqual([...expenseCategories]);
  });

  it('rows outside the term months count in its first or last month', () => {
    expect(periodMonth('2026-08', months)).toBe('2026-09');
    expect(periodMonth('2027-02', months)).toBe('2027-01');
    expect(periodMonth('2026-11', months)).toBe('2026-11');
  });

  it('FEE-2: a term is half the yearly subsidy per student', () => {
    expect(expectedSubsidy(120, 10_000)).toEqual({ perTermFen: 5_000, expectedFen: 600_000 });
    expect(expectedSubsidy(3, 10_001)).toEqual({ perTermFen: 5_001, expectedFen: 15_003 });
    expect(expectedSubsidy(0, 10_000).expectedFen).toBe(0);
  });
});

const kinds = ['fee_income', 'fee_payout', 'subsidy', 'other_income', 'expense'] as const;
const signOf = (kind: (typeof kinds)[number]) => (kind === 'fee_payout' || kind === 'expense' ? -1 : 1);

/** Random fund books: rows of every kind and stream, in and around the term, some reversed. */
const bookArb = fc
  .array(
    fc.record({
      kind: fc.constantFrom(...kinds),
      stream: fc.constantFrom('service', 'meal'),
      month: fc.constantFrom('2026-08', ...months, '2027-02'),
      amount: fc.integer({ min: 1, max: 10_000_000 }),
      category: fc.constantFrom(...expenseCategories, null),
      reversed: fc.boolean(),
    }),
    { maxLength: 40 },
  )
  .map((specs) => {
    const rows: FundRow[] = [];
    specs.forEach((s, i) => {
      const r: FundRow = {
        id: `x${i}`,
        kind: s.kind,
        stream: s.stream as FundRow['stream'],
        month: s.month,
        amountFen: signOf(s.kind) * s.amount,
        reversesId: null,
        category: s.kind === 'expense' ? s.category : null,
      };
      rows.push(r);
      if (s.reversed)
        rows.push({ ...r, id: `x${i}r`, kind: 'reversal', amountFen: -r.amountFen, reversesId: r.id });
    });
    return rows;
  });
const periodArb = fc.constantFrom('term', ...months);
const runs = { numRuns: 10_000 };
const sum = (xs: number[]) => xs.reduce((a, x) => a + x, 0);

describe('fund statement properties (FEE-9, FEE-11)', () => {
  it('sections sum to their totals and closing = opening + income − expenses', () => {
    fc.assert(
      fc.property(bookArb, periodArb, (rows, period) => {
        const st = buildStatement(rows, period, months);
        const i = st.income;
        expect(i.serviceNetFen).toBe(i.serviceReceivedFen + i.servicePaidBackFen);
        expect(i.totalFen).toBe(i.serviceNetFen + i.subsidyFen + i.otherIncomeFen);
        expect(st.expenses.totalFen).toBe(sum(st.expenses.byCategory.map((c) => c.amountFen)));
        expect(st.netFen).toBe(i.totalFen - st.expenses.totalFen);
        expect(st.closingFen).toBe(st.openingFen + i.totalFen - st.expenses.totalFen);
        const m = st.meals;
        expect(m.closingFen).toBe(m.openingFen + m.collectedFen + m.paidBackFen - m.spentFen);
      }),
      runs,
    );
  }, 120_000);

  it('every figure is the sum of the rows behind it, and every row is behind exactly one', () => {
    fc.assert(
      fc.property(bookArb, periodArb, (rows, period) => {
        const st = buildStatement(rows, period, months);
        const figures = ['opening', 'meals.opening', ...allFigures] as const;
        let counted = 0;
        for (const f of figures) {
          const behind = rowsBehind(rows, period, months, f);
          counted += behind.length;
          const total = sum(behind.map((r) => r.amountFen));
          expect(figureValue(st, f)).toBe(shownNegated(f) ? 0 - total : total);
        }
        const after =
          period === 'term' ? 0 : rows.filter((r) => periodMonth(r.month, months) > period).length;
        expect(counted + after).toBe(rows.length);
      }),
      runs,
    );
  }, 120_000);

  it('the months add up to the term, and each closing is the next month’s opening', () => {
    fc.assert(
      fc.property(bookArb, (rows) => {
        const term = buildStatement(rows, 'term', months);
        const each = months.map((m) => buildStatement(rows, m, months));
        expect(sum(each.map((s) => s.netFen))).toBe(term.netFen);
        expect(sum(each.map((s) => s.expenses.totalFen))).toBe(term.expenses.totalFen);
        expect(sum(each.map((s) => s.meals.netFen))).toBe(term.meals.netFen);
        expect(each[0]!.openingFen).toBe(0);
        for (let k = 1; k < each.length; k++) expect(each[k]!.openingFen).toBe(each[k - 1]!.closingFen);
        expect(each.at(-1)!.closingFen).toBe(term.closingFen);
        // The service fund's closing balance is the sum of every service row of the term.
        const service = rows.filter(
          (r) => !figureOf(r, new Map(rows.map((x) => [x.id, x]))).startsWith('meals.'),
        );
        expect(term.closingFen).toBe(sum(service.map((r) => r.amountFen)));
      }),
      runs,
    );
  }, 120_000);
});
