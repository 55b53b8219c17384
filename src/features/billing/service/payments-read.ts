// Reading payments: the finance list and its export, the A4 receipt (学校课后服务收费收据) for
// finance and the family, the notification log; and the school admin's write-only provider secret.
import type { z } from 'zod';
import { accessSchool, auditor } from '../../../server/auth/access';
import type { Actor } from '../../../server/auth/policies';
import type { AppContext, RequestMeta } from '../../../server/context';
import { AppError } from '../../../server/errors';
import { writeAudit } from '../../audit/store';
import { isGuardianOf } from '../../enrolment/draw-store';
import { termOf } from '../../programme/service/common';
import { loadSettings } from '../../programme/settings';
import { localDate } from '../../programme/time';
import type { PaymentView } from '../bills-contract';
import { labelOf, methodLabels, streamLabels } from '../bills-rules';
import { writePaymentsSheet } from '../bills-xlsx';
import { formatYuan } from '../money';
import type {
  notificationList,
  paymentList,
  paymentListQuery,
  receiptView,
  secretInput,
  secretState,
} from '../payments-contract';
import { amountInWords } from '../payments-rules';
import * as store from '../payments-store';
import { toPaymentView } from './payments-common';

type ListQuery = z.infer<typeof paymentListQuery>;

async function paymentRows(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  schoolId: string,
  termId: string,
  q: ListQuery,
): Promise<{ items: PaymentView[]; termStart: string }> {
  const { school, scope } = await accessSchool(ctx.db, actor, schoolId, 'billing.read');
  if (!scope.all) throw new AppError('FORBIDDEN');
  const term = await termOf(ctx.db, school.id, termId);
  const settings = await loadSettings(ctx.db, school.id);
  const rows = await store.listPayments(ctx.db, school.id, {
    termId: term.id,
    studentId: q.studentId,
    stream: q.stream,
    method: q.method,
  });
  const items = rows
    .filter((r) => {
      const day = localDate(r.received_at, settings.timezone);
      return (!q.from || day >= q.from) && (!q.to || day <= q.to);
    })
    .map((r) => toPaymentView(r, meta.locale));
  return { items, termStart: term.startsOn };
}

export async function listPayments(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  schoolId: string,
  termId: string,
  q: ListQuery,
): Promise<z.infer<typeof paymentList>> {
  const { items } = await paymentRows(ctx, actor, meta, schoolId, termId, q);
  return { items, totalFen: items.reduce((a, p) => a + p.amountFen, 0) };
}

export async function exportPayments(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  schoolId: string,
  termId: string,
  q: ListQuery,
) {
  const { items, termStart } = await paymentRows(ctx, actor, meta, schoolId, termId, q);
  return { file: await writePaymentsSheet(items, meta.locale), filename: `payments-${termStart}.xlsx` };
}

export async function getReceipt(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  schoolId: string,
  paymentId: string,
): Promise<z.infer<typeof receiptView>> {
  const { school, scope } = await accessSchool(ctx.db, actor, schoolId, 'billing.read');
  const row = await store.paymentWithNames(ctx.db, school.id, paymentId);
  if (!row) throw new AppError('NOT_FOUND');
  if (!scope.all && !(scope.familyOf && (await isGuardianOf(ctx.db, actor.userId, row.student_id))))
    throw new AppError('NOT_FOUND');
  const settings = await loadSettings(ctx.db, school.id);
  const en = meta.locale === 'en';
  return {
    payment: toPaymentView(row, meta.locale),
    schoolName: row.school_name,
    termName: row.term_name,
    title: en ? 'Receipt for after-school service fees' : '学校课后服务收费收据',
    amountYuan: formatYuan(Number(row.amount_fen)),
    amountInWords: amountInWords(Number(row.amount_fen)),
    methodLabel: labelOf(methodLabels, row.method, meta.locale),
    streamLabel: labelOf(streamLabels, row.stream, meta.locale),
    receivedOn: localDate(row.received_at, settings.timezone),
  };
}

export async function listNotifications(
  ctx: AppContext,
  actor: Actor,
  schoolId: string,
): Promise<z.infer<typeof notificationList>> {
  const { school } = await accessSchool(ctx.db, actor, schoolId, 'payment.record');
  const rows = await store.listNotifications(ctx.db, school.id, 200);
  return {
    items: rows.map((r) => ({
      id: r.id,
      providerRef: r.provider_ref,
      receivedAt: r.received_at,
      outcome: r.outcome,
      detail: r.detail,
      paymentId: r.payment_id,
    })),
  };
}

// The provider secret is the school admin's, like the notify channels' secrets (notifyChannel.write).

export async function getSecretState(
  ctx: AppContext,
  actor: Actor,
  schoolId: string,
): Promise<z.infer<typeof secretState>> {
  const { school } = await accessSchool(ctx.db, actor, schoolId, 'notifyChannel.write');
  const row = await store.secretOf(ctx.db, school.id);
  return { secretSet: !!row, updatedAt: row?.updated_at ?? null };
}

export async function setSecret(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  schoolId: string,
  input: z.infer<typeof secretInput>,
): Promise<z.infer<typeof secretState>> {
  return ctx.db.transaction().execute(async (trx) => {
    const { school } = await accessSchool(trx, actor, schoolId, 'notifyChannel.write');
    const before = await store.secretOf(trx, school.id);
    const at = ctx.now().toISOString();
    await store.saveSecret(trx, school.id, input.secret, actor.userId, at);
    // The audit says that it changed, never what it is.
    await writeAudit(
      trx,
      auditor(ctx, actor, meta, school)(
        'paymentSecret.set',
        'payment_secret',
        school.id,
        { secretSet: !!before },
        { secretSet: true },
      ),
    );
    return { secretSet: true, updatedAt: at };
  });
}
