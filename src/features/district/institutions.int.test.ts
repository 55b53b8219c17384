// rule DIST-2 on both databases: courses priced within the district's cap for special activities;
// only approved institutions' active courses are booked; removal ends bookings, refuses new ones,
// takes the institution's staff off the roster and tells the affected schools; every status change
// records its reason; evaluations and complaints stay with the school that wrote them; the district
// alone writes; the list exports to Excel.
import type { Kysely } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { describeBothDatabases } from '../../../test/db-matrix';
import { setSchoolSettings, volunteer } from '../../../test/duty-fixtures';
import { type Client, signIn } from '../../../test/fixtures';
import { type InstitutionWorld, seedInstitutionWorld } from '../../../test/institution-fixtures';
import { readWorkbook } from '../../../test/xlsx';
import { addStaff } from '../../cli/demo';
import type { DB } from '../../db/schema';
import { checkKinds } from '../groups/outside-rules';
import type { RosterDetail } from '../groups/roster-contract';
import type { InstitutionDetail } from './institutions-contract';

describeBothDatabases('outside institutions (DIST-2)', (h) => {
  let iw: InstitutionWorld;
  let district: Client;
  let district2: Client;
  let admin: Client;
  let adminB: Client;
  let finance: Client;
  let sportId: string;
  let sportCourse: string;
  let artId: string;
  let artCourse: string;
  let staffUser: string;
  const db = () => h().ctx.db as Kysely<DB>;
  const list = () => `/api/v1/districts/${iw.w.districtId}/institutions`;
  const schoolA = () => `/api/v1/schools/${iw.w.schoolA}`;
  const schoolB = () => `/api/v1/schools/${iw.w.schoolB}`;
  const course = (name: string, priceFen: number, kind = 'sport') => ({
    name,
    kind,
    priceFen,
    description: '',
  });

  beforeAll(async () => {
    h().setNow('2026-09-01T01:00:00.000Z');
    iw = await seedInstitutionWorld(h());
    district = await signIn(h(), 'district');
    district2 = await signIn(h(), 'district2');
    admin = await signIn(h(), 'admin');
    adminB = await signIn(h(), 'adminB');
    finance = await signIn(h(), 'finance');
  });

  it('registers institutions with courses priced within the cap for special activities', async () => {
    const over = await district.send('POST', list(), {
      name: '飞翔体育俱乐部',
      kind: 'sport',
      courses: [course('足球', 900)],
    });
    expect(over.statusCode).toBe(422);
    expect(over.json().code).toBe('INSTITUTION_PRICE_OVER_CAP');
    expect(over.json().message).toContain('8.00');
    const tutoring = await district.send('POST', list(), {
      name: '飞翔体育俱乐部',
      kind: 'sport',
      courses: [course('数学提高班', 500)],
    });
    expect(tutoring.json().code).toBe('SUBJECT_TEACHING_FORBIDDEN');
    const bad = await district.send('POST', list(), {
      name: '飞翔体育俱乐部',
      kind: 'sport',
      courses: [course('足球', -1)],
    });
    expect(bad.statusCode).toBe(400);
    const zh = await district.send(
      'POST',
      list(),
      { name: 'x', kind: 'sport' },
      { 'accept-language': 'zh-CN' },
    );
    expect(zh.statusCode).toBe(400);
    expect(zh.json().message).toBe('输入有误，请检查标出的字段');
    const en = await district.send('POST', list(), { name: 'x', kind: 'sport' }, { 'accept-language': 'en' });
    expect(en.json().message).toBe('Some fields need attention');

    const res = await district.send('POST', list(), {
      name: '飞翔体育俱乐部',
      kind: 'sport',
      courses: [course('足球', 800), course('篮球', 600)],
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ status: 'applied', activeCourseCount: 2, meanScore: null });
    sportId = res.json().id;
    // A district cap lower than FEE-3's default binds its new courses.
    const officer = await db()
      .selectFrom('users')
      .select('id')
      .where('username', '=', 'district')
      .executeTakeFirstOrThrow();
    await db()
      .insertInto('fee_caps')
      .values({
        district_id: iw.w.districtId,
        kind: 'special_hour',
        min_fen: null,
        max_fen: 700,
        document_no: '区发改〔2026〕1号',
        approved_on: '2026-08-01',
        updated_by: officer.id,
        updated_at: '2026-08-01T00:00:00.000Z',
      })
      .execute();
    const capped = await district.send('POST', `${list()}/${sportId}/courses`, course('排球', 750));
    expect(capped.statusCode).toBe(422);
    expect(capped.json().message).toContain('区发改〔2026〕1号');
    const added = await district.send('POST', `${list()}/${sportId}/courses`, course('排球', 700));
    expect(added.statusCode).toBe(201);
    expect(added.json()).toMatchObject({ status: 'active', priceFen: 700, bookingCount: 0 });
    const art = await district.send('POST', list(), {
      name: '彩虹美术工作室',
      kind: 'art',
      courses: [course('水彩画', 700, 'art')],
    });
    artId = art.json().id;
  });

  it('only the district writes: a school admin is refused, another district finds nothing', async () => {
    expect((await admin.send('POST', list(), { name: '某机构', kind: 'art' })).statusCode).toBe(403);
    expect((await admin.send('POST', `${list()}/${sportId}/events`, { event: 'approve' })).statusCode).toBe(
      403,
    );
    expect((await admin.send('POST', `${list()}/${sportId}/courses`, course('乒乓球', 500))).statusCode).toBe(
      403,
    );
    expect((await finance.get(list())).statusCode).toBe(403);
    expect((await district2.get(`${list()}/${sportId}`)).statusCode).toBe(404);
    expect(
      (await district.get(`/api/v1/districts/${iw.otherDistrict}/institutions/${iw.otherInstitution}`))
        .statusCode,
    ).toBe(404);
    expect((await district.get(`${list()}/${iw.otherInstitution}`)).statusCode).toBe(404);
  });

  it('books only approved institutions and active courses, at the course price', async () => {
    const detail: InstitutionDetail = (await district.get(`${list()}/${sportId}`)).json();
    sportCourse = detail.courses.find((c) => c.name === '足球')!.id;
    const book = (client: Client, school: string, institutionId: string, courseId: string, termId: string) =>
      client.send('POST', `${school}/institutions/${institutionId}/bookings`, { courseId, termId });
    const refused = await book(admin, schoolA(), sportId, sportCourse, iw.d.term.termId);
    expect(refused.statusCode).toBe(422);
    expect(refused.json().code).toBe('INSTITUTION_NOT_APPROVED');
    for (const id of [sportId, artId])
      expect(
        (await district.send('POST', `${list()}/${id}/events`, { event: 'approve', note: '资质齐全' })).json()
          .status,
      ).toBe('approved');
    const catalogue = (await admin.get(`${schoolA()}/institution-catalogue`)).json().items;
    expect(catalogue.map((i: { name: string }) => i.name).sort()).toEqual([
      '彩虹美术工作室',
      '飞翔体育俱乐部',
    ]);
    const ok = await book(admin, schoolA(), sportId, sportCourse, iw.d.term.termId);
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({ priceFen: 800, status: 'active', courseName: '足球' });
    expect((await book(admin, schoolA(), sportId, sportCourse, iw.d.term.termId)).json().code).toBe(
      'INSTITUTION_ALREADY_BOOKED',
    );
    expect((await book(finance, schoolA(), sportId, sportCourse, iw.d.term.termId)).statusCode).toBe(403);
    // Retired courses are not booked; a course is never edited, it is retired and added again.
    const basketball = detail.courses.find((c) => c.name === '篮球')!.id;
    await district.send('POST', `${list()}/${sportId}/courses/${basketball}/retire`);
    expect((await book(admin, schoolA(), sportId, basketball, iw.d.term.termId)).json().code).toBe(
      'INSTITUTION_COURSE_RETIRED',
    );
    // A school that admits no paid outside bodies books none.
    await setSchoolSettings(h(), iw.w.schoolB, { allowPaidOutsideBodies: false });
    artCourse = (await district.get(`${list()}/${artId}`)).json().courses[0].id;
    expect((await book(adminB, schoolB(), artId, artCourse, iw.termB)).json().code).toBe(
      'OUTSIDE_PAID_BODIES_FORBIDDEN',
    );
    await setSchoolSettings(h(), iw.w.schoolB, {});
    expect((await book(adminB, schoolB(), artId, artCourse, iw.termB)).statusCode).toBe(201);
    expect((await book(adminB, schoolB(), sportId, sportCourse, iw.termB)).statusCode).toBe(201);
    expect((await admin.get(`${schoolA()}/institution-bookings`)).json().items).toHaveLength(1);
    // A school evaluates only an institution it booked.
    const notBooked = await admin.send('POST', `${schoolA()}/institutions/${artId}/evaluations`, {
      termId: iw.d.term.termId,
      score: 4,
    });
    expect(notBooked.json().code).toBe('INSTITUTION_NOT_BOOKED');
    // A booking may name one of the school's offerings of that term; another school's is not found.
    const linked = await admin.send('POST', `${schoolA()}/institutions/${artId}/bookings`, {
      courseId: artCourse,
      termId: iw.d.term.termId,
      offeringId: iw.d.term.football,
    });
    expect(linked.json()).toMatchObject({ offeringName: '足球社团', priceFen: 700 });
    const foreign = await adminB.send('POST', `${schoolB()}/institutions/${artId}/bookings`, {
      courseId: artCourse,
      termId: iw.termB,
      offeringId: iw.d.term.football,
    });
    expect(foreign.statusCode).toBe(404);
  });

  it('keeps evaluations and complaints with the school that wrote them', async () => {
    const evaluate = (client: Client, school: string, id: string, termId: string, score: number) =>
      client.send('POST', `${school}/institutions/${id}/evaluations`, { termId, score, comment: '一般' });
    expect((await evaluate(admin, schoolA(), sportId, iw.d.term.termId, 6)).statusCode).toBe(400);
    expect((await evaluate(admin, schoolA(), sportId, iw.d.term.termId, 2)).statusCode).toBe(201);
    expect((await evaluate(admin, schoolA(), sportId, iw.d.term.termId, 3)).json().code).toBe(
      'INSTITUTION_ALREADY_EVALUATED',
    );
    expect((await evaluate(adminB, schoolB(), sportId, iw.termB, 5)).statusCode).toBe(201);
    expect((await evaluate(finance, schoolA(), sportId, iw.d.term.termId, 5)).statusCode).toBe(403);
    const complain = (client: Client, school: string, category: string) =>
      client.send('POST', `${school}/institutions/${sportId}/complaints`, {
        category,
        description: '在校门口发放传单招揽学生',
        occurredOn: '2026-08-30',
      });
    expect((await complain(admin, schoolA(), 'rude')).statusCode).toBe(400);
    expect((await complain(admin, schoolA(), 'touting')).statusCode).toBe(201);
    expect((await complain(adminB, schoolB(), 'not_as_agreed')).statusCode).toBe(201);

    const mine = (await admin.get(`${schoolA()}/institutions/${sportId}/feedback`)).json();
    expect(mine.evaluations.map((e: { score: number }) => e.score)).toEqual([2]);
    expect(mine.complaints.map((c: { category: string }) => c.category)).toEqual(['touting']);
    const theirs = (await adminB.get(`${schoolB()}/institutions/${sportId}/feedback`)).json();
    expect(theirs.complaints.map((c: { schoolName: string }) => c.schoolName)).toEqual(['测试二小']);
    const publicItem = (await admin.get(`${schoolA()}/institution-catalogue`))
      .json()
      .items.find((i: { id: string }) => i.id === sportId);
    expect(publicItem).toMatchObject({ meanScore: 3.5, evaluationCount: 2 });
    expect(publicItem.complaints).toBeUndefined();
    expect((await admin.get(`${list()}/${sportId}`)).statusCode).toBe(403);

    const detail: InstitutionDetail = (await district.get(`${list()}/${sportId}`)).json();
    expect(detail).toMatchObject({
      meanScore: 3.5,
      evaluationCount: 2,
      complaintCount: 2,
      openComplaintCount: 2,
    });
    expect(detail.complaints.map((c) => c.schoolName).sort()).toEqual(['测试一小', '测试二小']);
    const handle = `${list()}/${sportId}/complaints/${detail.complaints[0]!.id}/handle`;
    expect((await admin.send('POST', handle, { note: '已约谈' })).statusCode).toBe(403);
    const handled = await district.send('POST', handle, { note: '已约谈机构负责人' });
    expect(handled.json()).toMatchObject({ status: 'handled', handledNote: '已约谈机构负责人' });
    expect((await district.send('POST', handle, { note: '再次' })).json().code).toBe(
      'INSTITUTION_COMPLAINT_HANDLED',
    );
  });

  it('rosters the institution’s approved staff while it is approved', async () => {
    staffUser = await addStaff(
      db(),
      {
        username: 'flystaff',
        displayName: '周教练',
        passwordHash: null,
        grants: [{ role: 'outside_staff', districtId: iw.w.districtId, schoolId: iw.w.schoolA }],
      },
      h().ctx.now().toISOString(),
    );
    const created = await admin.send('POST', `${schoolA()}/outside-staff`, {
      name: '周教练',
      kind: 'institution_staff',
      phone: '13912345678',
      idNumber: '310101199001011234',
      institutionId: sportId,
      userId: staffUser,
    });
    expect(created.statusCode).toBe(201);
    const url = `${schoolA()}/outside-staff/${created.json().id}`;
    for (const kind of checkKinds)
      await admin.send('POST', `${url}/checks`, {
        kind,
        passed: true,
        note: '已核验',
        checkedOn: '2026-09-01',
        validUntil: null,
      });
    expect((await admin.send('POST', `${url}/events`, { event: 'approve' })).json().rosterable).toBe(true);
    await volunteer(h(), iw.w, iw.d.term.termId, staffUser, iw.d.term.afternoonSessionId, [1, 2, 3, 4, 5]);
    expect((await rosterPeople()).has(staffUser)).toBe(true);
  });

  const rosterPeople = async () => {
    const v = (await admin.send('POST', `${schoolA()}/terms/${iw.d.term.termId}/rosters`)).json();
    const detail: RosterDetail = (await admin.get(`${schoolA()}/rosters/${v.id}`)).json();
    return new Set(detail.duties.map((x) => x.userId));
  };

  it('records a reason for every change; removal ends bookings, refuses new ones, unrosters staff, tells schools', async () => {
    const events = `${list()}/${sportId}/events`;
    expect((await district.send('POST', events, { event: 'suspend' })).json().code).toBe(
      'INSTITUTION_REASON_REQUIRED',
    );
    expect((await district.send('POST', events, { event: 'remove' })).json().code).toBe(
      'INSTITUTION_REASON_REQUIRED',
    );
    expect((await district.send('POST', events, { event: 'remove', reason: 'other' })).json().code).toBe(
      'INSTITUTION_REASON_REQUIRED',
    );
    expect((await district.send('POST', events, { event: 'remove', reason: 'bored' })).statusCode).toBe(400);
    expect((await district.send('POST', events, { event: 'approve', reason: 'touting' })).statusCode).toBe(
      409,
    );
    h().setNow('2026-09-02T02:00:00.000Z');
    const removed = await district.send('POST', events, {
      event: 'remove',
      reason: 'touting',
      note: '多次投诉',
    });
    expect(removed.statusCode).toBe(200);
    expect(removed.json()).toMatchObject({ status: 'removed', activeBookingCount: 0 });
    expect((await district.send('POST', events, { event: 'reinstate', note: '复核' })).json().code).toBe(
      'INVALID_TRANSITION',
    );

    const bookingsA = (await admin.get(`${schoolA()}/institution-bookings`)).json().items;
    expect(bookingsA[0]).toMatchObject({
      status: 'ended',
      endsOn: '2026-09-02',
      endReason: 'institution.removed',
    });
    const again = await admin.send('POST', `${schoolA()}/institutions/${sportId}/bookings`, {
      courseId: sportCourse,
      termId: iw.d.term.termId,
    });
    expect(again.json().code).toBe('INSTITUTION_NOT_APPROVED');
    expect((await rosterPeople()).has(staffUser)).toBe(false);
    // the art studio's booking at school B is untouched
    const bookingsB = (await adminB.get(`${schoolB()}/institution-bookings`)).json().items;
    expect(
      bookingsB.map((b: { institutionName: string; status: string }) => [b.institutionName, b.status]).sort(),
    ).toEqual([
      ['彩虹美术工作室', 'active'],
      ['飞翔体育俱乐部', 'ended'],
    ]);

    const told = await db()
      .selectFrom('notifications')
      .innerJoin('users', 'users.id', 'notifications.user_id')
      .select(['users.username', 'notifications.school_id', 'notifications.params'])
      .where('notifications.kind', '=', 'institution.removed')
      .execute();
    expect(told.map((n) => n.username).sort()).toEqual(['admin', 'admin2', 'adminb']);
    expect(JSON.parse(told[0]!.params)).toMatchObject({
      name: '飞翔体育俱乐部',
      reason: 'touting',
      bookings: 1,
    });
    const inbox = (await adminB.get('/api/v1/me/notifications')).json();
    expect(JSON.stringify(inbox)).toContain('恶意招揽生源');

    const detail: InstitutionDetail = (await district.get(`${list()}/${sportId}`)).json();
    expect(detail.transitions.map((t) => [t.event, t.toStatus, t.reason, t.note])).toEqual([
      ['register', 'applied', null, ''],
      ['approve', 'approved', null, '资质齐全'],
      ['remove', 'removed', 'touting', '多次投诉'],
    ]);
    const audit = await db()
      .selectFrom('audit_log')
      .select('action')
      .where('entity', 'like', 'institution%')
      .orderBy('at')
      .orderBy('id')
      .execute();
    expect(new Set(audit.map((a) => a.action))).toEqual(
      new Set([
        'institution.register',
        'institution.approve',
        'institution.book',
        'institution.course.add',
        'institution.course.retire',
        'institution.evaluate',
        'institution.complain',
        'institution.complaint.handle',
        'institution.remove',
      ]),
    );
  });

  it('suspension ends the bookings that day and tells the schools; reinstating lets them book again', async () => {
    const events = `${list()}/${artId}/events`;
    h().setNow('2026-09-03T02:00:00.000Z');
    const suspended = await district.send('POST', events, { event: 'suspend', note: '消防检查未通过' });
    expect(suspended.json()).toMatchObject({ status: 'suspended', activeBookingCount: 0 });
    const bookingsB = (await adminB.get(`${schoolB()}/institution-bookings`)).json().items;
    expect(
      bookingsB.find((b: { institutionName: string }) => b.institutionName === '彩虹美术工作室'),
    ).toMatchObject({
      status: 'ended',
      endsOn: '2026-09-03',
      endReason: 'institution.suspended',
    });
    const told = await db()
      .selectFrom('notifications')
      .select(['school_id', 'params'])
      .where('kind', '=', 'institution.suspended')
      .execute();
    expect(told.map((n) => n.school_id).sort()).toEqual([iw.w.schoolA, iw.w.schoolA, iw.w.schoolB].sort());
    expect(JSON.parse(told[0]!.params)).toMatchObject({ name: '彩虹美术工作室', note: '消防检查未通过' });
    const refused = await adminB.send('POST', `${schoolB()}/institutions/${artId}/bookings`, {
      courseId: artCourse,
      termId: iw.termB,
    });
    expect(refused.json().code).toBe('INSTITUTION_NOT_APPROVED');
    await district.send('POST', events, { event: 'reinstate', note: '整改完成' });
    const again = await adminB.send('POST', `${schoolB()}/institutions/${artId}/bookings`, {
      courseId: artCourse,
      termId: iw.termB,
    });
    expect(again.statusCode).toBe(201);
  });

  it('exports the list as a workbook', async () => {
    const res = await district.get(`${list()}/export`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const rows = await readWorkbook(res.rawPayload);
    expect(rows[0]).toEqual(['非学科类校外培训机构名单']);
    expect(rows[1]![0]).toBe('机构名称');
    const sport = rows.find((r) => r[0] === '飞翔体育俱乐部')!;
    expect(sport.slice(2, 7)).toEqual(['已清退', '3.5', '2', '2', '1']);
    expect((await admin.get(`${list()}/export`)).statusCode).toBe(403);
  });

  // The institution's row is locked by a status change and by a booking (PostgreSQL), and a status
  // moves only from the status read: concurrent requests never undo a removal.
  const register = async (name: string) => {
    const res = await district.send('POST', list(), { name, kind: 'sport', courses: [course('田径', 500)] });
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json().id as string;
    await district.send('POST', `${list()}/${id}/events`, { event: 'approve', note: '资质齐全' });
    const courseId = (await district.get(`${list()}/${id}`)).json().courses[0].id as string;
    return { id, courseId };
  };
  const remove = (id: string) =>
    district.send('POST', `${list()}/${id}/events`, { event: 'remove', reason: 'touting', note: '多次投诉' });

  it('a removal and a reinstatement at once: the institution stays removed', async () => {
    for (let i = 0; i < 6; i++) {
      const { id } = await register(`并发清退俱乐部${i}`);
      expect(
        (await district.send('POST', `${list()}/${id}/events`, { event: 'suspend', note: '检查' }))
          .statusCode,
      ).toBe(200);
      const [removed, reinstated] = await Promise.all([
        remove(id),
        district.send('POST', `${list()}/${id}/events`, { event: 'reinstate', note: '复核' }),
      ]);
      expect(removed.statusCode, removed.body).toBe(200);
      expect([200, 409]).toContain(reinstated.statusCode);
      const row = await db()
        .selectFrom('institutions')
        .select('status')
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      expect(row.status).toBe('removed');
      // The removal started from what it read: approved when the reinstatement came first.
      const removal = await db()
        .selectFrom('institution_transitions')
        .select('from_status')
        .where('institution_id', '=', id)
        .where('to_status', '=', 'removed')
        .executeTakeFirstOrThrow();
      expect(removal.from_status).toBe(reinstated.statusCode === 200 ? 'approved' : 'suspended');
    }
  });

  it('a removal and a booking at once: the booking is refused or ended by the removal, never active', async () => {
    for (let i = 0; i < 6; i++) {
      const { id, courseId } = await register(`并发预订俱乐部${i}`);
      const [removed, booked] = await Promise.all([
        remove(id),
        admin.send('POST', `${schoolA()}/institutions/${id}/bookings`, {
          courseId,
          termId: iw.d.term.termId,
        }),
      ]);
      expect(removed.statusCode, removed.body).toBe(200);
      if (booked.statusCode !== 201) expect(booked.json().code).toBe('INSTITUTION_NOT_APPROVED');
      const bookings = await db()
        .selectFrom('institution_bookings')
        .select(['status', 'end_reason'])
        .where('institution_id', '=', id)
        .execute();
      expect(bookings).toEqual(
        booked.statusCode === 201 ? [{ status: 'ended', end_reason: 'institution.removed' }] : [],
      );
    }
  });

  it('a double click evaluates once: the unique index decides, the other gets INSTITUTION_ALREADY_EVALUATED', async () => {
    const { id, courseId } = await register('双击评价俱乐部');
    const booked = await admin.send('POST', `${schoolA()}/institutions/${id}/bookings`, {
      courseId,
      termId: iw.d.term.termId,
    });
    expect(booked.statusCode, booked.body).toBe(201);
    const evaluate = () =>
      admin.send('POST', `${schoolA()}/institutions/${id}/evaluations`, {
        termId: iw.d.term.termId,
        score: 4,
        comment: '不错',
      });
    const results = await Promise.all([evaluate(), evaluate(), evaluate()]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409, 409]);
    for (const r of results.filter((x) => x.statusCode === 409))
      expect(r.json().code).toBe('INSTITUTION_ALREADY_EVALUATED');
    const rows = await db()
      .selectFrom('institution_evaluations')
      .select('id')
      .where('institution_id', '=', id)
      .execute();
    expect(rows).toHaveLength(1);
  });
});
