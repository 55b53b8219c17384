// What the programme tells people, on both databases: the 5+2 report for a school and across the
// district (PROG-4), the notice to parents with its versions (PROG-7), and the demand survey with
// its scope and totals (PROG-8).
import { beforeAll, describe, expect, it } from 'vitest';
import { describeBothDatabases } from '../../../test/db-matrix';
import { type Client, seedWorld, signIn, type World } from '../../../test/fixtures';
import { seedTerm } from '../../../test/programme-fixtures';

describeBothDatabases('programme reports', (h) => {
  let w: World;
  let admin: Client;
  let teacher: Client;
  let parent: Client;
  let district: Client;
  let fullTerm: string;
  let shortTerm: string;
  const school = (path = '') => `/api/v1/schools/${w.schoolA}${path}`;
  const termBody = (name: string) => ({
    name,
    startsOn: '2026-09-01',
    endsOn: '2027-01-15',
    windowOpensAt: '2026-08-31T00:00:00Z',
    windowClosesAt: '2026-09-10T10:00:00Z',
  });
  const session = (name: string, startsAt: string, endsAt: string, weekdays = [1, 2, 3, 4, 5]) => ({
    name,
    kind: 'afternoon',
    weekdays,
    startsAt,
    endsAt,
    classHours: 2,
  });

  beforeAll(async () => {
    w = await seedWorld(h());
    admin = await signIn(h(), 'admin');
    teacher = await signIn(h(), 'teacher');
    parent = await signIn(h(), w.parentPhone);
    district = await signIn(h(), 'district');
    fullTerm = (await admin.send('POST', school('/terms'), termBody('2026 秋季学期'))).json().id;
    shortTerm = (await admin.send('POST', school('/terms'), termBody('2026 秋季学期（试行）'))).json().id;
    const s = (
      await admin.send('POST', school(`/terms/${fullTerm}/sessions`), session('课后服务', '15:30', '17:30'))
    ).json().id;
    await admin.send('POST', school(`/terms/${fullTerm}/offerings`), {
      sessionId: s,
      kind: 'homework_care',
      name: '作业辅导看护',
      capacity: 600,
      feeBasis: 'month',
      feeFen: 18000,
    });
    // 篇八: Monday to Thursday 15:30–17:20 — short of 5+2.
    await admin.send(
      'POST',
      school(`/terms/${shortTerm}/sessions`),
      session('课后服务', '15:30', '17:20', [1, 2, 3, 4]),
    );
  });

  describe('5+2 (PROG-4)', () => {
    it('reports a compliant term', async () => {
      const res = await admin.get(school(`/terms/${fullTerm}/five-plus-two`));
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({
        compliant: true,
        reasons: [],
        settings: { minDailyMinutes: 120, offWorkTime: '17:30' },
      });
      expect(res.json().days[4]).toEqual({ weekday: 5, hasService: true, minutes: 120, latestEnd: '17:30' });
    });

    it('reports why a term falls short, as codes with numbers', async () => {
      const report = (await admin.get(school(`/terms/${shortTerm}/five-plus-two`))).json();
      expect(report.compliant).toBe(false);
      expect(report.reasons).toContainEqual({ code: 'short_day', weekday: 1, minutes: 110, required: 120 });
      expect(report.reasons).toContainEqual({
        code: 'ends_early',
        weekday: 4,
        endsAt: '17:20',
        required: '17:30',
      });
      expect(report.reasons).toContainEqual({ code: 'no_service', weekday: 5 });
      expect(report.reasons).toHaveLength(9);
      expect(report.days[4]).toEqual({ weekday: 5, hasService: false, minutes: 0, latestEnd: null });
    });

    it('follows the school settings', async () => {
      await admin.send('PATCH', school('/settings'), { minDailyMinutes: 100, offWorkTime: '17:00' });
      const report = (await admin.get(school(`/terms/${shortTerm}/five-plus-two`))).json();
      expect(report.reasons).toEqual([{ code: 'no_service', weekday: 5 }]);
      await admin.send('PATCH', school('/settings'), { minDailyMinutes: 120, offWorkTime: '17:30' });
    });

    it('is for the school and its district, not for teachers or parents', async () => {
      expect((await district.get(school(`/terms/${fullTerm}/five-plus-two`))).statusCode).toBe(200);
      expect((await teacher.get(school(`/terms/${fullTerm}/five-plus-two`))).statusCode).toBe(403);
      expect((await parent.get(school(`/terms/${fullTerm}/five-plus-two`))).statusCode).toBe(403);
      const adminB = await signIn(h(), 'adminB');
      expect((await adminB.get(school(`/terms/${fullTerm}/five-plus-two`))).statusCode).toBe(404);
    });

    it('lists every school of the district with its terms for the district officer', async () => {
      const res = await district.get(`/api/v1/districts/${w.districtId}/five-plus-two?from=2026-09-01`);
      expect(res.statusCode, res.body).toBe(200);
      const items = res.json().items;
      expect(items.map((s: { schoolId: string }) => s.schoolId).sort()).toEqual(
        [w.schoolA, w.schoolB].sort(),
      );
      const a = items.find((s: { schoolId: string }) => s.schoolId === w.schoolA);
      expect(
        Object.fromEntries(
          a.terms.map((t: { name: string; report: { compliant: boolean } }) => [t.name, t.report.compliant]),
        ),
      ).toEqual({ '2026 秋季学期': true, '2026 秋季学期（试行）': false });
      expect(items.find((s: { schoolId: string }) => s.schoolId === w.schoolB).terms).toEqual([]);
      const later = (
        await district.get(`/api/v1/districts/${w.districtId}/five-plus-two?from=2027-02-01`)
      ).json();
      expect(later.items.every((s: { terms: unknown[] }) => s.terms.length === 0)).toBe(true);
    });

    it("keeps the district route to the district's officers", async () => {
      expect((await admin.get(`/api/v1/districts/${w.districtId}/five-plus-two`)).statusCode).toBe(404);
      expect((await district.get('/api/v1/districts/no-such-district/five-plus-two')).statusCode).toBe(404);
      expect(
        (await district.get(`/api/v1/districts/${w.districtId}/five-plus-two?from=soon`)).statusCode,
      ).toBe(400);
    });
  });

  describe('notice to parents (PROG-7)', () => {
    const notice = (termId: string, path = '') => school(`/terms/${termId}/notice${path}`);

    it('is not there before it is published', async () => {
      const res = await parent.get(notice(fullTerm));
      expect(res.statusCode).toBe(404);
      expect(res.json().code).toBe('NOTICE_NOT_PUBLISHED');
    });

    it("saves the school's paragraphs and previews the composed notice", async () => {
      const texts = {
        greeting: '尊敬的家长：为解决“放学早、接送难”的问题……',
        applyMethod: '请于报名期间在“课后”App 中提交申请。',
        safety: '学校安排专人看护，家长须按时接孩子。',
        notes: '',
        contact: '教务处 0551-1234567',
      };
      const saved = await admin.send('PUT', notice(fullTerm, '/draft'), texts);
      expect(saved.statusCode, saved.body).toBe(200);
      expect(saved.json().texts).toEqual(texts);
      const preview = (await admin.get(notice(fullTerm, '/preview'))).json();
      expect(preview.title).toBe('测试一小2026 秋季学期课后服务告家长书');
      expect(preview.term.windowClosesLocal).toBe('2026-09-10 18:00');
      expect(preview.sessions[0]).toMatchObject({ startsAt: '15:30', endsAt: '17:30' });
      expect(preview.sessions[0].offerings[0]).toMatchObject({
        name: '作业辅导看护',
        basic: true,
        feeFen: 18000,
      });
      expect(preview.texts.contact).toBe('教务处 0551-1234567');
      expect((await parent.get(notice(fullTerm, '/preview'))).statusCode).toBe(403);
      expect((await teacher.send('PUT', notice(fullTerm, '/draft'), texts)).statusCode).toBe(403);
    });

    it('publishes versions that everyone at the school reads, the latest first', async () => {
      const first = await admin.send('POST', notice(fullTerm, '/publish'));
      expect(first.statusCode, first.body).toBe(201);
      expect(first.json()).toMatchObject({ version: 1, publishedBy: 'admin 老师' });
      await admin.send('PUT', notice(fullTerm, '/draft'), { notes: '第二版：新增说明' });
      expect((await admin.send('POST', notice(fullTerm, '/publish'))).json().version).toBe(2);
      const read = await parent.get(notice(fullTerm));
      expect(read.statusCode).toBe(200);
      expect(read.json().version).toBe(2);
      expect(read.json().content.texts.notes).toBe('第二版：新增说明');
      expect((await teacher.get(notice(fullTerm))).json().version).toBe(2);
      const versions = (await admin.get(notice(fullTerm, '/versions'))).json().items;
      expect(versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
      const v1 = (await admin.get(notice(fullTerm, '/versions/1'))).json();
      expect(v1.content.texts.greeting).toContain('尊敬的家长');
      expect(v1.content.texts.notes).toBe('');
      expect((await parent.get(notice(fullTerm, '/versions'))).statusCode).toBe(403);
      expect((await admin.get(school(`/terms/${fullTerm}`))).json().noticeVersion).toBe(2);
      const audits = await h()
        .ctx.db.selectFrom('audit_log')
        .select('after_json')
        .where('action', '=', 'notice.publish')
        .execute();
      expect(audits).toHaveLength(2);
    });

    it("serves the enrolment tests' fixture term, written straight to the database", async () => {
      const fixture = await seedTerm(h(), w, { name: '2027 春季学期（测试）' });
      const res = await parent.get(notice(fixture.termId));
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().content.sessions.map((x: { name: string }) => x.name)).toEqual(['午托', '课后服务']);
    });

    it('refuses to publish without homework care', async () => {
      const res = await admin.send('POST', notice(shortTerm, '/publish'));
      expect(res.statusCode).toBe(422);
      expect(res.json().code).toBe('NOTICE_NO_HOMEWORK_CARE');
    });

    it('refuses to publish once the window has closed', async () => {
      h().setNow('2026-09-10T10:00:00.000Z');
      try {
        const res = await admin.send('POST', notice(fullTerm, '/publish'), undefined, {
          'accept-language': 'en',
        });
        expect(res.statusCode).toBe(422);
        expect(res.json().message).toBe(
          'Applications closed at 2026-09-10 18:00; the notice can no longer be published',
        );
        expect((await parent.get(notice(fullTerm))).json().version).toBe(2);
      } finally {
        h().setNow('2026-09-01T08:00:00.000Z');
      }
    });
  });

  describe('demand survey (PROG-8)', () => {
    const demand = (path = '') => school(`/terms/${fullTerm}/demand${path}`);

    it('lists the class teacher’s own class, nobody recorded yet', async () => {
      const res = await teacher.get(demand(`/classes/${w.classA11}`));
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json();
      expect(body.items.length).toBeGreaterThanOrEqual(5);
      expect(body.items.every((r: { recorded: boolean }) => !r.recorded)).toBe(true);
      expect(body.totals).toMatchObject({ children: body.items.length, recorded: 0, cannotCollect: 0 });
    });

    it('records and re-records a child of the own class, audited', async () => {
      const url = demand(`/students/${w.childOfParent}`);
      const first = await teacher.send('PUT', url, {
        canCollectOnTime: false,
        needs: ['afternoon', 'meals'],
      });
      expect(first.statusCode, first.body).toBe(200);
      expect(first.json()).toMatchObject({
        recorded: true,
        canCollectOnTime: false,
        needs: ['afternoon', 'meals'],
      });
      const again = await teacher.send('PUT', url, {
        canCollectOnTime: false,
        needs: ['afternoon', 'noon', 'noon'],
        note: '父母均在外地务工',
      });
      expect(again.json().needs).toEqual(['afternoon', 'noon']);
      const rows = await h()
        .ctx.db.selectFrom('audit_log')
        .select(['before_json', 'after_json'])
        .where('action', '=', 'demand.record')
        .orderBy('id')
        .execute();
      expect(rows).toHaveLength(2);
      expect(JSON.parse(rows[1]!.before_json!).needs).toEqual(['afternoon', 'meals']);
      const count = await h()
        .ctx.db.selectFrom('demand_responses')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow();
      expect(Number(count.n)).toBe(1);
    });

    it('keeps a teacher to their own class; parents have no access', async () => {
      const other = await teacher.send('PUT', demand(`/students/${w.otherChild}`), {
        canCollectOnTime: true,
        needs: [],
      });
      expect(other.statusCode).toBe(404);
      expect((await teacher.get(demand(`/classes/${w.classA12}`))).statusCode).toBe(404);
      expect((await parent.get(demand(`/classes/${w.classA11}`))).statusCode).toBe(403);
      expect(
        (
          await parent.send('PUT', demand(`/students/${w.childOfParent}`), {
            canCollectOnTime: true,
            needs: [],
          })
        ).statusCode,
      ).toBe(403);
      const bad = await teacher.send('PUT', demand(`/students/${w.childOfParent}`), {
        canCollectOnTime: 'no',
        needs: ['sleepover'],
      });
      expect(bad.statusCode).toBe(400);
      expect(
        bad
          .json()
          .fields.map((f: { field: string }) => f.field)
          .sort(),
      ).toEqual(['canCollectOnTime', 'needs.0']);
    });

    it('totals per class and for the school; a teacher sees only their class', async () => {
      await admin.send('PUT', demand(`/students/${w.otherChild}`), {
        canCollectOnTime: true,
        needs: ['meals'],
      });
      const mine = (await teacher.get(demand())).json();
      expect(mine.classes.map((c: { classId: string }) => c.classId)).toEqual([w.classA11]);
      expect(mine.school).toMatchObject({ recorded: 1, cannotCollect: 1 });
      const all = (await admin.get(demand())).json();
      expect(all.classes).toHaveLength(3);
      expect(all.school).toMatchObject({
        recorded: 2,
        cannotCollect: 1,
        needs: { noon: 1, afternoon: 1, evening: 0, meals: 1, weekend: 0 },
      });
      expect(all.school.children).toBe(
        all.classes.reduce((s: number, c: { totals: { children: number } }) => s + c.totals.children, 0),
      );
      const cls = (await admin.get(demand(`/classes/${w.classA11}`))).json();
      expect(cls.totals).toMatchObject({ recorded: 1, cannotCollect: 1, needs: { afternoon: 1, noon: 1 } });
      expect((await district.get(demand())).statusCode).toBe(200);
      // SAFE-2: the district reads totals, never a child's own record.
      expect((await district.get(demand(`/classes/${w.classA11}`))).statusCode).toBe(403);
    });
  });
});
