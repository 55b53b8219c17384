// rule DAY-7 (with SAFE-1, SAFE-3) on both databases: rostered staff check in per session, on time
// within the grace and late after it; closing the day writes 'absent' for who never checked in,
// once however often it runs; the school rules on an absence as a new version. Today shows the
// caller's classes, their check-in and the emergency contacts and plan.
import type { Kysely } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { type SchoolDay, seedSchoolDay } from '../../../test/daily-fixtures';
import { describeBothDatabases } from '../../../test/db-matrix';
import { type Client, signIn } from '../../../test/fixtures';
import type { DB } from '../../db/schema';
import { staffAttendanceOf } from './staff-store';

describeBothDatabases('staff attendance and today', (h) => {
  let day: SchoolDay;
  let admin: Client;
  const db = () => h().ctx.db as Kysely<DB>;
  const base = () => `/api/v1/schools/${day.world.schoolA}`;

  beforeAll(async () => {
    h().setNow('2026-09-01T07:20:00.000Z'); // 15:20 local, before the 15:30 start
    day = await seedSchoolDay(h());
    admin = await signIn(h(), 'admin');
  });

  it('checks in on time within the grace, late after it, and once', async () => {
    const care = await signIn(h(), 'care');
    const first = await care.send('POST', `${base()}/staff-attendance/check-in`, {
      sessionId: day.term.afternoonSessionId,
    });
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ status: 'on_time', minutesLate: 0, source: 'check_in' });
    const again = await care.send('POST', `${base()}/staff-attendance/check-in`, {
      sessionId: day.term.afternoonSessionId,
    });
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(first.json().id);

    h().setNow('2026-09-01T07:35:00.000Z'); // 15:35: within 5 minutes' grace
    const duty = await signIn(h(), 'duty');
    expect(
      (
        await duty.send('POST', `${base()}/staff-attendance/check-in`, {
          sessionId: day.term.afternoonSessionId,
        })
      ).json().status,
    ).toBe('on_time');
    h().setNow('2026-09-01T07:42:00.000Z'); // 15:42: 12 minutes late
    const care2 = await signIn(h(), 'care2');
    expect(
      (
        await care2.send('POST', `${base()}/staff-attendance/check-in`, {
          sessionId: day.term.afternoonSessionId,
        })
      ).json(),
    ).toMatchObject({
      status: 'late',
      minutesLate: 12,
    });
    const stranger = await signIn(h(), 'stranger');
    const refused = await stranger.send('POST', `${base()}/staff-attendance/check-in`, {
      sessionId: day.term.afternoonSessionId,
    });
    expect(refused.json().code).toBe('STAFF_NOT_ROSTERED');
    h().setNow('2026-09-01T09:31:00.000Z'); // 17:31: the session has ended
    const leader = await signIn(h(), 'leader');
    const closed = await leader.send('POST', `${base()}/staff-attendance/check-in`, {
      sessionId: day.term.afternoonSessionId,
    });
    expect(closed.json().code).toBe('STAFF_CHECK_IN_CLOSED');
  });

  it('writes absent for who never checked in, once, and lets the school excuse it as a new version', async () => {
    const close = await admin.send('POST', `${base()}/staff-attendance/close`, { date: day.date });
    expect(close.json()).toEqual({ date: day.date, written: 1 });
    expect(
      (await admin.send('POST', `${base()}/staff-attendance/close`, { date: day.date })).json().written,
    ).toBe(0);
    const list = (await admin.get(`${base()}/staff-attendance?from=${day.date}&to=${day.date}`)).json().items;
    expect(list).toHaveLength(4);
    const absent = list.find((r: { userId: string }) => r.userId === day.users.leader);
    expect(absent).toMatchObject({ status: 'absent', excused: false, source: 'close', version: 1 });

    const ruled = await admin.send('POST', `${base()}/staff-attendance/rulings`, {
      date: day.date,
      sessionId: day.term.afternoonSessionId,
      userId: day.users.leader,
      status: 'absent',
      excused: true,
      reason: '区里开会',
    });
    expect(ruled.statusCode).toBe(201);
    expect(ruled.json()).toMatchObject({
      version: 2,
      status: 'absent',
      excused: true,
      reason: '区里开会',
      source: 'admin',
    });
    const forPay = await staffAttendanceOf(db(), day.world.schoolA, day.date, day.date, {
      userId: day.users.leader,
    });
    expect(forPay.map((r) => [r.version, r.excused])).toEqual([[2, 1]]);
    const audit = await db()
      .selectFrom('audit_log')
      .selectAll()
      .where('entity_id', '=', ruled.json().id)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.before_json!)).toMatchObject({ version: 1, status: 'absent', excused: 0 });
    // Only the school rules.
    const care = await signIn(h(), 'care');
    expect((await care.get(`${base()}/staff-attendance?from=${day.date}&to=${day.date}`)).statusCode).toBe(
      403,
    );
  });

  it('shows the care teacher their class, check-in and emergency contacts on Today', async () => {
    const plan = await admin.send('PUT', `${base()}/emergency-plan`, {
      plan: '一、发现学生受伤，先处置再报告……',
      contacts: [{ label: '校门保安室', phone: '0571-88880000' }],
    });
    expect(plan.json()).toMatchObject({ version: 1 });
    const care = await signIn(h(), 'care');
    const today = await care.get(`${base()}/today`);
    expect(today.statusCode).toBe(200);
    const body = today.json();
    expect(body.date).toBe(day.date);
    expect(body.classes.map((c: { tempClassId: string }) => c.tempClassId)).toEqual([day.classOne]);
    expect(body.classes[0]).toMatchObject({
      roles: ['care'],
      memberCount: day.membersOne.length,
      startsAt: '15:30',
    });
    expect(body.duties).toEqual([
      expect.objectContaining({
        sessionId: day.term.afternoonSessionId,
        attendance: { status: 'on_time', minutesLate: 0 },
      }),
    ]);
    const contacts = body.emergency.contacts as { label: string; name: string; phone: string }[];
    expect(contacts[0]).toEqual({ label: 'leader', name: 'leader 老师', phone: '13600000004' });
    expect(contacts.map((c) => c.phone)).toEqual(
      expect.arrayContaining(['13600000001', '0571-88880000', '110', '120']),
    );
    expect(body.emergency.plan).toContain('先处置再报告');
    // The duty leader sees every class of the day.
    const leader = await signIn(h(), 'leader');
    const all = (await leader.get(`${base()}/today`)).json();
    expect(all.classes).toHaveLength(3);
    // Only the school edits the plan.
    expect((await care.send('PUT', `${base()}/emergency-plan`, { plan: 'x' })).statusCode).toBe(403);
  });

  it('lets the school set the check-in grace and the correction period in its settings', async () => {
    const res = await admin.send('PATCH', `${base()}/settings`, {
      staffLateGraceMinutes: 10,
      rollCorrectionDays: 3,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ staffLateGraceMinutes: 10, rollCorrectionDays: 3 });
    const bad = await admin.send('PATCH', `${base()}/settings`, { staffLateGraceMinutes: 90 });
    expect(bad.statusCode).toBe(400);
  });
});
