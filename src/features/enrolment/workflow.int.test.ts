// The application's life through HTTP on both databases (ENR-2): submit → class pre-review →
// school approval → (the draw, stood in for by the database) → consent and signature → published
// list (ENR-8) → withdrawal request (ENR-6); every step audited and told in the inbox, zh and en.
import type { Kysely } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { describeBothDatabases } from '../../../test/db-matrix';
import { type Family, seedFamilies } from '../../../test/families';
import { type Client, seedWorld, signIn, type World } from '../../../test/fixtures';
import { seedTerm, type TermFixture } from '../../../test/programme-fixtures';
import type { DB } from '../../db/schema';

describeBothDatabases('enrolment: workflow', (h) => {
  let w: World;
  let t: TermFixture;
  let parent: Client;
  let teacher: Client;
  let admin: Client;
  let families: Family[];
  let guardianName: string;
  let childName: string;
  const db = () => h().ctx.db as Kysely<DB>;
  const school = () => `/api/v1/schools/${w.schoolA}`;
  const app = (id: string, rest = '') => `${school()}/applications/${id}${rest}`;
  const term = (rest: string) => `${school()}/terms/${t.termId}${rest}`;

  async function submit(client: Client, studentId: string, choices = [{ offeringIds: [] as string[] }]) {
    const res = await client.send('POST', term('/applications'), { studentId, choices });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: string; publicRef: string };
  }

  /** Stands in for the draw (built elsewhere): the application and the chosen lines get places. */
  async function offer(applicationId: string, offeringIds: string[]) {
    await db()
      .updateTable('applications')
      .set({ status: 'offered' })
      .where('id', '=', applicationId)
      .execute();
    await db()
      .updateTable('application_lines')
      .set({ status: 'offered' })
      .where('application_id', '=', applicationId)
      .where('offering_id', 'in', offeringIds)
      .execute();
    await db()
      .updateTable('application_lines')
      .set({ status: 'not_needed' })
      .where('application_id', '=', applicationId)
      .where('offering_id', 'not in', offeringIds)
      .execute();
  }

  beforeAll(async () => {
    w = await seedWorld(h());
    t = await seedTerm(h(), w);
    parent = await signIn(h(), w.parentPhone);
    teacher = await signIn(h(), 'teacher');
    admin = await signIn(h(), 'admin');
    // Classes in order 1-1, 1-2, 2-1: families[i] is in class i % 3.
    families = await seedFamilies(h(), w.schoolA, 6);
    const g = await db()
      .selectFrom('guardians')
      .innerJoin('student_guardians', 'student_guardians.guardian_id', 'guardians.id')
      .innerJoin('students', 'students.id', 'student_guardians.student_id')
      .select(['guardians.name as guardian', 'students.name as child'])
      .where('students.id', '=', w.childOfParent)
      .where('guardians.phone', '=', w.parentPhone)
      .executeTakeFirstOrThrow();
    guardianName = g.guardian;
    childName = g.child;
  });

  it('the whole path: submit → pre-review → approve → offer → consent → sign → publish → masked list', async () => {
    const mine = await submit(parent, w.childOfParent, [
      { offeringIds: [t.homeworkCare] },
      { offeringIds: [t.football, t.chess] },
    ]);
    const inOtherClass = await submit(families[1]!.client, families[1]!.studentId, [
      { offeringIds: [t.homeworkCare] },
    ]);

    // rule ENR-2: the class teacher pre-reviews their own class only.
    let res = await teacher.send('POST', `${school()}/applications/pre-review`, {
      ids: [mine.id, inOtherClass.id],
      decision: 'pass',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().items).toEqual([
      { id: mine.id, ok: true, status: 'pre_reviewed' },
      { id: inOtherClass.id, ok: false, code: 'NOT_FOUND', message: '找不到该记录' },
    ]);
    // SAFE-2: the draw's public list pairs references with priority tiers, so a class teacher never
    // sees a reference; the family and the school's leaders do.
    const teacherList = (await teacher.get(`${school()}/terms/${t.termId}/applications`)).json();
    expect(teacherList.items.map((a: { publicRef: string }) => a.publicRef)).toEqual(['']);
    expect((await teacher.get(`${school()}/applications/${mine.id}`)).json().publicRef).toBe('');
    expect((await admin.get(`${school()}/applications/${mine.id}`)).json().publicRef).toBe(mine.publicRef);
    expect((await parent.get(`${school()}/applications/${mine.id}`)).json().publicRef).toBe(mine.publicRef);
    // The teacher cannot approve.
    res = await teacher.send('POST', `${school()}/applications/decide`, {
      ids: [mine.id],
      decision: 'approve',
    });
    expect(res.statusCode).toBe(403);

    // The school approves; an application not yet pre-reviewed is refused, naming its status.
    res = await admin.send('POST', `${school()}/applications/decide`, {
      ids: [mine.id, inOtherClass.id],
      decision: 'approve',
    });
    expect(res.json().items).toEqual([
      { id: mine.id, ok: true, status: 'approved' },
      {
        id: inOtherClass.id,
        ok: false,
        status: 'submitted',
        code: 'INVALID_TRANSITION',
        message: '当前状态为“已提交”，不能执行“核准”',
      },
    ]);

    // No agreement before a place.
    res = await parent.send('POST', app(mine.id, '/signature'), {
      agreementVersion: 1,
      signedName: guardianName,
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().message).toBe('当前状态为“学校已核准”，不能执行“签署协议”');

    await offer(mine.id, [t.homeworkCare, t.football]);

    // Consent is asked apart from the agreement, and may be refused (and changed later).
    const consentUrl = term(`/students/${w.childOfParent}/consent`);
    expect((await parent.get(consentUrl)).json()).toEqual({ state: 'unknown', decidedAt: null, history: [] });
    res = await parent.send('POST', consentUrl, { granted: false });
    expect(res.statusCode).toBe(201);
    expect(res.json().state).toBe('refused');
    expect((await admin.get(app(mine.id))).json().consent).toBe('refused');
    res = await parent.send('POST', consentUrl, { granted: true });
    expect(res.json().state).toBe('granted');
    expect(res.json().history.map((x: { granted: boolean }) => x.granted)).toEqual([false, true]);
    expect((await families[0]!.client.get(consentUrl)).statusCode).toBe(404);
    expect((await teacher.get(consentUrl)).json().state).toBe('granted');

    // The school revises the agreement: version 2 is current; signing version 1 is refused.
    res = await admin.send('POST', term('/agreement'), {
      title: '课后服务安全责任书（修订）',
      body: '一、……二、……',
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().version).toBe(2);
    expect((await parent.get(term('/agreement'))).json().version).toBe(2);
    res = await parent.send('POST', app(mine.id, '/signature'), {
      agreementVersion: 1,
      signedName: guardianName,
    });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'AGREEMENT_VERSION_STALE', details: { current: 2 } });
    // The typed name must be the guardian's own.
    res = await parent.send('POST', app(mine.id, '/signature'), { agreementVersion: 2, signedName: '王五' });
    expect(res.statusCode).toBe(422);
    expect(res.json().code).toBe('SIGNED_NAME_MISMATCH');
    res = await parent.send('POST', app(mine.id, '/signature'), {
      agreementVersion: 2,
      signedName: ` ${guardianName} `,
    });
    expect(res.statusCode).toBe(200);
    const signed = res.json();
    expect(signed.status).toBe('agreed');
    expect(signed.signature).toMatchObject({ signedName: guardianName, agreementVersion: 2 });
    expect(
      signed.lines.map((l: { offeringName: string; status: string }) => [l.offeringName, l.status]),
    ).toEqual([
      ['作业辅导看护', 'accepted'],
      ['足球社团', 'accepted'],
      ['围棋社团', 'not_needed'],
    ]);
    const sig = await db()
      .selectFrom('agreement_signatures')
      .selectAll()
      .where('application_id', '=', mine.id)
      .executeTakeFirstOrThrow();
    expect(sig.signed_at).toBe('2026-09-01T08:00:00.000Z');
    expect(sig.ip).not.toBeNull();
    // The print view of the signed text.
    const print = (await parent.get(app(mine.id, '/signature'))).json();
    expect(print).toMatchObject({
      schoolName: '测试一小',
      studentName: childName,
      signedName: guardianName,
      offerings: ['作业辅导看护', '足球社团'],
      agreement: { version: 2, title: '课后服务安全责任书（修订）' },
    });
    expect((await families[0]!.client.get(app(mine.id, '/signature'))).statusCode).toBe(404);

    // rule ENR-8: no list before publishing; publishing enrols the signed, once.
    expect((await parent.get(term('/list'))).json().code).toBe('LIST_NOT_PUBLISHED');
    expect((await teacher.send('POST', term('/list/publish'))).statusCode).toBe(403);
    res = await admin.send('POST', term('/list/publish'));
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ publishedAt: '2026-09-01T08:00:00.000Z', enrolled: 1 });
    res = await admin.send('POST', term('/list/publish'));
    expect(res.statusCode).toBe(409);
    expect(res.json().message).toBe('名单已于 2026-09-01 16:00 公示');
    expect((await parent.get(app(mine.id))).json().status).toBe('enrolled');

    const guard = await signIn(h(), 'guard');
    res = await guard.get(term('/list'));
    expect(res.statusCode).toBe(200);
    const list = res.json();
    const masked = `${[...childName][0]}${'*'.repeat([...childName].length - 2)}${[...childName].at(-1)}`;
    expect(list.total).toBe(1);
    expect(list.byClass).toEqual([{ grade: 1, classNo: 1, names: [masked] }]);
    expect(
      list.byOffering.map((o: { offeringName: string; names: string[] }) => [o.offeringName, o.names]),
    ).toEqual([
      // In pinyin order: zú before zuò.
      ['足球社团', [masked]],
      ['作业辅导看护', [masked]],
    ]);
    expect(res.body).not.toContain(childName);
    expect(res.body).not.toContain(w.childOfParent);
    expect(res.body).not.toMatch(/categor/i);

    // Every transition is audited with before and after status (SAFE-1).
    const audit = await db()
      .selectFrom('audit_log')
      .select(['action', 'before_json', 'after_json', 'actor_user_id'])
      .where('entity_id', '=', mine.id)
      .orderBy('id')
      .execute();
    expect(
      audit.map((a) => [
        a.action,
        a.before_json && JSON.parse(a.before_json).status,
        JSON.parse(a.after_json!).status,
      ]),
    ).toEqual([
      ['application.submit', null, 'submitted'],
      ['application.preApprove', 'submitted', 'pre_reviewed'],
      ['application.approve', 'pre_reviewed', 'approved'],
      ['application.sign', 'offered', 'agreed'],
      ['application.enrol', 'agreed', 'enrolled'],
    ]);
    // The parent (submit, sign), the class teacher and the school admin (approve, publish).
    expect(new Set(audit.map((a) => a.actor_user_id)).size).toBe(3);

    // The family's timeline reads the same story.
    const view = (await parent.get(term('/my-applications'))).json().items[0];
    expect(view.timeline.map((e: { status: string }) => e.status)).toEqual([
      'submitted',
      'pre_reviewed',
      'approved',
      'agreed',
      'enrolled',
    ]);

    // The inbox, newest first, in the reader's language.
    res = await parent.get('/api/v1/me/notifications');
    let inbox = res.json();
    expect(inbox.unread).toBe(4);
    expect(inbox.items.map((n: { kind: string }) => n.kind)).toEqual([
      'list.published',
      'application.approved',
      'application.preApproved',
      'application.submitted',
    ]);
    expect(inbox.items[3]).toMatchObject({
      title: '报名已提交',
      link: `/enrolment/applications/${mine.id}`,
      readAt: null,
    });
    expect(inbox.items[3].body).toContain(
      `${childName}的2026 秋季学期课后服务报名已提交，报名编号 ${mine.publicRef}`,
    );
    const en = (
      await h().app.inject({
        method: 'GET',
        url: '/api/v1/me/notifications',
        headers: { cookie: parent.cookie, 'accept-language': 'en-US,en;q=0.9' },
      })
    ).json();
    expect(en.items[0]).toMatchObject({ title: 'List published' });
    expect(en.items[0].body).toBe(`The list for 2026 秋季学期 is published; ${childName} is enrolled.`);
    // Marking read: one, then all; another's notification does not exist for you.
    res = await parent.send('POST', `/api/v1/me/notifications/${inbox.items[3].id}/read`);
    expect(res.json()).toEqual({ unread: 3 });
    expect(
      (await teacher.send('POST', `/api/v1/me/notifications/${inbox.items[2].id}/read`)).statusCode,
    ).toBe(404);
    expect((await parent.get('/api/v1/me/notifications?unread=true')).json().items).toHaveLength(3);
    res = await parent.send('POST', '/api/v1/me/notifications/read-all');
    expect(res.json()).toEqual({ unread: 0 });
    inbox = (await parent.get('/api/v1/me/notifications')).json();
    expect(inbox.items.every((n: { readAt: string | null }) => n.readAt !== null)).toBe(true);
    const outbox = await db().selectFrom('notify_outbox').select('status').execute();
    expect(outbox.length).toBeGreaterThanOrEqual(4);

    // ENR-6: a withdrawal needs 7 days' notice, in the school's calendar.
    const withdraw = (body: object) => parent.send('POST', app(mine.id, '/withdrawals'), body);
    res = await withdraw({ reason: '家里有人接送了', effectiveOn: '2026-09-07' });
    expect(res.statusCode).toBe(422);
    expect(res.json().message).toBe('退出须提前 7 天书面申请，最早可于 2026-09-08 生效');
    res = await withdraw({ effectiveOn: '2026-09-20' });
    expect(res.statusCode).toBe(400);
    expect(res.json().fields[0].field).toBe('reason');
    const football = signed.lines.find((l: { offeringName: string }) => l.offeringName === '足球社团');
    const chess = signed.lines.find((l: { offeringName: string }) => l.offeringName === '围棋社团');
    res = await withdraw({ lineId: chess.id, reason: '不想下棋', effectiveOn: '2026-09-20' });
    expect(res.json().code).toBe('WITHDRAWAL_LINE_NOT_HELD');
    res = await withdraw({ lineId: football.id, reason: '孩子受伤，暂停足球', effectiveOn: '2026-09-08' });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      status: 'requested',
      offeringName: '足球社团',
      effectiveOn: '2026-09-08',
    });
    res = await withdraw({ reason: '全部退出', effectiveOn: '2026-09-30' });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('WITHDRAWAL_PENDING');
    res = await admin.get(`${school()}/withdrawals?status=requested`);
    expect(res.json()).toMatchObject({
      total: 1,
      items: [{ studentName: childName, reason: '孩子受伤，暂停足球' }],
    });
    expect((await parent.get(`${school()}/withdrawals`)).statusCode).toBe(403);
    const adminInbox = (await admin.get('/api/v1/me/notifications')).json();
    expect(adminInbox.items[0]).toMatchObject({ kind: 'withdrawal.requested', title: '新的退出申请' });
    expect(adminInbox.items[0].body).toContain('2026-09-08 起退出“足球社团”');
    const after = (await parent.get(app(mine.id))).json();
    expect(after.timeline.at(-1)).toMatchObject({ action: 'withdrawal.request', status: 'requested' });
    expect(after.withdrawals).toHaveLength(1);
  });

  it('returns and rejections carry a reason, release the lines, and tell the family', async () => {
    const a = await submit(families[0]!.client, families[0]!.studentId, [{ offeringIds: [t.chess] }]);
    let res = await teacher.send('POST', `${school()}/applications/pre-review`, {
      ids: [a.id],
      decision: 'return',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().fields).toEqual([{ field: 'reason', message: '退回或不予通过时须填写理由' }]);
    res = await teacher.send('POST', `${school()}/applications/pre-review`, {
      ids: [a.id],
      decision: 'return',
      reason: '请补充接送安排',
    });
    expect(res.json().items[0]).toEqual({ id: a.id, ok: true, status: 'rejected' });
    const view = (await families[0]!.client.get(app(a.id))).json();
    expect(view).toMatchObject({ status: 'rejected', reviewNote: '请补充接送安排' });
    expect(view.lines[0].status).toBe('withdrawn');
    expect(view.timeline.at(-1)).toMatchObject({ action: 'application.preReject', reason: '请补充接送安排' });
    const inbox = (await families[0]!.client.get('/api/v1/me/notifications')).json();
    expect(inbox.items[0].kind).toBe('application.returned');
    expect(inbox.items[0].body).toContain('理由：请补充接送安排');

    // A second review of the same application is refused, naming where it stands.
    res = await teacher.send(
      'POST',
      `${school()}/applications/pre-review`,
      { ids: [a.id], decision: 'pass' },
      { 'accept-language': 'en' },
    );
    expect(res.json().items[0]).toMatchObject({
      ok: false,
      status: 'rejected',
      message: 'This cannot be done (pass the class review) while the status is "not accepted"',
    });

    // The school rejects with a reason.
    const b = await submit(families[3]!.client, families[3]!.studentId, [{ offeringIds: [t.chess] }]);
    await admin.send('POST', `${school()}/applications/pre-review`, { ids: [b.id], decision: 'pass' });
    res = await admin.send('POST', `${school()}/applications/decide`, {
      ids: [b.id],
      decision: 'reject',
      reason: '不符合条件',
    });
    expect(res.json().items[0]).toEqual({ id: b.id, ok: true, status: 'rejected' });
    const kinds = (await families[3]!.client.get('/api/v1/me/notifications'))
      .json()
      .items.map((n: { kind: string }) => n.kind);
    expect(kinds).toEqual(['application.rejected', 'application.preApproved', 'application.submitted']);
  });

  it('holding no place, the family leaves on its own; with a place, only by a written request', async () => {
    const f = families[4]!;
    const a = await submit(f.client, f.studentId, [{ offeringIds: [t.homeworkCare] }]);
    await admin.send('POST', `${school()}/applications/pre-review`, { ids: [a.id], decision: 'pass' });
    await admin.send('POST', `${school()}/applications/decide`, { ids: [a.id], decision: 'approve' });
    // Approved but not yet drawn: no place is held, so there is nothing for the school to decide.
    let res = await f.client.send('POST', app(a.id, '/withdrawals'), {
      reason: '不需要了',
      effectiveOn: '2026-10-01',
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().message).toBe('报名当前状态为“学校已核准”，没有可退出的名额');
    // Not while approved either: changing the choices.
    res = await f.client.send('PATCH', app(a.id), { note: '补充' });
    expect(res.json().code).toBe('APPLICATION_NOT_EDITABLE');
    res = await f.client.send('POST', app(a.id, '/withdraw'));
    expect(res.statusCode).toBe(200);
    expect(res.json().status).toBe('withdrawn');

    // Once a place is offered, leaving is a written request (ENR-6).
    const g = families[5]!;
    const b = await submit(g.client, g.studentId, [{ offeringIds: [t.homeworkCare] }]);
    await admin.send('POST', `${school()}/applications/pre-review`, { ids: [b.id], decision: 'pass' });
    await admin.send('POST', `${school()}/applications/decide`, { ids: [b.id], decision: 'approve' });
    await offer(b.id, [t.homeworkCare]);
    res = await g.client.send('POST', app(b.id, '/withdraw'));
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('APPLICATION_NOT_WITHDRAWABLE');
  });

  it('a signature after the list is published enrols at once', async () => {
    // Runs after the list of this term was published by the first test.
    const f = families[2]!;
    const a = await submit(f.client, f.studentId, [{ offeringIds: [t.homeworkCare] }]);
    await admin.send('POST', `${school()}/applications/pre-review`, { ids: [a.id], decision: 'pass' });
    await admin.send('POST', `${school()}/applications/decide`, { ids: [a.id], decision: 'approve' });
    await offer(a.id, [t.homeworkCare]);
    const name = (
      await db()
        .selectFrom('guardians')
        .select('name')
        .where('user_id', '=', f.userId)
        .executeTakeFirstOrThrow()
    ).name;
    const res = await f.client.send(
      'POST',
      app(a.id, '/signature'),
      { agreementVersion: 2, signedName: name },
      { 'idempotency-key': 'sign-once' },
    );
    expect(res.statusCode).toBe(200);
    expect(res.json().status).toBe('enrolled');
    // A retry with the key gets the same answer, not a refusal.
    const again = await f.client.send(
      'POST',
      app(a.id, '/signature'),
      { agreementVersion: 2, signedName: name },
      { 'idempotency-key': 'sign-once' },
    );
    expect(again.body).toBe(res.body);
    const list = (await admin.get(term('/list'))).json();
    expect(list.total).toBe(2);
    expect(list.byClass.map((c: { grade: number; classNo: number }) => `${c.grade}-${c.classNo}`)).toEqual([
      '1-1',
      '2-1',
    ]);
  });

  describe('staff lists', () => {
    it('filter by status, class and offering, page, and stay within the reader scope', async () => {
      const all = (await admin.get(term('/applications?pageSize=200'))).json();
      expect(all.total).toBeGreaterThanOrEqual(6);
      const enrolled = (await admin.get(term('/applications?status=enrolled'))).json();
      expect(enrolled.items.every((a: { status: string }) => a.status === 'enrolled')).toBe(true);
      expect(enrolled.total).toBe(2);
      const mine = enrolled.items.find((a: { studentId: string }) => a.studentId === w.childOfParent);
      expect(mine.consent).toBe('granted');
      const byClass = (await admin.get(term(`/applications?classId=${w.classA12}`))).json();
      expect(byClass.items.every((a: { classId: string }) => a.classId === w.classA12)).toBe(true);
      const football = (await admin.get(term(`/applications?offeringId=${t.football}`))).json();
      expect(football.total).toBe(1);
      const page = (await admin.get(term('/applications?pageSize=2&page=2'))).json();
      expect(page.items).toHaveLength(2);
      expect(page.total).toBe(all.total);

      const teacherList = (await teacher.get(term('/applications?pageSize=200'))).json();
      expect(teacherList.items.length).toBeGreaterThan(0);
      expect(teacherList.items.every((a: { classId: string }) => a.classId === w.classA11)).toBe(true);
      const finance = await signIn(h(), 'finance');
      expect((await finance.get(term('/applications?pageSize=200'))).json().total).toBe(all.total);
      const parentList = (await parent.get(term('/applications'))).json();
      expect(parentList.items.map((a: { studentId: string }) => a.studentId)).toEqual([w.childOfParent]);
      const care = await signIn(h(), 'care');
      expect((await care.get(term('/applications'))).statusCode).toBe(403);
      const adminB = await signIn(h(), 'adminB');
      expect((await adminB.get(term('/applications'))).statusCode).toBe(404);
      expect(
        (await teacher.get(app(all.items.find((a: { classId: string }) => a.classId !== w.classA11).id)))
          .statusCode,
      ).toBe(404);
    });
  });
});
