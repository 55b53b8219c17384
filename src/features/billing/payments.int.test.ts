// Payments recorded by finance, through HTTP on both databases: partial payments, the two ledger
// rows, the idempotency key, the receipt, who may record and read, and bad input changing nothing.
import type { Kysely } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { type BillingSchool, billUrl, ledgerCount, seedBillingSchool } from '../../../test/billing-fixtures';
import { describeBothDatabases } from '../../../test/db-matrix';
import { type Client, signIn } from '../../../test/fixtures';
import { readWorkbook } from '../../../test/xlsx';
import type { DB } from '../../db/schema';

describeBothDatabases('payments', (h) => {
  let s: BillingSchool;
  let finance: Client;
  let teacher: Client;
  let parent: Client;
  let admin: Client;
  let keyNo = 0;
  const url = () => `/api/v1/schools/${s.world.schoolA}/payments`;
  const pay = (c: Client, body: object, key: string | null = `key-${++keyNo}`) =>
    c.send('POST', url(), body, key ? { 'idempotency-key': key } : {});
  const cash = (studentId: string, amountFen: number) => ({
    termId: s.term.termId,
    studentId,
    stream: 'service',
    method: 'cash',
    amountFen,
  });
  const payments = () => (h().ctx.db as Kysely<DB>).selectFrom('payments').selectAll().execute();

  beforeAll(async () => {
    s = await seedBillingSchool(h());
    finance = await signIn(h(), 'finance');
    teacher = await signIn(h(), 'teacher');
    parent = await signIn(h(), s.world.parentPhone);
    admin = await signIn(h(), 'admin');
    const issued = await finance.send(
      'POST',
      `/api/v1/schools/${s.world.schoolA}/terms/${s.term.termId}/bills/issue`,
      {},
    );
    expect(issued.statusCode).toBe(200);
  });

  it('a partial cash payment: receipt number, payment − in the family book, fee_income + in the fund book', async () => {
    const res = await pay(finance, cash(s.students.plain, 30_000), 'first-payment');
    expect(res.statusCode).toBe(201);
    const p = res.json();
    expect(p).toMatchObject({
      amountFen: 30_000,
      method: 'cash',
      stream: 'service',
      recordedBy: 'finance 老师',
    });
    expect(p.receiptNo).toBe('R2026-000001');
    const rows = await (h().ctx.db as Kysely<DB>)
      .selectFrom('ledger_entries')
      .select(['book', 'kind', 'amount_fen', 'entry_key', 'stream'])
      .where('source_type', '=', 'payment')
      .where('source_id', '=', p.id)
      .orderBy('book')
      .execute();
    expect(rows.map((r) => [r.book, r.kind, Number(r.amount_fen), r.entry_key])).toEqual([
      ['family', 'payment', -30_000, `payment:${p.id}`],
      ['fund', 'fee_income', 30_000, `fee_income:${p.id}`],
    ]);
    const bill = (await finance.get(billUrl(s, s.students.plain))).json();
    expect(bill.service.totals.paidFen).toBe(-30_000);
    expect(bill.service.totals.balanceFen).toBe(51_000);
    expect(bill.payments.map((x: { id: string }) => x.id)).toEqual([p.id]);
    const paymentLine = bill.service.entries.find((e: { kind: string }) => e.kind === 'payment');
    expect(paymentLine.reason).toBe('缴费（现金）收据 R2026-000001');
    const audit = await (h().ctx.db as Kysely<DB>)
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', '=', p.id)
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['payment.record']);
  });

  it('the same Idempotency-Key and body answer the same payment; another body is PAYMENT_KEY_REUSED', async () => {
    const before = await ledgerCount(h(), s.world.schoolA);
    const again = await pay(finance, cash(s.students.plain, 30_000), 'first-payment');
    expect(again.statusCode).toBe(201);
    expect(again.json().receiptNo).toBe('R2026-000001');
    const other = await pay(finance, cash(s.students.plain, 20_000), 'first-payment');
    expect(other.statusCode).toBe(409);
    expect(other.json().code).toBe('PAYMENT_KEY_REUSED');
    expect(await ledgerCount(h(), s.world.schoolA)).toBe(before);
    expect(await payments()).toHaveLength(1);
  });

  it('the same key sent five times at once records one payment', async () => {
    const answers = await Promise.all(
      Array.from({ length: 5 }, () => pay(finance, cash(s.students.other, 10_000), 'burst-key')),
    );
    expect(answers.map((a) => a.statusCode)).toEqual([201, 201, 201, 201, 201]);
    expect(new Set(answers.map((a) => a.json().id)).size).toBe(1);
    expect((await payments()).filter((p) => p.idempotency_key === 'burst-key')).toHaveLength(1);
  });

  it('bad input gets a clear 4xx and changes nothing', async () => {
    const before = await ledgerCount(h(), s.world.schoolA);
    const cases: [object, string | null, number, string][] = [
      [cash(s.students.plain, -100), 'k-neg', 400, 'VALIDATION_FAILED'],
      [cash(s.students.plain, 0), 'k-zero', 400, 'VALIDATION_FAILED'],
      [cash(s.students.plain, 100.5), 'k-frac', 400, 'VALIDATION_FAILED'],
      [cash(s.students.plain, 1000), null, 400, 'PAYMENT_KEY_REQUIRED'],
      [{ ...cash(s.students.plain, 1000), method: 'transfer' }, 'k-ref', 400, 'PAYMENT_REFERENCE_REQUIRED'],
      [cash(s.world.studentOfB, 1000), 'k-other-school', 404, 'NOT_FOUND'],
      [
        { ...cash(s.students.plain, 1000), termId: '01900000-0000-7000-8000-000000000000' },
        'k-term',
        404,
        'NOT_FOUND',
      ],
      // More than is outstanding (510.00 left) is refused; 建档立卡 owes nothing at all.
      [cash(s.students.plain, 51_001), 'k-over', 422, 'PAYMENT_OVER_OUTSTANDING'],
      [cash(s.students.poor, 100), 'k-poor', 422, 'PAYMENT_OVER_OUTSTANDING'],
      // Meals were never billed: nothing is outstanding in that stream.
      [{ ...cash(s.students.plain, 100), stream: 'meal' }, 'k-meal', 422, 'PAYMENT_OVER_OUTSTANDING'],
    ];
    for (const [body, key, status, code] of cases) {
      const res = await pay(finance, body, key);
      expect([res.statusCode, res.json().code]).toEqual([status, code]);
    }
    const over = await pay(finance, cash(s.students.plain, 51_001), 'k-over-2');
    expect(over.json().message).toContain('510.00');
    expect(await ledgerCount(h(), s.world.schoolA)).toBe(before);
  });

  it('paying exactly what is outstanding brings the balance to 0.00; a transfer carries its reference', async () => {
    const res = await pay(finance, {
      ...cash(s.students.plain, 51_000),
      method: 'transfer',
      reference: 'BANK-20260901-77',
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().reference).toBe('BANK-20260901-77');
    const bill = (await finance.get(billUrl(s, s.students.plain))).json();
    expect(bill.service.totals.balanceFen).toBe(0);
    expect((await pay(finance, cash(s.students.plain, 1))).json().code).toBe('PAYMENT_OVER_OUTSTANDING');
  });

  it('a class teacher and a parent may not record payments (403)', async () => {
    const before = await ledgerCount(h(), s.world.schoolA);
    expect((await pay(teacher, cash(s.students.allowance, 100))).statusCode).toBe(403);
    expect((await pay(parent, cash(s.students.plain, 100))).statusCode).toBe(403);
    expect((await pay(admin, cash(s.students.allowance, 100))).statusCode).toBe(403);
    expect(await ledgerCount(h(), s.world.schoolA)).toBe(before);
  });

  it('the A4 receipt: school, student, class, amount in figures and in capitals, method, recorder', async () => {
    const [first] = (await payments()).filter((p) => p.receipt_no === 'R2026-000001');
    const receiptUrl = `/api/v1/schools/${s.world.schoolA}/payments/${first!.id}/receipt`;
    const res = await finance.get(receiptUrl);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      title: '学校课后服务收费收据',
      schoolName: '测试一小',
      amountYuan: '300.00',
      amountInWords: '叁佰元整',
      methodLabel: '现金',
      receivedOn: '2026-09-01',
      payment: { receiptNo: 'R2026-000001', recordedBy: 'finance 老师', classLabel: '一年级1班' },
    });
    // The family prints its own receipts; another family's is not found, and a teacher reads none.
    expect((await parent.get(receiptUrl)).statusCode).toBe(200);
    const [otherPaid] = (await payments()).filter((p) => p.student_id === s.students.other);
    expect(
      (await parent.get(`/api/v1/schools/${s.world.schoolA}/payments/${otherPaid!.id}/receipt`)).statusCode,
    ).toBe(404);
    expect((await teacher.get(receiptUrl)).statusCode).toBe(403);
  });

  it('the payments list sums what it shows and exports to xlsx', async () => {
    const listUrl = `/api/v1/schools/${s.world.schoolA}/terms/${s.term.termId}/payments`;
    const res = await finance.get(listUrl);
    expect(res.statusCode).toBe(200);
    const list = res.json();
    expect(list.items).toHaveLength(3);
    expect(list.totalFen).toBe(30_000 + 10_000 + 51_000);
    const transfers = (await finance.get(`${listUrl}?method=transfer`)).json();
    expect(transfers.items).toHaveLength(1);
    const file = await finance.get(`${listUrl}/export`);
    expect(file.headers['content-type']).toContain('spreadsheetml');
    const rows = await readWorkbook(file.rawPayload);
    expect(rows[0]).toContain('收据号');
    expect(rows).toHaveLength(4);
    expect((await parent.get(listUrl)).statusCode).toBe(403);
  });
});
