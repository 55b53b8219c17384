// Teacher pay through HTTP on both databases, the review's findings: approval waits for the day
// after the term's last day and a run computed after it (PAY-1); a head teacher rostered on another
// class is not credited with their home class's record (DAY-8); institution staff and volunteer
// parents are not in pay, while coaches and retired teachers the school hires are; two withdrawals of
// one pay event at once are one 200 and one 409; approval tells only teachers with an amount due,
// and words a negative one as money to pay back; exporting the pay sheet or the term records is
// audited (SAFE-2).
import type { Kysely } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { describeBothDatabases } from '../../../test/db-matrix';
import { signIn } from '../../../test/fixtures';
import { addOutsidePayee, careLog, type PayWorld, seedPayWorld, sep } from '../../../test/pay-fixtures';
import type { DB } from '../../db/schema';
import { newId } from '../../server/context';
import { formatYuan } from '../billing/money';
import type { PayRunView, PayStatement } from './contract';

describeBothDatabases('pay approval waits for the day after the term (PAY-1)', (h) => {
  let f: PayWorld;
  const school = () => `/api/v1/schools/${f.w.schoolA}`;
  const term = () => `${school()}/terms/${f.term.termId}`;
  beforeAll(async () => {
    f = await seedPayWorld(h());
  });

  it('on the last day a run cannot be approved, nor that day’s run the day after; a run computed after can', async () => {
    // 2027-01-15 18:00 in Beijing: the term's last day, its sessions not all recorded yet.
    h().setNow('2027-01-15T10:00:00.000Z');
    let admin = await signIn(h(), 'admin');
    const computed = await admin.send('POST', `${term()}/pay-runs`, { fundFen: 100_000 });
    expect(computed.statusCode, computed.body).toBe(201);
    const lastDay = computed.json() as PayRunView;
    expect(lastDay.asOf).toBe('2027-01-15');
    const early = await admin.send('POST', `${school()}/pay-runs/${lastDay.id}/approve`);
    expect(early.statusCode).toBe(409);
    expect(early.json().code).toBe('PAY_TERM_NOT_ENDED');
    // 01:00 on 2027-01-16 in Beijing: the term is over, but that run was computed on its last day.
    h().setNow('2027-01-15T17:00:00.000Z');
    admin = await signIn(h(), 'admin');
    const stale = await admin.send('POST', `${school()}/pay-runs/${lastDay.id}/approve`);
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('PAY_RUN_BEFORE_TERM_END');
    const after = (await admin.send('POST', `${term()}/pay-runs`, { fundFen: 100_000 })).json() as PayRunView;
    const ok = await admin.send('POST', `${school()}/pay-runs/${after.id}/approve`);
    expect(ok.statusCode, ok.body).toBe(200);
  });
});

describeBothDatabases('a head teacher rostered elsewhere is not paid for their home class (DAY-8)', (h) => {
  let f: PayWorld;
  const db = () => h().ctx.db as Kysely<DB>;
  const school = () => `/api/v1/schools/${f.w.schoolA}`;
  const term = () => `${school()}/terms/${f.term.termId}`;
  beforeAll(async () => {
    f = await seedPayWorld(h());
  });

  it('the roster puts the head teacher on class one (no record); the substitute writes the club record', async () => {
    const at = h().ctx.now().toISOString();
    const day = sep(21);
    const roster = await db().selectFrom('duty_rosters').select('id').executeTakeFirstOrThrow();
    await db()
      .insertInto('duty_assignments')
      .values({
        id: newId(),
        roster_id: roster.id,
        school_id: f.w.schoolA,
        date: day,
        session_id: f.term.afternoonSessionId,
        temp_class_id: f.classOne,
        role: 'care',
        user_id: f.users.teacher,
        outside_staff_id: null,
        created_at: at,
      })
      .execute();
    const present = (userId: string) => ({
      id: newId(),
      school_id: f.w.schoolA,
      date: day,
      session_id: f.term.afternoonSessionId,
      user_id: userId,
      version: 1,
      status: 'on_time',
      minutes_late: 0,
      excused: null,
      reason: '',
      source: 'check_in',
      checked_in_at: null,
      recorded_by: null,
      recorded_at: at,
    });
    await db()
      .insertInto('staff_attendance')
      .values([present(f.users.teacher), present(f.users.care2)])
      .execute();
    // care2 stands in for the club (the head teacher's own class) and writes its complete record.
    await db()
      .insertInto('care_logs')
      .values(careLog(f.w.schoolA, f.clubClass, day, 1, true, f.users.care2, at))
      .execute();
    h().setNow('2026-10-01T02:00:00.000Z');
    const admin = await signIn(h(), 'admin');
    const run = (await admin.send('POST', `${term()}/pay-runs`, { fundFen: 100_000 })).json() as PayRunView;
    const lineOn = async (userId: string) =>
      (
        (await admin.get(`${school()}/pay-runs/${run.id}/statements/${userId}`)).json() as PayStatement
      ).sessions.find((s) => s.date === day);
    expect(await lineOn(f.users.teacher)).toMatchObject({ pointsTenths: 0, reason: 'no_record' });
    expect(await lineOn(f.users.care2)).toMatchObject({ pointsTenths: 10, reason: 'complete' });
  });
});

