// Finance records a payment received in cash, by transfer or online (with its reference), for a
// student, term and stream. Partial payments are fine; more than is outstanding is refused, so a
// balance goes below zero only through settlement credits (or money a provider reports, which is
// never refused). The Idempotency-Key is required and stored on the payment: the same key and body
// answer the first payment again; the same key with another body is refused.
import { isUniqueViolation } from '../../../db/dialect';
import { accessSchool, auditor } from '../../../server/auth/access';
import type { Actor } from '../../../server/auth/policies';
import type { AppContext, RequestMeta } from '../../../server/context';
import { AppError } from '../../../server/errors';
import { writeAudit } from '../../audit/store';
import { termOf } from '../../programme/service/common';
import { loadSettings } from '../../programme/settings';
import { localDate } from '../../programme/time';
import type { PaymentView } from '../bills-contract';
import { labelOf, streamLabels } from '../bills-rules';
import { formatYuan } from '../money';
import type { RecordPaymentInput } from '../payments-contract';
import * as store from '../payments-store';
import { toPaymentView, writePayment } from './payments-common';

function sameRequest(row: store.PaymentRow, input: RecordPaymentInput): boolean {
  return (
    row.term_id === input.termId &&
    row.student_id === input.studentId &&
    row.stream === input.stream &&
    row.method === input.method &&
    Number(row.amount_fen) === input.amountFen &&
    (row.reference ?? null) === (input.reference ?? null) &&
    row.note === input.note &&
    row.recorded_by !== null
  );
}

export async function recordPayment(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  schoolId: string,
  input: RecordPaymentInput,
  idempotencyKey: string | undefined,
): Promise<{ status: number; body: PaymentView }> {
  if (!idempotencyKey) throw new AppError('PAYMENT_KEY_REQUIRED');
  // The webhook's own keys are `provider:<transaction id>`: a client key there could take the
  // key of a real notification and make it fail.
  if (/^provider:/i.test(idempotencyKey)) throw new AppError('PAYMENT_KEY_RESERVED');
  if (input.method !== 'cash' && !input.reference) throw new AppError('PAYMENT_REFERENCE_REQUIRED');
  // An online payment's reference is the provider's transaction id: stored as `provider_ref`
  // (unique), so the notification arriving later finds it and records nothing twice.
  const providerRef = input.method === 'online' ? (input.reference ?? null) : null;
  // A lost race on the key (the same key sent twice at once for two students) is run once more:
  // the second run finds the key and answers from it.
  for (let attempt = 0; ; attempt++) {
    try {
      return await ctx.db.transaction().execute(async (trx) => {
        const { school } = await accessSchool(trx, actor, schoolId, 'payment.record');
        const student = await store.lockStudent(trx, ctx.dialect, school.id, input.studentId);
        if (!student) throw new AppError('NOT_FOUND');
        const existing = await store.findByKey(trx, school.id, idempotencyKey);
        if (existing) {
          if (!sameRequest(existing, input)) throw new AppError('PAYMENT_KEY_REUSED');
          const named = await store.paymentWithNames(trx, school.id, existing.id);
          return { status: 201, body: toPaymentView(named!, meta.locale) };
        }
        const term = await termOf(trx, school.id, input.termId);
        // Notified first (or entered before under another key): the money is already recorded.
        if (providerRef && (await store.findByProviderRef(trx, providerRef)))
          throw new AppError('PAYMENT_REFERENCE_RECORDED', { reference: providerRef });
        const owed = await store.outstanding(trx, term.id, student.id, input.stream);
        if (input.amountFen > owed)
          throw new AppError('PAYMENT_OVER_OUTSTANDING', {
            amount: formatYuan(input.amountFen),
            outstanding: formatYuan(Math.max(0, owed)),
            stream: labelOf(streamLabels, input.stream, meta.locale),
          });
        const settings = await loadSettings(trx, school.id);
        const at = ctx.now().toISOString();
        const row = await writePayment(trx, {
          schoolId: school.id,
          termId: term.id,
          studentId: student.id,
          stream: input.stream,
          method: input.method,
          amountFen: input.amountFen,
          reference: input.reference ?? null,
          providerRef,
          idempotencyKey,
          note: input.note,
          receivedAt: at,
          recordedBy: actor.userId,
          year: localDate(at, settings.timezone).slice(0, 4),
        });
        await writeAudit(
          trx,
          auditor(ctx, actor, meta, school)('payment.record', 'payment', row.id, null, {
            ...row,
            outstandingBeforeFen: owed,
          }),
        );
        const named = await store.paymentWithNames(trx, school.id, row.id);
        return { status: 201, body: toPaymentView(named!, meta.locale) };
      });
    } catch (err) {
      if (attempt === 0 && isUniqueViolation(err)) continue;
      throw err;
    }
  }
}
