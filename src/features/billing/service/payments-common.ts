// What every way of receiving money shares: the payment row, its two ledger rows (design.md:
// `payment` − in the family book, `fee_income` + in the fund book, both sourced to the payment)
// and the receipt number; and the payment as the API shows it.
import type { Transaction } from 'kysely';
import type { DB } from '../../../db/schema';
import { newId } from '../../../server/context';
import type { Locale } from '../../../server/errors';
import { classLabel } from '../../people/rules';
import type { PaymentView } from '../bills-contract';
import { appendEntries, nextNumber } from '../ledger';
import { documentNo } from '../payments-rules';
import type { PaymentRow } from '../payments-store';
import type { PaymentMethod, Stream } from '../rules';

export interface NewPayment {
  schoolId: string;
  termId: string;
  studentId: string;
  stream: Stream;
  method: PaymentMethod;
  amountFen: number;
  reference: string | null;
  providerRef: string | null;
  idempotencyKey: string;
  note: string;
  receivedAt: string;
  /** Null for a provider's notification (no person recorded it). */
  recordedBy: string | null;
  /** The school-local year, for the receipt number. */
  year: string;
}

export async function writePayment(trx: Transaction<DB>, p: NewPayment): Promise<PaymentRow> {
  const n = await nextNumber(trx, p.schoolId, 'R');
  const row: PaymentRow = {
    id: newId(),
    school_id: p.schoolId,
    term_id: p.termId,
    student_id: p.studentId,
    stream: p.stream,
    method: p.method,
    amount_fen: p.amountFen,
    reference: p.reference,
    idempotency_key: p.idempotencyKey,
    provider_ref: p.providerRef,
    receipt_no: documentNo('R', p.year, n),
    received_at: p.receivedAt,
    recorded_by: p.recordedBy,
    note: p.note,
  };
  await trx.insertInto('payments').values(row).execute();
  const reason = { method: p.method, receiptNo: row.receipt_no };
  await appendEntries(
    trx,
    [
      {
        schoolId: p.schoolId,
        termId: p.termId,
        book: 'family',
        stream: p.stream,
        kind: 'payment',
        studentId: p.studentId,
        amountFen: -p.amountFen,
        sourceType: 'payment',
        sourceId: row.id,
        entryKey: `payment:${row.id}`,
        reasonCode: 'payment',
        reasonParams: reason,
      },
      {
        schoolId: p.schoolId,
        termId: p.termId,
        book: 'fund',
        stream: p.stream,
        kind: 'fee_income',
        amountFen: p.amountFen,
        sourceType: 'payment',
        sourceId: row.id,
        entryKey: `fee_income:${row.id}`,
        reasonCode: 'payment',
        reasonParams: reason,
      },
    ],
    p.receivedAt,
    p.recordedBy,
  );
  return row;
}

export function toPaymentView(
  row: PaymentRow & { student_name: string; grade: number; class_no: number; recorder_name: string | null },
  locale: Locale,
): PaymentView {
  return {
    id: row.id,
    termId: row.term_id,
    studentId: row.student_id,
    studentName: row.student_name,
    classLabel: classLabel(Number(row.grade), Number(row.class_no), locale),
    stream: row.stream as Stream,
    method: row.method as PaymentMethod,
    amountFen: Number(row.amount_fen),
    reference: row.reference,
    receiptNo: row.receipt_no,
    receivedAt: row.received_at,
    recordedBy: row.recorder_name,
    note: row.note,
  };
}
