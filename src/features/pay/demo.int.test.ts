// The demo's teacher-pay history survives the rest of the demo (demo-pay.ts, demo-district.ts), on
// both databases, with the clock some weeks into the running term: care (孙老师) has A − 5.5 points
// and two lates over A past afternoon sessions, as demo-pay.ts states; the dashboard's fill of
// session-days without check-ins (source 'roster') writes only days before today, only staff the
// published roster puts on that session-day, and nothing for care.
import { beforeAll, expect, it } from 'vitest';
import { describeBothDatabases } from '../../../test/db-matrix';
import { signIn } from '../../../test/fixtures';
import { addStaff, demoPassword, loadDemo } from '../../cli/demo';
import { seedDemoDistrict } from '../../cli/demo-district';
import { newId } from '../../server/context';
import { localDate } from '../programme/time';

describeBothDatabases('demo teacher pay', (h) => {
  let schoolId: string;
  const districtOf = (id: string) =>
    h().ctx.db.selectFrom('schools').select('district_id').where('id', '=', id).executeTakeFirstOrThrow();

  beforeAll(async () => {
    h().setNow('2026-10-21T07:00:00.000Z');
    await loadDemo(h().ctx);
    schoolId = (
      await h()
        .ctx.db.selectFrom('schools')
        .select('id')
        .where('code', '=', 'HX-SY')
        .executeTakeFirstOrThrow()
    ).id;
  });

  it("keeps care's pay as the demo states: A − 5.5 points and two lates over A past afternoon sessions", async () => {
    const db = h().ctx.db;
    const today = localDate(h().ctx.now().toISOString(), 'Asia/Shanghai');
    const term = await db
      .selectFrom('terms')
      .select('id')
      .where('school_id', '=', schoolId)
      .where('starts_on', '<=', today)
      .where('ends_on', '>=', today)
      .executeTakeFirstOrThrow();
    const care = await db
      .selectFrom('users')
      .select('id')
      .where('username', '=', 'care')
      .executeTakeFirstOrThrow();
    // A: care's past afternoon sessions, as the pay history wrote them (demo-pay.ts).
    const own = await db
      .selectFrom('staff_attendance')
      .select(['source', 'date'])
      .where('user_id', '=', care.id)
      .execute();
    expect(own.every((r) => r.source !== 'roster')).toBe(true);
    const a = own.length;
    expect(a).toBeGreaterThan(5);
    const finance = await signIn(h(), 'finance', demoPassword);
    const res = await finance.send('POST', `/api/v1/schools/${schoolId}/terms/${term.id}/pay-runs`, {
      fundFen: 1_000_000,
    });
    expect(res.statusCode, res.body).toBe(201);
    const line = (res.json().lines as { userId: string; pointsTenths: number; lates: number }[]).find(
      (l) => l.userId === care.id,
    );
    expect(line).toMatchObject({ pointsTenths: a * 10 - 55, lates: 2 });
  });

  it('the dashboard’s fill writes only past session-days, only rostered staff, never staff the pay history seeded', async () => {
    const db = h().ctx.db;
    const ctx = h().ctx;
    const today = localDate(ctx.now().toISOString(), 'Asia/Shanghai');
    const term = await db
      .selectFrom('terms')
      .select('id')
      .where('school_id', '=', schoolId)
      .where('starts_on', '<=', today)
      .where('ends_on', '>=', today)
      .executeTakeFirstOrThrow();
    const care = await db
      .selectFrom('users')
      .select('id')
      .where('username', '=', 'care')
      .executeTakeFirstOrThrow();
    const admin = await db
      .selectFrom('users')
      .select('id')
      .where('username', '=', 'admin')
      .executeTakeFirstOrThrow();
    // A past session-day on which care is rostered on an afternoon class, its check-ins removed, and
    // a newcomer rostered on it too (no check-in anywhere in the term).
    const duty = await db
      .selectFrom('duty_assignments as d')
      .innerJoin('duty_rosters as r', 'r.id', 'd.roster_id')
      .innerJoin('term_sessions as s', 's.id', 'd.session_id')
      .selectAll('d')
      .where('r.term_id', '=', term.id)
      .where('r.status', '=', 'published')
      .where('d.user_id', '=', care.id)
      .where('s.kind', '=', 'afternoon')
      .where('d.temp_class_id', 'is not', null)
      .where('d.date', '<', today)
      .orderBy('d.date', 'desc')
      .executeTakeFirstOrThrow();
    await db
      .deleteFrom('staff_attendance')
      .where('session_id', '=', duty.session_id)
      .where('date', '=', duty.date)
      .execute();
    const at = ctx.now().toISOString();
    const newcomer = await addStaff(
      db as never,
      {
        username: 'newcomer',
        displayName: '新来的老师',
        passwordHash: null,
        grants: [{ role: 'care_teacher', districtId: (await districtOf(schoolId)).district_id, schoolId }],
      },
      at,
    );
    const newcomerId = typeof newcomer === 'string' ? newcomer : (newcomer as { id: string }).id;
    await db
      .insertInto('duty_assignments')
      .values({ ...duty, id: newId(), user_id: newcomerId, created_at: at })
      .execute();
    // Roll calls on a day nobody is rostered (a Saturday) and today (not over yet).
    const roll = (date: string) => ({
      id: newId(),
      school_id: schoolId,
      temp_class_id: duty.temp_class_id!,
      date,
      version: 9,
      taken_by: admin.id,
      marked_at: at,
      saved_at: at,
      present_count: 40,
      note: '',
    });
    await db
      .insertInto('roll_calls')
      .values([roll('2026-10-17'), roll(today)])
      .execute();
    const before = new Set((await db.selectFrom('staff_attendance').select('id').execute()).map((r) => r.id));
    await seedDemoDistrict(ctx, { id: schoolId, termId: term.id, adminUserId: admin.id });
    const added = (
      await db.selectFrom('staff_attendance').select(['id', 'user_id', 'session_id', 'date']).execute()
    ).filter((r) => !before.has(r.id));
    expect(added.map(({ user_id, session_id, date }) => ({ user_id, session_id, date }))).toEqual([
      { user_id: newcomerId, session_id: duty.session_id, date: duty.date },
    ]);
  });
});
