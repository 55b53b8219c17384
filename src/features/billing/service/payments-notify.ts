// The online payment notification (webhook): no session, no CSRF token; trust comes from the
// HMAC-SHA256 signature over `timestamp.body` with the school's shared secret. Replay-safe: a stale
// timestamp is refused, and the provider's transaction id is unique (payments.provider_ref), so the
// same notification delivered many times, in any order and at once, records ONE payment and answers
// every delivery alike. Every notification is logged with its outcome, refused ones included.
// Money that arrived is never refused for being more than owed: it is recorded, and an
// over-payment becomes refundable at the term end.
import { isUniqueViolation } from '../../../db/dialect';
import { auditor } from '../../../server/auth/access';
import { type AppContext, type Executor, newId, type RequestMeta } from '../../../server/context';
import { AppError, type ErrorCode } from '../../../server/errors';
import { writeAudit } from '../../audit/store';
import { loadSettings } from '../../programme/settings';
import { findTerm } from '../../programme/store';
import { localDate } from '../../programme/time';
import { claimedSchool, hmacNotificationProvider, type PaymentProvider } from '../payments-provider';
import * as store from '../payments-store';
import { writePayment } from './payments-common';

export interface NotifyAnswer {
  received: true;
  paymentId: string;
  receiptNo: string;
}

type Outcome = 'accepted' | 'duplicate' | 'bad_signature' | 'stale' | 'rejected';

const maxLoggedBody = 8000;

export async function receivePaymentNotification(
  ctx: AppContext,
  meta: RequestMeta,
  rawBody: string,
  headers: Record<string, string | string[] | undefined>,
  provider: PaymentProvider = hmacNotificationProvider,
): Promise<NotifyAnswer> {
  const claimed = claimedSchool(rawBody);
  const schoolId = claimed && (await store.schoolExists(ctx.db, claimed)) ? claimed : null;
  const secret = schoolId ? ((await store.secretOf(ctx.db, schoolId))?.secret ?? null) : null;
  const parsed = provider.parseNotification(rawBody, headers, secret, ctx.now().getTime());

  const refuse = async (
    outcome: Outcome,
    code: ErrorCode,
    detail: string,
    providerRef: string | null = null,
  ) => {
    await store.logNotification(ctx.db, {
      id: newId(),
      school_id: schoolId,
      provider_ref: providerRef,
      received_at: ctx.now().toISOString(),
      outcome,
      detail: `${detail}${meta.ip ? ` (from ${meta.ip})` : ''}`.slice(0, 1000),
      payment_id: null,
      body: rawBody.slice(0, maxLoggedBody),
    });
    return new AppError(code);
  };
  if (parsed.outcome !== 'ok') {
    if (parsed.outcome === 'bad_signature')
      throw await refuse(
        'bad_signature',
        'PAYMENT_SIGNATURE_INVALID',
        secret ? 'signature does not match' : 'no secret for the school named',
      );
    if (parsed.outcome === 'stale')
      throw await refuse('stale', 'PAYMENT_STALE', 'timestamp outside 5 minutes');
    throw await refuse('rejected', 'PAYMENT_NOTIFICATION_INVALID', parsed.detail);
  }
  const n = parsed.body;

  for (let attempt = 0; ; attempt++) {
    try {
      return await ctx.db.transaction().execute(async (trx) => {
        const student = await store.lockStudent(trx, ctx.dialect, n.schoolId, n.studentId);
        const term = student ? await findTerm(trx, n.schoolId, n.termId) : undefined;
        if (!student || !term) throw new AppError('NOT_FOUND');
        const at = ctx.now().toISOString();
        const log = (outcome: Outcome, paymentId: string, detail: string) =>
          store.logNotification(trx, {
            id: newId(),
            school_id: n.schoolId,
            provider_ref: n.transactionId,
            received_at: at,
            outcome,
            detail,
            payment_id: paymentId,
            body: rawBody.slice(0, maxLoggedBody),
          });
        const existing = await store.findByProviderRef(trx, n.transactionId);
        if (existing) {
          const same =
            existing.school_id === n.schoolId &&
            existing.student_id === n.studentId &&
            existing.term_id === n.termId &&
            existing.stream === n.stream &&
            Number(existing.amount_fen) === n.amountFen;
          if (!same) throw new AppError('PAYMENT_KEY_REUSED');
          await log('duplicate', existing.id, 'already recorded');
          return { received: true as const, paymentId: existing.id, receiptNo: existing.receipt_no };
        }
        const settings = await loadSettings(trx, n.schoolId);
        const row = await writePayment(trx, {
          schoolId: n.schoolId,
          termId: term.id,
          studentId: student.id,
          stream: n.stream,
          method: 'online',
          amountFen: n.amountFen,
          reference: n.transactionId,
          providerRef: n.transactionId,
          idempotencyKey: `provider:${n.transactionId}`,
          note: n.paidAt ? `paid at ${n.paidAt}` : '',
          receivedAt: at,
          recordedBy: null,
          year: localDate(at, settings.timezone).slice(0, 4),
        });
        await log('accepted', row.id, provider.name);
        const school = { id: n.schoolId, districtId: (await schoolDistrict(trx, n.schoolId)) ?? '' };
        await writeAudit(
          trx,
          auditor(ctx, null, meta, school)('payment.notify', 'payment', row.id, null, {
            ...row,
            provider: provider.name,
          }),
        );
        return { received: true as const, paymentId: row.id, receiptNo: row.receipt_no };
      });
    } catch (err) {
      if (attempt === 0 && isUniqueViolation(err)) continue;
      if (err instanceof AppError) {
        const detail =
          err.code === 'NOT_FOUND'
            ? 'student or term not found in the school'
            : 'transaction id already used for a different payment';
        throw await refuse('rejected', err.code, detail, n.transactionId);
      }
      throw err;
    }
  }
}

async function schoolDistrict(db: Executor, schoolId: string) {
  const row = await db
    .selectFrom('schools')
    .select('district_id')
    .where('id', '=', schoolId)
    .executeTakeFirst();
  return row?.district_id ?? null;
}
