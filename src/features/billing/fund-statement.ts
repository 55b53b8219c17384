// The fund statement (经费公示, FEE-9), the pure part: from the fund book's rows of one term to the
// statement of a month or of the whole term. No database here. Every row lands in exactly one
// figure (`figureOf`), and every figure is the sum of its rows, so the line-by-line list behind a
// figure (FEE-11) is the same function applied to the same rows.
import type { EntryKind } from './ledger';
import { mulDiv } from './money';
import { type ExpenseCategory, expenseCategories, type Stream } from './rules';

/** One fund-book row as the statement reads it. */
export interface FundRow {
  id: string;
  kind: EntryKind;
  stream: Stream;
  /** 'YYYY-MM': the month the row concerns (its own month, else the month it was written). */
  month: string;
  amountFen: number;
  /** For a reversal: the row it reverses (its kind and category decide where it lands). */
  reversesId: string | null;
  /** An expense's category (FEE-8), from the row's reason parameters. */
  category: string | null;
}

/**
 * The figures of a statement. Service fees received and paid back (FEE-4 refunds) are shown apart
 * and netted; meals (FEE-7) are a section of their own and are not part of the service fund's net.
 */
export type Figure =
  | 'service.received'
  | 'service.paidBack'
  | 'subsidy'
  | 'otherIncome'
  | `expense.${ExpenseCategory}`
  | 'meals.collected'
  | 'meals.paidBack'
  | 'meals.spent';

export const incomeFigures = ['service.received', 'service.paidBack', 'subsidy', 'otherIncome'] as const;
export const mealFigures = ['meals.collected', 'meals.paidBack', 'meals.spent'] as const;
export const expenseFigures = expenseCategories.map((c) => `expense.${c}` as const);
export const allFigures: Figure[] = [...incomeFigures, ...expenseFigures, ...mealFigures];

const isCategory = (c: string | null): c is ExpenseCategory =>
  c !== null && (expenseCategories as readonly string[]).includes(c);

/**
 * Where a row lands. A reversal lands where the row it reverses landed, so a corrected entry and
 * its correction cancel inside one figure.
 */
export function figureOf(row: FundRow, byId: ReadonlyMap<string, FundRow>): Figure {
  const original = row.kind === 'reversal' && row.reversesId ? byId.get(row.reversesId) : undefined;
  const kind = original?.kind ?? row.kind;
  const category = original ? original.category : row.category;
  const stream = original?.stream ?? row.stream;
  if (stream === 'meal') {
    if (kind === 'fee_payout') return 'meals.paidBack';
    if (kind === 'expense') return 'meals.spent';
    return 'meals.collected';
  }
  switch (kind) {
    case 'fee_income':
      return 'service.received';
    case 'fee_payout':
      return 'service.paidBack';
    case 'subsidy':
      return 'subsidy';
    case 'expense':
      return `expense.${isCategory(category) ? category : 'other'}`;
    default:
      // other_income (and a reversal whose row is not of this term, which cannot be written).
      return 'otherIncome';
  }
}

export const isMealFigure = (f: Figure): boolean => f.startsWith('meals.');

/** 'term', or one month of the term ('YYYY-MM'). */
export type Period = string;

/**
 * The month a row counts in for this term: its month, clamped into the term's months, so every row
 * of the term counts in exactly one month and the months add up to the term.
 */
export function periodMonth(month: string, months: readonly string[]): string {
  const first = months[0]!;
  const last = months[months.length - 1]!;
  if (month < first) return first;
  if (month > last) return last;
  return month;
}

export interface FundStatement {
  period: Period;
  /** The months the period covers. */
  months: string[];
  /** Service fund balance before the period, within the term. */
  openingFen: number;
  income: {
    serviceReceivedFen: number;
    /** Money paid back to families (negative or zero). */
    servicePaidBackFen: number;
    /** Received net of money paid back. */
    serviceNetFen: number;
    subsidyFen: number;
    otherIncomeFen: number;
    totalFen: number;
  };
  expenses: {
    /** Every category, in the order of FEE-8, as a positive amount spent. */
    byCategory: { category: ExpenseCategory; amountFen: number }[];
    totalFen: number;
  };
  /** Income − expenses of the period. */
  netFen: number;
  /** opening + net. */
  closingFen: number;
  /** FEE-7: meals kept apart: collected, paid back, spent (paid to the caterer), and their balance. */
  meals: {
    openingFen: number;
    collectedFen: number;
    paidBackFen: number;
    spentFen: number;
    netFen: number;
    closingFen: number;
  };
  /** How many rows are behind the period's figures. */
  rowCount: number;
}

/** The period's months: the whole term, or the one month (which must be a month of the term). */
export function periodMonths(period: Period, months: readonly string[]): string[] {
  if (period === 'term') return [...months];
  return months.includes(period) ? [period] : [];
}

