// Term bills (FEE-4, FEE-6), the pure part: which month rows a term bill writes for a student, and
// the bill a reader sees built from ledger entries. No database, no clock: the services read the
// facts (lines, fees, calendar, categories, entries) and these functions decide.
import type { Locale } from '../../server/errors';
import { AppError } from '../../server/errors';
import type { SchoolDay } from '../programme/rules';
import { explain } from './explain';
import type { Entry, EntryKind } from './ledger';
import { formatYuan } from './money';
import {
  type FeeStandard,
  monthBilled,
  monthCharge,
  monthOf,
  type Stream,
  waiverFor,
  waiverOf,
} from './rules';

type Words = { zh: string; en: string };
const say = (w: Words, locale: Locale) => (locale === 'en' ? w.en : w.zh);

/** FEE-6 categories as the bill names them (only admin, finance and the family read a bill). */
export const categoryLabels: Record<string, Words> = {
  registered_poor: { zh: '建档立卡', en: 'registered poor family' },
  subsistence_allowance: { zh: '低保', en: 'subsistence allowance' },
  orphan: { zh: '孤儿', en: 'orphan' },
  disabled: { zh: '残疾儿童', en: 'disabled child' },
  economic_difficulty: { zh: '家庭经济困难', en: 'economic difficulty' },
  migrant_worker_child: { zh: '随迁子女', en: 'migrant worker’s child' },
  single_parent: { zh: '单亲家庭', en: 'single-parent family' },
  left_behind: { zh: '留守儿童', en: 'left-behind child' },
};

export const methodLabels: Record<string, Words> = {
  cash: { zh: '现金', en: 'cash' },
  transfer: { zh: '转账', en: 'bank transfer' },
  online: { zh: '线上支付', en: 'online' },
};

export const streamLabels: Record<Stream, Words> = {
  service: { zh: '课后服务费', en: 'after-school service fees' },
  meal: { zh: '伙食费', en: 'meals' },
};

export const labelOf = (labels: Record<string, Words>, code: string, locale: Locale): string =>
  labels[code] ? say(labels[code]!, locale) : code;

// ---- what a term bill writes ----

/** The school days of each month on which a session runs (its weekdays, make-up days by the weekday they follow). */
export function sessionDaysByMonth(
  days: readonly SchoolDay[],
  weekdays: readonly number[],
): Map<string, number> {
  const runs = new Set(weekdays);
  const counts = new Map<string, number>();
  for (const d of days) {
    if (!runs.has(d.timetableWeekday)) continue;
    const month = monthOf(d.date);
    counts.set(month, (counts.get(month) ?? 0) + 1);
  }
  return counts;
}

export interface BillOffering {
  id: string;
  name: string;
  feeBasis: 'month' | 'class_hour' | null;
  feeFen: number | null;
  classHours: number;
  /** School days per month on which the offering's session runs, inside the term. */
  daysByMonth: ReadonlyMap<string, number>;
}

export interface BillLine {
  studentId: string;
  offeringId: string;
  enrolledMonth: string;
  withdrawnMonth: string | null;
}

export interface PlannedRow {
  kind: 'charge' | 'waiver';
  studentId: string;
  offeringId: string;
  month: string;
  amountFen: number;
  entryKey: string;
  reasonCode: string;
  reasonParams: Record<string, string | number>;
}

export interface BillPlanInput {
  termId: string;
  months: readonly string[];
  /** monthShares: halves per month (2 whole, 1 half, 0 not billed). */
  shares: ReadonlyMap<string, number>;
  lines: readonly BillLine[];
  offerings: ReadonlyMap<string, BillOffering>;
  categories: ReadonlyMap<string, readonly string[]>;
  waiverPercents: Readonly<Record<string, number>>;
  /** Charges already in the ledger by entry key: a waiver written later is taken from what was charged. */
  existingCharges: ReadonlyMap<string, number>;
}

export const chargeKey = (termId: string, studentId: string, offeringId: string, month: string) =>
  `charge:${termId}:${studentId}:${offeringId}:${month}`;
export const waiverKey = (termId: string, studentId: string, offeringId: string, month: string) =>
  `waiver:${termId}:${studentId}:${offeringId}:${month}`;

/** "4.5" from 9 halves, "1" from 2, "0.5" from 1. */
export const halvesText = (halves: number): string =>
  halves % 2 === 0 ? String(halves / 2) : `${(halves - 1) / 2}.5`;

