// Fees and funds, the pure rules (FEE-3…7). No database here: services read the facts, these
// functions decide the amounts and say why, and the unit tests hold them to the worked examples.
import { AppError } from '../../server/errors';
import type { FeeBasis, OfferingKind, SessionKind } from '../programme/kinds';
import { allocate, formatYuan, mulDiv, percentOf } from './money';

// ---- FEE-3: caps ----

/** The kinds of fee the district caps (DIST-3). */
export const capKinds = [
  'care_month',
  'afterschool_hour',
  'noon_hour',
  'weekend_hour',
  'special_hour',
] as const;
export type CapKind = (typeof capKinds)[number];

export interface Cap {
  kind: CapKind;
  minFen: number | null;
  maxFen: number;
  documentNo: string;
  approvedOn: string | null;
}

/** The caps of FEE-3 when the district has recorded none (篇四 篇六). */
export const defaultCaps: Record<CapKind, Cap> = {
  care_month: { kind: 'care_month', minFen: 15_000, maxFen: 20_000, documentNo: '', approvedOn: null },
  afterschool_hour: { kind: 'afterschool_hour', minFen: null, maxFen: 200, documentNo: '', approvedOn: null },
  noon_hour: { kind: 'noon_hour', minFen: null, maxFen: 300, documentNo: '', approvedOn: null },
  weekend_hour: { kind: 'weekend_hour', minFen: null, maxFen: 400, documentNo: '', approvedOn: null },
  special_hour: { kind: 'special_hour', minFen: null, maxFen: 800, documentNo: '', approvedOn: null },
};

/**
 * Which cap an offering's fee falls under: a monthly flat fee is ordinary care; per class-hour, a
 * club (兴趣社团, the plans' 特色活动) is a special activity, otherwise the session decides.
 */
export function capKindFor(offering: {
  kind: OfferingKind;
  feeBasis: FeeBasis;
  sessionKind: SessionKind;
}): CapKind {
  if (offering.feeBasis === 'month') return 'care_month';
  if (offering.kind === 'club') return 'special_hour';
  if (offering.sessionKind === 'noon') return 'noon_hour';
  if (offering.sessionKind === 'weekend') return 'weekend_hour';
  return 'afterschool_hour';
}

/** FEE-3: a fee above its cap is refused with the cap in the message. */
export function checkFeeUnderCap(feeFen: number, cap: Cap): void {
  if (feeFen > cap.maxFen)
    throw new AppError('FEE_OVER_CAP', {
      fee: formatYuan(feeFen),
      cap: formatYuan(cap.maxFen),
      capKind: cap.kind,
      document: cap.documentNo,
    });
}

// ---- FEE-4: the months of a term and what each is billed ----

/** 'YYYY-MM' of a date. */
export const monthOf = (date: string): string => date.slice(0, 7);

/** The calendar months a term touches, in order. */
export function termMonths(term: { startsOn: string; endsOn: string }): string[] {
  const months: string[] = [];
  let [y, m] = term.startsOn.split('-').map(Number) as [number, number];
  const last = monthOf(term.endsOn);
  for (;;) {
    const month = `${y}-${String(m).padStart(2, '0')}`;
    months.push(month);
    if (month >= last) break;
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
  }
  return months;
}

/**
 * Each month's share of a monthly fee, in halves (2 = a whole month): a term counts as
 * `countedMonths` (4.5); the halves it lacks come off the partial end (the last month unless the
 * school says the first). A term with fewer calendar months than counted bills its months whole.
 */
export function monthShares(
  months: readonly string[],
  countedMonths: number,
  partialMonth: 'last' | 'first',
): Map<string, number> {
  const shares = months.map(() => 2);
  let excess = shares.length * 2 - Math.round(countedMonths * 2);
  const order = months.map((_, i) => (partialMonth === 'last' ? months.length - 1 - i : i));
  for (const i of order) {
    if (excess <= 0) break;
    const cut = Math.min(excess, shares[i]!);
    shares[i]! -= cut;
    excess -= cut;
  }
  return new Map(months.map((m, i) => [m, shares[i]!]));
}