/** Whether a row belongs to the period, and whether it is before it (the opening balance). */
export function placeOf(row: FundRow, period: Period, months: readonly string[]): 'before' | 'in' | 'after' {
  if (period === 'term') return 'in';
  const m = periodMonth(row.month, months);
  return m < period ? 'before' : m === period ? 'in' : 'after';
}

/** The statement of one period from all of the term's fund rows. */
export function buildStatement(
  rows: readonly FundRow[],
  period: Period,
  months: readonly string[],
): FundStatement {
  const byId = new Map(rows.map((r) => [r.id, r]));
  const sums = new Map<Figure, number>(allFigures.map((f) => [f, 0]));
  let openingFen = 0;
  let mealsOpeningFen = 0;
  let rowCount = 0;
  for (const row of rows) {
    const place = placeOf(row, period, months);
    if (place === 'after') continue;
    const figure = figureOf(row, byId);
    if (place === 'before') {
      if (isMealFigure(figure)) mealsOpeningFen += row.amountFen;
      else openingFen += row.amountFen;
      continue;
    }
    rowCount += 1;
    sums.set(figure, (sums.get(figure) ?? 0) + row.amountFen);
  }
  const s = (f: Figure) => sums.get(f) ?? 0;
  const serviceReceivedFen = s('service.received');
  const servicePaidBackFen = s('service.paidBack');
  const subsidyFen = s('subsidy');
  const otherIncomeFen = s('otherIncome');
  const incomeTotal = serviceReceivedFen + servicePaidBackFen + subsidyFen + otherIncomeFen;
  // Expense rows are negative in the fund book; the statement shows what was spent as positive.
  const byCategory = expenseCategories.map((category) => ({
    category,
    amountFen: 0 - s(`expense.${category}`),
  }));
  const expensesTotal = byCategory.reduce((a, c) => a + c.amountFen, 0);
  const netFen = incomeTotal - expensesTotal;
  const collectedFen = s('meals.collected');
  const mealPaidBack = s('meals.paidBack');
  const spentFen = 0 - s('meals.spent');
  const mealNet = collectedFen + mealPaidBack - spentFen;
  return {
    period,
    months: periodMonths(period, months),
    openingFen,
    income: {
      serviceReceivedFen,
      servicePaidBackFen,
      serviceNetFen: serviceReceivedFen + servicePaidBackFen,
      subsidyFen,
      otherIncomeFen,
      totalFen: incomeTotal,
    },
    expenses: { byCategory, totalFen: expensesTotal },
    netFen,
    closingFen: openingFen + netFen,
    meals: {
      openingFen: mealsOpeningFen,
      collectedFen,
      paidBackFen: mealPaidBack,
      spentFen,
      netFen: mealNet,
      closingFen: mealsOpeningFen + mealNet,
    },
    rowCount,
  };
}

/** The rows behind one figure of a period (or behind its opening balance), in the given order. */
export function rowsBehind(
  rows: readonly FundRow[],
  period: Period,
  months: readonly string[],
  figure: Figure | 'opening' | 'meals.opening',
): FundRow[] {
  const byId = new Map(rows.map((r) => [r.id, r]));
  return rows.filter((row) => {
    const place = placeOf(row, period, months);
    const f = figureOf(row, byId);
    if (figure === 'opening') return place === 'before' && !isMealFigure(f);
    if (figure === 'meals.opening') return place === 'before' && isMealFigure(f);
    return place === 'in' && f === figure;
  });
}

/** The value a figure shows in a statement (spent amounts positive, as the statement shows them). */
export function figureValue(st: FundStatement, figure: Figure | 'opening' | 'meals.opening'): number {
  switch (figure) {
    case 'opening':
      return st.openingFen;
    case 'meals.opening':
      return st.meals.openingFen;
    case 'service.received':
      return st.income.serviceReceivedFen;
    case 'service.paidBack':
      return st.income.servicePaidBackFen;
    case 'subsidy':
      return st.income.subsidyFen;
    case 'otherIncome':
      return st.income.otherIncomeFen;
    case 'meals.collected':
      return st.meals.collectedFen;
    case 'meals.paidBack':
      return st.meals.paidBackFen;
    case 'meals.spent':
      return st.meals.spentFen;
    default: {
      const category = figure.slice('expense.'.length);
      return st.expenses.byCategory.find((c) => c.category === category)?.amountFen ?? 0;
    }
  }
}

/** Expense figures and spent meals show as positive amounts; their rows are negative. */
export const shownNegated = (figure: string): boolean =>
  figure.startsWith('expense.') || figure === 'meals.spent';

/** FEE-2: a term's share of the yearly subsidy: a school year has two terms, so half, half up. */
export function expectedSubsidy(
  students: number,
  perYearFen: number,
): {
  perTermFen: number;
  expectedFen: number;
} {
  const perTermFen = mulDiv(perYearFen, 1, 2);
  return { perTermFen, expectedFen: students * perTermFen };
}