/**
 * FEE-4, FEE-5, FEE-6: every charge row (student × offering × billed month) and the waiver beside
 * it, with entry keys, so issuing again writes only what is new. A month that would charge nothing
 * (no share, no session days) writes no row. An offering without a fee refuses the whole bill.
 */
export function planTermBill(input: BillPlanInput): PlannedRow[] {
  const rows: PlannedRow[] = [];
  for (const line of input.lines) {
    const offering = input.offerings.get(line.offeringId);
    if (!offering) continue;
    if (offering.feeBasis === null || offering.feeFen === null)
      throw new AppError('FEE_NOT_SET', { offering: offering.name });
    const fee: FeeStandard = {
      basis: offering.feeBasis,
      fen: offering.feeFen,
      classHours: offering.classHours,
    };
    const waiver = waiverFor(input.categories.get(line.studentId) ?? [], input.waiverPercents);
    // FEE-4, FEE-5: the bill written when the line was enrolled is the record of its start. A line
    // whose start is not kept (a withdrawn late joiner is taken from the term's start) is never
    // charged for a month before its earliest charge already in the ledger.
    const firstCharged = input.months.find((m) =>
      input.existingCharges.has(chargeKey(input.termId, line.studentId, offering.id, m)),
    );
    for (const month of input.months) {
      if (!monthBilled(month, line.enrolledMonth, line.withdrawnMonth)) continue;
      if (firstCharged !== undefined && month < firstCharged) continue;
      const share = input.shares.get(month) ?? 0;
      const days = offering.daysByMonth.get(month) ?? 0;
      const planned = monthCharge(fee, share, days);
      const key = chargeKey(input.termId, line.studentId, offering.id, month);
      const charged = input.existingCharges.get(key) ?? planned;
      if (charged <= 0) continue;
      rows.push({
        kind: 'charge',
        studentId: line.studentId,
        offeringId: offering.id,
        month,
        amountFen: planned,
        entryKey: key,
        reasonCode: fee.basis === 'month' ? 'charge.month' : 'charge.hour',
        reasonParams:
          fee.basis === 'month'
            ? { offering: offering.name, fee: formatYuan(fee.fen), months: halvesText(share), halves: share }
            : { offering: offering.name, fee: formatYuan(fee.fen), hours: fee.classHours, days },
      });
      if (waiver.percent > 0 && waiver.category) {
        const amount = waiverOf(charged, waiver.percent);
        if (amount > 0)
          rows.push({
            kind: 'waiver',
            studentId: line.studentId,
            offeringId: offering.id,
            month,
            amountFen: -amount,
            entryKey: waiverKey(input.termId, line.studentId, offering.id, month),
            reasonCode: 'waiver',
            reasonParams: { category: waiver.category, percent: waiver.percent, offering: offering.name },
          });
      }
    }
  }
  return rows;
}

// ---- what a reader sees: the bill built from entries ----

export interface ViewEntry {
  id: string;
  kind: EntryKind;
  month: string | null;
  offeringId: string | null;
  amountFen: number;
  reason: string;
  createdAt: string;
  reversesId: string | null;
}

export interface OfferingGroup {
  offeringId: string;
  name: string;
  chargedFen: number;
  waivedFen: number;
  /** Credits and adjustments of the offering's months (negative: money back to the family). */
  creditedFen: number;
  /** "180.00 × 4.5 个月 = 810.00" */
  summary: string;
  entryIds: string[];
}

export interface StreamTotals {
  chargedFen: number;
  waivedFen: number;
  creditedFen: number;
  adjustedFen: number;
  mealFen: number;
  paidFen: number;
  payoutFen: number;
  /** The sum of every entry: positive is still owed, negative is over-paid (refundable). */
  balanceFen: number;
}

export interface StreamView {
  totals: StreamTotals;
  offerings: OfferingGroup[];
  entries: ViewEntry[];
}

/** Params rendered for the reader: category and method codes in words. */
function readable(e: Entry, locale: Locale): Record<string, string | number> {
  const p = { ...e.reasonParams };
  if (typeof p.category === 'string') p.category = labelOf(categoryLabels, p.category, locale);
  if (typeof p.method === 'string') p.method = labelOf(methodLabels, p.method, locale);
  return p;
}

/** The kind an entry counts under: a reversal counts under the kind it reverses. */
function kindOf(e: Entry, byId: ReadonlyMap<string, Entry>): EntryKind {
  if (e.kind !== 'reversal') return e.kind;
  return byId.get(e.reversesId ?? '')?.kind ?? 'reversal';
}

