// The demo's surveys on both databases: each school's running term has a closed demand survey with
// answers and an open satisfaction survey answered by about 70 % of the families but not by the demo
// parent's; the demo parent answers it, the admin closes it, and every rated teacher has a score
// that pay reads (the e2e walkthrough, through HTTP).
import { beforeAll, expect, it } from 'vitest';
import { describeBothDatabases } from '../../../test/db-matrix';
import { signIn } from '../../../test/fixtures';
import { type DemoLogin, demoPassword, loadDemo } from '../../cli/demo';
import type { SurveySummary, SurveyView } from './contract';
import { teacherSurveyScores } from './scores';

describeBothDatabases('demo surveys', (h) => {
  let logins: DemoLogin[];
  let schoolId: string;

  beforeAll(async () => {
    const started = Date.now();
    logins = await loadDemo(h().ctx);
    console.log(`demo loaded in ${Date.now() - started} ms`);
    schoolId = (
      await h()
        .ctx.db.selectFrom('schools')
        .select('id')
        .where('code', '=', 'HX-SY')
        .executeTakeFirstOrThrow()
    ).id;
  }, 240_000);

  it('has a closed demand survey and an open satisfaction survey the demo parent has not answered', async () => {
    const admin = await signIn(h(), 'admin', demoPassword);
    const list = (await admin.get(`/api/v1/schools/${schoolId}/surveys`)).json().items as SurveySummary[];
    expect(list.map((s) => [s.kind, s.status])).toEqual(
      expect.arrayContaining([
        ['demand', 'closed'],
        ['satisfaction', 'open'],
      ]),
    );
    const sat = list.find((s) => s.kind === 'satisfaction')!;
    const results = (await admin.get(`/api/v1/schools/${schoolId}/surveys/${sat.id}/results`)).json();
    expect(results.ratePercent).toBeGreaterThanOrEqual(60);
    expect(results.ratePercent).toBeLessThanOrEqual(80);
    const teachers = results.questions.find((q: { kind: string }) => q.kind === 'rating_teacher').targets;
    expect(teachers.length).toBeGreaterThanOrEqual(5);
    for (const t of teachers) {
      expect(t.count).toBeGreaterThan(0);
      expect(t.meanHundredths).toBeGreaterThanOrEqual(350);
    }
    const names = teachers.map((t: { name: string }) => t.name);
    expect(names).toContain('实验小学 看护 孙老师');

    const parentLogin = logins.find((l) => l.role === 'parent 家长')!;
    const parent = await signIn(h(), parentLogin.account, demoPassword);
    const mine = (await parent.get(`/api/v1/schools/${schoolId}/surveys`)).json().items as SurveySummary[];
    const open = mine.find((s) => s.id === sat.id)!;
    expect(open).toMatchObject({ answerable: true, mine: [{ answered: false }] });
    const view = (await parent.get(`/api/v1/schools/${schoolId}/surveys/${sat.id}`)).json() as SurveyView;
    const perTeacher = view.questions.find((q) => q.kind === 'rating_teacher')!;
    // The demo family is offered only its own teachers (PAY-7), the care teacher 孙老师 among them.
    expect(perTeacher.targets.every((t) => t.relevant)).toBe(true);
    expect(perTeacher.targets.map((t) => t.name)).toContain('实验小学 看护 孙老师');
    const res = await parent.send('POST', `/api/v1/schools/${schoolId}/surveys/${sat.id}/responses`, {
      answers: [
        { questionId: view.questions.find((q) => q.kind === 'rating')!.id, rating: 5 },
        {
          questionId: perTeacher.id,
          ratings: perTeacher.targets.filter((t) => t.relevant).map((t) => ({ targetId: t.id, rating: 5 })),
        },
      ],
    });
    expect(res.statusCode, res.body).toBe(201);
    expect((await admin.send('POST', `/api/v1/schools/${schoolId}/surveys/${sat.id}/close`)).statusCode).toBe(
      200,
    );
    const scores = await teacherSurveyScores(h().ctx.db, schoolId, sat.termId);
    expect(scores.surveyId).toBe(sat.id);
    expect(scores.scores.map((s) => s.userId).sort()).toEqual(
      teachers.map((t: { targetId: string }) => t.targetId).sort(),
    );
  });
});
