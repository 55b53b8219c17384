// Applications through HTTP on both databases: submitting within the window (ENR-1, ENR-3, ENR-5),
// one application per child whatever the client does (double taps, retries, 500 families at once),
// and bad input answered with a clear 4xx that changes nothing.
import type { Kysely } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { describeBothDatabases } from '../../../test/db-matrix';
import { seedFamilies } from '../../../test/families';
import { type Client, seedWorld, signIn, type World } from '../../../test/fixtures';
import { seedTerm, type TermFixture } from '../../../test/programme-fixtures';
import type { DB } from '../../db/schema';

describeBothDatabases('enrolment: applications', (h) => {
  let w: World;
  let t: TermFixture;
  let parent: Client;
  const db = () => h().ctx.db as Kysely<DB>;
  const url = (termId: string, schoolId = w.schoolA) =>
    `/api/v1/schools/${schoolId}/terms/${termId}/applications`;
  const count = async (table: 'applications' | 'application_lines' | 'audit_log' | 'notifications') =>
    Number(
      (
        await db()
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    w = await seedWorld(h());
    t = await seedTerm(h(), w);
    parent = await signIn(h(), w.parentPhone);
  });

  describe('bad input changes nothing', () => {
    it('wrong types get 400 with a message per field', async () => {
      const before = await count('applications');
      const res = await parent.send('POST', url(t.termId), {
        studentId: 42,
        choices: 'football',
        note: ['x'],
        draft: 'yes',
      });
      expect(res.statusCode).toBe(400);
      const body = res.json();
      expect(body.code).toBe('VALIDATION_FAILED');
      const fields = body.fields.map((f: { field: string }) => f.field).sort();
      expect(fields).toEqual(['choices', 'draft', 'note', 'studentId']);
      expect(body.fields[0].message).toMatch(/类型不正确|必填/);
      expect(await count('applications')).toBe(before);
    });

    it('an over-long note is refused with the limit, in the reader language', async () => {
      const res = await parent.send(
        'POST',
        url(t.termId),
        { studentId: w.childOfParent, choices: [{ offeringIds: [t.homeworkCare] }], note: '长'.repeat(501) },
        { 'accept-language': 'en' },
      );
      expect(res.statusCode).toBe(400);
      expect(res.json().fields).toEqual([{ field: 'note', message: 'At most 500 characters' }]);
      expect(await count('applications')).toBe(0);
    });

    it('more than six choice groups, or three offerings in a group, are refused', async () => {
      const seven = Array.from({ length: 7 }, () => ({ offeringIds: [t.homeworkCare] }));
      expect(
        (await parent.send('POST', url(t.termId), { studentId: w.childOfParent, choices: seven })).statusCode,
      ).toBe(400);
      const three = [{ offeringIds: [t.football, t.chess, t.homeworkCare] }];
      const res = await parent.send('POST', url(t.termId), { studentId: w.childOfParent, choices: three });
      expect(res.statusCode).toBe(400);
      expect(res.json().fields[0].field).toBe('choices.0.offeringIds');
    });

    it('an offering of no term of this school is refused by name', async () => {
      const res = await parent.send('POST', url(t.termId), {
        studentId: w.childOfParent,
        choices: [{ offeringIds: [t.homeworkCare] }, { offeringIds: ['no-such-offering'] }],
      });
      expect(res.statusCode).toBe(422);
      expect(res.json().code).toBe('UNKNOWN_OFFERING');
      expect(res.json().message).toContain('no-such-offering');
      expect(await count('application_lines')).toBe(0);
    });

    it('the same offering twice is refused', async () => {
      const res = await parent.send('POST', url(t.termId), {
        studentId: w.childOfParent,
        choices: [{ offeringIds: [t.football, t.chess] }, { offeringIds: [t.chess] }],
      });
      expect(res.statusCode).toBe(422);
      expect(res.json().code).toBe('DUPLICATE_OFFERING');
      expect(res.json().message).toContain('围棋社团');
    });

    it("another family's child does not exist for the parent", async () => {
      for (const studentId of [w.otherChild, w.studentOfB, 'nobody']) {
        const res = await parent.send('POST', url(t.termId), {
          studentId,
          choices: [{ offeringIds: [t.homeworkCare] }],
        });
        expect(res.statusCode, studentId).toBe(404);
      }
      // Another school's term, too.
      const res = await parent.send('POST', url(t.termId, w.schoolB), {
        studentId: w.childOfParent,
        choices: [{ offeringIds: [t.homeworkCare] }],
      });
      expect(res.statusCode).toBe(404);
      expect(await count('applications')).toBe(0);
    });

    it('staff cannot apply for a child', async () => {
      const admin = await signIn(h(), 'admin');
      const res = await admin.send('POST', url(t.termId), {
        studentId: w.childOfParent,
        choices: [{ offeringIds: [t.homeworkCare] }],
      });
      expect(res.statusCode).toBe(403);
    });
  });

  describe('the window is enforced on the server', () => {
    it('before it opens: 409 with the opening time in school time', async () => {
      const term = await seedTerm(h(), w, {
        name: '未开放学期',
        opensAt: '2026-09-03T00:30:00.000Z',
        closesAt: '2026-09-10T00:00:00.000Z',
      });
      const res = await parent.send('POST', url(term.termId), {
        studentId: w.childOfParent,
        choices: [{ offeringIds: [term.homeworkCare] }],
      });
      expect(res.statusCode).toBe(409);
      expect(res.json().code).toBe('ENROLMENT_NOT_OPEN');
      expect(res.json().message).toBe('报名尚未开始，将于 2026-09-03 08:30 开放');
    });

    it('after it closes: 409 with the closing time', async () => {
      const term = await seedTerm(h(), w, {
        name: '已截止学期',
        opensAt: '2026-08-20T00:00:00.000Z',
        closesAt: '2026-08-31T10:00:00.000Z',
      });
      const res = await parent.send(
        'POST',
        url(term.termId),
        { studentId: w.childOfParent, choices: [{ offeringIds: [term.homeworkCare] }] },
        { 'accept-language': 'en' },
      );
      expect(res.statusCode).toBe(409);
      expect(res.json()).toMatchObject({
        code: 'ENROLMENT_CLOSED',
        message: 'Applications closed at 2026-08-31 18:00',
      });
    });

    it('a term whose notice is not published is not open', async () => {
      const term = await seedTerm(h(), w, { name: '未发布告家长书', published: false });
      const res = await parent.send('POST', url(term.termId), {
        studentId: w.childOfParent,
        choices: [{ offeringIds: [term.homeworkCare] }],
      });
      expect(res.statusCode).toBe(409);
      expect(res.json().code).toBe('ENROLMENT_NO_NOTICE');
    });

    it('the clock moving past the close refuses a submission that was fine a moment before', async () => {
      const term = await seedTerm(h(), w, {
        name: '即将截止',
        opensAt: '2026-08-25T00:00:00.000Z',
        closesAt: '2026-09-01T08:00:01.000Z',
      });
      h().setNow('2026-09-01T08:00:01.000Z');
      try {
        const res = await parent.send('POST', url(term.termId), {
          studentId: w.childOfParent,
          choices: [{ offeringIds: [term.homeworkCare] }],
        });
        expect(res.json().code).toBe('ENROLMENT_CLOSED');
      } finally {
        h().setNow('2026-09-01T08:00:00.000Z');
      }
    });
  });

  it('ENR-5: each condition must be confirmed, with a proof where the school asks for one', async () => {
    const term = await seedTerm(h(), w, {
      name: '有条件学期',
      conditions: [
        { key: 'healthy', text: '身体健康，能自理', needsProof: false },
        { key: 'insurance', text: '已为孩子投保人身保险', needsProof: true },
      ],
    });
    const body = (conditions: unknown) => ({
      studentId: w.childOfParent,
      choices: [{ offeringIds: [term.homeworkCare] }],
      conditions,
    });
    let res = await parent.send('POST', url(term.termId), body([{ key: 'healthy', confirmed: true }]));
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({
      code: 'CONDITION_NOT_CONFIRMED',
      message: '请确认报名条件：“已为孩子投保人身保险”',
    });
    res = await parent.send(
      'POST',
      url(term.termId),
      body([
        { key: 'healthy', confirmed: true },
        { key: 'insurance', confirmed: true },
      ]),
    );
    expect(res.statusCode).toBe(422);
    expect(res.json().code).toBe('CONDITION_PROOF_MISSING');
    res = await parent.send(
      'POST',
      url(term.termId),
      body([
        { key: 'healthy', confirmed: false },
        { key: 'insurance', confirmed: true, proof: 'P-2026-001' },
      ]),
    );
    expect(res.json().code).toBe('CONDITION_NOT_CONFIRMED');
    // A draft may be incomplete; submitting it checks again.
    res = await parent.send('POST', url(term.termId), { ...body([]), draft: true });
    expect(res.statusCode).toBe(201);
    expect(res.json().status).toBe('draft');
    const draft = res.json();
    const item = `/api/v1/schools/${w.schoolA}/applications/${draft.id}`;
    expect((await parent.send('POST', `${item}/submit`)).json().code).toBe('CONDITION_NOT_CONFIRMED');
    res = await parent.send('PATCH', item, {
      conditions: [
        { key: 'healthy', confirmed: true },
        { key: 'insurance', confirmed: true, proof: 'P-2026-001' },
      ],
      choices: [{ offeringIds: [term.homeworkCare] }, { offeringIds: [term.football, term.chess] }],
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().lines).toHaveLength(3);
    res = await parent.send('POST', `${item}/submit`);
    expect(res.statusCode).toBe(200);
    expect(res.json().status).toBe('submitted');
    expect(res.json().submittedAt).toBe('2026-09-01T08:00:00.000Z');
    expect(res.json().conditions).toEqual([
      { key: 'healthy', confirmed: true },
      { key: 'insurance', confirmed: true, proof: 'P-2026-001' },
    ]);
    // Withdrawn before approval by the family itself; lines released.
    res = await parent.send('POST', `${item}/withdraw`);
    expect(res.statusCode).toBe(200);
    expect(res.json().status).toBe('withdrawn');
    expect(res.json().lines.every((l: { status: string }) => l.status === 'withdrawn')).toBe(true);
    expect(res.json().timeline.map((e: { action: string }) => e.action)).toEqual([
      'application.draft',
      'application.update',
      'application.submit',
      'application.withdraw',
    ]);
    // Withdrawn is final: no edits, no second withdrawal.
    expect((await parent.send('PATCH', item, { note: '再改' })).json().code).toBe('APPLICATION_NOT_EDITABLE');
    res = await parent.send('POST', `${item}/withdraw`);
    expect(res.statusCode).toBe(409);
    expect(res.json().message).toContain('已撤回');
  });

  it('submits once per child; a second submit without a key names the existing application', async () => {
    const body = {
      studentId: w.childOfParent,
      choices: [{ offeringIds: [t.homeworkCare] }, { offeringIds: [t.football, t.chess] }],
      note: '孩子对足球很感兴趣',
    };
    const res = await parent.send('POST', url(t.termId), body);
    expect(res.statusCode).toBe(201);
    const app = res.json();
    expect(app).toMatchObject({ status: 'submitted', studentId: w.childOfParent, note: body.note });
    expect(app.publicRef).toMatch(/^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{8}$/);
    expect(
      app.lines.map(
        (l: { offeringName: string; choiceGroup: number; choiceRank: number; status: string }) => [
          l.offeringName,
          l.choiceGroup,
          l.choiceRank,
          l.status,
        ],
      ),
    ).toEqual([
      ['作业辅导看护', 1, 1, 'pending'],
      ['足球社团', 2, 1, 'pending'],
      ['围棋社团', 2, 2, 'pending'],
    ]);
    expect(app.timeline).toEqual([
      { at: '2026-09-01T08:00:00.000Z', action: 'application.submit', status: 'submitted', reason: null },
    ]);
    // The answer built in the transaction is what a later read returns.
    expect((await parent.get(`/api/v1/schools/${w.schoolA}/applications/${app.id}`)).json()).toEqual(app);
    const again = await parent.send('POST', url(t.termId), body);
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'APPLICATION_EXISTS', details: { applicationId: app.id } });
    expect(again.json().message).toContain(app.publicRef);
    const mine = (await parent.get(`/api/v1/schools/${w.schoolA}/terms/${t.termId}/my-applications`)).json();
    expect(mine.children).toEqual([
      expect.objectContaining({ studentId: w.childOfParent, applicationId: app.id }),
    ]);
    expect(mine.items.map((a: { id: string }) => a.id)).toEqual([app.id]);
  });

  describe('idempotency keys', () => {
    it('the same submission 20 times at once with one key: one application, 20 identical answers', async () => {
      const term = await seedTerm(h(), w, { name: '幂等学期' });
      const body = { studentId: w.childOfParent, choices: [{ offeringIds: [term.football, term.chess] }] };
      const answers = await Promise.all(
        Array.from({ length: 20 }, () =>
          parent.send('POST', url(term.termId), body, { 'idempotency-key': 'tap-0001' }),
        ),
      );
      expect(answers.map((a) => a.statusCode)).toEqual(Array(20).fill(201));
      expect(new Set(answers.map((a) => a.body)).size).toBe(1);
      const rows = await db()
        .selectFrom('applications')
        .selectAll()
        .where('term_id', '=', term.termId)
        .execute();
      expect(rows).toHaveLength(1);
      expect(rows[0]!.id).toBe(answers[0]!.json().id);
      const audits = await db()
        .selectFrom('audit_log')
        .select('id')
        .where('entity_id', '=', rows[0]!.id)
        .execute();
      expect(audits).toHaveLength(1);

      // The same key with a different body is refused, in the reader's language; nothing written.
      const other = await parent.send(
        'POST',
        url(term.termId),
        { ...body, note: '改了' },
        { 'idempotency-key': 'tap-0001', 'accept-language': 'en' },
      );
      expect(other.statusCode).toBe(422);
      expect(other.json().code).toBe('IDEMPOTENCY_KEY_REUSED');
      expect(other.json().message).toContain('already used');
      // A new key is a new request: the child already has one.
      const fresh = await parent.send('POST', url(term.termId), body, { 'idempotency-key': 'tap-0002' });
      expect(fresh.json().code).toBe('APPLICATION_EXISTS');
    });

    it('without a key, a double tap still yields one application and a definite 409 for the rest', async () => {
      const term = await seedTerm(h(), w, { name: '连点学期' });
      const body = { studentId: w.childOfParent, choices: [{ offeringIds: [term.homeworkCare] }] };
      const answers = await Promise.all(
        Array.from({ length: 10 }, () => parent.send('POST', url(term.termId), body)),
      );
      expect(answers.map((a) => a.statusCode).sort()).toEqual([201, ...Array(9).fill(409)]);
      const created = answers.find((a) => a.statusCode === 201)!.json();
      for (const a of answers.filter((x) => x.statusCode === 409))
        expect(a.json()).toMatchObject({
          code: 'APPLICATION_EXISTS',
          details: { applicationId: created.id },
        });
      // Another family can neither read nor change it.
      const [other] = await seedFamilies(h(), w.schoolA, 1, { phonePrefix: '1599' });
      const item = `/api/v1/schools/${w.schoolA}/applications/${created.id}`;
      expect((await other!.client.get(item)).statusCode).toBe(404);
      expect((await other!.client.send('PATCH', item, { note: '改' })).statusCode).toBe(404);
      expect((await other!.client.send('POST', `${item}/withdraw`)).statusCode).toBe(404);
    });

    it('a failed first attempt stores nothing, so the retry runs fresh', async () => {
      const term = await seedTerm(h(), w, { name: '重试学期', published: false });
      const body = { studentId: w.childOfParent, choices: [{ offeringIds: [term.homeworkCare] }] };
      const first = await parent.send('POST', url(term.termId), body, { 'idempotency-key': 'retry-1' });
      expect(first.json().code).toBe('ENROLMENT_NO_NOTICE');
      const admin = await db()
        .selectFrom('users')
        .select('id')
        .where('username', '=', 'admin')
        .executeTakeFirstOrThrow();
      await db()
        .insertInto('term_notices')
        .values({
          id: `notice-${term.termId}`,
          term_id: term.termId,
          version: 1,
          content: '{}',
          published_at: '2026-09-01T08:00:00.000Z',
          published_by: admin.id,
        })
        .execute();
      const retry = await parent.send('POST', url(term.termId), body, { 'idempotency-key': 'retry-1' });
      expect(retry.statusCode).toBe(201);
    });

    it('a malformed key is a 400', async () => {
      const res = await parent.send(
        'POST',
        url(t.termId),
        { studentId: w.childOfParent, choices: [{ offeringIds: [t.homeworkCare] }] },
        { 'idempotency-key': 'x'.repeat(101) },
      );
      expect(res.statusCode).toBe(400);
      expect(res.json().fields[0].field).toBe('idempotency-key');
    });
  });

  it('500 families submitting at once each get a definite 201, and no (child, offering) twice', async () => {
    const term = await seedTerm(h(), w, { name: '报名高峰', footballPlaces: 30 });
    const families = await seedFamilies(h(), w.schoolA, 500);
    const started = Date.now();
    const answers = await Promise.all(
      families.map((f, i) =>
        f.client.send(
          'POST',
          url(term.termId),
          {
            studentId: f.studentId,
            choices: [{ offeringIds: [term.homeworkCare] }, { offeringIds: [term.football, term.chess] }],
            note: `家庭 ${i}`,
          },
          // Half of them send a key, as the web app does.
          i % 2 ? { 'idempotency-key': `burst-${i}` } : {},
        ),
      ),
    );
    const statuses = new Map<number, number>();
    for (const a of answers) statuses.set(a.statusCode, (statuses.get(a.statusCode) ?? 0) + 1);
    expect(Object.fromEntries(statuses)).toEqual({ 201: 500 });
    console.log(`[${h().dialect}] 500 concurrent submissions in ${Date.now() - started} ms`);
    const lines = await db()
      .selectFrom('application_lines')
      .select(['student_id', 'offering_id'])
      .where('term_id', '=', term.termId)
      .execute();
    expect(lines).toHaveLength(1500);
    expect(new Set(lines.map((l) => `${l.student_id}|${l.offering_id}`)).size).toBe(1500);
    const apps = await db()
      .selectFrom('applications')
      .select('public_ref')
      .where('term_id', '=', term.termId)
      .execute();
    expect(apps).toHaveLength(500);
    expect(new Set(apps.map((a) => a.public_ref)).size).toBe(500);
  });
});