describeBothDatabases('outside staff paid elsewhere or volunteering are not in pay', (h) => {
  let f: PayWorld;
  const db = () => h().ctx.db as Kysely<DB>;
  const school = () => `/api/v1/schools/${f.w.schoolA}`;
  const term = () => `${school()}/terms/${f.term.termId}`;
  beforeAll(async () => {
    f = await seedPayWorld(h());
  });

  it('a coach and a retired teacher share the pools and are booked as outside staff; institution staff and a volunteer parent are not', async () => {
    const coach = await addOutsidePayee(h(), f, 'coach', 'coach1', sep(22));
    const retired = await addOutsidePayee(h(), f, 'retired_teacher', 'retired1', sep(23));
    const institution = await addOutsidePayee(h(), f, 'institution_staff', 'inst1', sep(24));
    const volunteer = await addOutsidePayee(h(), f, 'volunteer_parent', 'parent1', sep(25));
    h().setNow('2027-01-16T02:00:00.000Z');
    const admin = await signIn(h(), 'admin');
    const res = await admin.send('POST', `${term()}/pay-runs`, { fundFen: 1_000_000 });
    expect(res.statusCode, res.body).toBe(201);
    const run = res.json() as PayRunView;
    const paid = run.lines.map((l) => l.userId);
    expect(paid).toEqual(
      expect.arrayContaining([coach, retired, f.users.care, f.users.care2, f.users.teacher]),
    );
    expect(paid).not.toContain(institution);
    expect(paid).not.toContain(volunteer);
    expect(run.lines.find((l) => l.userId === coach)?.pointsTenths).toBe(10);
    // Their sessions are not counted either.
    const lines = await db()
      .selectFrom('pay_session_lines')
      .select('user_id')
      .where('run_id', '=', run.id)
      .where('user_id', 'in', [institution, volunteer])
      .execute();
    expect(lines).toEqual([]);
    expect((await admin.send('POST', `${school()}/pay-runs/${run.id}/approve`)).statusCode).toBe(200);
    const docs = await db().selectFrom('fund_documents').select(['category', 'amount_fen']).execute();
    const outside = run.lines
      .filter((l) => l.userId === coach || l.userId === retired)
      .reduce((a, l) => a + l.dueFen, 0);
    expect(outside).toBeGreaterThan(0);
    expect(docs.map((d) => [d.category, Number(d.amount_fen)]).sort()).toEqual(
      [
        ['outside_staff', outside],
        ['own_staff_pay', 1_000_000 - outside],
      ].sort(),
    );
  });
});

