// The signed payment notification (online payments) through HTTP on both databases: no session,
// HMAC over `timestamp.body` with the school's secret, replay-safe, every delivery logged.
import type { Kysely } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { type BillingSchool, billUrl, ledgerCount, seedBillingSchool } from '../../../test/billing-fixtures';
import { describeBothDatabases } from '../../../test/db-matrix';
import { type Client, signIn } from '../../../test/fixtures';
import type { DB } from '../../db/schema';
import { notifySignatureHeader, notifyTimestampHeader, signNotification } from './payments-rules';

const secret = 'school-a-payment-secret-0123456789';

describeBothDatabases('payment notifications', (h) => {
  let s: BillingSchool;
  let admin: Client;
  let finance: Client;
  const db = () => h().ctx.db as Kysely<DB>;
  const nowSeconds = () => Math.floor(h().ctx.now().getTime() / 1000);
  const notice = (transactionId: string, amountFen: number, studentId = s.students.plain) => ({
    schoolId: s.world.schoolA,
    termId: s.term.termId,
    studentId,
    stream: 'service',
    transactionId,
    amountFen,
    paidAt: '2026-09-01T07:59:00Z',
  });
  /** Delivers a body as a provider would: exact bytes, signed with `key` at `timestamp`. No cookie, no CSRF. */
  const deliver = (
    body: object | string,
    options: { timestamp?: number; key?: string; signature?: string } = {},
  ) => {
    const raw = typeof body === 'string' ? body : JSON.stringify(body);
    const timestamp = String(options.timestamp ?? nowSeconds());
    return h().app.inject({
      method: 'POST',
      url: '/api/v1/payments/notify',
      headers: {
        'content-type': 'application/json',
        [notifyTimestampHeader]: timestamp,
        [notifySignatureHeader]: options.signature ?? signNotification(raw, timestamp, options.key ?? secret),
      },
      payload: raw,
    });
  };
  const logOf = (ref: string) =>
    db()
      .selectFrom('payment_notifications')
      .select(['outcome', 'payment_id'])
      .where('provider_ref', '=', ref)
      .execute();

  beforeAll(async () => {
    s = await seedBillingSchool(h());
    admin = await signIn(h(), 'admin');
    finance = await signIn(h(), 'finance');
    const issued = await finance.send(
      'POST',
      `/api/v1/schools/${s.world.schoolA}/terms/${s.term.termId}/bills/issue`,
      {},
    );
    expect(issued.statusCode).toBe(200);
  });

  it('the school admin sets the secret through a write-only API; finance may not', async () => {
    const secretUrl = `/api/v1/schools/${s.world.schoolA}/payment-secret`;
    expect((await admin.get(secretUrl)).json()).toEqual({ secretSet: false, updatedAt: null });
    expect((await finance.send('PUT', secretUrl, { secret })).statusCode).toBe(403);
    expect((await admin.send('PUT', secretUrl, { secret: 'short' })).statusCode).toBe(400);
    const set = await admin.send('PUT', secretUrl, { secret });
    expect(set.statusCode).toBe(200);
    expect(set.body).not.toContain(secret);
    const read = await admin.get(secretUrl);
    expect(read.json().secretSet).toBe(true);
    expect(read.body).not.toContain(secret);
    const audit = await db()
      .selectFrom('audit_log')
      .select('after_json')
      .where('action', '=', 'paymentSecret.set')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.after_json).not.toContain(secret);
  });

  it('the same notification delivered 5 times, out of order and at once: one payment, the same answer', async () => {
    const body = JSON.stringify(notice('TX-0001', 40_000));
    const now = nowSeconds();
    // Five deliveries with the provider's retry timestamps, sent newest first and all together.
    const answers = await Promise.all(
      [40, 10, 30, 0, 20].map((ago) => deliver(body, { timestamp: now - ago })),
    );
    expect(answers.map((a) => a.statusCode)).toEqual([200, 200, 200, 200, 200]);
    expect(new Set(answers.map((a) => a.body)).size).toBe(1);
    const answer = answers[0]!.json();
    expect(answer.received).toBe(true);
    const rows = await db()
      .selectFrom('payments')
      .selectAll()
      .where('provider_ref', '=', 'TX-0001')
      .execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      id: answer.paymentId,
      method: 'online',
      reference: 'TX-0001',
      recorded_by: null,
    });
    const ledger = await db()
      .selectFrom('ledger_entries')
      .select(['kind', 'amount_fen'])
      .where('source_id', '=', answer.paymentId)
      .execute();
    expect(ledger.map((l) => [l.kind, Number(l.amount_fen)]).sort()).toEqual([
      ['fee_income', 40_000],
      ['payment', -40_000],
    ]);
    const log = await logOf('TX-0001');
    expect(log.map((l) => l.outcome).sort()).toEqual([
      'accepted',
      'duplicate',
      'duplicate',
      'duplicate',
      'duplicate',
    ]);
    expect(new Set(log.map((l) => l.payment_id))).toEqual(new Set([answer.paymentId]));
    const audit = await db()
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', '=', answer.paymentId)
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['payment.notify']);
  });

  it('money that arrived is never refused for being more than owed: the over-payment becomes refundable', async () => {
    // 810.00 billed, 400.00 paid above; 500.00 more arrives.
    const res = await deliver(notice('TX-0002', 50_000));
    expect(res.statusCode).toBe(200);
    const bill = (await finance.get(billUrl(s, s.students.plain))).json();
    expect(bill.service.totals.paidFen).toBe(-90_000);
    expect(bill.service.totals.balanceFen).toBe(-9_000);
    expect(bill.payments).toHaveLength(2);
  });

  it('a bad signature is refused (401) and logged; nothing is recorded', async () => {
    const before = await ledgerCount(h(), s.world.schoolA);
    const wrongKey = await deliver(notice('TX-BAD-1', 10_000), { key: 'someone-elses-secret-123456' });
    expect(wrongKey.statusCode).toBe(401);
    expect(wrongKey.json().code).toBe('PAYMENT_SIGNATURE_INVALID');
    const tampered = JSON.stringify(notice('TX-BAD-2', 10_000));
    const ts = String(nowSeconds());
    const forged = await deliver(tampered.replace('10000', '99999'), {
      signature: signNotification(tampered, ts, secret),
      timestamp: Number(ts),
    });
    expect(forged.statusCode).toBe(401);
    const unsigned = await h().app.inject({
      method: 'POST',
      url: '/api/v1/payments/notify',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify(notice('TX-BAD-3', 10_000)),
    });
    expect(unsigned.statusCode).toBe(401);
    expect((await logOf('TX-BAD-1')).length + (await logOf('TX-BAD-2')).length).toBe(0);
    const logged = await db()
      .selectFrom('payment_notifications')
      .select(['outcome', 'body', 'school_id'])
      .where('outcome', '=', 'bad_signature')
      .execute();
    expect(logged).toHaveLength(3);
    expect(logged.every((l) => l.school_id === s.world.schoolA)).toBe(true);
    expect(logged.some((l) => l.body.includes('TX-BAD-1'))).toBe(true);
    expect(await ledgerCount(h(), s.world.schoolA)).toBe(before);
    expect(
      await db().selectFrom('payments').select('id').where('provider_ref', 'like', 'TX-BAD%').execute(),
    ).toEqual([]);
  });

  it('a stale timestamp (over 5 minutes) is refused and logged, even when correctly signed', async () => {
    const before = await ledgerCount(h(), s.world.schoolA);
    const res = await deliver(notice('TX-OLD', 10_000), { timestamp: nowSeconds() - 301 });
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('PAYMENT_STALE');
    const log = await db()
      .selectFrom('payment_notifications')
      .select('outcome')
      .where('outcome', '=', 'stale')
      .execute();
    expect(log).toHaveLength(1);
    expect(await ledgerCount(h(), s.world.schoolA)).toBe(before);
  });

  it('a signed notification that cannot be recorded is refused and logged (bad amount, unknown student)', async () => {
    const before = await ledgerCount(h(), s.world.schoolA);
    const negative = await deliver(notice('TX-NEG', -100));
    expect([negative.statusCode, negative.json().code]).toEqual([400, 'PAYMENT_NOTIFICATION_INVALID']);
    const fraction = await deliver(notice('TX-FRAC', 100.5));
    expect(fraction.statusCode).toBe(400);
    const stranger = await deliver(notice('TX-B', 100, s.world.studentOfB));
    expect([stranger.statusCode, stranger.json().code]).toEqual([404, 'NOT_FOUND']);
    expect((await logOf('TX-B')).map((l) => l.outcome)).toEqual(['rejected']);
    // The same transaction id again with another amount is not a replay: refused.
    const reused = await deliver(notice('TX-0001', 1));
    expect([reused.statusCode, reused.json().code]).toEqual([409, 'PAYMENT_KEY_REUSED']);
    // Not JSON and not declared as JSON: still logged (no school named, so no secret: a bad signature).
    const text = await h().app.inject({
      method: 'POST',
      url: '/api/v1/payments/notify',
      headers: { 'content-type': 'text/plain', [notifyTimestampHeader]: String(nowSeconds()) },
      payload: 'hello',
    });
    expect(text.statusCode).toBe(401);
    const plain = await db()
      .selectFrom('payment_notifications')
      .select(['outcome', 'school_id'])
      .where('body', '=', 'hello')
      .execute();
    expect(plain).toEqual([{ outcome: 'bad_signature', school_id: null }]);
    const rejected = await db()
      .selectFrom('payment_notifications')
      .select('id')
      .where('outcome', '=', 'rejected')
      .execute();
    expect(rejected).toHaveLength(4);
    expect(await ledgerCount(h(), s.world.schoolA)).toBe(before);
  });

  const record = (body: object, key: string, locale = 'zh-CN') =>
    finance.send('POST', `/api/v1/schools/${s.world.schoolA}/payments`, body, {
      'idempotency-key': key,
      'accept-language': locale,
    });
  const online = (reference: string, amountFen: number, studentId = s.students.allowance) => ({
    termId: s.term.termId,
    studentId,
    stream: 'service',
    method: 'online',
    amountFen,
    reference,
  });
  const paymentsOf = (ref: string) =>
    db().selectFrom('payments').select('id').where('reference', '=', ref).execute();

  it('an online payment recorded by hand, then notified by the provider, is one payment (the notice is a duplicate)', async () => {
    const manual = await record(online('TX-MAN-1', 10_000), 'manual-online-1');
    expect(manual.statusCode, manual.body).toBe(201);
    const before = await ledgerCount(h(), s.world.schoolA);
    const notified = await deliver(notice('TX-MAN-1', 10_000, s.students.allowance));
    expect(notified.statusCode, notified.body).toBe(200);
    expect(notified.json()).toMatchObject({
      paymentId: manual.json().id,
      receiptNo: manual.json().receiptNo,
    });
    expect(await paymentsOf('TX-MAN-1')).toHaveLength(1);
    expect((await logOf('TX-MAN-1')).map((l) => [l.outcome, l.payment_id])).toEqual([
      ['duplicate', manual.json().id],
    ]);
    expect(await ledgerCount(h(), s.world.schoolA)).toBe(before);
  });

  it('an online payment notified first and then recorded by hand is refused (409, zh/en): one payment', async () => {
    const notified = await deliver(notice('TX-HOOK-1', 10_000, s.students.allowance));
    expect(notified.statusCode).toBe(200);
    const before = await ledgerCount(h(), s.world.schoolA);
    const zh = await record(online('TX-HOOK-1', 10_000), 'manual-online-2');
    expect([zh.statusCode, zh.json().code]).toEqual([409, 'PAYMENT_REFERENCE_RECORDED']);
    expect(zh.json().message).toContain('TX-HOOK-1');
    expect(zh.json().message).toMatch(/流水号/);
    const en = await record(online('TX-HOOK-1', 10_000), 'manual-online-3', 'en');
    expect([en.statusCode, en.json().code]).toEqual([409, 'PAYMENT_REFERENCE_RECORDED']);
    expect(en.json().message).toMatch(/already recorded/);
    expect(await paymentsOf('TX-HOOK-1')).toHaveLength(1);
    expect(await ledgerCount(h(), s.world.schoolA)).toBe(before);
  });

  it('a client Idempotency-Key in the provider’s namespace is refused (400, zh/en); the real notice is recorded', async () => {
    const cash = { ...online('x', 1_000, s.students.other), method: 'cash', reference: undefined };
    const zh = await record(cash, 'provider:TX-KEY-1');
    expect([zh.statusCode, zh.json().code]).toEqual([400, 'PAYMENT_KEY_RESERVED']);
    expect(zh.json().message).toMatch(/provider:/);
    const en = await record(cash, 'Provider:TX-KEY-1', 'en');
    expect([en.statusCode, en.json().code]).toEqual([400, 'PAYMENT_KEY_RESERVED']);
    expect(en.json().message).toMatch(/reserved/);
    const notified = await deliver(notice('TX-KEY-1', 1_000, s.students.other));
    expect(notified.statusCode, notified.body).toBe(200);
    expect(await paymentsOf('TX-KEY-1')).toHaveLength(1);
  });

  it('finance reads the notification log; a parent may not', async () => {
    const res = await finance.get(`/api/v1/schools/${s.world.schoolA}/payment-notifications`);
    expect(res.statusCode).toBe(200);
    expect(res.json().items.length).toBeGreaterThanOrEqual(10);
    const parent = await signIn(h(), s.world.parentPhone);
    expect((await parent.get(`/api/v1/schools/${s.world.schoolA}/payment-notifications`)).statusCode).toBe(
      403,
    );
  });
});