/**
 * Whether a month is billed for a student (FEE-5): from the month of enrolment, as a whole month,
 * through the month in which a withdrawal is approved.
 */
export function monthBilled(month: string, enrolledMonth: string, withdrawnMonth: string | null): boolean {
  return month >= enrolledMonth && (withdrawnMonth === null || month <= withdrawnMonth);
}

export interface FeeStandard {
  basis: FeeBasis;
  fen: number;
  /** Class-hours of the offering's session per school day (class_hour basis). */
  classHours: number;
}

/**
 * FEE-4: one month's charge. Monthly flat: the fee times the month's share (half up). Per class-hour:
 * the rate times the session's class-hours times the month's school days for the offering.
 */
export function monthCharge(fee: FeeStandard, shareHalves: number, schoolDays: number): number {
  if (fee.basis === 'month') return mulDiv(fee.fen, shareHalves, 2);
  return fee.fen * fee.classHours * schoolDays;
}

// ---- FEE-6: waivers ----

/** The waiver that applies: the largest percentage of the student's categories (they do not add up). */
export function waiverFor(
  categories: readonly string[],
  percents: Readonly<Record<string, number>>,
): { percent: number; category: string | null } {
  let best: { percent: number; category: string | null } = { percent: 0, category: null };
  for (const c of categories) {
    const p = percents[c] ?? 0;
    if (p > best.percent) best = { percent: p, category: c };
  }
  return best;
}

export const waiverOf = (chargeFen: number, percent: number): number => percentOf(chargeFen, percent);

// ---- FEE-5: the monthly refund rule ----

export type RefundMode = 'whole_month' | 'pro_rata';

export interface MonthFacts {
  /** Days the offering ran for this student in the month (school days of its session). */
  schoolDays: number;
  /** Days marked present or late in the roll in force (DAY-1). */
  attended: number;
  /** What the family was charged for the month after its waiver (the refundable amount). */
  netFen: number;
  /** The month's share in halves (2 whole, 1 the half month). */
  shareHalves: number;
  /** Whether the month falls after the month a withdrawal was approved (billed but not owed). */
  withdrawn: boolean;
  /** How the offering's fee is charged (`offerings.fee_basis`); a monthly flat fee when absent. */
  feeBasis?: FeeBasis;
}

export interface RefundDecision {
  refundFen: number;
  code:
    | 'settle.below_threshold'
    | 'settle.at_threshold'
    | 'settle.pro_rata'
    | 'settle.per_session'
    | 'settle.withdrawn'
    | 'settle.nothing_billed';
  params: Record<string, string | number>;
}

/** The threshold for a month billed in part: scaled by its share, rounded up (half a month: 8 days). */
export function thresholdFor(thresholdDays: number, shareHalves: number): number {
  return shareHalves >= 2 ? thresholdDays : Math.ceil((thresholdDays * shareHalves) / 2);
}

/**
 * FEE-5: the refund a month earns and why. Whole-month mode: fewer attended days than the
 * threshold refunds the month's net charge; pro-rata mode: the net charge shared over the days,
 * the missed days' share refunded (largest remainder, so kept + refunded = net exactly).
 *
 * Refund rule by fee basis (product decision, design.md): FEE-5's whole-month threshold ("that
 * month's fee", and the school's `refundMode`) applies to a monthly flat fee such as ordinary care.
 * A fee charged per class-hour is refunded per session missed, pro rata by days whatever the
 * school's mode: the family pays per class-hour, so a Tuesday/Thursday club (8 sessions a month)
 * attended in full refunds nothing, and 2 of 8 missed refunds 2/8 of the month's net.
 */
