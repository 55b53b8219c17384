// The monthly settlement, refunds with a second person and the term end, through HTTP on both
// databases (FEE-4, FEE-5, 多还少补). Bills, payments and rolls are written by fixtures
// (test/settlement-fixtures.ts) with the ledger keys design.md defines.
import type { Kysely } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { seedApplications } from '../../../test/applications-fixture';
import { type SchoolDay, seedSchoolDay } from '../../../test/daily-fixtures';
import { describeBothDatabases, type Harness } from '../../../test/db-matrix';
import { type Client, password, signIn } from '../../../test/fixtures';
import { billTerm, pay, weekdaysOfMonth, writeRolls } from '../../../test/settlement-fixtures';
import { addStaff } from '../../cli/demo';
import type { DB } from '../../db/schema';
import { hashPassword } from '../../server/auth/passwords';

describeBothDatabases('monthly settlement, refunds and the term end (FEE-4, FEE-5)', (h) => {
  let day: SchoolDay;
  let db: Kysely<DB>;
  let finance: Client;
  let admin: Client;
  let admin2: Client;
  let teacher: Client;
  let adminB: Client;
  let both: Client;
  let base: string;
  let termUrl: string;
  let a: string; // attends 14 of 22 days in September
  let b: string; // attends 15 of 22
  let c: string; // attends every day, pays nothing
  const term = { id: '', startsOn: '2026-09-01', endsOn: '2027-01-15' };

  const ledgerRows = async () =>
    db.selectFrom('ledger_entries').selectAll().where('term_id', '=', term.id).execute();
  const signInAll = async () => {
    const sign = (u: string) => signIn(h(), u);
    [finance, admin, admin2, teacher, adminB, both] = [
      await sign('finance'),
      await sign('admin'),
      await sign('admin2'),
      await sign('teacher'),
      await sign('adminB'),
      await sign('finadmin'),
    ];
  };
  /** Moves the clock; sessions lapse over weeks, so everyone signs in again. */
  const moveTo = async (iso: string) => {
    h().setNow(iso);
    await signInAll();
  };
  const settle = (client: Client, month: string) => client.send('POST', `${termUrl}/settlements`, { month });

  beforeAll(async () => {
    const harness: Harness = h();
    db = harness.ctx.db as Kysely<DB>;
    day = await seedSchoolDay(harness);
    term.id = day.term.termId;
    base = `/api/v1/schools/${day.world.schoolA}`;
    termUrl = `${base}/terms/${term.id}`;
    const at = harness.ctx.now().toISOString();
    // Someone who holds both finance and the school admin's role: the second-person rule still holds.
    await addStaff(
      db,
      {
        username: 'finadmin',
        displayName: '财务兼管理员',
        passwordHash: await hashPassword(password),
        grants: [
          { role: 'finance', districtId: day.world.districtId, schoolId: day.world.schoolA },
          { role: 'school_admin', districtId: day.world.districtId, schoolId: day.world.schoolA },
        ],
      },
      at,
    );
    await signInAll();
    a = day.world.childOfParent;
    b = day.membersOne[1]!;
    c = day.membersTwo[0]!;
    const billed = [a, b, c];
    await seedApplications(harness, {
      schoolId: day.world.schoolA,
      termId: term.id,
      families: billed.map((studentId) => ({ studentId, userId: day.users.admin })),
      status: 'enrolled',
      lineStatus: 'accepted',
      choices: () => [{ offeringId: day.term.homeworkCare }],
    });
    for (const studentId of billed)
      await billTerm(db, {
        schoolId: day.world.schoolA,
        term,
        studentId,
        offeringId: day.term.homeworkCare,
        feeFen: 18_000,
        at,
        by: null,
      });
    // A pays the whole term and 100 yuan more; B pays the whole term; C pays nothing.
    await pay(db, {
      schoolId: day.world.schoolA,
      termId: term.id,
      studentId: a,
      amountFen: 91_000,
      at,
      by: null,
    });
    await pay(db, {
      schoolId: day.world.schoolA,
      termId: term.id,
      studentId: b,
      amountFen: 81_000,
      at,
      by: null,
    });
    const september = weekdaysOfMonth(term, '2026-09');
    expect(september).toHaveLength(22);
    const attendedDays = new Map([
      [a, 14],
      [b, 15],
    ]);
    for (const [tempClassId, members] of [
      [day.classOne, day.membersOne],
      [day.classTwo, day.membersTwo],
    ] as const)
      await writeRolls(db, {
        schoolId: day.world.schoolA,
        tempClassId,
        members,
        dates: september,
        takenBy: day.users.care,
        at,
        // The 14-day child is late once: late counts as attended.
        mark: (date, s) => {
          const n = attendedDays.get(s);
          const i = september.indexOf(date);
          if (n === undefined) return 'present';
          if (i >= n) return i % 2 ? 'leave' : 'absent';
          return i === 3 ? 'late' : 'present';
        },
      });
  });

  describe('who may settle, and when', () => {
    it('a class teacher is refused (403), another school’s admin does not see the term (404)', async () => {
      await moveTo('2026-10-08T02:00:00Z');
      expect((await settle(teacher, '2026-09')).statusCode).toBe(403);
      expect((await adminB.send('POST', `${termUrl}/settlements`, { month: '2026-09' })).statusCode).toBe(
        404,
      );
      expect((await teacher.get(`${termUrl}/settlements`)).statusCode).toBe(403);
    });

    it('a month not ended or not in the term is refused with a 4xx and changes nothing', async () => {
      await moveTo('2026-09-30T15:00:00Z'); // 23:00 on 30 September in Shanghai
      const notEnded = await settle(finance, '2026-09');
      expect(notEnded.statusCode).toBe(422);
      expect(notEnded.json().code).toBe('MONTH_NOT_ENDED');
      const outside = await settle(finance, '2027-03');
      expect(outside.statusCode).toBe(422);
      expect(outside.json().code).toBe('MONTH_NOT_IN_TERM');
      expect((await settle(finance, '2026-13')).statusCode).toBe(400);
      expect(await db.selectFrom('settlements').selectAll().execute()).toHaveLength(0);
      expect((await ledgerRows()).filter((e) => e.source_type === 'settlement')).toHaveLength(0);
    });
  });

  describe('settling September', () => {
    let settlementId: string;

    it('attended 14 of 22 → refund 180.00 with its reason; 15 → none (FEE-5 worked example)', async () => {
      await moveTo('2026-09-30T16:00:00Z'); // 00:00 on 1 October in Shanghai: September is over
      const res = await settle(finance, '2026-09');
      expect(res.statusCode).toBe(201);
      const view = res.json();
      settlementId = view.id;
      expect(view).toMatchObject({ month: '2026-09', lineCount: 3, refundFen: 18_000, adjustmentFen: 0 });

      const detail = await finance.get(`${base}/settlements/${settlementId}`);
      expect(detail.statusCode).toBe(200);
      const lines = detail.json().lines as { studentId: string; reason: string; refundFen: number }[];
      const lineOf = (s: string) => lines.find((l) => l.studentId === s)!;
      expect(lineOf(a)).toMatchObject({ attended: 14, schoolDays: 22, billedFen: 18_000, refundFen: 18_000 });
      expect(lineOf(a).reason).toBe('2026-09 出勤 14/22 天 < 15 → 退 180.00 元');
      expect(lineOf(b)).toMatchObject({ attended: 15, refundFen: 0, reasonCode: 'settle.at_threshold' });
      expect(lineOf(c)).toMatchObject({ attended: 22, refundFen: 0 });

      const en = await h().app.inject({
        method: 'GET',
        url: `${base}/settlements/${settlementId}?studentId=${a}`,
        headers: { cookie: finance.cookie, 'accept-language': 'en' },
      });
      expect(en.json().lines).toHaveLength(1);
      expect(en.json().lines[0].reason).toBe('2026-09: attended 14 of 22 days < 15 → refund 180.00');

      const credits = (await ledgerRows()).filter((e) => e.kind === 'credit');
      expect(credits).toHaveLength(1);
      expect(credits[0]).toMatchObject({
        student_id: a,
        amount_fen: -18_000,
        month: '2026-09',
        entry_key: `credit:${term.id}:${a}:${day.term.homeworkCare}:2026-09`,
        source_id: settlementId,
      });
      const audit = await db
        .selectFrom('audit_log')
        .select('action')
        .where('entity_id', '=', settlementId)
        .execute();
      expect(audit.map((r) => r.action)).toEqual(['settlement.run']);
    });

    it('settling the same month again changes nothing and returns the settlement made', async () => {
      const before = await ledgerRows();
      const again = await settle(finance, '2026-09');
      expect(again.statusCode).toBe(200);
      expect(again.json()).toMatchObject({ id: settlementId, created: false, refundFen: 18_000 });
      expect(await ledgerRows()).toHaveLength(before.length);
      expect(await db.selectFrom('settlement_lines').selectAll().execute()).toHaveLength(3);
    });

    it('the month list shows it settled, the next months open, and lines export to xlsx', async () => {
      const list = await finance.get(`${termUrl}/settlements`);
      expect(list.statusCode).toBe(200);
      const months = list.json().months as { month: string; ended: boolean; settlement: unknown }[];
      expect(months.map((m) => m.month)).toEqual(['2026-09', '2026-10', '2026-11', '2026-12', '2027-01']);
      expect(months[0]!.settlement).toMatchObject({ id: settlementId });
      expect(months[1]).toMatchObject({ ended: false, settlement: null });
      const file = await finance.get(`${base}/settlements/${settlementId}/export`);
      expect(file.statusCode).toBe(200);
      expect(file.headers['content-type']).toContain('spreadsheetml');
      expect(file.rawPayload.subarray(0, 2).toString()).toBe('PK');
    });
  });

  describe('a roll corrected after settlement', () => {
    it('becomes an adjustment in the next month’s settlement; September itself is not rewritten', async () => {
      // The 14-day child was marked absent on day 15 by mistake: version 2 of that roll says present.
      const september = weekdaysOfMonth(term, '2026-09');
      await moveTo('2026-10-02T02:00:00Z');
      await writeRolls(db, {
        schoolId: day.world.schoolA,
        tempClassId: day.classOne,
        members: day.membersOne,
        dates: [september[14]!],
        takenBy: day.users.care,
        at: h().ctx.now().toISOString(),
        version: 2,
        mark: () => 'present',
      });
      const septemberLines = await db.selectFrom('settlement_lines').selectAll().execute();
      await moveTo('2026-11-03T02:00:00Z');
      const res = await settle(finance, '2026-10');
      expect(res.statusCode).toBe(201);
      // No rolls in October: all three are refunded October; A's September refund is taken back.
      expect(res.json()).toMatchObject({ month: '2026-10', refundFen: 3 * 18_000, adjustmentFen: -18_000 });
      const detail = (await finance.get(`${base}/settlements/${res.json().id}?studentId=${a}`)).json();
      const adjustment = detail.lines.find((l: { adjustment: boolean }) => l.adjustment);
      expect(adjustment).toMatchObject({
        forMonth: '2026-09',
        attended: 15,
        refundFen: 0,
        deltaFen: -18_000,
        reasonCode: 'settle.adjustment',
      });
      expect(adjustment.reason).toBe(
        '2026-09 重新核算（考勤更正或补记收费、减免）：应退由 180.00 元改为 0.00 元 → 调整 -180.00 元',
      );
      const rows = (await ledgerRows()).filter((e) => e.kind === 'adjustment');
      expect(rows).toEqual([
        expect.objectContaining({
          student_id: a,
          month: '2026-09',
          amount_fen: 18_000,
          entry_key: `adjust:${term.id}:${a}:${day.term.homeworkCare}:2026-09:2026-10`,
        }),
      ]);
      // The September settlement's own lines are untouched.
      const now = await db
        .selectFrom('settlement_lines')
        .selectAll()
        .where('settlement_id', '=', septemberLines[0]!.settlement_id)
        .execute();
      expect(now).toEqual(septemberLines);
      // Settling November finds nothing more to correct.
      await moveTo('2026-12-02T02:00:00Z');
      const nov = await settle(finance, '2026-11');
      expect(nov.json().adjustmentFen).toBe(0);
    });
  });

  describe('refunds: finance proposes, the school admin approves', () => {
    let refundId: string;

    it('a proposal over what is refundable is refused; another school’s student is not found', async () => {
      const refundable = await finance.get(`${termUrl}/refundable`);
      expect(refundable.statusCode).toBe(200);
      const mine = refundable.json().items.find((i: { studentId: string }) => i.studentId === a);
      // Paid 910.00 for 810.00 billed, 180.00 (Oct) + 180.00 (Nov) credited: 460.00 over.
      expect(mine).toMatchObject({ overpaidFen: 46_000, pendingFen: 0, refundableFen: 46_000 });
      const over = await finance.send('POST', `${base}/refunds`, {
        studentId: a,
        termId: term.id,
        stream: 'service',
        amountFen: 46_001,
        reason: '多缴',
      });
      expect(over.statusCode).toBe(422);
      expect(over.json().code).toBe('REFUND_OVER_BALANCE');
      const owing = await finance.send('POST', `${base}/refunds`, {
        studentId: c,
        termId: term.id,
        stream: 'service',
        amountFen: 100,
        reason: '多缴',
      });
      expect(owing.json().code).toBe('REFUND_OVER_BALANCE');
      const elsewhere = await finance.send('POST', `${base}/refunds`, {
        studentId: day.world.studentOfB,
        termId: term.id,
        stream: 'service',
        amountFen: 100,
        reason: '多缴',
      });
      expect(elsewhere.statusCode).toBe(404);
      for (const amountFen of [0, -100, 10.5])
        expect(
          (
            await finance.send('POST', `${base}/refunds`, {
              studentId: a,
              termId: term.id,
              stream: 'service',
              amountFen,
              reason: 'x',
            })
          ).statusCode,
        ).toBe(400);
      expect(
        (
          await teacher.send('POST', `${base}/refunds`, {
            studentId: a,
            termId: term.id,
            stream: 'service',
            amountFen: 100,
            reason: 'x',
          })
        ).statusCode,
      ).toBe(403);
      expect(await db.selectFrom('refunds').selectAll().execute()).toHaveLength(0);
    });

    it('finance proposes; the proposer may not approve; the admin approves once', async () => {
      const proposed = await both.send('POST', `${base}/refunds`, {
        studentId: a,
        termId: term.id,
        stream: 'service',
        amountFen: 20_000,
        reason: '10 月、11 月缺勤退费',
      });
      expect(proposed.statusCode).toBe(201);
      refundId = proposed.json().id;
      expect(proposed.json()).toMatchObject({ status: 'proposed', amountFen: 20_000 });
      // What is pending counts against the next proposal.
      const second = await finance.send('POST', `${base}/refunds`, {
        studentId: a,
        termId: term.id,
        stream: 'service',
        amountFen: 26_001,
        reason: '再退',
      });
      expect(second.json().code).toBe('REFUND_OVER_BALANCE');

      const self = await both.send('POST', `${base}/refunds/${refundId}/approve`, { note: '' });
      expect(self.statusCode).toBe(403);
      expect(self.json().code).toBe('REFUND_SAME_PERSON');
      expect((await finance.send('POST', `${base}/refunds/${refundId}/approve`, {})).statusCode).toBe(403);

      const ok = await admin.send('POST', `${base}/refunds/${refundId}/approve`, { note: '同意' });
      expect(ok.statusCode).toBe(200);
      expect(ok.json()).toMatchObject({
        status: 'approved',
        decisionNote: '同意',
        decidedByName: 'admin 老师',
      });
      const twice = await admin2.send('POST', `${base}/refunds/${refundId}/approve`, { note: '' });
      expect(twice.statusCode).toBe(409);
      expect(twice.json().code).toBe('REFUND_NOT_PENDING');
      const rows = (await ledgerRows()).filter((e) => e.source_id === refundId);
      expect(rows.map((r) => [r.book, r.kind, Number(r.amount_fen), r.entry_key]).sort()).toEqual([
        ['family', 'payout', 20_000, `payout:${refundId}`],
        ['fund', 'fee_payout', -20_000, `fee_payout:${refundId}`],
      ]);
      const parent = await db
        .selectFrom('notifications')
        .innerJoin('users', 'users.id', 'notifications.user_id')
        .select(['notifications.kind', 'notifications.params'])
        .where('users.phone', '=', day.world.parentPhone)
        .where('notifications.kind', '=', 'refund.approved')
        .execute();
      expect(parent).toHaveLength(1);
      expect(JSON.parse(parent[0]!.params)).toMatchObject({ amount: '200.00' });
      const audit = await db
        .selectFrom('audit_log')
        .select('action')
        .where('entity_id', '=', refundId)
        .execute();
      expect(audit.map((r) => r.action).sort()).toEqual(['refund.approve', 'refund.propose']);
    });

    it('two approvals at once approve once', async () => {
      const proposed = await finance.send('POST', `${base}/refunds`, {
        studentId: a,
        termId: term.id,
        stream: 'service',
        amountFen: 1_000,
        reason: '并发',
      });
      const id = proposed.json().id;
      const answers = await Promise.all(
        [admin, admin2, admin, admin2].map((cl) => cl.send('POST', `${base}/refunds/${id}/approve`, {})),
      );
      expect(answers.map((r) => r.statusCode).sort()).toEqual([200, 409, 409, 409]);
      expect((await ledgerRows()).filter((e) => e.source_id === id)).toHaveLength(2);
    });

    it('a rejection writes nothing to the ledger; lists and exports show every refund', async () => {
      const proposed = await finance.send('POST', `${base}/refunds`, {
        studentId: a,
        termId: term.id,
        stream: 'service',
        amountFen: 500,
        reason: '驳回测试',
      });
      const id = proposed.json().id;
      const rejected = await admin.send('POST', `${base}/refunds/${id}/reject`, { note: '不符合' });
      expect(rejected.json()).toMatchObject({ status: 'rejected' });
      expect((await ledgerRows()).filter((e) => e.source_id === id)).toHaveLength(0);
      const list = await admin.get(`${base}/refunds?termId=${term.id}`);
      expect(list.json().items).toHaveLength(3);
      const pending = await admin.get(`${base}/refunds?status=proposed`);
      expect(pending.json().items).toHaveLength(0);
      const file = await finance.get(`${base}/refunds/export?termId=${term.id}`);
      expect(file.statusCode).toBe(200);
      expect(file.rawPayload.subarray(0, 2).toString()).toBe('PK');
    });
  });

  describe('term end (多还少补)', () => {
    it('is refused until the last month is settled', async () => {
      const early = await finance.send('POST', `${termUrl}/closings`, {});
      expect(early.statusCode).toBe(409);
      expect(early.json().code).toBe('TERM_NOT_SETTLED');
    });

    it('an over-payment becomes a proposed refund, a shortfall tells the family, once each', async () => {
      await moveTo('2027-01-05T02:00:00Z');
      expect((await settle(finance, '2026-12')).statusCode).toBe(201);
      await moveTo('2027-02-02T02:00:00Z');
      expect((await settle(finance, '2027-01')).statusCode).toBe(201);
      expect((await teacher.send('POST', `${termUrl}/closings`, {})).statusCode).toBe(403);

      const res = await finance.send('POST', `${termUrl}/closings`, { stream: 'service' });
      expect(res.statusCode).toBe(200);
      const closed = res.json().closed as {
        studentId: string;
        outcome: string;
        balanceFen: number;
        refundId: string | null;
      }[];
      const of = (s: string) => closed.find((x) => x.studentId === s)!;
      // No rolls after September: October to January are refunded to all three (90 + 180 × 3).
      // A: paid 910.00 − 210.00 back = 700.00; net 810.00 − 630.00 = 180.00 → 520.00 over.
      expect(of(a)).toMatchObject({ outcome: 'refund', balanceFen: 52_000 });
      expect(of(a).refundId).not.toBeNull();
      const refund = await db
        .selectFrom('refunds')
        .selectAll()
        .where('id', '=', of(a).refundId!)
        .executeTakeFirstOrThrow();
      expect(refund).toMatchObject({ status: 'proposed', amount_fen: 52_000, student_id: a });
      // B: paid 810.00; net 810.00 − 630.00 = 180.00 → 630.00 over.
      expect(of(b)).toMatchObject({ outcome: 'refund', balanceFen: 63_000 });
      // C: paid nothing; net 180.00 → a shortfall of 180.00, told to the family.
      expect(of(c)).toMatchObject({ outcome: 'shortfall', balanceFen: -18_000, refundId: null });
      const told = await db
        .selectFrom('notifications')
        .select('params')
        .where('kind', '=', 'term.shortfall')
        .execute();
      expect(told.length).toBeGreaterThan(0);
      expect(JSON.parse(told[0]!.params)).toMatchObject({ amount: '180.00' });

      const again = await finance.send('POST', `${termUrl}/closings`, { stream: 'service' });
      expect(again.json()).toMatchObject({ closed: [], alreadyClosed: 3 });
      const one = await finance.send('POST', `${termUrl}/closings`, { stream: 'service', studentId: a });
      expect(one.statusCode).toBe(409);
      expect(one.json().code).toBe('TERM_CLOSED_FOR_STUDENT');
      const list = await admin.get(`${termUrl}/closings`);
      expect(list.json().items).toHaveLength(3);
    });
  });
});