describeBothDatabases('pay events: two withdrawals at once', (h) => {
  let f: PayWorld;
  const db = () => h().ctx.db as Kysely<DB>;
  const school = () => `/api/v1/schools/${f.w.schoolA}`;
  beforeAll(async () => {
    f = await seedPayWorld(h());
  });

  it('one withdrawal wins, the other is PAY_EVENT_WITHDRAWN (409), not a bare conflict or a 500', async () => {
    const admin = await signIn(h(), 'admin');
    const admin2 = await signIn(h(), 'admin2');
    const made = await admin.send('POST', `${school()}/pay-events`, {
      termId: f.term.termId,
      userId: f.users.care,
      kind: 'dereliction',
      date: '2026-09-04',
      note: '录错',
    });
    expect(made.statusCode, made.body).toBe(201);
    const id = made.json().id as string;
    const both = await Promise.all([
      admin.send('POST', `${school()}/pay-events/${id}/withdraw`, { reason: '录入错误' }),
      admin2.send('POST', `${school()}/pay-events/${id}/withdraw`, { reason: '重复录入' }),
    ]);
    expect(both.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    expect(both.find((r) => r.statusCode === 409)!.json().code).toBe('PAY_EVENT_WITHDRAWN');
    const rows = await db().selectFrom('pay_events').select('id').where('withdraws_id', '=', id).execute();
    expect(rows).toHaveLength(1);
  });
});

describeBothDatabases(
  'approval notifications: only amounts due, a negative one as money to pay back',
  (h) => {
    let f: PayWorld;
    const db = () => h().ctx.db as Kysely<DB>;
    const school = () => `/api/v1/schools/${f.w.schoolA}`;
    const term = () => `${school()}/terms/${f.term.termId}`;
    beforeAll(async () => {
      f = await seedPayWorld(h());
    });
    const notes = async () =>
      (await db().selectFrom('notifications').select(['id', 'user_id', 'kind', 'params']).execute()).filter(
        (n) => n.kind.startsWith('pay.'),
      );

    it('a line of 0 is not told; an adjustment tells a raise as pay and a cut as money to pay back', async () => {
      // The admin checks in once with no record: a line of 0 points, no survey score → 0 due.
      const at = h().ctx.now().toISOString();
      await db()
        .insertInto('staff_attendance')
        .values({
          id: newId(),
          school_id: f.w.schoolA,
          date: sep(26),
          session_id: f.term.afternoonSessionId,
          user_id: f.users.admin,
          version: 1,
          status: 'on_time',
          minutes_late: 0,
          excused: null,
          reason: '',
          source: 'check_in',
          checked_in_at: null,
          recorded_by: null,
          recorded_at: at,
        })
        .execute();
      h().setNow('2027-01-16T02:00:00.000Z');
      const admin = await signIn(h(), 'admin');
      const first = (
        await admin.send('POST', `${term()}/pay-runs`, { fundFen: 1_000_000 })
      ).json() as PayRunView;
      expect(first.lines.find((l) => l.userId === f.users.admin)?.dueFen).toBe(0);
      expect((await admin.send('POST', `${school()}/pay-runs/${first.id}/approve`)).statusCode).toBe(200);
      expect((await notes()).map((n) => [n.user_id, n.kind]).sort()).toEqual(
        [
          [f.users.care, 'pay.approved'],
          [f.users.care2, 'pay.approved'],
          [f.users.teacher, 'pay.approved'],
        ].sort(),
      );
      // care's record of 09-11 corrected to complete: care gains, care2 and teacher lose, admin stays 0.
      await db()
        .insertInto('care_logs')
        .values(careLog(f.w.schoolA, f.classOne, f.incompleteDays[0]!, 2, true, f.users.care, at))
        .execute();
      const adj = (
        await admin.send('POST', `${term()}/pay-runs`, { fundFen: 1_000_000 })
      ).json() as PayRunView;
      const due = (u: string) => adj.lines.find((l) => l.userId === u)!.dueFen;
      expect([
        due(f.users.care) > 0,
        due(f.users.care2) < 0,
        due(f.users.teacher) < 0,
        due(f.users.admin),
      ]).toEqual([true, true, true, 0]);
      const before = new Set((await notes()).map((n) => n.id));
      expect((await admin.send('POST', `${school()}/pay-runs/${adj.id}/approve`)).statusCode).toBe(200);
      const told = (await notes()).filter((n) => !before.has(n.id));
      expect(told.map((n) => [n.user_id, n.kind]).sort()).toEqual(
        [
          [f.users.care, 'pay.approved'],
          [f.users.care2, 'pay.repay'],
          [f.users.teacher, 'pay.repay'],
        ].sort(),
      );
      // The amount to pay back is written without a minus sign.
      const care2 = JSON.parse(told.find((n) => n.user_id === f.users.care2)!.params) as { amount: string };
      expect(care2.amount).toBe(formatYuan(-due(f.users.care2)));
      expect(care2.amount).not.toContain('-');
    });
  },
);

describeBothDatabases('pay exports are audited (SAFE-2)', (h) => {
  let f: PayWorld;
  const db = () => h().ctx.db as Kysely<DB>;
  const school = () => `/api/v1/schools/${f.w.schoolA}`;
  const term = () => `${school()}/terms/${f.term.termId}`;
  beforeAll(async () => {
    f = await seedPayWorld(h());
  });

  it('each export of the pay sheet and of the term records writes an audit row; a refused one none', async () => {
    h().setNow('2026-10-01T02:00:00.000Z');
    const finance = await signIn(h(), 'finance');
    const teacher = await signIn(h(), 'teacher');
    const run = (await finance.send('POST', `${term()}/pay-runs`, { fundFen: 100_000 })).json() as PayRunView;
    expect((await teacher.get(`${school()}/pay-runs/${run.id}/export`)).statusCode).not.toBe(200);
    expect((await teacher.get(`${term()}/pay/records/export`)).statusCode).not.toBe(200);
    expect((await finance.get(`${school()}/pay-runs/${run.id}/export`)).statusCode).toBe(200);
    expect((await finance.get(`${school()}/pay-runs/${run.id}/export`)).statusCode).toBe(200);
    expect((await finance.get(`${term()}/pay/records/export`)).statusCode).toBe(200);
    const audit = await db()
      .selectFrom('audit_log')
      .select(['action', 'entity', 'entity_id', 'actor_user_id'])
      .where('action', 'like', '%export%')
      .execute();
    const financeId = (
      await db().selectFrom('users').select('id').where('username', '=', 'finance').executeTakeFirstOrThrow()
    ).id;
    expect(audit.map((a) => [a.action, a.entity, a.entity_id, a.actor_user_id]).sort()).toEqual(
      [
        ['pay.export', 'pay_run', run.id, financeId],
        ['pay.export', 'pay_run', run.id, financeId],
        ['pay.records.export', 'term', f.term.termId, financeId],
      ].sort(),
    );
  });
});
