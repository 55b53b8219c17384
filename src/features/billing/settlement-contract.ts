// Request and response shapes of the monthly settlement, refunds and the term end (FEE-4, FEE-5,
// 多还少补); the web app imports these too. Money in the API is integer fen.
import { z } from 'zod';
import { id } from '../people/contract';
import { streams } from './rules';

export const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);
const fen = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const text = z.string().trim().min(1).max(500);

export const schoolParams = z.object({ schoolId: id });
export const termParams = z.object({ schoolId: id, termId: id });
export const settlementParams = z.object({ schoolId: id, settlementId: id });
export const refundParams = z.object({ schoolId: id, refundId: id });

// ---- monthly settlement (FEE-5) ----

export const settleInput = z.object({ month });
export type SettleInput = z.infer<typeof settleInput>;

export const settlementView = z.object({
  id,
  termId: id,
  month,
  settledAt: z.string(),
  settledBy: z.string(),
  lineCount: z.number().int(),
  /** Credits of the month itself, in fen. */
  refundFen: z.number().int(),
  /** Adjustments of earlier months found by this settlement (+ more refunded, − taken back). */
  adjustmentFen: z.number().int(),
  /** False when the month was settled already and nothing changed. */
  created: z.boolean(),
});
export type SettlementView = z.infer<typeof settlementView>;

export const termMonthView = z.object({
  month,
  ended: z.boolean(),
  settlement: settlementView.omit({ created: true }).nullable(),
});
export const termSettlements = z.object({
  termId: id,
  months: z.array(termMonthView),
});
export type TermSettlements = z.infer<typeof termSettlements>;

export const settlementLine = z.object({
  id,
  studentId: id,
  studentName: z.string(),
  studentNo: z.string(),
  grade: z.number().int(),
  classNo: z.number().int(),
  offeringId: id,
  offeringName: z.string(),
  forMonth: month,
  schoolDays: z.number().int(),
  attended: z.number().int(),
  billedFen: z.number().int(),
  refundFen: z.number().int(),
  deltaFen: z.number().int(),
  adjustment: z.boolean(),
  reasonCode: z.string(),
  reasonParams: z.record(z.string(), z.union([z.string(), z.number()])),
  /** The reason in the reader's language, e.g. "attended 14 of 22 days < 15 → refund 180.00". */
  reason: z.string(),
});
export type SettlementLine = z.infer<typeof settlementLine>;

export const settlementDetail = z.object({
  settlement: settlementView.omit({ created: true }),
  lines: z.array(settlementLine),
});
export type SettlementDetail = z.infer<typeof settlementDetail>;

export const linesQuery = z.object({ studentId: id.optional() });

// ---- refunds: money paid back, with a second person ----

export const refundStatuses = ['proposed', 'approved', 'rejected'] as const;

export const refundInput = z.object({
  studentId: id,
  termId: id,
  stream: z.enum(streams),
  amountFen: fen,
  reason: text,
});
export type RefundInput = z.infer<typeof refundInput>;

export const decisionInput = z.object({ note: z.string().trim().max(500).default('') });
export type DecisionInput = z.infer<typeof decisionInput>;

export const refundView = z.object({
  id,
  termId: id,
  studentId: id,
  studentName: z.string(),
  stream: z.enum(streams),
  amountFen: z.number().int(),
  reason: z.string(),
  status: z.enum(refundStatuses),
  proposedBy: z.string(),
  proposedByName: z.string(),
  proposedAt: z.string(),
  decidedBy: z.string().nullable(),
  decidedByName: z.string().nullable(),
  decidedAt: z.string().nullable(),
  decisionNote: z.string().nullable(),
});
export type RefundView = z.infer<typeof refundView>;

export const refundListQuery = z.object({
  termId: id.optional(),
  status: z.enum(refundStatuses).optional(),
  studentId: id.optional(),
});
export const refundList = z.object({ items: z.array(refundView) });

export const refundableQuery = z.object({ stream: z.enum(streams).default('service') });
export const refundableView = z.object({
  items: z.array(
    z.object({
      studentId: id,
      studentName: z.string(),
      studentNo: z.string(),
      grade: z.number().int(),
      classNo: z.number().int(),
      /** −(owed balance): what the family paid beyond what it owes. */
      overpaidFen: z.number().int(),
      pendingFen: z.number().int(),
      refundableFen: z.number().int(),
    }),
  ),
});
export type RefundableView = z.infer<typeof refundableView>;

// ---- term end (多还少补) ----

export const closingInput = z.object({
  stream: z.enum(streams).optional(),
  studentId: id.optional(),
});
export type ClosingInput = z.infer<typeof closingInput>;

export const closingView = z.object({
  id,
  studentId: id,
  studentName: z.string(),
  stream: z.enum(streams),
  paidFen: z.number().int(),
  netFen: z.number().int(),
  balanceFen: z.number().int(),
  outcome: z.enum(['even', 'refund', 'shortfall']),
  refundId: z.string().nullable(),
  closedAt: z.string(),
});
export type ClosingView = z.infer<typeof closingView>;

export const closingResult = z.object({
  closed: z.array(closingView),
  /** Students skipped because they were closed already. */
  alreadyClosed: z.number().int(),
});
export const closingList = z.object({ items: z.array(closingView) });
