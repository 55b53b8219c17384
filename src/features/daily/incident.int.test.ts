// Incidents (DAY-6) through HTTP on both databases: who may report and read, the family told at
// once without other children's names, critical ones reaching the leaders, follow-ups appended
// through the state machine, every change audited (SAFE-1), and what PAY-4 reads.
import { expect, it } from 'vitest';
import { describeBothDatabases } from '../../../test/db-matrix';
import { type Client, seedWorld, signIn, type World } from '../../../test/fixtures';
import { seedTerm, type TermFixture } from '../../../test/programme-fixtures';
import { newId } from '../../server/context';
import { incidentsAffectingPay } from './incident-pay';

const day = '2026-09-01';
// 16:00 in Shanghai: the afternoon session.
const occurredAt = '2026-09-01T08:00:00.000Z';

describeBothDatabases('incidents', (h) => {
  let world: World;
  let term: TermFixture;
  const users: Record<string, string> = {};
  let careClass: string;
  let headClass: string;
  let childName: string;
  let otherName: string;
  let thirdChild: string;
  let admin: Client;
  let care: Client;
  let parent: Client;
  let incidentId: string;

  const base = () => `/api/v1/schools/${world.schoolA}`;
  const report = (client: Client, body: Record<string, unknown>, headers: Record<string, string> = {}) =>
    client.send(
      'POST',
      `${base()}/incidents`,
      {
        tempClassId: careClass,
        studentIds: [world.childOfParent],
        occurredAt,
        kind: 'injury',
        severity: 'minor',
        description: '跑步时摔倒，膝盖擦伤',
        actionTaken: '已用碘伏消毒并贴创可贴',
        ...body,
      },
      headers,
    );
  const inbox = async (client: Client) =>
    (await client.get('/api/v1/me/notifications')).json().items as {
      kind: string;
      body: string;
      link: string;
    }[];
  const audits = (entityId: string) =>
    h()
      .ctx.db.selectFrom('audit_log')
      .select(['action', 'before_json', 'after_json', 'actor_user_id'])
      .where('entity_id', '=', entityId)
      .orderBy('id')
      .execute();

  it('sets up a term, two temporary classes and a published roster', async () => {
    world = await seedWorld(h());
    term = await seedTerm(h(), world);
    const db = h().ctx.db;
    for (const u of await db.selectFrom('users').select(['id', 'username']).execute())
      if (u.username) users[u.username.toLowerCase()] = u.id;
    const at = h().ctx.now().toISOString();
    const joined = '2026-08-31T00:00:00.000Z';
    careClass = newId();
    headClass = newId();
    const tempClass = (id: string, name: string, head: string | null) => ({
      id,
      school_id: world.schoolA,
      term_id: term.termId,
      session_id: term.afternoonSessionId,
      offering_id: term.homeworkCare,
      kind: 'care',
      name,
      venue_id: null,
      head_teacher_id: head,
      created_at: at,
      updated_at: at,
    });
    await db
      .insertInto('temp_classes')
      .values([tempClass(careClass, '看护一班', null), tempClass(headClass, '看护二班', users.teacher!)])
      .execute();
    const third = await db
      .selectFrom('students')
      .select('id')
      .where('school_id', '=', world.schoolA)
      .where('id', 'not in', [world.childOfParent, world.otherChild])
      .executeTakeFirstOrThrow();
    thirdChild = third.id;
    const member = (classId: string, studentId: string) => ({
      id: newId(),
      temp_class_id: classId,
      offering_id: term.homeworkCare,
      student_id: studentId,
      seat_no: null,
      joined_at: joined,
      left_at: null,
      changed_by: null,
    });
    await db
      .insertInto('temp_class_members')
      .values([
        member(careClass, world.childOfParent),
        member(careClass, world.otherChild),
        member(headClass, thirdChild),
      ])
      .execute();
    const rosterId = newId();
    await db
      .insertInto('duty_rosters')
      .values({
        id: rosterId,
        school_id: world.schoolA,
        term_id: term.termId,
        version: 1,
        status: 'published',
        unfilled: '[]',
        generated_by: users.admin!,
        generated_at: at,
        published_at: at,
      })
      .execute();
    const duty = (role: string, userId: string, tempClassId: string | null) => ({
      id: newId(),
      roster_id: rosterId,
      school_id: world.schoolA,
      date: day,
      session_id: term.afternoonSessionId,
      temp_class_id: tempClassId,
      role,
      user_id: userId,
      outside_staff_id: null,
      created_at: at,
    });
    await db
      .insertInto('duty_assignments')
      .values([duty('care', users.care!, careClass), duty('leader', users.finance!, null)])
      .execute();
    const names = await db
      .selectFrom('students')
      .select(['id', 'name'])
      .where('id', 'in', [world.childOfParent, world.otherChild])
      .execute();
    childName = names.find((n) => n.id === world.childOfParent)!.name;
    otherName = names.find((n) => n.id === world.otherChild)!.name;
    admin = await signIn(h(), 'admin');
    care = await signIn(h(), 'care');
    parent = await signIn(h(), world.parentPhone);
  });

  it('the care teacher on duty offers their class and its children on the form', async () => {
    const form = await care.get(`${base()}/incident-form?date=${day}`);
    expect(form.statusCode).toBe(200);
    expect(form.json().general).toBe(false);
    expect(form.json().classes.map((c: { id: string }) => c.id)).toEqual([careClass]);
    expect(form.json().classes[0].students).toHaveLength(2);
    const adminForm = await admin.get(`${base()}/incident-form?date=${day}`);
    expect(adminForm.json().classes).toHaveLength(2);
    expect(adminForm.json().general).toBe(true);
  });

  it('the care teacher records an injury at once; the family is told without the other child’s name', async () => {
    const res = await report(
      care,
      {
        studentIds: [world.childOfParent, world.otherChild],
        kind: 'conflict',
        description: `${otherName}与${childName}追逐时相撞`,
        actionTaken: `已分开${otherName}和${childName}，检查无外伤`,
      },
      { 'idempotency-key': 'incident-1' },
    );
    expect(res.statusCode).toBe(201);
    const view = res.json();
    incidentId = view.id;
    expect(view).toMatchObject({
      status: 'reported',
      date: day,
      kind: 'conflict',
      tempClass: { id: careClass, name: '看护一班' },
      can: { followUp: true, close: false, reopen: false },
    });
    expect(view.students).toHaveLength(2);
    expect(view.guardiansNotified).toBeGreaterThanOrEqual(1);

    // A retried tap answers the same record, not a second one.
    const again = await report(
      care,
      {
        studentIds: [world.childOfParent, world.otherChild],
        kind: 'conflict',
        description: `${otherName}与${childName}追逐时相撞`,
        actionTaken: `已分开${otherName}和${childName}，检查无外伤`,
      },
      { 'idempotency-key': 'incident-1' },
    );
    expect(again.json().id).toBe(incidentId);
    const count = await h().ctx.db.selectFrom('incidents').select('id').execute();
    expect(count).toHaveLength(1);

    const messages = await inbox(parent);
    const told = messages.find((m) => m.kind === 'incident.reported')!;
    expect(told.body).toContain(childName);
    expect(told.body).toContain('同学冲突');
    expect(told.body).not.toContain(otherName);
    expect(told.link).toBe(`/daily/incidents/${incidentId}`);
    const outbox = await h()
      .ctx.db.selectFrom('notify_outbox as o')
      .innerJoin('notifications as n', 'n.id', 'o.notification_id')
      .select('o.status')
      .where('n.kind', '=', 'incident.reported')
      .execute();
    expect(outbox.length).toBeGreaterThanOrEqual(1);
    expect(outbox.every((o) => o.status === 'pending')).toBe(true);
    // The workers are asked to deliver it now, not at the next tick.
    const drain = await h()
      .ctx.db.selectFrom('jobs')
      .select('status')
      .where('kind', '=', 'notify.drainNow')
      .execute();
    expect(drain).toEqual([{ status: 'queued' }]);
    const trail = await audits(incidentId);
    expect(trail.map((a) => a.action)).toEqual(['incident.report']);
    expect(JSON.parse(trail[0]!.after_json!)).toMatchObject({ status: 'reported', kind: 'conflict' });
  });

  it('refuses what it must, with clear codes, and records nothing', async () => {
    const cases: [Client | Promise<Client>, Record<string, unknown>, number, string][] = [
      [care, { tempClassId: headClass, studentIds: [thirdChild] }, 404, 'NOT_FOUND'],
      [care, { tempClassId: null }, 422, 'INCIDENT_CLASS_REQUIRED'],
      [care, { studentIds: [thirdChild] }, 422, 'INCIDENT_STUDENT_NOT_IN_CLASS'],
      [care, { occurredAt: '2026-09-01T09:00:00.000Z' }, 422, 'INCIDENT_IN_FUTURE'],
      [care, { kind: 'staff_dereliction' }, 422, 'INCIDENT_STAFF_REQUIRED'],
      [care, { kind: 'staff_dereliction', staffUserId: users.adminb }, 422, 'INCIDENT_STAFF_NOT_IN_SCHOOL'],
      [signIn(h(), 'guard'), {}, 403, 'FORBIDDEN'],
      [parent, {}, 403, 'FORBIDDEN'],
      [signIn(h(), 'adminB'), {}, 404, 'NOT_FOUND'],
      [care, { kind: 'fire', severity: 'huge', actionTaken: '' }, 400, 'VALIDATION_FAILED'],
    ];
    for (const [client, body, status, code] of cases) {
      const res = await report(await client, body);
      expect([res.statusCode, res.json().code], JSON.stringify(body)).toEqual([status, code]);
    }
    const bad = await report(care, { kind: 'fire', actionTaken: '' });
    expect(
      bad
        .json()
        .fields.map((f: { field: string }) => f.field)
        .sort(),
    ).toEqual(['actionTaken', 'kind']);
    const zh = (await report(care, { occurredAt: '2026-09-01T09:00:00.000Z' })).json().message;
    expect(zh).toBe('事件发生时间不能晚于现在');
    expect(await h().ctx.db.selectFrom('incidents').select('id').execute()).toHaveLength(1);
  });

  it('a critical incident also reaches the school admins and the day’s duty leader', async () => {
    const res = await report(admin, {
      tempClassId: null,
      studentIds: [thirdChild],
      kind: 'missing_child',
      severity: 'critical',
      description: '放学清点时发现少一名学生',
      actionTaken: '已通知门卫封闭校门并联系家长',
    });
    expect(res.statusCode).toBe(201);
    for (const who of ['admin', 'admin2', 'finance']) {
      const msgs = await inbox(await signIn(h(), who));
      expect(
        msgs.some((m) => m.kind === 'incident.critical' && m.body.includes('学生走失')),
        who,
      ).toBe(true);
    }
    const careMsgs = await inbox(care);
    expect(careMsgs.some((m) => m.kind === 'incident.critical')).toBe(false);
    // The care teacher neither reported it nor stands for a class of it.
    expect((await care.get(`${base()}/incidents/${res.json().id}`)).statusCode).toBe(404);
    const list = await care.get(`${base()}/incidents`);
    expect(list.json().items.map((i: { id: string }) => i.id)).toEqual([incidentId]);
    const all = await admin.get(`${base()}/incidents`);
    expect(all.json().total).toBe(2);
  });

  it('the class teacher of a child involved reads it; a staff read is logged as sensitive', async () => {
    const teacher = await signIn(h(), 'teacher');
    const res = await teacher.get(`${base()}/incidents/${incidentId}`);
    expect(res.statusCode).toBe(200);
    expect(res.json().students).toHaveLength(2);
    const reads = (await audits(incidentId)).filter((a) => a.action === 'read.sensitive');
    expect(reads.map((r) => r.actor_user_id)).toEqual([users.teacher]);
  });

  it('follow-ups are appended through the state machine; internal notes stay with staff', async () => {
    const first = await care.send('POST', `${base()}/incidents/${incidentId}/follow-ups`, {
      note: `已电话联系${otherName}的家长说明情况`,
    });
    expect(first.statusCode).toBe(200);
    expect(first.json().status).toBe('following_up');
    const internal = await care.send('POST', `${base()}/incidents/${incidentId}/follow-ups`, {
      note: '值班老师当时在走廊，需加强巡视',
      internal: true,
    });
    expect(internal.json().events).toHaveLength(2);
    const byCare = await care.send('POST', `${base()}/incidents/${incidentId}/close`, { note: '已处理' });
    expect(byCare.statusCode).toBe(403);
    const fromParent = await parent.send('POST', `${base()}/incidents/${incidentId}/follow-ups`, {
      note: '谢谢',
    });
    expect(fromParent.statusCode).toBe(403);

    const msgs = await inbox(parent);
    const followed = msgs.filter((m) => m.kind === 'incident.followedUp');
    expect(followed).toHaveLength(1);
    expect(followed[0]!.body).not.toContain(otherName);
  });

  it('a parent reads their own child’s incident without the other child’s name or staff notes', async () => {
    const list = await parent.get(`${base()}/incidents`);
    expect(list.statusCode).toBe(200);
    expect(list.json().items).toHaveLength(1);
    expect(list.json().items[0].students.map((s: { id: string }) => s.id)).toEqual([world.childOfParent]);
    const res = await parent.get(`${base()}/incidents/${incidentId}`);
    expect(res.statusCode).toBe(200);
    const view = res.json();
    expect(view.students.map((s: { id: string }) => s.id)).toEqual([world.childOfParent]);
    expect(view.otherStudents).toBe(1);
    expect(JSON.stringify(view)).not.toContain(otherName);
    expect(view.description).toContain(childName);
    expect(view.description).toContain('其他同学');
    expect(view.events).toHaveLength(1);
    expect(view.staff).toBeNull();
    expect(view.can).toEqual({ followUp: false, close: false, reopen: false });
    const critical = (await admin.get(`${base()}/incidents?status=reported`)).json().items[0].id;
    expect((await parent.get(`${base()}/incidents/${critical}`)).statusCode).toBe(404);
  });

  it('the admin closes with a finding and may reopen; nothing is appended to a closed incident', async () => {
    const closed = await admin.send('POST', `${base()}/incidents/${incidentId}/close`, {
      note: '双方家长已沟通，无需进一步处理',
    });
    expect(closed.statusCode).toBe(200);
    expect(closed.json()).toMatchObject({ status: 'closed', finding: 'upheld', can: { reopen: true } });
    const late = await care.send('POST', `${base()}/incidents/${incidentId}/follow-ups`, { note: '补充' });
    expect(late.statusCode).toBe(409);
    expect(late.json().code).toBe('INCIDENT_TRANSITION_NOT_ALLOWED');
    expect(late.json().message).toBe('该事件当前状态为“已结案”，不能添加跟进');
    const reopened = await admin.send('POST', `${base()}/incidents/${incidentId}/reopen`, {
      note: '家长反映孩子晚上膝盖疼',
    });
    expect(reopened.json()).toMatchObject({ status: 'following_up', finding: null });
    expect((await inbox(parent)).some((m) => m.kind === 'incident.closed')).toBe(true);
    const trail = (await audits(incidentId)).filter((a) => a.action !== 'read.sensitive');
    expect(trail.map((a) => a.action)).toEqual([
      'incident.report',
      'incident.followUp',
      'incident.followUp',
      'incident.close',
      'incident.reopen',
    ]);
    expect(JSON.parse(trail[3]!.before_json!)).toMatchObject({ status: 'following_up' });
    expect(JSON.parse(trail[3]!.after_json!)).toMatchObject({ status: 'closed', finding: 'upheld' });
    const events = await h().ctx.db.selectFrom('incident_events').select('id').execute();
    expect(events).toHaveLength(4);
  });

  it('PAY-4 reads derelictions naming a teacher, unless closed as not upheld', async () => {
    const upheld = await report(admin, {
      tempClassId: null,
      studentIds: [],
      kind: 'staff_dereliction',
      severity: 'serious',
      staffUserId: users.care,
      description: '看护老师提前离岗二十分钟',
      actionTaken: '由值班老师接管',
    });
    expect(upheld.statusCode).toBe(201);
    const groundless = await report(admin, {
      tempClassId: null,
      studentIds: [],
      kind: 'safety_hazard',
      severity: 'minor',
      staffUserId: users.teacher,
      description: '被反映未锁教室门',
      actionTaken: '已核实',
    });
    await admin.send('POST', `${base()}/incidents/${groundless.json().id}/close`, {
      note: '经核实门已锁，反映不实',
      finding: 'not_upheld',
    });
    const pay = await incidentsAffectingPay(h().ctx.db, world.schoolA, '2026-09-01', '2026-09-30');
    expect(pay).toEqual([
      {
        incidentId: upheld.json().id,
        staffUserId: users.care,
        date: day,
        kind: 'staff_dereliction',
        status: 'reported',
        settled: false,
      },
    ]);
    expect(await incidentsAffectingPay(h().ctx.db, world.schoolA, '2026-09-02', '2026-09-30')).toEqual([]);
    // The staff member concerned is staff data: a parent never sees the name.
    expect((await care.get(`${base()}/incidents/${upheld.json().id}`)).statusCode).toBe(404);
  });
});
