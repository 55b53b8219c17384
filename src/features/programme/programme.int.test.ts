// The programme through the HTTP layer, on both databases: settings, terms and their calendar,
// venues, sessions against the class-hour limits, offerings, refusals in both languages, audit.
import { beforeAll, describe, expect, it } from 'vitest';
import { describeBothDatabases } from '../../../test/db-matrix';
import { type Client, seedWorld, signIn, type World } from '../../../test/fixtures';

describeBothDatabases('programme', (h) => {
  let w: World;
  let admin: Client;
  let teacher: Client;
  let parent: Client;
  let termId: string;
  const school = (path = '') => `/api/v1/schools/${w.schoolA}${path}`;
  const term = (path = '') => school(`/terms/${termId}${path}`);
  const termBody = {
    name: '2026 秋季学期',
    startsOn: '2026-09-01',
    endsOn: '2027-01-15',
    windowOpensAt: '2026-08-31T08:00:00+08:00',
    windowClosesAt: '2026-09-14T18:00:00+08:00',
    conditions: [{ key: 'insurance', text: '已为孩子投保人身保险', needsProof: true }],
  };
  const audits = (action: string) =>
    h().ctx.db.selectFrom('audit_log').selectAll().where('action', '=', action).execute();

  beforeAll(async () => {
    w = await seedWorld(h());
    admin = await signIn(h(), 'admin');
    teacher = await signIn(h(), 'teacher');
    parent = await signIn(h(), w.parentPhone);
    const res = await admin.send('POST', school('/terms'), termBody);
    expect(res.statusCode, res.body).toBe(201);
    termId = res.json().id;
  });

  describe('settings', () => {
    it('reads the defaults and saves a change, audited', async () => {
      const read = (await teacher.get(school('/settings'))).json();
      expect(read).toMatchObject({ offWorkTime: '17:30', minDailyMinutes: 120, periodLimits: { noon: 3 } });
      const res = await admin.send('PATCH', school('/settings'), { periodLimits: { noon: 2 } });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().periodLimits).toEqual({ noon: 2, afternoon: 2, day: 5 });
      const [row] = await audits('settings.update');
      expect(JSON.parse(row!.after_json!)).toEqual({ periodLimits: { noon: 2, afternoon: 2, day: 5 } });
      await admin.send('PATCH', school('/settings'), { periodLimits: { noon: 3 } });
      expect((await teacher.send('PATCH', school('/settings'), { minDailyMinutes: 60 })).statusCode).toBe(
        403,
      );
    });

    it('FEE-6: a waiver change is merged per category: 建档立卡 100% stays unless set (0 means no waiver)', async () => {
      expect((await teacher.get(school('/settings'))).json().waiverPercents).toEqual({
        registered_poor: 100,
      });
      const res = await admin.send('PATCH', school('/settings'), {
        waiverPercents: { subsistence_allowance: 50 },
      });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().waiverPercents).toEqual({ registered_poor: 100, subsistence_allowance: 50 });
      expect((await teacher.get(school('/settings'))).json().waiverPercents).toEqual({
        registered_poor: 100,
        subsistence_allowance: 50,
      });
      const off = await admin.send('PATCH', school('/settings'), { waiverPercents: { registered_poor: 0 } });
      expect(off.json().waiverPercents).toEqual({ registered_poor: 0, subsistence_allowance: 50 });
      // The settings tab sends the whole map: the same result.
      const whole = await admin.send('PATCH', school('/settings'), {
        waiverPercents: { registered_poor: 100, subsistence_allowance: 0 },
      });
      expect(whole.json().waiverPercents).toEqual({ registered_poor: 100, subsistence_allowance: 0 });
    });

    it('FEE-7: a meal due date beyond 10 working days of the next month is refused (400)', async () => {
      const res = await admin.send('PATCH', school('/settings'), { mealDueWorkingDays: 11 });
      expect(res.statusCode).toBe(400);
      expect(res.json().fields.map((f: { field: string }) => f.field)).toEqual(['mealDueWorkingDays']);
      const ok = await admin.send('PATCH', school('/settings'), { mealDueWorkingDays: 10 });
      expect(ok.json().mealDueWorkingDays).toBe(10);
      await admin.send('PATCH', school('/settings'), { mealDueWorkingDays: 5 });
    });

    it('refuses a bad setting field by field', async () => {
      const res = await admin.send('PATCH', school('/settings'), {
        timezone: 'Mars/Base',
        offWorkTime: '25:00',
      });
      expect(res.statusCode).toBe(400);
      expect(
        res
          .json()
          .fields.map((f: { field: string }) => f.field)
          .sort(),
      ).toEqual(['offWorkTime', 'timezone']);
    });
  });

  describe('terms (PROG-1)', () => {
    it('creates, lists and reads a term; the window instant is stored in UTC', async () => {
      const got = (await parent.get(term())).json();
      expect(got).toMatchObject({
        name: '2026 秋季学期',
        windowOpensAt: '2026-08-31T00:00:00.000Z',
        windowState: 'open',
        noticeVersion: null,
      });
      expect(got.conditions[0]).toEqual({ key: 'insurance', text: '已为孩子投保人身保险', needsProof: true });
      const list = (await teacher.get(school('/terms'))).json();
      expect(list.items.map((t: { id: string }) => t.id)).toContain(termId);
      expect(await audits('term.create')).toHaveLength(1);
    });

    it('answers bad input with 400 and a message per field', async () => {
      const res = await admin.send(
        'POST',
        school('/terms'),
        { ...termBody, name: '', startsOn: '2026-13-01', windowOpensAt: 'tomorrow' },
        { 'accept-language': 'en' },
      );
      expect(res.statusCode).toBe(400);
      const fields = Object.fromEntries(
        res.json().fields.map((f: { field: string; message: string }) => [f.field, f.message]),
      );
      expect(Object.keys(fields).sort()).toEqual(['name', 'startsOn', 'windowOpensAt']);
      expect(fields.name).toBe('Must not be empty');
    });

    it.each([
      [{ endsOn: '2026-08-01' }, 'TERM_DATES_INVALID', '2026-08-01'],
      [{ windowClosesAt: '2026-08-30T00:00:00Z' }, 'TERM_WINDOW_INVALID', '2026-08-31 08:00'],
      [{}, 'TERM_NAME_TAKEN', '2026 秋季学期'],
    ])('refuses an inconsistent term %#', async (change, code, shown) => {
      const res = await admin.send('POST', school('/terms'), { ...termBody, ...change });
      expect(res.json().code).toBe(code);
      expect(res.json().message).toContain(shown);
    });

    it("another school's term does not exist; only the admin writes", async () => {
      const adminB = await signIn(h(), 'adminB');
      expect((await adminB.get(term())).statusCode).toBe(404);
      expect((await adminB.get(`/api/v1/schools/${w.schoolB}/terms/${termId}`)).statusCode).toBe(404);
      expect(
        (await adminB.send('PATCH', `/api/v1/schools/${w.schoolB}/terms/${termId}`, { name: 'x' }))
          .statusCode,
      ).toBe(404);
      expect((await teacher.send('PATCH', term(), { name: '改名' })).statusCode).toBe(403);
      expect((await parent.send('POST', school('/terms'), termBody)).statusCode).toBe(403);
    });

    it('edits a term, audited with before and after', async () => {
      const res = await admin.send('PATCH', term(), { endsOn: '2027-01-22' });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().endsOn).toBe('2027-01-22');
      const [row] = await audits('term.update');
      expect(JSON.parse(row!.before_json!)).toEqual({ endsOn: '2027-01-15' });
    });
  });

  describe('calendar', () => {
    const days = [
      ...['2026-10-01', '2026-10-02', '2026-10-05', '2026-10-06', '2026-10-07'].map((date) => ({
        date,
        kind: 'holiday',
        note: '国庆节',
      })),
      { date: '2026-10-10', kind: 'makeup', followsWeekday: 3, note: '调休上班' },
    ];

    it('sets holidays and a make-up day, and counts the school days', async () => {
      const before = (await teacher.get(term('/school-days'))).json();
      const res = await admin.send('PUT', term('/calendar'), { days });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().days).toHaveLength(6);
      const after = (await parent.get(term('/school-days'))).json();
      expect(after.count).toBe(before.count - 4);
      expect(after.days.find((d: { date: string }) => d.date === '2026-10-10')).toEqual({
        date: '2026-10-10',
        timetableWeekday: 3,
        makeup: true,
      });
      expect(await audits('term.calendar')).toHaveLength(1);
    });

    it('refuses a day outside the term, and a term shortened past its exceptions', async () => {
      const res = await admin.send('PUT', term('/calendar'), {
        days: [{ date: '2027-02-01', kind: 'holiday' }],
      });
      expect(res.statusCode).toBe(422);
      expect(res.json().code).toBe('CALENDAR_DAY_OUTSIDE_TERM');
      const shorten = await admin.send('PATCH', term(), { endsOn: '2026-09-30' });
      expect(shorten.json().code).toBe('CALENDAR_DAY_OUTSIDE_TERM');
      expect((await admin.get(term('/calendar'))).json().days).toHaveLength(6);
    });
  });

  describe('sessions (PROG-2, PROG-3)', () => {
    let afternoon: string;

    it('creates sessions and reports the daily load against the limits', async () => {
      const res = await admin.send('POST', term('/sessions'), {
        name: '课后服务',
        kind: 'afternoon',
        weekdays: [5, 1, 2, 3, 4, 4],
        startsAt: '15:30',
        endsAt: '17:30',
        classHours: 2,
      });
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json().weekdays).toEqual([1, 2, 3, 4, 5]);
      afternoon = res.json().id;
      const noon = await admin.send('POST', term('/sessions'), {
        name: '午托',
        kind: 'noon',
        weekdays: [1, 2, 3, 4, 5],
        startsAt: '11:40',
        endsAt: '13:30',
        classHours: 2,
      });
      expect(noon.statusCode).toBe(201);
      const list = (await parent.get(term('/sessions'))).json();
      expect(list.items).toHaveLength(2);
      expect(list.load[0]).toEqual({ weekday: 1, noon: 2, afternoon: 2, evening: 0, weekend: 0, day: 4 });
      expect(list.limits).toEqual({ noon: 3, afternoon: 2, day: 5 });
    });

    it('accepts an overlapping time option: families pick one of them', async () => {
      const res = await admin.send('POST', term('/sessions'), {
        name: '课后服务（晚接）',
        kind: 'afternoon',
        weekdays: [1, 2, 3, 4, 5],
        startsAt: '16:00',
        endsAt: '18:00',
        classHours: 2,
      });
      expect(res.statusCode, res.body).toBe(201);
    });

    it('refuses a timetable over the limit, naming weekday, hours and limit in zh and en', async () => {
      const body = {
        name: '周三加课',
        kind: 'afternoon',
        weekdays: [3],
        startsAt: '18:00',
        endsAt: '18:40',
        classHours: 1,
      };
      const zh = await admin.send('POST', term('/sessions'), body);
      expect(zh.statusCode).toBe(422);
      expect(zh.json().code).toBe('PERIOD_LIMIT_EXCEEDED');
      expect(zh.json().message).toBe('星期三课后课时合计 3 课时，超过上限 2 课时');
      expect(zh.json().details).toEqual({ weekday: 3, kind: 'afternoon', hours: 3, limit: 2 });
      const en = await admin.send('POST', term('/sessions'), body, { 'accept-language': 'en-US,en;q=0.9' });
      expect(en.json().message).toBe('Wednesday: 3 class-hours for the afternoon, over the limit of 2');
      const evening = await admin.send('POST', term('/sessions'), {
        ...body,
        name: '晚托',
        kind: 'evening',
        classHours: 2,
      });
      expect(evening.json().message).toBe('星期三全天课时合计 6 课时，超过上限 5 课时');
    });

    it('refuses an edit that breaks the limit, and end before start', async () => {
      const res = await admin.send('PATCH', term(`/sessions/${afternoon}`), { classHours: 3 });
      expect(res.statusCode).toBe(422);
      expect(res.json().message).toContain('超过上限 2 课时');
      const times = await admin.send('PATCH', term(`/sessions/${afternoon}`), { endsAt: '15:00' });
      expect(times.json().code).toBe('SESSION_TIMES_INVALID');
      const ok = await admin.send('PATCH', term(`/sessions/${afternoon}`), { endsAt: '17:40' });
      expect(ok.statusCode, ok.body).toBe(200);
      expect(ok.json().endsAt).toBe('17:40');
      const [row] = await audits('session.update');
      expect(JSON.parse(row!.after_json!)).toEqual({ endsAt: '17:40' });
    });
  });

  describe('venues and offerings (PROG-5, PROG-6)', () => {
    let nap: string;
    let ground: string;
    let noonSession: string;
    let afternoonSession: string;

    beforeAll(async () => {
      const sessions = (await admin.get(term('/sessions'))).json().items;
      noonSession = sessions.find((s: { kind: string }) => s.kind === 'noon').id;
      afternoonSession = sessions.find((s: { name: string }) => s.name === '课后服务').id;
    });

    it('creates venues; a fire-safe mark needs the date it was checked', async () => {
      const napRes = await admin.send('POST', school('/venues'), {
        name: '午休室',
        kind: 'nap_room',
        capacity: 40,
      });
      expect(napRes.statusCode, napRes.body).toBe(201);
      expect(napRes.json().fireSafe).toBe(false);
      nap = napRes.json().id;
      ground = (
        await admin.send('POST', school('/venues'), { name: '操场', kind: 'sports_ground', capacity: 40 })
      ).json().id;
      const mark = await admin.send('PATCH', school(`/venues/${nap}`), { fireSafe: true });
      expect(mark.json().code).toBe('VENUE_FIRE_CHECK_DATE');
      expect((await parent.get(school('/venues'))).json().items).toHaveLength(2);
      expect(
        (await teacher.send('POST', school('/venues'), { name: 'x', kind: 'hall', capacity: 1 })).statusCode,
      ).toBe(403);
    });

    it('refuses a nap venue not marked fire-safe, then accepts it once marked', async () => {
      const body = { sessionId: noonSession, venueId: nap, kind: 'nap', name: '午休看护', capacity: 40 };
      const refused = await admin.send('POST', term('/offerings'), body);
      expect(refused.statusCode).toBe(422);
      expect(refused.json().code).toBe('VENUE_NOT_FIRE_SAFE');
      expect(refused.json().message).toContain('午休室');
      const mark = await admin.send('PATCH', school(`/venues/${nap}`), {
        fireSafe: true,
        fireSafeCheckedOn: '2026-08-28',
      });
      expect(mark.statusCode, mark.body).toBe(200);
      const ok = await admin.send('POST', term('/offerings'), body);
      expect(ok.statusCode, ok.body).toBe(201);
      expect(ok.json()).toMatchObject({ venueName: '午休室', kind: 'nap', category: null });
      const unmark = await admin.send('PATCH', school(`/venues/${nap}`), { fireSafe: false });
      expect(unmark.json().code).toBe('VENUE_NOT_FIRE_SAFE');
      const del = await admin.send('DELETE', school(`/venues/${nap}`));
      expect(del.json().code).toBe('VENUE_IN_USE');
    });

    it("refuses places over the venue's capacity, naming both numbers", async () => {
      const body = {
        sessionId: afternoonSession,
        venueId: ground,
        kind: 'club',
        category: 'sport',
        name: '足球社团',
        capacity: 50,
        teacherName: '外聘 张教练',
        feeBasis: 'month',
        feeFen: 18000,
      };
      const refused = await admin.send('POST', term('/offerings'), body, { 'accept-language': 'en' });
      expect(refused.statusCode).toBe(422);
      expect(refused.json().message).toBe('50 places exceed the capacity of "操场" (40)');
      const ok = await admin.send('POST', term('/offerings'), { ...body, capacity: 30 });
      expect(ok.statusCode, ok.body).toBe(201);
      expect(ok.json()).toMatchObject({ teacherName: '外聘 张教练', feeFen: 18000, category: 'sport' });
      const shrink = await admin.send('PATCH', school(`/venues/${ground}`), { capacity: 20 });
      expect(shrink.statusCode).toBe(422);
      expect(shrink.json().message).toBe('场地容量 20 人小于在此开设的“足球社团”的名额 30 人');
    });

    it.each([
      [{ kind: 'subject_teaching', name: '兴趣活动' }],
      [{ kind: 'remedial', name: '兴趣活动' }],
      [{ kind: 'club', category: 'other', name: '数学培优班' }],
      [{ kind: 'reading', name: '语文同步辅导' }],
    ])('refuses subject teaching (严禁集体补课) %j', async (change) => {
      const res = await admin.send('POST', term('/offerings'), {
        sessionId: afternoonSession,
        capacity: 30,
        ...change,
      });
      expect(res.statusCode).toBe(422);
      expect(res.json().code).toBe('SUBJECT_TEACHING_FORBIDDEN');
      expect(res.json().message).toContain('严禁集体补课');
    });

    it('refuses an unknown kind as bad input, a club without category, a teacher from outside', async () => {
      const base = { sessionId: afternoonSession, capacity: 30 };
      const unknown = await admin.send('POST', term('/offerings'), { ...base, kind: 'magic', name: '魔术' });
      expect(unknown.statusCode).toBe(400);
      expect(unknown.json().fields[0].field).toBe('kind');
      const club = await admin.send('POST', term('/offerings'), { ...base, kind: 'club', name: '书法社团' });
      expect(club.json().code).toBe('CLUB_NEEDS_CATEGORY');
      const parentUser = await h()
        .ctx.db.selectFrom('users')
        .select('id')
        .where('phone', '=', w.parentPhone)
        .executeTakeFirstOrThrow();
      const outsider = await admin.send('POST', term('/offerings'), {
        ...base,
        kind: 'reading',
        name: '绘本阅读',
        teacherUserId: parentUser.id,
      });
      expect(outsider.json().code).toBe('TEACHER_NOT_STAFF');
      const fee = await admin.send('POST', term('/offerings'), {
        ...base,
        kind: 'reading',
        name: '绘本阅读',
        feeFen: 100,
      });
      expect(fee.json().code).toBe('OFFERING_FEE_INCOMPLETE');
    });

    it('creates homework care with a staff teacher, edits and deletes offerings, audited', async () => {
      const careUser = await h()
        .ctx.db.selectFrom('users')
        .select('id')
        .where('username', '=', 'care')
        .executeTakeFirstOrThrow();
      const res = await admin.send('POST', term('/offerings'), {
        sessionId: afternoonSession,
        kind: 'homework_care',
        name: '作业辅导看护',
        capacity: 500,
        teacherUserId: careUser.id,
        feeBasis: 'class_hour',
        feeFen: 200,
      });
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json().teacherName).toBe('care 老师');
      const reading = (
        await admin.send('POST', term('/offerings'), {
          sessionId: afternoonSession,
          kind: 'reading',
          name: '绘本阅读',
          capacity: 30,
        })
      ).json();
      const renamed = await admin.send('PATCH', term(`/offerings/${reading.id}`), { name: '数学补习' });
      expect(renamed.json().code).toBe('SUBJECT_TEACHING_FORBIDDEN');
      const edited = await admin.send('PATCH', term(`/offerings/${reading.id}`), { capacity: 25 });
      expect(edited.statusCode, edited.body).toBe(200);
      expect(edited.json().capacity).toBe(25);
      expect((await admin.send('DELETE', term(`/offerings/${reading.id}`))).statusCode).toBe(200);
      const list = (await parent.get(term('/offerings'))).json().items;
      expect(list.map((o: { name: string }) => o.name).sort()).toEqual([
        '作业辅导看护',
        '午休看护',
        '足球社团',
      ]);
      expect(await audits('offering.create')).toHaveLength(4);
      expect(await audits('offering.update')).toHaveLength(1);
      expect(await audits('offering.delete')).toHaveLength(1);
      const delSession = await admin.send('DELETE', term(`/sessions/${afternoonSession}`));
      expect(delSession.json().code).toBe('SESSION_IN_USE');
    });
  });
});
