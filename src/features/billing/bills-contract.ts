// Term bills' HTTP contract (FEE-4, FEE-6, FEE-11): issuing, one student's bill line by line, and
// the finance lists. Money is integer fen.
import { z } from 'zod';
import { familyKinds, fundKinds } from './ledger';
import { streams } from './rules';

const id = z.string().min(1).max(64);
export const termParams = z.object({ schoolId: id, termId: id });
export const studentBillParams = z.object({ schoolId: id, termId: id, studentId: id });

export const issueInput = z.object({
  /** Only these students; absent: every billable student of the term. */
  studentIds: z.array(id).min(1).max(5000).optional(),
});

export const issueResult = z.object({
  termId: z.string(),
  students: z.number().int(),
  billsCreated: z.number().int(),
  chargesWritten: z.number().int(),
  waiversWritten: z.number().int(),
  chargedFen: z.number().int(),
  waivedFen: z.number().int(),
  /** Students left out because their term-end balance is already closed. */
  skippedClosed: z.number().int(),
});

const entryKind = z.enum([...familyKinds, ...fundKinds, 'reversal']);

export const viewEntry = z.object({
  id: z.string(),
  kind: entryKind,
  month: z.string().nullable(),
  offeringId: z.string().nullable(),
  amountFen: z.number().int(),
  reason: z.string(),
  createdAt: z.string(),
  reversesId: z.string().nullable(),
});

export const streamView = z.object({
  totals: z.object({
    chargedFen: z.number().int(),
    waivedFen: z.number().int(),
    creditedFen: z.number().int(),
    adjustedFen: z.number().int(),
    mealFen: z.number().int(),
    paidFen: z.number().int(),
    payoutFen: z.number().int(),
    balanceFen: z.number().int(),
  }),
  offerings: z.array(
    z.object({
      offeringId: z.string(),
      name: z.string(),
      chargedFen: z.number().int(),
      waivedFen: z.number().int(),
      creditedFen: z.number().int(),
      summary: z.string(),
      entryIds: z.array(z.string()),
    }),
  ),
  entries: z.array(viewEntry),
});

export const studentRef = z.object({
  id: z.string(),
  name: z.string(),
  studentNo: z.string(),
  classId: z.string(),
  classLabel: z.string(),
});

export const paymentView = z.object({
  id: z.string(),
  termId: z.string(),
  studentId: z.string(),
  studentName: z.string(),
  classLabel: z.string(),
  stream: z.enum(streams),
  method: z.enum(['cash', 'transfer', 'online']),
  amountFen: z.number().int(),
  reference: z.string().nullable(),
  receiptNo: z.string(),
  receivedAt: z.string(),
  recordedBy: z.string().nullable(),
  note: z.string(),
});
export type PaymentView = z.infer<typeof paymentView>;

export const refundView = z.object({
  id: z.string(),
  stream: z.enum(streams),
  amountFen: z.number().int(),
  reason: z.string(),
  status: z.enum(['proposed', 'approved', 'rejected']),
  proposedAt: z.string(),
  decidedAt: z.string().nullable(),
  decisionNote: z.string().nullable(),
});

export const studentBill = z.object({
  student: studentRef,
  term: z.object({ id: z.string(), name: z.string(), startsOn: z.string(), endsOn: z.string() }),
  bill: z.object({ id: z.string(), billNo: z.string(), issuedAt: z.string() }).nullable(),
  service: streamView,
  meal: streamView,
  payments: z.array(paymentView),
  refunds: z.array(refundView),
});
export type StudentBill = z.infer<typeof studentBill>;

export const billStatuses = ['all', 'arrears', 'paid', 'over'] as const;

export const billListQuery = z.object({
  stream: z.enum(streams).default('service'),
  status: z.enum(billStatuses).default('all'),
  classId: id.optional(),
  q: z.string().trim().max(50).optional(),
});

export const billRow = z.object({
  student: studentRef,
  billNo: z.string().nullable(),
  chargedFen: z.number().int(),
  waivedFen: z.number().int(),
  /** Settlement credits and adjustments (negative: money back to the family). */
  creditedFen: z.number().int(),
  mealFen: z.number().int(),
  /** Paid less paid back, as a positive figure. */
  paidFen: z.number().int(),
  balanceFen: z.number().int(),
});
export type BillRow = z.infer<typeof billRow>;

export const billList = z.object({
  items: z.array(billRow),
  totals: z.object({
    chargedFen: z.number().int(),
    waivedFen: z.number().int(),
    creditedFen: z.number().int(),
    mealFen: z.number().int(),
    paidFen: z.number().int(),
    balanceFen: z.number().int(),
    arrearsFen: z.number().int(),
  }),
});

export const familyBills = z.object({
  items: z.array(
    z.object({
      student: studentRef,
      serviceBalanceFen: z.number().int(),
      mealBalanceFen: z.number().int(),
    }),
  ),
});
