// Term bills through HTTP on both databases (FEE-4, FEE-5, FEE-6, FEE-11): the worked examples,
// issuing twice, a student enrolled later, who may read a bill, and bad input changing nothing.
import type { Kysely } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { seedWithdrawal } from '../../../test/applications-fixture';
import {
  type BillingSchool,
  billsUrl,
  billUrl,
  enrol,
  ledgerCount,
  seedBillingSchool,
} from '../../../test/billing-fixtures';
import { describeBothDatabases } from '../../../test/db-matrix';
import { type Client, signIn } from '../../../test/fixtures';
import { readWorkbook } from '../../../test/xlsx';
import type { DB } from '../../db/schema';

describeBothDatabases('term bills', (h) => {
  let s: BillingSchool;
  let finance: Client;
  let admin: Client;
  let teacher: Client;
  let parent: Client;
  const issue = (c: Client, body: object = {}, termId = s.term.termId) =>
    c.send('POST', `/api/v1/schools/${s.world.schoolA}/terms/${termId}/bills/issue`, body);

  beforeAll(async () => {
    s = await seedBillingSchool(h());
    finance = await signIn(h(), 'finance');
    admin = await signIn(h(), 'admin');
    teacher = await signIn(h(), 'teacher');
    parent = await signIn(h(), s.world.parentPhone);
  });

  it('FEE-4: a class teacher may not issue bills (403) and nothing is written', async () => {
    const res = await issue(teacher);
    expect(res.statusCode).toBe(403);
    expect(await ledgerCount(h(), s.world.schoolA)).toBe(0);
  });

  it('FEE-4: bad input is refused and writes nothing (unknown term, another school’s student)', async () => {
    expect((await issue(finance, {}, '01900000-0000-7000-8000-000000000000')).statusCode).toBe(404);
    const other = await issue(finance, { studentIds: [s.world.studentOfB] });
    expect(other.statusCode).toBe(404);
    expect((await issue(finance, { studentIds: [] })).statusCode).toBe(400);
    expect(await ledgerCount(h(), s.world.schoolA)).toBe(0);
  });

  it('FEE-4, FEE-6: finance issues the term bills (twice at once): one bill per student, rows per offering and month', async () => {
    const [a, b] = await Promise.all([issue(finance), issue(finance)]);
    expect([a.statusCode, b.statusCode]).toEqual([200, 200]);
    const sum = (k: string) => a.json()[k] + b.json()[k];
    expect(a.json().students).toBe(5);
    expect(sum('billsCreated')).toBe(5);
    // 4 homework-care students × 5 months, the noon child × 5 months; the second run found them all.
    expect(sum('chargesWritten')).toBe(25);
    expect(Math.min(a.json().chargesWritten, b.json().chargesWritten)).toBe(0);
    // 低保 and 建档立卡 × 5 months each.
    expect(sum('waiversWritten')).toBe(10);
    const bills = await (h().ctx.db as Kysely<DB>).selectFrom('term_bills').select('bill_no').execute();
    expect(bills.map((b) => b.bill_no).sort()).toEqual([
      'B2026-000001',
      'B2026-000002',
      'B2026-000003',
      'B2026-000004',
      'B2026-000005',
    ]);
  });

  it('FEE-4 worked example: 180 yuan a month for 4.5 months → 810.00, "180.00 × 4.5 个月 = 810.00"', async () => {
    const res = await finance.get(billUrl(s, s.students.plain));
    expect(res.statusCode).toBe(200);
    const bill = res.json();
    expect(bill.bill.billNo).toMatch(/^B2026-\d{6}$/);
    expect(bill.service.totals.chargedFen).toBe(81_000);
    expect(bill.service.totals.waivedFen).toBe(0);
    expect(bill.service.totals.balanceFen).toBe(81_000);
    expect(bill.service.offerings).toHaveLength(1);
    expect(bill.service.offerings[0].summary).toBe('180.00 × 4.5 个月 = 810.00');
    const months = bill.service.entries.map((e: { month: string; amountFen: number }) => [
      e.month,
      e.amountFen,
    ]);
    expect(months).toEqual([
      ['2026-09', 18_000],
      ['2026-10', 18_000],
      ['2026-11', 18_000],
      ['2026-12', 18_000],
      ['2027-01', 9_000],
    ]);
    expect(bill.service.entries[4].reason).toBe('作业辅导看护：180.00 元/月 × 0.5 个月');
    // FEE-11: every figure is the sum of the rows listed.
    const sum = bill.service.entries.reduce((a: number, e: { amountFen: number }) => a + e.amountFen, 0);
    expect(sum).toBe(bill.service.totals.balanceFen);
    expect(bill.meal.entries).toEqual([]);
  });

  it('FEE-6 worked examples: 低保 at 50% → 405.00 due, with its own waiver lines; 建档立卡 → 0.00', async () => {
    const allowance = (await finance.get(billUrl(s, s.students.allowance))).json();
    expect(allowance.service.totals.chargedFen).toBe(81_000);
    expect(allowance.service.totals.waivedFen).toBe(-40_500);
    expect(allowance.service.totals.balanceFen).toBe(40_500);
    const waiver = allowance.service.entries.find((e: { kind: string }) => e.kind === 'waiver');
    expect(waiver.reason).toBe('减免（低保）50%');
    const en = await h().app.inject({
      method: 'GET',
      url: billUrl(s, s.students.allowance),
      headers: { cookie: finance.cookie, 'accept-language': 'en' },
    });
    expect(en.json().service.offerings[0].summary).toBe('180.00 × 4.5 months = 810.00');
    const poor = (await finance.get(billUrl(s, s.students.poor))).json();
    expect(poor.service.totals.chargedFen).toBe(81_000);
    expect(poor.service.totals.waivedFen).toBe(-81_000);
    expect(poor.service.totals.balanceFen).toBe(0);
  });

  it('FEE-4 worked example: noon care 3 class-hours a day at 3 yuan for 20 days → that month 180.00', async () => {
    const bill = (await finance.get(billUrl(s, s.students.noon))).json();
    const october = bill.service.entries.find((e: { month: string }) => e.month === '2026-10');
    expect(october.amountFen).toBe(18_000);
    expect(october.reason).toBe('午托：3.00 元/课时 × 3 课时/天 × 20 天');
    // September 2026 has 22 school days; the class-hour fee counts the days, not the 4.5 months.
    const september = bill.service.entries.find((e: { month: string }) => e.month === '2026-09');
    expect(september.amountFen).toBe(300 * 3 * 22);
    expect(bill.service.offerings[0].summary).toMatch(/^3\.00 × 3 课时 × \d+ 天 = \d+\.\d\d$/);
  });

  it('FEE-4: issuing again writes nothing new — no duplicate bill, charge or waiver', async () => {
    const before = await ledgerCount(h(), s.world.schoolA);
    const res = await issue(finance);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ billsCreated: 0, chargesWritten: 0, waiversWritten: 0 });
    expect(await ledgerCount(h(), s.world.schoolA)).toBe(before);
  });

  it('FEE-4, FEE-5: a student enrolled in November is billed from November only, and only that is new', async () => {
    const before = await ledgerCount(h(), s.world.schoolA);
    h().setNow('2026-11-10T02:00:00.000Z');
    try {
      await enrol(h(), s, [s.spare[0]!], [s.homeworkCare]);
      // A session from September has lapsed by November: finance signs in again.
      const november = await signIn(h(), 'finance');
      const res = await issue(november);
      expect(res.json()).toMatchObject({ billsCreated: 1, chargesWritten: 3, waiversWritten: 0 });
      expect(res.json().chargedFen).toBe(18_000 + 18_000 + 9_000);
      expect(await ledgerCount(h(), s.world.schoolA)).toBe(before + 3);
      const bill = (await november.get(billUrl(s, s.spare[0]!))).json();
      expect(bill.service.offerings[0].summary).toBe('180.00 × 2.5 个月 = 450.00');
    } finally {
      h().setNow('2026-09-01T08:00:00.000Z');
    }
  });

  it('FEE-5: a place withdrawn with approval in October is billed September and October only', async () => {
    const db = h().ctx.db as Kysely<DB>;
    const [app] = await enrol(h(), s, [s.spare[2]!], [s.homeworkCare]);
    await db
      .updateTable('applications')
      .set({ status: 'withdrawn' })
      .where('id', '=', app!.applicationId)
      .execute();
    await db
      .updateTable('application_lines')
      .set({ status: 'withdrawn' })
      .where('application_id', '=', app!.applicationId)
      .execute();
    await db
      .insertInto('withdrawals')
      .values({
        id: '01900000-0000-7000-8000-0000000000a1',
        school_id: s.world.schoolA,
        application_id: app!.applicationId,
        line_id: null,
        reason: '家里有人接送了',
        effective_on: '2026-10-31',
        status: 'approved',
        requested_by: s.adminId,
        requested_at: '2026-10-10T02:00:00.000Z',
        decided_by: s.adminId,
        decided_at: '2026-10-20T02:00:00.000Z',
        decision_note: null,
      })
      .execute();
    const res = await issue(finance, { studentIds: [s.spare[2]!] });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ billsCreated: 1, chargesWritten: 2, chargedFen: 36_000 });
    const bill = (await finance.get(billUrl(s, s.spare[2]!))).json();
    expect(bill.service.entries.map((e: { month: string }) => e.month)).toEqual(['2026-09', '2026-10']);
  });

  it('FEE-6: a bill is read by admin, finance and the family only: a class teacher gets 403', async () => {
    expect((await admin.get(billUrl(s, s.students.allowance))).statusCode).toBe(200);
    expect((await teacher.get(billUrl(s, s.students.plain))).statusCode).toBe(403);
    expect((await teacher.get(billsUrl(s))).statusCode).toBe(403);
  });

  it('a parent reads their own child’s bill; another child is not found; the lists are not theirs', async () => {
    const own = await parent.get(billUrl(s, s.students.plain));
    expect(own.statusCode).toBe(200);
    expect(own.json().service.totals.balanceFen).toBe(81_000);
    expect((await parent.get(billUrl(s, s.students.other))).statusCode).toBe(404);
    expect((await parent.get(billUrl(s, s.world.studentOfB))).statusCode).toBe(404);
    expect((await parent.get(billsUrl(s))).statusCode).toBe(403);
    const family = await parent.get(`/api/v1/schools/${s.world.schoolA}/terms/${s.term.termId}/family-bills`);
    expect(family.statusCode).toBe(200);
    expect(family.json().items.map((i: { student: { id: string } }) => i.student.id)).toEqual([
      s.students.plain,
    ]);
    expect(family.json().items[0].serviceBalanceFen).toBe(81_000);
  });

  it('the bills list sums the ledger per student, filters arrears and exports to xlsx', async () => {
    const res = await finance.get(billsUrl(s));
    expect(res.statusCode).toBe(200);
    const list = res.json();
    expect(list.items).toHaveLength(7);
    const poor = list.items.find((r: { student: { id: string } }) => r.student.id === s.students.poor);
    expect(poor).toMatchObject({ chargedFen: 81_000, waivedFen: -81_000, paidFen: 0, balanceFen: 0 });
    const arrears = (await finance.get(`${billsUrl(s)}?status=arrears`)).json();
    expect(arrears.items.map((r: { student: { id: string } }) => r.student.id)).not.toContain(
      s.students.poor,
    );
    expect(arrears.totals.arrearsFen).toBe(list.totals.arrearsFen);
    const sql = await (h().ctx.db as Kysely<DB>)
      .selectFrom('ledger_entries')
      .select((eb) => eb.fn.sum<number>('amount_fen').as('t'))
      .where('book', '=', 'family')
      .where('school_id', '=', s.world.schoolA)
      .executeTakeFirstOrThrow();
    expect(list.totals.balanceFen).toBe(Number(sql.t));
    const file = await finance.get(`${billsUrl(s)}/export?status=arrears`);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toContain('spreadsheetml');
    const rows = await readWorkbook(file.rawPayload);
    expect(rows[0]).toContain('账单号');
    expect(rows).toHaveLength(arrears.items.length + 1);
  });

  it('FEE-6: a waiver category set after the bill is waived on the next issue, from what was charged', async () => {
    const db = h().ctx.db as Kysely<DB>;
    await db
      .insertInto('student_categories')
      .values({
        student_id: s.students.plain,
        category: 'subsistence_allowance',
        created_at: '2026-09-02T00:00:00Z',
      })
      .execute();
    const res = await issue(finance, { studentIds: [s.students.plain] });
    expect(res.json()).toMatchObject({ chargesWritten: 0, waiversWritten: 5, waivedFen: -40_500 });
    await db.deleteFrom('student_categories').where('student_id', '=', s.students.plain).execute();
  });

  it('FEE-4: an enrolled offering without a fee → FEE_NOT_SET naming it, and nothing is written', async () => {
    const db = h().ctx.db as Kysely<DB>;
    await db
      .updateTable('offerings')
      .set({ fee_basis: null, fee_fen: null })
      .where('id', '=', s.term.chess)
      .execute();
    await enrol(h(), s, [s.spare[1]!], [s.term.chess]);
    const before = await ledgerCount(h(), s.world.schoolA);
    const bills = await db.selectFrom('term_bills').select('id').execute();
    const res = await issue(finance);
    expect(res.statusCode).toBe(422);
    expect(res.json().code).toBe('FEE_NOT_SET');
    expect(res.json().message).toContain('围棋社团');
    expect(await ledgerCount(h(), s.world.schoolA)).toBe(before);
    expect(await db.selectFrom('term_bills').select('id').execute()).toHaveLength(bills.length);
  });

  describe('a closed term-end balance', () => {
    it('FEE-4 多还少补: a student whose term is closed is not billed again (409 when named)', async () => {
      const db = h().ctx.db as Kysely<DB>;
      await db
        .updateTable('offerings')
        .set({ fee_basis: 'month', fee_fen: 18_000 })
        .where('id', '=', s.term.chess)
        .execute();
      await db
        .insertInto('term_closings')
        .values({
          id: '01900000-0000-7000-8000-0000000000c1',
          school_id: s.world.schoolA,
          term_id: s.term.termId,
          student_id: s.spare[1]!,
          stream: 'service',
          paid_fen: 0,
          net_fen: 0,
          balance_fen: 0,
          outcome: 'even',
          refund_id: null,
          closed_at: '2026-09-02T00:00:00Z',
          closed_by: s.financeId,
        })
        .execute();
      const before = await ledgerCount(h(), s.world.schoolA);
      const named = await issue(finance, { studentIds: [s.spare[1]!] });
      expect(named.statusCode).toBe(409);
      expect(named.json().code).toBe('TERM_CLOSED_FOR_STUDENT');
      const all = await issue(finance);
      expect(all.statusCode).toBe(200);
      expect(all.json()).toMatchObject({ skippedClosed: 1, chargesWritten: 0 });
      expect(await ledgerCount(h(), s.world.schoolA)).toBe(before);
    });
  });

  it('FEE-4, FEE-5: a late joiner withdrawn later is never charged for the months before they enrolled', async () => {
    const db = h().ctx.db as Kysely<DB>;
    const student = s.spare[3]!;
    expect(student).toBeDefined();
    try {
      // Accepted in November and billed November to January.
      h().setNow('2026-11-10T02:00:00.000Z');
      const [app] = await enrol(h(), s, [student], [s.homeworkCare]);
      const november = await signIn(h(), 'finance');
      const first = await issue(november, { studentIds: [student] });
      expect(first.json()).toMatchObject({ chargesWritten: 3, chargedFen: 18_000 + 18_000 + 9_000 });
      // The family asks to withdraw; the school approves it in December (through the API).
      h().setNow('2026-12-08T02:00:00.000Z');
      const withdrawalId = await seedWithdrawal(h(), {
        schoolId: s.world.schoolA,
        applicationId: app!.applicationId,
        requestedBy: s.adminId,
      });
      const december = await signIn(h(), 'admin');
      const decided = await december.send(
        'POST',
        `/api/v1/schools/${s.world.schoolA}/withdrawals/${withdrawalId}/decision`,
        { decision: 'approve' },
      );
      expect(decided.statusCode).toBe(200);
      const line = await db
        .selectFrom('application_lines')
        .select('status')
        .where('application_id', '=', app!.applicationId)
        .executeTakeFirstOrThrow();
      expect(line.status).toBe('withdrawn');
      // Finance issues the bills again: nothing is new for this student — no September or October.
      const financeDec = await signIn(h(), 'finance');
      const before = await ledgerCount(h(), s.world.schoolA);
      const again = await issue(financeDec, { studentIds: [student] });
      expect(again.statusCode).toBe(200);
      expect(again.json()).toMatchObject({ chargesWritten: 0, chargedFen: 0 });
      const all = await issue(financeDec);
      expect(all.statusCode).toBe(200);
      expect(await ledgerCount(h(), s.world.schoolA)).toBe(before);
      const bill = (await financeDec.get(billUrl(s, student))).json();
      expect(bill.service.entries.map((e: { month: string }) => e.month)).toEqual([
        '2026-11',
        '2026-12',
        '2027-01',
      ]);
    } finally {
      h().setNow('2026-09-01T08:00:00.000Z');
    }
  });
});
