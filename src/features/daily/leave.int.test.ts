// rule DAY-3 (with SAFE-1, SAFE-2) on both databases: a parent reports leave for their own child
// within the term and not in the past, cancels it before its first day; the class teacher enters
// leave for a family of their class (audited, the family told); nobody reaches another family.
import type { Kysely } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { type SchoolDay, seedSchoolDay } from '../../../test/daily-fixtures';
import { describeBothDatabases } from '../../../test/db-matrix';
import { type Client, signIn } from '../../../test/fixtures';
import type { DB } from '../../db/schema';

describeBothDatabases('leave', (h) => {
  let day: SchoolDay;
  let parent: Client;
  const db = () => h().ctx.db as Kysely<DB>;
  const url = () => `/api/v1/schools/${day.world.schoolA}/leave`;
  const count = async () => (await db().selectFrom('leave_requests').select('id').execute()).length;

  beforeAll(async () => {
    h().setNow('2026-09-01T08:00:00.000Z');
    day = await seedSchoolDay(h());
    parent = await signIn(h(), day.world.parentPhone);
  });

  it('reports leave for the afternoon session and lists it for the family', async () => {
    const res = await parent.send('POST', url(), {
      studentId: day.world.childOfParent,
      fromDate: '2026-09-03',
      toDate: '2026-09-04',
      sessionId: day.term.afternoonSessionId,
      reason: '家中有事',
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ status: 'reported', sessionName: '课后服务', onBehalf: false });
    const list = (await parent.get(`${url()}?studentId=${day.world.childOfParent}`)).json();
    expect(list.items.map((l: { id: string }) => l.id)).toEqual([res.json().id]);
    const audit = await db()
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', '=', res.json().id)
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['leave.report']);
  });

  it('refuses dates in the past, outside the term, reversed, or without a school day, and writes nothing', async () => {
    const before = await count();
    const send = (fromDate: string, toDate: string) =>
      parent.send('POST', url(), { studentId: day.world.childOfParent, fromDate, toDate, reason: '事假' });
    expect((await send('2026-08-31', '2026-09-01')).json().code).toBe('LEAVE_DATES_INVALID');
    expect((await send('2026-09-02', '2026-09-01')).json().code).toBe('LEAVE_DATES_INVALID');
    expect((await send('2027-01-14', '2027-01-20')).json().code).toBe('LEAVE_DATES_INVALID');
    expect((await send('2026-09-05', '2026-09-06')).json().code).toBe('LEAVE_NO_SCHOOL_DAY');
    h().setNow('2026-09-03T08:00:00.000Z');
    const past = await send('2026-09-02', '2026-09-03');
    expect(past.statusCode).toBe(422);
    expect(past.json().code).toBe('LEAVE_IN_PAST');
    h().setNow('2026-09-01T08:00:00.000Z');
    const bad = await parent.send('POST', url(), {
      studentId: day.world.childOfParent,
      fromDate: '9/3',
      toDate: '',
      reason: '',
    });
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .fields.map((f: { field: string }) => f.field)
        .sort(),
    ).toEqual(['fromDate', 'reason', 'toDate']);
    expect(await count()).toBe(before);
  });

  it('keeps other families out', async () => {
    const res = await parent.send('POST', url(), {
      studentId: day.world.otherChild,
      fromDate: '2026-09-03',
      toDate: '2026-09-03',
      reason: '事假',
    });
    expect(res.statusCode).toBe(404);
  });

  it('lets the class teacher enter leave for a family of the class and tells the family', async () => {
    const teacher = await signIn(h(), 'teacher');
    const res = await teacher.send('POST', url(), {
      studentId: day.world.childOfParent,
      fromDate: '2026-09-01',
      toDate: '2026-09-01',
      reason: '家长电话请假',
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().onBehalf).toBe(true);
    const told = await db()
      .selectFrom('notifications')
      .innerJoin('users', 'users.id', 'notifications.user_id')
      .select('notifications.kind')
      .where('users.phone', '=', day.world.parentPhone)
      .execute();
    expect(told.map((n) => n.kind)).toContain('leave.enteredForFamily');
    // Another class is beyond the class teacher's reach.
    const other = await teacher.send('POST', url(), {
      studentId: day.world.otherChild,
      fromDate: '2026-09-02',
      toDate: '2026-09-02',
      reason: '事假',
    });
    expect(other.statusCode).toBe(404);
  });

  it('cancels only before the first day', async () => {
    const list = (await parent.get(url())).json().items as { id: string; fromDate: string }[];
    const future = list.find((l) => l.fromDate === '2026-09-03')!;
    const started = list.find((l) => l.fromDate === '2026-09-01')!;
    const cancelled = await parent.send('POST', `${url()}/${future.id}/cancel`);
    expect(cancelled.statusCode).toBe(200);
    expect(cancelled.json().status).toBe('cancelled');
    expect((await parent.send('POST', `${url()}/${future.id}/cancel`)).json().code).toBe(
      'LEAVE_NOT_CANCELLABLE',
    );
    expect((await parent.send('POST', `${url()}/${started.id}/cancel`)).json().code).toBe(
      'LEAVE_NOT_CANCELLABLE',
    );
    const row = await db()
      .selectFrom('leave_requests')
      .selectAll()
      .where('id', '=', future.id)
      .executeTakeFirstOrThrow();
    expect(row.cancelled_at).not.toBeNull();
  });
});
