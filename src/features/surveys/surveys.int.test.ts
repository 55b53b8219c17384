// Surveys through HTTP on both databases (SURV-1, SURV-2): build from a template, edit the draft,
// open (parents told), answer once per family (two parents at once: one response), per child,
// bad answers refused with nothing written, closed and other schools refused, results without any
// respondent, a teacher's own scores, and the scores pay reads (PAY-7).
import ExcelJS from 'exceljs';
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { describeBothDatabases } from '../../../test/db-matrix';
import type { Client } from '../../../test/fixtures';
import { type SurveyWorld, seedSurveyWorld } from '../../../test/survey-fixtures';
import type { DB } from '../../db/schema';
import { newId } from '../../server/context';
import { grantRow } from '../people/store';
import type { MyScores, SurveyResults, SurveyView } from './contract';
import { teacherSurveyScores } from './scores';

describeBothDatabases('surveys (SURV-1, SURV-2)', (h) => {
  let f: SurveyWorld;
  let sat: SurveyView;
  let demand: SurveyView;
  const db = () => h().ctx.db as Kysely<DB>;
  const base = () => `/api/v1/schools/${f.w.schoolA}/surveys`;
  const count = async (table: 'survey_responses' | 'survey_answers', surveyId: string) =>
    Number(
      (
        await db()
          .selectFrom(table)
          .select(sql<number>`count(*)`.as('n'))
          .where('survey_id', '=', surveyId)
          .executeTakeFirstOrThrow()
      ).n,
    );
  const q = (s: SurveyView, kind: string) => s.questions.find((x) => x.kind === kind)!;
  const answersFor = (s: SurveyView, teacherRating: number, careRating: number, text = '') => [
    { questionId: q(s, 'rating').id, rating: 5 },
    {
      questionId: q(s, 'rating_teacher').id,
      ratings: [
        { targetId: f.teacherId, rating: teacherRating },
        { targetId: f.careId, rating: careRating },
      ],
    },
    { questionId: q(s, 'rating_offering').id, ratings: [{ targetId: f.term.football, rating: 4 }] },
    { questionId: q(s, 'text').id, text },
  ];
  const answer = (client: Client, s: SurveyView, body: unknown, headers: Record<string, string> = {}) =>
    client.send('POST', `${base()}/${s.id}/responses`, body, headers);
  /** Every identity of a respondent that must never appear in an answer to anyone. */
  const identities = () => [
    ...f.families.flatMap((x) => [x.userId, x.studentId]),
    f.otherParentId,
    f.siblingFatherId,
    f.secondChild,
    'submitted_by',
    'submittedBy',
    'family_key',
    'familyKey',
  ];
  const expectNoIdentity = (body: string) => {
    for (const id of identities()) expect(body).not.toContain(id);
  };

  beforeAll(async () => {
    f = await seedSurveyWorld(h());
  });

  it('SURV-2: the admin builds a satisfaction survey from the template: a draft, the term staff as targets, audited', async () => {
    const res = await f.admin.send('POST', `/api/v1/schools/${f.w.schoolA}/terms/${f.term.termId}/surveys`, {
      template: 'satisfaction',
    });
    expect(res.statusCode, res.body).toBe(201);
    sat = res.json();
    expect(sat).toMatchObject({ kind: 'satisfaction', status: 'draft', perChild: false, responseCount: 0 });
    expect(sat.questions.map((x) => x.kind)).toEqual(['rating', 'rating_teacher', 'rating_offering', 'text']);
    expect(
      q(sat, 'rating_teacher')
        .targets.map((t) => t.name)
        .sort(),
    ).toEqual(['care 老师', 'teacher 老师']);
    expect(
      q(sat, 'rating_offering')
        .targets.map((t) => t.id)
        .sort(),
    ).toEqual([f.term.homeworkCare, f.term.football, f.term.chess].sort());
    // The builder may pick any of the school's staff and the term's offerings to rate.
    expect(sat.candidates?.teachers.map((x) => x.name)).toEqual(
      expect.arrayContaining(['teacher 老师', 'admin 老师']),
    );
    expect(sat.candidates?.offerings).toHaveLength(3);
    const audit = await db()
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', '=', sat.id)
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['survey.create']);
  });

  it('a draft: parents neither see nor answer it; teachers cannot edit it', async () => {
    const parent = f.families[0]!.client;
    expect((await parent.get(`${base()}/${sat.id}`)).statusCode).toBe(404);
    expect((await parent.get(base())).json().items).toEqual([]);
    expect((await answer(parent, sat, { answers: answersFor(sat, 4, 4) })).statusCode).toBe(404);
    expect((await f.teacher.send('PATCH', `${base()}/${sat.id}`, { title: 'x' })).statusCode).toBe(403);
  });

  it('editing a draft: bad questions and foreign targets are refused with nothing changed; good ones replace all', async () => {
    const url = `${base()}/${sat.id}`;
    const keep = sat.questions.map((x) => ({
      kind: x.kind,
      prompt: x.prompt,
      options: x.options,
      targets: x.targets.map((t) => t.id),
      required: x.required,
    }));
    const bad = await f.admin.send('PATCH', url, {
      title: '改了',
      questions: [...keep, { kind: 'single', prompt: '选一个', options: ['a'] }],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({
      code: 'SURVEY_QUESTIONS_INVALID',
      details: { problems: [{ code: 'options_count' }] },
    });
    const foreign = await f.admin.send('PATCH', url, {
      questions: [{ kind: 'rating_teacher', prompt: '评分', targets: [f.families[0]!.userId] }],
    });
    expect(foreign.json()).toMatchObject({
      code: 'SURVEY_QUESTIONS_INVALID',
      details: { problems: [{ code: 'target_unknown' }] },
    });
    expect((await f.admin.get(url)).json().title).toBe(sat.title);
    const good = await f.admin.send('PATCH', url, {
      title: '2026 秋季学期满意度调查',
      closesOn: '2026-12-31',
      questions: [...keep, { kind: 'single', prompt: '会推荐给其他家长吗？', options: ['会', '不会'] }],
    });
    expect(good.statusCode, good.body).toBe(200);
    sat = good.json();
    expect(sat).toMatchObject({ title: '2026 秋季学期满意度调查', closesOn: '2026-12-31', questionCount: 5 });
  });

  it('opening tells the parents in their inbox; after that the questions are fixed', async () => {
    const res = await f.admin.send('POST', `${base()}/${sat.id}/open`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().status).toBe('open');
    const told = await db()
      .selectFrom('notifications')
      .select('user_id')
      .where('kind', '=', 'survey.opened')
      .execute();
    const toldIds = told.map((t) => t.user_id);
    for (const fam of f.families) expect(toldIds).toContain(fam.userId);
    expect(toldIds).toContain(f.otherParentId);
    expect(toldIds).not.toContain(f.parentB.userId);
    expect((await f.admin.send('PATCH', `${base()}/${sat.id}`, { title: 'x' })).json().code).toBe(
      'SURVEY_NOT_DRAFT',
    );
    expect((await f.admin.send('POST', `${base()}/${sat.id}/open`)).json().code).toBe('SURVEY_STATUS_CHANGE');
  });

  it('the parent sees it to answer, with the teachers named', async () => {
    const list = (await f.families[0]!.client.get(base())).json();
    expect(list.items).toHaveLength(1);
    expect(list.items[0]).toMatchObject({ id: sat.id, answerable: true, responseCount: null });
    expect(list.items[0].mine).toEqual([{ studentId: null, name: '学生0', answered: false }]);
    const view = (await f.families[0]!.client.get(`${base()}/${sat.id}`)).json() as SurveyView;
    expect(view.candidates).toBeNull();
    expect(
      q(view, 'rating_teacher')
        .targets.map((t) => t.name)
        .sort(),
    ).toEqual(['care 老师', 'teacher 老师']);
  });

  it('bad answers: 400 and nothing written', async () => {
    const parent = f.families[0]!.client;
    const cases = [
      [], // the required overall rating missing
      answersFor(sat, 6, 4),
      answersFor(sat, 4, 4, 'x'.repeat(2001)),
      [
        ...answersFor(sat, 4, 4).filter((a) => a.questionId !== q(sat, 'rating_teacher').id),
        { questionId: q(sat, 'rating_teacher').id, ratings: [{ targetId: f.term.football, rating: 4 }] },
      ],
      [...answersFor(sat, 4, 4), { questionId: q(sat, 'single').id, choices: [2] }],
    ];
    for (const answers of cases) {
      const res = await answer(parent, sat, { answers });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().code).toBe('SURVEY_ANSWERS_INVALID');
    }
    expect(await count('survey_responses', sat.id)).toBe(0);
    expect(await count('survey_answers', sat.id)).toBe(0);
  });

  it('SURV-2: two parents of one family answering at once: exactly one response, the other 409', async () => {
    const [a, b] = await Promise.all([
      answer(f.families[0]!.client, sat, { answers: answersFor(sat, 4, 5, '多些户外活动') }),
      // The same ratings from either parent, so whichever wins the results below are known.
      answer(f.otherParent, sat, { answers: answersFor(sat, 4, 5, '多些户外活动') }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([201, 409]);
    expect([a, b].find((r) => r.statusCode === 409)!.json().code).toBe('SURVEY_ALREADY_ANSWERED');
    expect(await count('survey_responses', sat.id)).toBe(1);
    const list = (await f.otherParent.get(base())).json();
    expect(list.items[0]).toMatchObject({ answerable: false, mine: [{ answered: true }] });
    expectNoIdentity(a.body + b.body);
    // The winner's answers are all there; the loser's none.
    const answers = await count('survey_answers', sat.id);
    expect(answers).toBe(5);
  });

  it('another school’s parent and a teacher cannot answer; other parents answer; an Idempotency-Key replays', async () => {
    expect((await answer(f.parentB.client, sat, { answers: answersFor(sat, 4, 4) })).statusCode).toBe(404);
    expect((await f.parentB.client.get(`${base()}/${sat.id}`)).statusCode).toBe(404);
    expect((await answer(f.teacher, sat, { answers: answersFor(sat, 5, 5) })).statusCode).toBe(403);
    const body = { answers: answersFor(sat, 5, 4, '很好') };
    const first = await answer(f.families[1]!.client, sat, body, { 'idempotency-key': 'sat-1' });
    const again = await answer(f.families[1]!.client, sat, body, { 'idempotency-key': 'sat-1' });
    expect(first.statusCode, first.body).toBe(201);
    expect(again.statusCode).toBe(201);
    expect(again.json()).toEqual(first.json());
    expect(await count('survey_responses', sat.id)).toBe(2);
    const audit = await db()
      .selectFrom('audit_log')
      .select(['action', 'actor_user_id', 'ip'])
      .where('action', '=', 'survey.answer')
      .execute();
    expect(audit).toEqual([
      { action: 'survey.answer', actor_user_id: null, ip: null },
      { action: 'survey.answer', actor_user_id: null, ip: null },
    ]);
    // Not even the school's audit log names who answered.
    const log = await f.admin.get(`/api/v1/schools/${f.w.schoolA}/audit`);
    expect(log.statusCode).toBe(200);
    expectNoIdentity(log.body);
  });

  it('SURV-2: a family answers once even when its parents are linked to different children', async () => {
    // Family 1's mother (both children) answered above; the father is linked to the second child only.
    const list = (await f.siblingFather.get(base())).json();
    expect(list.items[0]).toMatchObject({ answerable: false, mine: [{ answered: true }] });
    const res = await answer(f.siblingFather, sat, {
      answers: [{ questionId: q(sat, 'rating').id, rating: 1 }],
    });
    expect(res.statusCode, res.body).toBe(409);
    expect(res.json().code).toBe('SURVEY_ALREADY_ANSWERED');
    expect(await count('survey_responses', sat.id)).toBe(2);
  });

  it('PAY-7: a satisfaction rating is refused for oneself, for a teacher not of the family’s children, and from a family not enrolled', async () => {
    const rated = (targetIds: string[]) => [
      { questionId: q(sat, 'rating').id, rating: 5 },
      {
        questionId: q(sat, 'rating_teacher').id,
        ratings: targetIds.map((targetId) => ({ targetId, rating: 5 })),
      },
    ];
    // Family 2's child is in the football class only: its teacher, not the care teacher.
    const fam2 = f.families[2]!.client;
    const view = (await fam2.get(`${base()}/${sat.id}`)).json() as SurveyView;
    expect(q(view, 'rating_teacher').targets.map((t) => t.id)).toEqual([f.teacherId]);
    const notTheirs = await answer(fam2, sat, { answers: rated([f.teacherId, f.careId]) });
    expect(notTheirs.statusCode, notTheirs.body).toBe(400);
    expect(notTheirs.json()).toMatchObject({
      code: 'SURVEY_ANSWERS_INVALID',
      details: { problems: [{ code: 'target_not_relevant' }] },
    });
    // A family with no child enrolled in the term answers no satisfaction survey.
    const fam3 = f.families[3]!.client;
    expect((await fam3.get(base())).json().items[0]).toMatchObject({ answerable: false, mine: [] });
    const notEnrolled = await answer(fam3, sat, { answers: rated([]) });
    expect(notEnrolled.statusCode, notEnrolled.body).toBe(409);
    expect(notEnrolled.json().code).toBe('SURVEY_NOT_ENROLLED');
    // The teacher is also a parent of family 2's child: she may not rate herself.
    const at = h().ctx.now().toISOString();
    const grantId = newId();
    const guardianId = newId();
    await db()
      .insertInto('role_grants')
      .values({
        ...grantRow(
          { userId: f.teacherId, role: 'parent', districtId: f.w.districtId, schoolId: f.w.schoolA },
          at,
        ),
        id: grantId,
      })
      .execute();
    await db()
      .insertInto('guardians')
      .values({
        id: guardianId,
        school_id: f.w.schoolA,
        name: '老师家长',
        phone: '15630000002',
        user_id: f.teacherId,
        created_at: at,
        updated_at: at,
      })
      .execute();
    await db()
      .insertInto('student_guardians')
      .values({
        student_id: f.families[2]!.studentId,
        guardian_id: guardianId,
        relation: '母亲',
        is_primary: 0,
        created_at: at,
      })
      .execute();
    try {
      const own = (await f.teacher.get(`${base()}/${sat.id}`)).json() as SurveyView;
      expect(q(own, 'rating_teacher').targets).toEqual([]);
      const self = await answer(f.teacher, sat, { answers: rated([f.teacherId]) });
      expect(self.statusCode, self.body).toBe(400);
      expect(self.json()).toMatchObject({
        code: 'SURVEY_ANSWERS_INVALID',
        details: { problems: [{ code: 'target_self' }] },
      });
    } finally {
      await db().deleteFrom('student_guardians').where('guardian_id', '=', guardianId).execute();
      await db().deleteFrom('guardians').where('id', '=', guardianId).execute();
      await db().deleteFrom('role_grants').where('id', '=', grantId).execute();
    }
    expect(await count('survey_responses', sat.id)).toBe(2);
  });

  it('teachers read no respondent through any surveys route, and no results', async () => {
    for (const client of [f.teacher, f.care, f.families[2]!.client]) {
      const list = await client.get(base());
      expect(list.statusCode).toBe(200);
      const one = await client.get(`${base()}/${sat.id}`);
      expect(one.statusCode).toBe(200);
      expectNoIdentity(list.body + one.body);
      expect([403, 404]).toContain((await client.get(`${base()}/${sat.id}/results`)).statusCode);
      expect([403, 404]).toContain((await client.get(`${base()}/${sat.id}/results/export`)).statusCode);
    }
    expect((await f.finance.get(`${base()}/${sat.id}/results`)).statusCode).toBe(403);
  });

  it('closing stops answers; results: counts, means, distributions, per teacher, texts without anyone, the rate', async () => {
    const closed = await f.admin.send('POST', `${base()}/${sat.id}/close`);
    expect(closed.statusCode, closed.body).toBe(200);
    const late = await answer(f.families[3]!.client, sat, { answers: answersFor(sat, 5, 5) });
    expect(late.json().code).toBe('SURVEY_NOT_OPEN');
    const res = await f.admin.get(`${base()}/${sat.id}/results`);
    expect(res.statusCode, res.body).toBe(200);
    expectNoIdentity(res.body);
    const r = res.json() as SurveyResults;
    // families 0..2 are enrolled in the term (family 0 has two parents, one family); family 3 and
    // the world's own families are not, so a satisfaction survey does not count them.
    expect(r.responses).toBe(2);
    expect(r.eligible).toBe(3);
    const teachers = r.questions.find((x) => x.kind === 'rating_teacher')!.targets!;
    expect(teachers.find((t) => t.targetId === f.teacherId)).toMatchObject({
      count: 2,
      meanHundredths: 450,
      distribution: [0, 0, 0, 1, 1],
      name: 'teacher 老师',
    });
    expect(teachers.find((t) => t.targetId === f.careId)).toMatchObject({ count: 2, meanHundredths: 450 });
    expect(r.questions.find((x) => x.kind === 'rating')!.rating).toEqual({
      count: 2,
      meanHundredths: 500,
      distribution: [0, 0, 0, 0, 2],
    });
    expect(r.questions.find((x) => x.kind === 'text')!.texts).toEqual(['很好', '多些户外活动'].sort());
    expect((await f.district.get(`${base()}/${sat.id}/results`)).statusCode).toBe(200);
    const file = await f.admin.get(`${base()}/${sat.id}/results/export`);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toContain('spreadsheetml');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file.rawPayload as unknown as ArrayBuffer);
    const book: unknown[] = [];
    for (const sheet of workbook.worksheets) sheet.eachRow((row) => book.push(row.values));
    expect(JSON.stringify(book)).toContain('teacher 老师');
    expectNoIdentity(JSON.stringify(book));
    // SAFE-2: the export is recorded — who exported which survey, not who answered.
    const exported = await db()
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'survey.export')
      .where('entity_id', '=', sat.id)
      .execute();
    const adminId = (
      await db().selectFrom('users').select('id').where('username', '=', 'admin').executeTakeFirstOrThrow()
    ).id;
    expect(exported.map((a) => [a.actor_user_id, a.school_id, a.entity])).toEqual([
      [adminId, f.w.schoolA, 'survey'],
    ]);
    expectNoIdentity(JSON.stringify(exported));
  });

  it('PAY-7: teacherSurveyScores gives 450 for ratings 4 and 5; each teacher reads only their own', async () => {
    const scores = await teacherSurveyScores(db(), f.w.schoolA, f.term.termId);
    expect(scores.surveyId).toBe(sat.id);
    expect(scores.scores.find((s) => s.userId === f.teacherId)).toEqual({
      userId: f.teacherId,
      scoreHundredths: 450,
      ratings: 2,
    });
    const mine = (
      await f.teacher.get(`/api/v1/schools/${f.w.schoolA}/my-survey-scores?termId=${f.term.termId}`)
    ).json() as MyScores;
    expect(mine.items).toEqual([
      expect.objectContaining({
        surveyId: sat.id,
        count: 2,
        meanHundredths: 450,
        distribution: [0, 0, 0, 1, 1],
      }),
    ]);
    const res = await f.care.get(`/api/v1/schools/${f.w.schoolA}/my-survey-scores`);
    expect(res.json().items[0]).toMatchObject({
      count: 2,
      meanHundredths: 450,
      distribution: [0, 0, 0, 1, 1],
    });
    expectNoIdentity(res.body);
    expect(res.body).not.toContain(f.teacherId);
    expect(
      (await f.families[0]!.client.get(`/api/v1/schools/${f.w.schoolA}/my-survey-scores`)).statusCode,
    ).toBe(403);
  });

  it('SURV-1: a per-child demand survey: one response per child, the own children only', async () => {
    const res = await f.admin.send('POST', `/api/v1/schools/${f.w.schoolA}/terms/${f.term.termId}/surveys`, {
      template: 'demand',
    });
    expect(res.statusCode, res.body).toBe(201);
    demand = res.json();
    expect(demand.perChild).toBe(true);
    expect((await f.admin.send('POST', `${base()}/${demand.id}/open`)).statusCode).toBe(200);
    const parent = f.families[1]!.client;
    const view = (await parent.get(`${base()}/${demand.id}`)).json() as SurveyView;
    expect(view.mine.map((m) => m.answered)).toEqual([false, false]);
    const answers = [
      { questionId: view.questions[0]!.id, choices: [0] },
      { questionId: view.questions[1]!.id, choices: [0, 1] },
    ];
    const without = await answer(parent, demand, { answers });
    expect(without.json().code).toBe('SURVEY_CHILD_REQUIRED');
    expect((await answer(parent, demand, { studentId: f.families[0]!.studentId, answers })).statusCode).toBe(
      404,
    );
    for (const studentId of [f.families[1]!.studentId, f.secondChild]) {
      const ok = await answer(parent, demand, { studentId, answers });
      expect(ok.statusCode, ok.body).toBe(201);
    }
    expect((await answer(parent, demand, { studentId: f.secondChild, answers })).json().code).toBe(
      'SURVEY_ALREADY_ANSWERED',
    );
    expect(await count('survey_responses', demand.id)).toBe(2);
    // Two parents of one child answering the per-child survey at once: one response.
    const mineFirst = { studentId: f.families[0]!.studentId, answers };
    const race = await Promise.all([
      answer(f.families[0]!.client, demand, mineFirst),
      answer(f.otherParent, demand, mineFirst),
    ]);
    expect(race.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    expect(await count('survey_responses', demand.id)).toBe(3);
    const after = (await parent.get(`${base()}/${demand.id}`)).json() as SurveyView;
    expect(after).toMatchObject({ answerable: false });
    expect(after.mine.map((m) => m.answered)).toEqual([true, true]);
    const results = (await f.admin.get(`${base()}/${demand.id}/results`)).json() as SurveyResults;
    expect(results.questions[0]!.counts).toEqual([3, 0, 0]);
    expectNoIdentity(JSON.stringify(results));
  });

  it('the list for the admin shows drafts and counts; other schools see nothing of it', async () => {
    const list = (await f.admin.get(base())).json();
    expect(list.items.map((s: SurveyView) => [s.id, s.responseCount])).toEqual(
      expect.arrayContaining([
        [sat.id, 2],
        [demand.id, 3],
      ]),
    );
    expect((await f.adminB.get(base())).statusCode).toBe(404);
    expect((await f.adminB.get(`/api/v1/schools/${f.w.schoolB}/surveys/${sat.id}`)).statusCode).toBe(404);
  });
});
