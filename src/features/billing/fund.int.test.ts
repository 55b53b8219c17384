// The service fund through HTTP on both databases: subsidy income (FEE-2) and expenses (FEE-8)
// recorded and audited, bad input refused with nothing changed, reversal once (FEE-11), the fund
// statement equal to the ledger rows behind it, publishing frozen versions to parents, and the
// district's view of every school (FEE-9).
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { describeBothDatabases } from '../../../test/db-matrix';
import { type FundWorld, seedFundWorld, writeFundRows } from '../../../test/fund-fixtures';
import { readWorkbook } from '../../../test/xlsx';
import type { DB } from '../../db/schema';
import type { FundDocumentView, PublishedStatement, WorkingStatement } from './fund-contract';
import { figures } from './fund-contract';

describeBothDatabases('service fund (FEE-2, FEE-8, FEE-9)', (h) => {
  let f: FundWorld;
  const db = () => h().ctx.db as Kysely<DB>;
  const base = () => `/api/v1/schools/${f.w.schoolA}/terms/${f.term.termId}/fund`;
  const record = (body: Record<string, unknown>, client = f.finance) =>
    client.send('POST', `${base()}/documents`, body);
  const counts = async () => ({
    docs: Number(
      (
        await db()
          .selectFrom('fund_documents')
          .select(sql<number>`count(*)`.as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    ),
    rows: Number(
      (
        await db()
          .selectFrom('ledger_entries')
          .select(sql<number>`count(*)`.as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    ),
  });
  const expense = (voucherNo: string, amountFen: number, extra: Record<string, unknown> = {}) => ({
    kind: 'expense',
    category: 'consumables',
    occurredOn: '2026-09-20',
    amountFen,
    voucherNo,
    counterparty: '文具店',
    note: '作业本',
    ...extra,
  });

  beforeAll(async () => {
    f = await seedFundWorld(h());
  });

  it('FEE-2: finance records a subsidy: a document, a + row keyed fund:{id}, an audit row; the expected subsidy beside it', async () => {
    const res = await record({
      kind: 'subsidy',
      occurredOn: '2026-09-15',
      amountFen: 30_000,
      voucherNo: 'BZ-2026-01',
      students: 6,
      note: '秋季学期财政补助',
    });
    expect(res.statusCode, res.body).toBe(201);
    const doc = res.json() as FundDocumentView;
    expect(doc).toMatchObject({ kind: 'subsidy', amountFen: 30_000, students: 6, reversal: null });
    const row = await db()
      .selectFrom('ledger_entries')
      .selectAll()
      .where('entry_key', '=', `fund:${doc.id}`)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ book: 'fund', kind: 'subsidy', stream: 'service', month: '2026-09' });
    expect(Number(row.amount_fen)).toBe(30_000);
    const audit = await db()
      .selectFrom('audit_log')
      .select(['action', 'school_id'])
      .where('entity_id', '=', doc.id)
      .execute();
    expect(audit).toEqual([{ action: 'fund.record', school_id: f.w.schoolA }]);

    const expected = await f.finance.get(`${base()}/subsidy-expected`);
    expect(expected.statusCode, expected.body).toBe(200);
    // Six enrolled students × 100 yuan a year ÷ 2 terms.
    expect(expected.json()).toEqual({
      students: 6,
      perYearFen: 10_000,
      perTermFen: 5_000,
      expectedFen: 30_000,
      receivedFen: 30_000,
    });
  });

  it('FEE-8: expenses by category with voucher and payee write − rows, audited', async () => {
    for (const [voucher, amount, category, date] of [
      ['ZC-001', 12_000, 'consumables', '2026-09-20'],
      ['ZC-002', 80_000, 'outside_staff', '2026-10-08'],
      ['ZC-003', 5_050, 'utilities', '2026-10-31'],
    ] as const) {
      const res = await record(expense(voucher, amount, { category, occurredOn: date }));
      expect(res.statusCode, res.body).toBe(201);
      const doc = res.json() as FundDocumentView;
      const row = await db()
        .selectFrom('ledger_entries')
        .select(['amount_fen', 'kind', 'reason_params'])
        .where('entry_key', '=', `fund:${doc.id}`)
        .executeTakeFirstOrThrow();
      expect(Number(row.amount_fen)).toBe(-amount);
      expect(JSON.parse(row.reason_params)).toEqual({ voucher, category });
    }
    const audits = await db()
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'fund.record')
      .execute();
    expect(audits).toHaveLength(4);
    const list = await f.finance.get(`${base()}/documents?kind=expense`);
    expect((list.json().items as FundDocumentView[]).map((d) => d.voucherNo)).toEqual([
      'ZC-003',
      'ZC-002',
      'ZC-001',
    ]);
  });

  it('refuses a voucher taken (409), a negative amount or a fraction of a fen (400), a date outside the term (422): nothing changes', async () => {
    const before = await counts();
    const taken = await record(expense('ZC-001', 100));
    expect(taken.statusCode).toBe(409);
    expect(taken.json().code).toBe('VOUCHER_TAKEN');
    for (const amountFen of [-500, 0, 12.5, 1e20]) {
      const bad = await record(expense(`ZC-BAD-${amountFen}`, amountFen));
      expect(bad.statusCode, String(amountFen)).toBe(400);
      expect(bad.json().code).toBe('AMOUNT_INVALID');
    }
    const unknown = await record(expense('ZC-BAD-cat', 100, { category: 'snacks' }));
    expect(unknown.statusCode).toBe(400);
    const noSuchDay = await record(expense('ZC-BAD-day', 100, { occurredOn: '2026-09-31' }));
    expect(noSuchDay.statusCode).toBe(400);
    const outside = await record(expense('ZC-BAD-date', 100, { occurredOn: '2027-02-01' }));
    expect(outside.statusCode).toBe(422);
    expect(outside.json().code).toBe('MONTH_NOT_IN_TERM');
    expect(await counts()).toEqual(before);
  });

  it('an Idempotency-Key replays the first answer: one document, one row', async () => {
    const before = await counts();
    const body = expense('ZC-IDEM', 2_000, { category: 'cleaning', occurredOn: '2026-11-03' });
    const headers = { 'idempotency-key': 'fund-record-1' };
    const first = await f.finance.send('POST', `${base()}/documents`, body, headers);
    const again = await f.finance.send('POST', `${base()}/documents`, body, headers);
    expect(first.statusCode, first.body).toBe(201);
    expect(again.statusCode).toBe(201);
    expect(again.json()).toEqual(first.json());
    expect(await counts()).toEqual({ docs: before.docs + 1, rows: before.rows + 1 });
  });

  it('only finance writes: the admin, a class teacher and a parent are refused; another school’s finance sees nothing', async () => {
    const before = await counts();
    expect((await record(expense('ZC-ADM', 100), f.admin)).statusCode).toBe(403);
    expect((await record(expense('ZC-TCH', 100), f.teacher)).statusCode).toBe(403);
    expect((await record(expense('ZC-PAR', 100), f.families[0]!.client)).statusCode).toBe(403);
    expect((await record(expense('ZC-B', 100), f.parentB.client)).statusCode).toBe(404);
    expect(await counts()).toEqual(before);
  });

  it('FEE-11: a reversal with a reason, once; the list shows it reversed; a second try is 409', async () => {
    const made = await record(expense('ZC-004', 7_700, { category: 'security', occurredOn: '2026-10-12' }));
    const doc = made.json() as FundDocumentView;
    const url = `/api/v1/schools/${f.w.schoolA}/fund/documents/${doc.id}/reverse`;
    expect((await f.teacher.send('POST', url, { reason: '录错' })).statusCode).toBe(403);
    const res = await f.finance.send('POST', url, { reason: '金额录错，重新登记' });
    expect(res.statusCode, res.body).toBe(200);
    const view = res.json() as FundDocumentView;
    expect(view.reversal).toMatchObject({ reason: '金额录错，重新登记' });
    const rows = await db()
      .selectFrom('ledger_entries')
      .select(['kind', 'amount_fen', 'reverses_id', 'month'])
      .where('source_id', '=', doc.id)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    expect(rows.map((r) => [r.kind, Number(r.amount_fen), r.month])).toEqual([
      ['expense', -7_700, '2026-10'],
      ['reversal', 7_700, '2026-10'],
    ]);
    const again = await f.finance.send('POST', url, { reason: '再次' });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('ENTRY_ALREADY_REVERSED');
    const audit = await db()
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', '=', doc.id)
      .orderBy('at')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['fund.record', 'fund.reverse']);
    // The document stays in the list, marked reversed (nothing edited).
    const list = (await f.finance.get(`${base()}/documents`)).json().items as FundDocumentView[];
    expect(list.find((d) => d.id === doc.id)?.reversal?.reason).toBe('金额录错，重新登记');
  });

  it('FEE-9: every figure of every period equals the ledger rows behind it; opening + net = closing; meals apart', async () => {
    // What payments, refunds and meals write into the fund book (other parts of billing).
    await writeFundRows(
      h(),
      f.w.schoolA,
      f.term.termId,
      [
        { kind: 'fee_income', stream: 'service', amountFen: 81_000, month: '2026-09' },
        { kind: 'fee_income', stream: 'service', amountFen: 40_500, month: '2026-09' },
        { kind: 'fee_payout', stream: 'service', amountFen: 18_000, month: '2026-10' },
        { kind: 'fee_income', stream: 'meal', amountFen: 33_000, month: '2026-10' },
        { kind: 'fee_payout', stream: 'meal', amountFen: 1_500, month: '2026-11' },
      ],
      f.financeUserId,
    );
    const sumSql = async (where: (q: ReturnType<typeof fundRows>) => ReturnType<typeof fundRows>) =>
      Number(
        (
          await where(fundRows())
            .select(sql<number>`coalesce(sum(amount_fen), 0)`.as('s'))
            .executeTakeFirstOrThrow()
        ).s,
      );
    const fundRows = () =>
      db()
        .selectFrom('ledger_entries')
        .where('school_id', '=', f.w.schoolA)
        .where('book', '=', 'fund')
        .where('term_id', '=', f.term.termId);

    const periods = ['term', '2026-09', '2026-10', '2026-11', '2026-12', '2027-01'];
    const closings: number[] = [];
    for (const period of periods) {
      const res = await f.finance.get(`${base()}/statement?period=${period}`);
      expect(res.statusCode, res.body).toBe(200);
      const { statement: st } = res.json() as WorkingStatement;
      expect(st.closingFen).toBe(st.openingFen + st.netFen);
      expect(st.netFen).toBe(st.income.totalFen - st.expenses.totalFen);
      expect(st.expenses.totalFen).toBe(st.expenses.byCategory.reduce((a, c) => a + c.amountFen, 0));
      for (const figure of figures) {
        const lines = await f.finance.get(`${base()}/statement/lines?period=${period}&figure=${figure}`);
        expect(lines.statusCode, lines.body).toBe(200);
        const body = lines.json() as { totalFen: number; items: { amountFen: number }[] };
        const sum = body.items.reduce((a, l) => a + l.amountFen, 0);
        const negated = figure.startsWith('expense.') || figure === 'meals.spent';
        expect(negated ? 0 - sum : sum, `${period} ${figure}`).toBe(body.totalFen);
      }
      if (period !== 'term') closings.push(st.closingFen);
      else {
        // The term's closing is the sum of every service row of the fund book.
        expect(st.closingFen).toBe(await sumSql((q) => q.where('stream', '=', 'service')));
        expect(st.income).toMatchObject({
          serviceReceivedFen: 121_500,
          servicePaidBackFen: -18_000,
          serviceNetFen: 103_500,
          subsidyFen: 30_000,
        });
        expect(st.expenses.totalFen).toBe(12_000 + 80_000 + 5_050 + 2_000);
        expect(st.meals).toMatchObject({ collectedFen: 33_000, paidBackFen: -1_500, closingFen: 31_500 });
      }
    }
    // Each month's closing is every service row up to that month.
    expect(closings[1]).toBe(
      await sumSql((q) => q.where('stream', '=', 'service').where('month', '<=', '2026-10')),
    );
    expect(closings.at(-1)).toBe(await sumSql((q) => q.where('stream', '=', 'service')));
    const lines = await f.finance.get(`${base()}/statement/lines?period=2026-10&figure=expense.security`);
    const items = lines.json().items as { kind: string; voucherNo: string; reason: string }[];
    expect(items.map((i) => i.kind)).toEqual(['expense', 'reversal']);
    expect(items[0]!.voucherNo).toBe('ZC-004');
    expect(items[0]!.reason).toBe('支出：安保（凭证 ZC-004）');
    const bad = await f.finance.get(`${base()}/statement?period=2027-03`);
    expect(bad.statusCode).toBe(422);
  });

  let v1: PublishedStatement;
  it('FEE-9: publishing freezes a version that later entries do not change; again makes version 2; parents are told', async () => {
    expect((await f.teacher.send('POST', `${base()}/statements`, { period: '2026-09' })).statusCode).toBe(
      403,
    );
    const res = await f.finance.send('POST', `${base()}/statements`, { period: '2026-09' });
    expect(res.statusCode, res.body).toBe(201);
    v1 = res.json() as PublishedStatement;
    expect(v1).toMatchObject({ version: 1, period: '2026-09', school: { name: '测试一小' } });
    const working = (await f.finance.get(`${base()}/statement?period=2026-09`)).json() as WorkingStatement;
    expect(v1.statement).toEqual(working.statement);

    const told = await db()
      .selectFrom('notifications')
      .select('user_id')
      .where('kind', '=', 'fund.published')
      .execute();
    const toldIds = new Set(told.map((t) => t.user_id));
    for (const fam of f.families) expect(toldIds.has(fam.userId)).toBe(true);
    expect(toldIds.has(f.parentB.userId)).toBe(false);
    const inbox = await f.families[0]!.client.get('/api/v1/me/notifications');
    expect(inbox.statusCode).toBe(200);
    expect(inbox.body).toContain('经费公示已发布');

    // A later expense in September changes the working statement, not the published version.
    expect((await record(expense('ZC-005', 1_000, { occurredOn: '2026-09-30' }))).statusCode).toBe(201);
    const after = (await f.finance.get(`${base()}/statement?period=2026-09`)).json() as WorkingStatement;
    expect(after.statement.expenses.totalFen).toBe(v1.statement.expenses.totalFen + 1_000);
    const frozen = await f.finance.get(`/api/v1/schools/${f.w.schoolA}/fund-statements/${v1.id}`);
    expect(frozen.json()).toEqual(v1);

    const v2 = await f.admin.send('POST', `${base()}/statements`, { period: '2026-09' });
    expect(v2.statusCode, v2.body).toBe(201);
    expect(v2.json()).toMatchObject({ version: 2 });
    expect((v2.json() as PublishedStatement).statement.expenses.totalFen).toBe(
      v1.statement.expenses.totalFen + 1_000,
    );
    const list = (await f.finance.get(`/api/v1/schools/${f.w.schoolA}/fund-statements`)).json().items as {
      version: number;
      superseded: boolean;
    }[];
    expect(list.map((s) => [s.version, s.superseded])).toEqual([
      [2, false],
      [1, true],
    ]);
    // Publishers racing on one period each get their own next version.
    const racing = await Promise.all(
      [f.finance, f.admin, f.finance].map((c) =>
        c.send('POST', `${base()}/statements`, { period: '2026-10' }),
      ),
    );
    expect(racing.map((r) => r.statusCode)).toEqual([201, 201, 201]);
    expect(racing.map((r) => r.json().version as number).sort()).toEqual([1, 2, 3]);
    const audits = await db()
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'fund.publish')
      .execute();
    expect(audits).toHaveLength(5);
  });

  it('parents read only the published statements; another school’s parent gets 404; a class teacher reads but cannot write', async () => {
    const parent = f.families[0]!.client;
    const list = await parent.get(`/api/v1/schools/${f.w.schoolA}/fund-statements`);
    expect(list.statusCode).toBe(200);
    expect(list.json().items).toHaveLength(5);
    expect((await parent.get(`/api/v1/schools/${f.w.schoolA}/fund-statements/${v1.id}`)).statusCode).toBe(
      200,
    );
    // The working statement, its lines and the documents are not the parents'.
    expect((await parent.get(`${base()}/statement`)).statusCode).toBe(403);
    expect((await parent.get(`${base()}/statement/lines?figure=subsidy`)).statusCode).toBe(403);
    expect((await parent.get(`${base()}/documents`)).statusCode).toBe(403);
    expect((await parent.send('POST', `${base()}/statements`, { period: 'term' })).statusCode).toBe(403);
    const other = f.parentB.client;
    expect((await other.get(`/api/v1/schools/${f.w.schoolA}/fund-statements`)).statusCode).toBe(404);
    expect((await other.get(`/api/v1/schools/${f.w.schoolA}/fund-statements/${v1.id}`)).statusCode).toBe(404);
    // A statement id of school A asked for under school B does not exist there.
    expect((await other.get(`/api/v1/schools/${f.w.schoolB}/fund-statements/${v1.id}`)).statusCode).toBe(404);
    expect((await f.teacher.get(`/api/v1/schools/${f.w.schoolA}/fund-statements/${v1.id}`)).statusCode).toBe(
      200,
    );
    expect((await f.teacher.get(`${base()}/statement`)).statusCode).toBe(403);
  });

  it('the district sees every school’s published statements side by side, opens each, exports xlsx', async () => {
    const baseB = `/api/v1/schools/${f.w.schoolB}/terms/${f.termB.termId}/fund`;
    expect((await f.adminB.send('POST', `${baseB}/statements`, { period: 'term' })).statusCode).toBe(201);
    const res = await f.district.get(`/api/v1/districts/${f.w.districtId}/fund-statements`);
    expect(res.statusCode, res.body).toBe(200);
    const items = res.json().items as {
      schoolId: string;
      period: string;
      version: number;
      incomeFen: number;
      id: string;
    }[];
    expect(new Set(items.map((i) => i.schoolId))).toEqual(new Set([f.w.schoolA, f.w.schoolB]));
    // The latest version of each school's period only, unless every version is asked for.
    const latestA = items.filter((i) => i.schoolId === f.w.schoolA);
    expect(latestA.map((i) => [i.period, i.version]).sort()).toEqual([
      ['2026-09', 2],
      ['2026-10', 3],
    ]);
    const all = await f.district.get(`/api/v1/districts/${f.w.districtId}/fund-statements?all=true`);
    expect(all.json().items).toHaveLength(6);
    // A school admin is not the district.
    expect((await f.admin.get(`/api/v1/districts/${f.w.districtId}/fund-statements`)).statusCode).toBe(404);

    const a = latestA.find((i) => i.period === '2026-09')!;
    const open = await f.district.get(`/api/v1/schools/${f.w.schoolA}/fund-statements/${a.id}`);
    expect(open.statusCode).toBe(200);
    expect(open.json().statement.income.totalFen).toBe(a.incomeFen);

    const xlsx = await f.district.get(`/api/v1/schools/${f.w.schoolA}/fund-statements/${a.id}/export`);
    expect(xlsx.statusCode).toBe(200);
    const sheet = await readWorkbook(xlsx.rawPayload);
    expect(sheet[0]![0]).toBe('测试一小 经费公示');
    const total = sheet.find((r) => r[0] === '收入合计');
    expect(Number(total![1])).toBe(a.incomeFen / 100);

    const docs = await f.finance.get(`${base()}/documents/export?kind=expense`);
    expect(docs.statusCode).toBe(200);
    const rows = await readWorkbook(docs.rawPayload);
    expect(rows[0]).toEqual(['日期', '类型', '类别', '金额（元）', '凭证号', '收付款方', '备注', '状态']);
    expect(
      rows
        .slice(1)
        .map((r) => r[4])
        .sort(),
    ).toEqual(['ZC-001', 'ZC-002', 'ZC-003', 'ZC-004', 'ZC-005', 'ZC-IDEM']);
    expect(rows.find((r) => r[4] === 'ZC-004')![7]).toContain('已冲销');
  });
});