export function monthRefund(
  facts: MonthFacts,
  rule: { mode: RefundMode; thresholdDays: number },
): RefundDecision {
  const attended = Math.min(facts.attended, facts.schoolDays);
  const base = { attended, schoolDays: facts.schoolDays, net: formatYuan(facts.netFen) };
  if (facts.netFen <= 0)
    return { refundFen: 0, code: 'settle.nothing_billed', params: { ...base, refund: formatYuan(0) } };
  if (facts.withdrawn)
    return {
      refundFen: facts.netFen,
      code: 'settle.withdrawn',
      params: { ...base, refund: formatYuan(facts.netFen) },
    };
  if (facts.feeBasis === 'class_hour') {
    const missed = facts.schoolDays - attended;
    const refund = facts.schoolDays === 0 ? facts.netFen : allocate(facts.netFen, [missed, attended])[0]!;
    return {
      refundFen: refund,
      code: 'settle.per_session',
      params: { ...base, missed, refund: formatYuan(refund) },
    };
  }
  if (rule.mode === 'pro_rata') {
    const missed = facts.schoolDays - attended;
    const refund = facts.schoolDays === 0 ? facts.netFen : allocate(facts.netFen, [missed, attended])[0]!;
    return {
      refundFen: refund,
      code: 'settle.pro_rata',
      params: { ...base, missed, refund: formatYuan(refund) },
    };
  }
  const threshold = thresholdFor(rule.thresholdDays, facts.shareHalves);
  if (attended < threshold)
    return {
      refundFen: facts.netFen,
      code: 'settle.below_threshold',
      params: { ...base, threshold, refund: formatYuan(facts.netFen) },
    };
  return { refundFen: 0, code: 'settle.at_threshold', params: { ...base, threshold, refund: formatYuan(0) } };
}

// ---- FEE-4 多还少补: the term-end balance ----

export interface TermTotals {
  chargedFen: number;
  waivedFen: number;
  /** Settlement refunds credited (and adjustments, signed as credits). */
  creditedFen: number;
  /** Payments received less money paid back. */
  paidFen: number;
}

/** balance = paid − (charged − waivers − refunds): positive is over-payment to refund, negative a shortfall. */
export function termBalance(t: TermTotals): {
  netFen: number;
  balanceFen: number;
  outcome: 'even' | 'refund' | 'shortfall';
} {
  const netFen = t.chargedFen - t.waivedFen - t.creditedFen;
  const balanceFen = t.paidFen - netFen;
  return { netFen, balanceFen, outcome: balanceFen > 0 ? 'refund' : balanceFen < 0 ? 'shortfall' : 'even' };
}

// ---- FEE-7: meals ----

/**
 * The due date of a month's meal bill: the `workingDays`-th working day (Monday to Friday, not a
 * holiday) of the following month. A month with fewer working days (a long holiday) falls back to
 * its last working day, and a month with none to its last day: a due date is always given.
 */
export function mealDueOn(month: string, workingDays: number, holidays: ReadonlySet<string>): string {
  let [y, m] = month.split('-').map(Number) as [number, number];
  m += 1;
  if (m > 12) {
    m = 1;
    y += 1;
  }
  let count = 0;
  let lastWorking: string | null = null;
  let lastDay = '';
  for (let d = 1; d <= 31; d++) {
    const date = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
    const at = new Date(`${date}T00:00:00Z`);
    if (at.getUTCMonth() + 1 !== m) break;
    lastDay = date;
    const weekday = at.getUTCDay();
    if (weekday === 0 || weekday === 6 || holidays.has(date)) continue;
    lastWorking = date;
    count += 1;
    if (count === workingDays) return date;
  }
  return lastWorking ?? lastDay;
}

// ---- FEE-8: expense categories ----

export const expenseCategories = [
  'own_staff_pay', // 校内教师课后服务报酬
  'outside_staff', // 校外人员、团队劳务
  'management', // 管理费用
  'consumables', // 耗材
  'club_equipment', // 社团器材
  'venue_rent', // 场地租赁
  'course_purchase', // 课程购买
  'utilities', // 水电
  'cleaning', // 保洁
  'security', // 安保
  'other',
] as const;
export type ExpenseCategory = (typeof expenseCategories)[number];

export const incomeCategories = ['subsidy', 'other'] as const;

export const paymentMethods = ['cash', 'transfer', 'online'] as const;
export type PaymentMethod = (typeof paymentMethods)[number];

export const streams = ['service', 'meal'] as const;
export type Stream = (typeof streams)[number];