function summaryOf(name: string, charges: readonly Entry[], chargedFen: number, locale: Locale): string {
  const first = charges[0];
  if (!first) return '';
  const total = formatYuan(chargedFen);
  if (first.reasonCode === 'charge.month') {
    const fee = String(first.reasonParams.fee);
    const halves = charges.reduce((a, c) => a + Number(c.reasonParams.halves ?? 0), 0);
    const sameFee = charges.every((c) => c.reasonParams.fee === fee && c.reasonCode === 'charge.month');
    if (sameFee)
      return locale === 'en'
        ? `${fee} × ${halvesText(halves)} months = ${total}`
        : `${fee} × ${halvesText(halves)} 个月 = ${total}`;
  }
  if (first.reasonCode === 'charge.hour') {
    const fee = String(first.reasonParams.fee);
    const hours = Number(first.reasonParams.hours);
    const same = charges.every(
      (c) =>
        c.reasonCode === 'charge.hour' &&
        c.reasonParams.fee === fee &&
        Number(c.reasonParams.hours) === hours,
    );
    const days = charges.reduce((a, c) => a + Number(c.reasonParams.days ?? 0), 0);
    if (same)
      return locale === 'en'
        ? `${fee} × ${hours} class-hours × ${days} days = ${total}`
        : `${fee} × ${hours} 课时 × ${days} 天 = ${total}`;
  }
  return locale === 'en' ? `${name}: ${total}` : `${name}：${total}`;
}

/**
 * FEE-11: the bill of one stream from its ledger entries. Every figure is a sum of the entries
 * listed beside it; the totals add up to the balance by construction (each entry counted once).
 */
export function buildStreamView(
  entries: readonly Entry[],
  offeringNames: ReadonlyMap<string, string>,
  locale: Locale,
): StreamView {
  const byId = new Map(entries.map((e) => [e.id, e]));
  const totals: StreamTotals = {
    chargedFen: 0,
    waivedFen: 0,
    creditedFen: 0,
    adjustedFen: 0,
    mealFen: 0,
    paidFen: 0,
    payoutFen: 0,
    balanceFen: 0,
  };
  const groups = new Map<string, { charges: Entry[]; group: OfferingGroup }>();
  const groupOf = (offeringId: string) => {
    let g = groups.get(offeringId);
    if (!g) {
      g = {
        charges: [],
        group: {
          offeringId,
          name: offeringNames.get(offeringId) ?? '',
          chargedFen: 0,
          waivedFen: 0,
          creditedFen: 0,
          summary: '',
          entryIds: [],
        },
      };
      groups.set(offeringId, g);
    }
    return g;
  };
  for (const e of entries) {
    const kind = kindOf(e, byId);
    totals.balanceFen += e.amountFen;
    if (kind === 'charge') totals.chargedFen += e.amountFen;
    else if (kind === 'waiver') totals.waivedFen += e.amountFen;
    else if (kind === 'credit') totals.creditedFen += e.amountFen;
    else if (kind === 'adjustment') totals.adjustedFen += e.amountFen;
    else if (kind === 'meal_charge') totals.mealFen += e.amountFen;
    else if (kind === 'payment') totals.paidFen += e.amountFen;
    else if (kind === 'payout') totals.payoutFen += e.amountFen;
    // A reversal of a reversal cannot exist (ledger.reverseEntry); an orphan reversal still counts in the balance.
    else totals.adjustedFen += e.amountFen;
    if (
      e.offeringId &&
      (kind === 'charge' || kind === 'waiver' || kind === 'credit' || kind === 'adjustment')
    ) {
      const g = groupOf(e.offeringId);
      g.group.entryIds.push(e.id);
      if (kind === 'charge') {
        g.group.chargedFen += e.amountFen;
        if (e.kind === 'charge') g.charges.push(e);
      } else if (kind === 'waiver') g.group.waivedFen += e.amountFen;
      else g.group.creditedFen += e.amountFen;
    }
  }
  const offerings = [...groups.values()].map(({ charges, group }) => ({
    ...group,
    summary: summaryOf(group.name, charges, group.chargedFen, locale),
  }));
  offerings.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return {
    totals,
    offerings,
    entries: entries.map((e) => ({
      id: e.id,
      kind: e.kind,
      month: e.month,
      offeringId: e.offeringId,
      amountFen: e.amountFen,
      reason: explain(e.reasonCode, readable(e, locale), locale),
      createdAt: e.createdAt,
      reversesId: e.reversesId,
    })),
  };
}
