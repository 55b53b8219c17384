// Teacher pay through HTTP on both databases (PAY-1…8): pay events entered and withdrawn, a term's
// pay computed from staff attendance, activity records, an incident and survey scores, refused
// approval before the term's end and by finance, the locked run after approval, an adjustment after
// a corrected record, a teacher's own statement (another's → 404), the sheet refused to teachers
// and parents, the xlsx exports, audit rows, and a bad fund refused with nothing written.
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { describeBothDatabases } from '../../../test/db-matrix';
import { type Client, signIn } from '../../../test/fixtures';
import { writeFundRows } from '../../../test/fund-fixtures';
import { careLog, type PayWorld, seedPayWorld } from '../../../test/pay-fixtures';
import { readWorkbook } from '../../../test/xlsx';
import type { DB } from '../../db/schema';
import type { PayEventView, PayLineView, PayRunView, PayStatement, TermRecordView } from './contract';

describeBothDatabases('teacher pay (PAY-1…8)', (h) => {
  let f: PayWorld;
  let admin: Client;
  let finance: Client;
  let care: Client;
  let teacher: Client;
  let parent: Client;
  let firstRun: PayRunView;
  let approved: PayRunView;
  const db = () => h().ctx.db as Kysely<DB>;
  const school = () => `/api/v1/schools/${f.w.schoolA}`;
  const term = () => `${school()}/terms/${f.term.termId}`;
  const count = async (table: 'pay_runs' | 'pay_lines' | 'pay_session_lines' | 'pay_events') =>
    Number((await db().selectFrom(table).select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n);
  const lineOf = (run: PayRunView, userId: string) =>
    run.lines.find((l) => l.userId === userId) as PayLineView;

  beforeAll(async () => {
    f = await seedPayWorld(h());
    h().setNow('2026-10-01T02:00:00.000Z');
    admin = await signIn(h(), 'admin');
    finance = await signIn(h(), 'finance');
    care = await signIn(h(), 'care');
    teacher = await signIn(h(), 'teacher');
    parent = await signIn(h(), f.w.parentPhone);
  });

  it('PAY-4: the school admin enters a safety incident against a teacher; finance may not; audited', async () => {
    const body = {
      termId: f.term.termId,
      userId: f.users.teacher,
      kind: 'safety',
      date: '2026-09-03',
      note: '放学时学生无人看管',
    };
    const refused = await finance.send('POST', `${school()}/pay-events`, body);
    expect(refused.statusCode).toBe(403);
    const outside = await admin.send('POST', `${school()}/pay-events`, { ...body, date: '2027-03-01' });
    expect(outside.statusCode).toBe(422);
    expect(outside.json().code).toBe('PAY_EVENT_NOT_IN_TERM');
    const res = await admin.send('POST', `${school()}/pay-events`, body);
    expect(res.statusCode, res.body).toBe(201);
    const event = res.json() as PayEventView;
    expect(event).toMatchObject({ kind: 'safety', date: '2026-09-03', withdrawal: null });
    // A mistaken ethics entry, withdrawn with a reason: it no longer counts.
    const wrong = await admin.send('POST', `${school()}/pay-events`, {
      ...body,
      userId: f.users.care,
      kind: 'ethics',
      note: '录错',
    });
    const w = await admin.send('POST', `${school()}/pay-events/${wrong.json().id}/withdraw`, {
      reason: '录入错误',
    });
    expect(w.statusCode, w.body).toBe(200);
    expect(w.json().withdrawal).toMatchObject({ reason: '录入错误' });
    const again = await admin.send('POST', `${school()}/pay-events/${wrong.json().id}/withdraw`, {
      reason: '再撤',
    });
    expect(again.statusCode).toBe(409);
    const list = await admin.get(`${school()}/pay-events?termId=${f.term.termId}`);
    expect((list.json().items as PayEventView[]).map((e) => [e.kind, e.withdrawal !== null])).toEqual(
      expect.arrayContaining([
        ['safety', false],
        ['ethics', true],
      ]),
    );
    const audit = await db()
      .selectFrom('audit_log')
      .select('action')
      .where('action', 'like', 'pay.event.%')
      .execute();
    expect(audit.map((a) => a.action).sort()).toEqual([
      'pay.event.record',
      'pay.event.record',
      'pay.event.withdraw',
    ]);
  });

  it('a bad fund amount is 400 in the caller’s language and writes nothing', async () => {
    for (const body of [{}, { fundFen: -100 }, { fundFen: 0 }, { fundFen: 12.5 }, { fundFen: 1e20 }]) {
      const res = await finance.send('POST', `${term()}/pay-runs`, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().code).toBe('PAY_FUND_INVALID');
    }
    const en = await h().app.inject({
      method: 'POST',
      url: `${term()}/pay-runs`,
      headers: { cookie: finance.cookie, 'x-csrf-token': finance.csrf, 'accept-language': 'en' },
      payload: { fundFen: 'lots' },
    });
    expect(en.statusCode).toBe(400);
    expect(en.json().code).toBe('VALIDATION_FAILED');
    expect(await count('pay_runs')).toBe(0);
    expect(await count('pay_lines')).toBe(0);
  });

  it('PAY-2…7: finance computes: points from the records, pools shared to the fen', async () => {
    const res = await finance.send('POST', `${term()}/pay-runs`, { fundFen: 1_000_000 });
    expect(res.statusCode, res.body).toBe(201);
    firstRun = res.json() as PayRunView;
    expect(firstRun).toMatchObject({
      version: 1,
      kind: 'term',
      status: 'draft',
      fundFen: 1_000_000,
      processFen: 900_000,
      finalFen: 100_000,
      processUnpaidFen: 0,
      finalUnpaidFen: 0,
      asOf: '2026-10-01',
    });
    expect(firstRun.surveyId).not.toBeNull();
    const shape = (userId: string) => {
      const l = lineOf(firstRun, userId);
      return [l.pointsTenths, l.processFen, l.finalFen, l.totalFen, l.eligible, l.surveyHundredths];
    };
    // 10 + 1 − 1 + 0 = 10; 5 + 0.5 + 0.5 = 6; 3 − 1 (the incident day) = 2 → 180 tenths in all.
    expect(shape(f.users.care)).toEqual([100, 500_000, 50_000, 550_000, true, 450]);
    expect(shape(f.users.care2)).toEqual([60, 300_000, 50_000, 350_000, true, 450]);
    expect(shape(f.users.teacher)).toEqual([20, 100_000, 0, 100_000, false, 500]);
    expect(lineOf(firstRun, f.users.teacher).finalReason).toBe('incident');
    expect(lineOf(firstRun, f.users.care)).toMatchObject({
      sessions: 14,
      lates: 1,
      absences: 1,
      incidents: 0,
    });
    const audit = await db()
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', '=', firstRun.id)
      .execute();
    expect(audit).toEqual([{ action: 'pay.compute' }]);
  });

  it('the statement lists every session with its points and why, month totals and deductions', async () => {
    const res = await admin.get(`${school()}/pay-runs/${firstRun.id}/statements/${f.users.care}`);
    expect(res.statusCode, res.body).toBe(200);
    const s = res.json() as PayStatement;
    expect(s.sessions).toHaveLength(15);
    expect(s.months).toEqual([{ month: '2026-09', pointsTenths: 100, sessions: 15 }]);
    expect(s.sessions.reduce((a, l) => a + l.pointsTenths, 0)).toBe(s.line.pointsTenths);
    const on14 = s.sessions
      .filter((l) => l.date === '2026-09-14')
      .map((l) => l.reason)
      .sort();
    expect(on14).toEqual(['absent', 'absent_day']);
    expect(s.sessions.find((l) => l.date === '2026-09-13')).toMatchObject({
      reason: 'late',
      pointsTenths: -10,
    });
    expect(s.line.deductions.map((d) => [d.code, d.date])).toEqual([
      ['late', '2026-09-13'],
      ['absent', '2026-09-14'],
    ]);
    const t = (
      await admin.get(`${school()}/pay-runs/${firstRun.id}/statements/${f.users.teacher}`)
    ).json() as PayStatement;
    expect(t.sessions.find((l) => l.date === '2026-09-03')).toMatchObject({
      reason: 'incident_day',
      pointsTenths: 0,
    });
    expect(t.line.deductions[0]).toMatchObject({ code: 'safety', date: '2026-09-03' });
  });

  it('the sheet is the school leaders’ and finance’s: teachers and parents are refused', async () => {
    expect((await finance.get(`${school()}/pay-runs/${firstRun.id}`)).statusCode).toBe(200);
    for (const c of [teacher, care, parent]) {
      expect([403, 404]).toContain((await c.get(`${school()}/pay-runs/${firstRun.id}`)).statusCode);
      expect([403, 404]).toContain((await c.get(`${term()}/pay-runs`)).statusCode);
      expect([403, 404]).toContain((await c.get(`${school()}/pay-runs/${firstRun.id}/export`)).statusCode);
    }
    // A draft is not a teacher's statement yet.
    expect(
      (await care.get(`${school()}/pay-runs/${firstRun.id}/statements/${f.users.care}`)).statusCode,
    ).toBe(404);
    expect((await care.get(`${term()}/pay/mine`)).json()).toEqual({ statement: null });
  });

  it('PAY-1: approval is refused before the term’s last day and to finance; recomputing supersedes the draft', async () => {
    const early = await admin.send('POST', `${school()}/pay-runs/${firstRun.id}/approve`);
    expect(early.statusCode).toBe(409);
    expect(early.json().code).toBe('PAY_TERM_NOT_ENDED');
    h().setNow('2027-01-16T02:00:00.000Z');
    // Sessions expire across months of the test clock: sign in again.
    admin = await signIn(h(), 'admin');
    finance = await signIn(h(), 'finance');
    care = await signIn(h(), 'care');
    parent = await signIn(h(), f.w.parentPhone);
    expect((await finance.send('POST', `${school()}/pay-runs/${firstRun.id}/approve`)).statusCode).toBe(403);
    // The draft counted only to 2026-10-01: it must be computed again first.
    const stale = await admin.send('POST', `${school()}/pay-runs/${firstRun.id}/approve`);
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('PAY_RUN_BEFORE_TERM_END');
    const second = await finance.send('POST', `${term()}/pay-runs`, { fundFen: 1_000_000 });
    expect(second.statusCode, second.body).toBe(201);
    approved = second.json() as PayRunView;
    expect(approved).toMatchObject({ version: 2, kind: 'term', status: 'draft', asOf: '2027-01-15' });
    const runs = (await admin.get(`${term()}/pay-runs`)).json().items as PayRunView[];
    expect(runs.map((r) => [r.version, r.status])).toEqual([
      [2, 'draft'],
      [1, 'superseded'],
    ]);
    const superseded = await admin.send('POST', `${school()}/pay-runs/${firstRun.id}/approve`);
    expect(superseded.statusCode).toBe(409);
    expect(superseded.json().code).toBe('PAY_RUN_NOT_DRAFT');
  });

  it('the admin approves after the term: locked, audited, each teacher told', async () => {
    const res = await admin.send('POST', `${school()}/pay-runs/${approved.id}/approve`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'approved' });
    const twice = await admin.send('POST', `${school()}/pay-runs/${approved.id}/approve`);
    expect(twice.statusCode).toBe(409);
    expect(twice.json().code).toBe('PAY_RUN_NOT_DRAFT');
    const notes = await db()
      .selectFrom('notifications')
      .select('user_id')
      .where('kind', '=', 'pay.approved')
      .execute();
    expect(notes.map((n) => n.user_id).sort()).toEqual([f.users.care, f.users.care2, f.users.teacher].sort());
    const audit = await db()
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', '=', approved.id)
      .execute();
    expect(audit.map((a) => a.action).sort()).toEqual(['pay.approve', 'pay.compute']);
    // The pay goes into the fund book as an expense (own staff), dated the term's last day.
    const docs = await db().selectFrom('fund_documents').selectAll().execute();
    expect(docs.map((d) => [d.kind, d.category, Number(d.amount_fen), d.occurred_on])).toEqual([
      ['expense', 'own_staff_pay', 1_000_000, '2027-01-15'],
    ]);
    const row = await db()
      .selectFrom('ledger_entries')
      .select(['amount_fen', 'book', 'stream'])
      .where('entry_key', '=', `fund:${docs[0]!.id}`)
      .executeTakeFirstOrThrow();
    expect([Number(row.amount_fen), row.book, row.stream]).toEqual([-1_000_000, 'fund', 'service']);
  });

  it('a teacher reads their own statement; another teacher’s is 404; a parent is refused', async () => {
    const mine = await care.get(`${term()}/pay/mine`);
    expect(mine.statusCode, mine.body).toBe(200);
    const s = mine.json().statement as PayStatement;
    expect(s.line).toMatchObject({ userId: f.users.care, totalFen: 550_000, dueFen: 550_000 });
    expect(s.run.id).toBe(approved.id);
    const own = await care.get(`${school()}/pay-runs/${approved.id}/statements/${f.users.care}`);
    expect(own.statusCode).toBe(200);
    const other = await care.get(`${school()}/pay-runs/${approved.id}/statements/${f.users.care2}`);
    expect(other.statusCode).toBe(404);
    const byParent = await parent.get(`${school()}/pay-runs/${approved.id}/statements/${f.users.care}`);
    expect([403, 404]).toContain(byParent.statusCode);
  });

  it('after a corrected record, computing again makes an adjustment of the differences; the approved run stays', async () => {
    // care's record of 09-11 is corrected to complete (a new version): 10.5 points.
    await db()
      .insertInto('care_logs')
      .values(
        careLog(
          f.w.schoolA,
          f.classOne,
          f.incompleteDays[0]!,
          2,
          true,
          f.users.care,
          h().ctx.now().toISOString(),
        ),
      )
      .execute();
    const res = await finance.send('POST', `${term()}/pay-runs`, { fundFen: 1_000_000 });
    expect(res.statusCode, res.body).toBe(201);
    const adj = res.json() as PayRunView;
    expect(adj).toMatchObject({ version: 3, kind: 'adjustment', status: 'draft' });
    // 900,000 over 105 : 60 : 20 — floors 510,810 / 291,891 / 97,297, the 2 fen left go to the
    // largest remainders (care2 165/185, then care 150/185).
    const due = (u: string) => {
      const l = lineOf(adj, u);
      return [l.pointsTenths, l.processFen, l.totalFen, l.previousFen, l.dueFen];
    };
    expect(due(f.users.care)).toEqual([105, 510_811, 560_811, 550_000, 10_811]);
    expect(due(f.users.care2)).toEqual([60, 291_892, 341_892, 350_000, -8_108]);
    expect(due(f.users.teacher)).toEqual([20, 97_297, 97_297, 100_000, -2_703]);
    const still = (await admin.get(`${school()}/pay-runs/${approved.id}`)).json() as PayRunView;
    expect(still.status).toBe('approved');
    expect(lineOf(still, f.users.care).totalFen).toBe(550_000);
    expect((await admin.send('POST', `${school()}/pay-runs/${adj.id}/approve`)).statusCode).toBe(200);
    // The adjustment moves money between teachers only (net 0): no new fund document.
    expect(await db().selectFrom('fund_documents').select('id').execute()).toHaveLength(1);
    const mine = (await care.get(`${term()}/pay/mine`)).json().statement as PayStatement;
    expect(mine.line).toMatchObject({ totalFen: 560_811, dueFen: 10_811 });
  });

  it('PAY-8 term records and the xlsx exports open', async () => {
    const rec = (await admin.get(`${term()}/pay/records`)).json() as TermRecordView;
    expect(rec.runStatus).toBe('approved');
    expect(rec.items.find((i) => i.userId === f.users.care)).toMatchObject({
      sessions: 14,
      pointsTenths: 105,
      lates: 1,
      absences: 1,
      incidents: 0,
      surveyHundredths: 450,
    });
    expect(rec.items.find((i) => i.userId === f.users.teacher)).toMatchObject({ incidents: 1 });
    const sheet = await admin.get(`${school()}/pay-runs/${approved.id}/export`);
    expect(sheet.statusCode).toBe(200);
    expect(sheet.headers['content-type']).toContain('spreadsheetml');
    const rows = await readWorkbook(sheet.rawPayload);
    expect(rows[0]![0]).toBe('教师');
    expect(rows.some((r) => r[0] === 'care 老师' && r[4] === '5500')).toBe(true);
    const records = await admin.get(`${term()}/pay/records/export`);
    expect(records.statusCode).toBe(200);
    expect((await readWorkbook(records.rawPayload)).length).toBe(4);
  });
  it("PAY-2 'fee_share': the fund is the set share of the term's net service-fee income", async () => {
    const set = await admin.send('PATCH', `${school()}/settings`, {
      payFundMode: 'fee_share',
      payFeeSharePercent: 70,
    });
    expect(set.statusCode, set.body).toBe(200);
    await writeFundRows(
      h(),
      f.w.schoolA,
      f.term.termId,
      [
        { kind: 'fee_income', stream: 'service', amountFen: 100_000, month: '2026-09' },
        { kind: 'fee_payout', stream: 'service', amountFen: 20_000, month: '2026-10' },
        { kind: 'fee_income', stream: 'meal', amountFen: 50_000, month: '2026-09' },
      ],
      f.users.admin,
    );
    // No amount is asked for; one sent is ignored.
    const res = await finance.send('POST', `${term()}/pay-runs`, { fundFen: 5 });
    expect(res.statusCode, res.body).toBe(201);
    // Service fees 1,000.00 − 200.00 paid back = 800.00; 70% → 560.00 (meals are not service fees).
    expect(res.json()).toMatchObject({
      fundSource: 'fee_share',
      fundFen: 56_000,
      processFen: 50_400,
      finalFen: 5_600,
    });
  });
});
