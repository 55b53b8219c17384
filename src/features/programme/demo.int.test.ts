// The demo's programme, on both databases: loaded as at first start, each school's term is open
// for applications, its notice is published and readable by a parent, its timetable keeps the
// class-hour limits and 5+2, and a small club makes a draw necessary.
import { beforeAll, expect, it } from 'vitest';
import { describeBothDatabases } from '../../../test/db-matrix';
import { signIn } from '../../../test/fixtures';
import { type DemoLogin, demoPassword, loadDemo } from '../../cli/demo';
import { demoTerms } from '../../cli/demo-programme';

describeBothDatabases('demo programme', (h) => {
  let logins: DemoLogin[];
  let schoolId: string;
  let termId: string;

  beforeAll(async () => {
    logins = await loadDemo(h().ctx);
    const school = await h()
      .ctx.db.selectFrom('schools')
      .select('id')
      .where('code', '=', 'HX-SY')
      .executeTakeFirstOrThrow();
    schoolId = school.id;
  });

  it('opens the term for applications with conditions and an agreement', async () => {
    const admin = await signIn(h(), 'admin', demoPassword);
    const terms = (await admin.get(`/api/v1/schools/${schoolId}/terms`)).json().items;
    expect(terms).toHaveLength(2);
    const open = terms.find((t: { windowState: string }) => t.windowState === 'open');
    expect(open).toMatchObject({ name: demoTerms(h().ctx.now().toISOString()).next.name, noticeVersion: 1 });
    expect(open.conditions.find((c: { key: string }) => c.key === 'insurance').needsProof).toBe(true);
    termId = open.id;
    const report = (await admin.get(`/api/v1/schools/${schoolId}/terms/${termId}/five-plus-two`)).json();
    expect(report.compliant).toBe(true);
    const sessions = (await admin.get(`/api/v1/schools/${schoolId}/terms/${termId}/sessions`)).json();
    expect(sessions.load.every((d: { day: number }) => d.day <= sessions.limits.day)).toBe(true);
    const offerings = (await admin.get(`/api/v1/schools/${schoolId}/terms/${termId}/offerings`)).json().items;
    const clubs = offerings.filter((o: { kind: string }) => o.kind === 'club');
    expect(clubs.length).toBeGreaterThanOrEqual(4);
    expect(Math.min(...clubs.map((c: { capacity: number }) => c.capacity))).toBeLessThan(20);
    const agreement = await h()
      .ctx.db.selectFrom('agreement_texts')
      .select(['title', 'version'])
      .where('term_id', '=', termId)
      .execute();
    expect(agreement).toEqual([{ title: '课后服务安全责任书', version: 1 }]);
    const days = (await admin.get(`/api/v1/schools/${schoolId}/terms/${termId}/school-days`)).json();
    expect(days.days.some((d: { makeup: boolean }) => d.makeup)).toBe(true);
  });

  it("lets a parent read the school's published notice", async () => {
    const parentLogin = logins.find((l) => l.role === 'parent 家长')!;
    const parent = await signIn(h(), parentLogin.account, demoPassword);
    const notice = await parent.get(`/api/v1/schools/${schoolId}/terms/${termId}/notice`);
    expect(notice.statusCode, notice.body).toBe(200);
    expect(notice.json().content.title).toBe(
      `华溪区实验小学${demoTerms(h().ctx.now().toISOString()).next.name}课后服务告家长书`,
    );
    const homework = notice.json().content.sessions[1].offerings[0];
    expect(homework).toMatchObject({ name: '作业辅导看护', basic: true, teacher: '实验小学 看护 孙老师' });
  });

  it('runs the term in progress: drawn by the service, verifiable, most families enrolled', async () => {
    const admin = await signIn(h(), 'admin', demoPassword);
    const terms = (await admin.get(`/api/v1/schools/${schoolId}/terms`)).json().items;
    const running = terms.find((t: { windowState: string }) => t.windowState === 'closed');
    expect(running.name).toBe(demoTerms(h().ctx.now().toISOString()).running.name);
    const draw = (await admin.get(`/api/v1/schools/${schoolId}/terms/${running.id}/draw`)).json();
    expect(draw.drawnAt).toBeTruthy();
    const counts = await h()
      .ctx.db.selectFrom('applications')
      .select(['status', (eb) => eb.fn.countAll<number | string>().as('n')])
      .where('term_id', '=', running.id)
      .groupBy('status')
      .execute();
    const enrolled = Number(counts.find((c) => c.status === 'enrolled')?.n ?? 0);
    expect(enrolled).toBeGreaterThan(350);
    // The demo parent's three children hold places, so the parent can try the school day.
    const parentLogin = logins.find((l) => l.role === 'parent 家长')!;
    const parent = await signIn(h(), parentLogin.account, demoPassword);
    const mine = (await parent.get(`/api/v1/schools/${schoolId}/terms/${running.id}/my-applications`)).json();
    expect(mine.items.map((a: { status: string }) => a.status)).toEqual(['enrolled', 'enrolled', 'enrolled']);

    // Issue 4: every enrolled child sits in a temporary class with a head teacher, and the published
    // duty roster leaves only the make-up weekend days' over-the-weekly-cap slots unfilled.
    const classes = (await admin.get(`/api/v1/schools/${schoolId}/terms/${running.id}/temp-classes`)).json()
      .items;
    expect(classes.length).toBeGreaterThan(10);
    expect(classes.every((c: { headTeacherId: string | null }) => c.headTeacherId)).toBe(true);
    const rosters = (await admin.get(`/api/v1/schools/${schoolId}/terms/${running.id}/rosters`)).json().items;
    expect(rosters).toHaveLength(1);
    expect(rosters[0]).toMatchObject({ status: 'published' });
    expect(rosters[0].dutyCount).toBeGreaterThan(1000);
    expect(rosters[0].unfilledCount).toBeLessThan(20);
  });
});
