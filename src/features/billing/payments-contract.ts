// Payments' HTTP contract: recording a payment, the lists, the A4 receipt, the provider's secret
// (write-only) and the signed notification's answer. Amounts are integer fen.
import { z } from 'zod';
import { paymentView } from './bills-contract';
import { paymentMethods, streams } from './rules';

const id = z.string().min(1).max(64);
export const schoolParams = z.object({ schoolId: id });
export const paymentParams = z.object({ schoolId: id, paymentId: id });
export const termParams = z.object({ schoolId: id, termId: id });

/** Integer fen, positive, at most one million yuan (a fraction of a fen is not a number of fen). */
export const amountFen = z.number().int().positive().max(100_000_000);

export const recordPaymentInput = z.object({
  termId: id,
  studentId: id,
  stream: z.enum(streams).default('service'),
  method: z.enum(paymentMethods),
  amountFen,
  /** The bank's or provider's transaction reference (required for transfer and online). */
  reference: z.string().trim().min(1).max(100).optional(),
  note: z.string().trim().max(200).default(''),
});
export type RecordPaymentInput = z.infer<typeof recordPaymentInput>;

export const paymentListQuery = z.object({
  studentId: id.optional(),
  stream: z.enum(streams).optional(),
  method: z.enum(paymentMethods).optional(),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
});

export const paymentList = z.object({
  items: z.array(paymentView),
  totalFen: z.number().int(),
});

export const receiptView = z.object({
  payment: paymentView,
  schoolName: z.string(),
  termName: z.string(),
  /** 学校课后服务收费收据 / Receipt for after-school service fees. */
  title: z.string(),
  amountYuan: z.string(),
  amountInWords: z.string(),
  methodLabel: z.string(),
  streamLabel: z.string(),
  receivedOn: z.string(),
});

export const secretInput = z.object({ secret: z.string().min(16).max(200) });
export const secretState = z.object({ secretSet: z.boolean(), updatedAt: z.string().nullable() });

export const notifyAnswer = z.object({
  received: z.literal(true),
  paymentId: z.string(),
  receiptNo: z.string(),
});

export const notificationList = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      providerRef: z.string().nullable(),
      receivedAt: z.string(),
      outcome: z.string(),
      detail: z.string(),
      paymentId: z.string().nullable(),
    }),
  ),
});
