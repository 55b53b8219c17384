// The district dashboard through HTTP on both databases (DIST-1, DIST-3): every figure of the
// two-school fixture equals what it wrote, the drill-down agrees with billing's own lists, the
// kept figures follow a new roll call after the refresh, refusals (school staff 403, another
// district 404, a school of another district 404), and both xlsx exports open.
import type { Kysely } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { enrol } from '../../../test/billing-fixtures';
import { describeBothDatabases } from '../../../test/db-matrix';
import { type DistrictFixture, seedDistrictDashboard } from '../../../test/district-fixtures';
import { type Client, signIn } from '../../../test/fixtures';
import { seedTerm } from '../../../test/programme-fixtures';
import { readWorkbook } from '../../../test/xlsx';
import type { DB } from '../../db/schema';
import { newId } from '../../server/context';
import { appendEntries } from '../billing/ledger';
import type { DistrictDashboard, SchoolDashboard } from './dashboard-contract';
import { refreshDashboard } from './service/dashboard-refresh';

describeBothDatabases('district dashboard (DIST-1, DIST-3)', (h) => {
  let f: DistrictFixture;
  let officer: Client;
  const db = () => h().ctx.db as Kysely<DB>;
  const base = () => `/api/v1/districts/${f.school.world.districtId}/dashboard`;
  const date = '2026-09-30';
  const studentsOf = async (schoolId: string) =>
    (await db().selectFrom('students').select('id').where('school_id', '=', schoolId).execute()).length;

  beforeAll(async () => {
    f = await seedDistrictDashboard(h());
    officer = await signIn(h(), 'district');
  });

  it('shows every figure of every school as the fixture wrote it', async () => {
    const res = await officer.get(`${base()}?date=${date}`);
    expect(res.statusCode, res.body).toBe(200);
    const d = res.json() as DistrictDashboard;
    const { world, term } = f.school;
    expect(d.date).toBe(date);
    expect(d.asOf).not.toBeNull();
    expect(d.schools.map((s) => s.schoolId)).toEqual([world.schoolA, world.schoolB]);
    const [a, b] = d.schools as [DistrictDashboard['schools'][number], DistrictDashboard['schools'][number]];
    const studentsA = await studentsOf(world.schoolA);
    expect(a.term?.id).toBe(term.termId);
    expect(a.participation).toEqual({
      students: studentsA,
      enrolled: 5,
      rate: Math.round((5 / studentsA) * 1000) / 10,
    });
    expect(b.participation).toEqual({ students: 4, enrolled: 1, rate: 25 });
    // PROG-4 as the programme's report says (the fixture's sessions end before 17:30).
    const report = (
      await officer.get(`/api/v1/schools/${world.schoolA}/terms/${term.termId}/five-plus-two`)
    ).json() as { compliant: boolean; reasons: unknown[] };
    expect(a.fivePlusTwo).toEqual({ compliant: report.compliant, reasons: report.reasons });
    expect(a.staffRatio).toEqual({ ratio: 2, sessionDays: 3, metDays: 1, rate: 33.3 });
    expect(b.staffRatio).toEqual({ ratio: 30, sessionDays: 0, metDays: 0, rate: null });
    expect(a.fees).toEqual({ standards: 4, overCap: 1 });
    expect(b.fees).toEqual({ standards: 3, overCap: 0 });
    expect(a.arrears).toEqual(f.expected.arrears);
    expect(b.arrears).toEqual({ families: 0, totalFen: 0 });
    expect(a.incidents).toMatchObject(f.expected.incidents);
    expect(a.incidents?.byKind.find((k) => k.kind === 'injury')).toEqual({
      kind: 'injury',
      total: 2,
      open: 1,
    });
    expect(a.incidents?.bySeverity.find((s) => s.severity === 'serious')).toEqual({
      severity: 'serious',
      total: 1,
      open: 1,
    });
    expect(a.statement).toMatchObject(f.expected.latestStatement);
    expect(b.statement).toBeNull();
    expect(d.totals).toMatchObject({
      schools: 2,
      participation: { students: studentsA + 4, enrolled: 6 },
      feesOverCap: 1,
      arrears: f.expected.arrears,
      incidents: f.expected.incidents,
      staffRatio: { sessionDays: 3, metDays: 1, rate: 33.3 },
    });
    // DIST-3: the caps with their approving document.
    expect(d.caps.map((c) => c.kind)).toContain('care_month');
    expect(d.caps.find((c) => c.kind === 'care_month')).toMatchObject({ maxFen: 20_000 });
  });

  it('drills down to a school: per grade, per session, the worst days, billing’s own lists', async () => {
    const { world, term } = f.school;
    const res = await officer.get(`${base()}/schools/${world.schoolA}?date=${date}`);
    expect(res.statusCode, res.body).toBe(200);
    const d = res.json() as SchoolDashboard;
    expect(d.school.id).toBe(world.schoolA);
    expect(d.participation.byGrade.reduce((n, g) => n + g.students, 0)).toBe(await studentsOf(world.schoolA));
    expect(d.participation.byGrade.reduce((n, g) => n + g.enrolled, 0)).toBe(5);
    expect(d.staffRatio.bySession.find((s) => s.sessionId === term.afternoonSessionId)).toMatchObject({
      sessionDays: 3,
      metDays: 1,
    });
    expect(d.staffRatio.worst.map((w) => w.date)).toEqual([f.expected.worstDate, '2026-09-02']);
    expect(d.staffRatio.worst[0]).toMatchObject({
      studentsPresent: 4,
      staffPresent: 1,
      required: 2,
      met: false,
    });
    const standards = (
      await officer.get(`/api/v1/schools/${world.schoolA}/terms/${term.termId}/fee-standards`)
    ).json() as { items: { offeringId: string; withinCap: boolean | null }[] };
    expect(d.fees.items.map((i) => [i.offeringId, i.withinCap])).toEqual(
      standards.items.map((i) => [i.offeringId, i.withinCap]),
    );
    expect(d.fees.overCap).toBe(1);
    expect({ families: d.arrears.families, totalFen: d.arrears.totalFen }).toEqual(f.expected.arrears);
    expect(d.arrears.byGrade.reduce((n, g) => n + g.totalFen, 0)).toBe(f.expected.arrears.totalFen);
    expect(d.incidents.total).toBe(3);
    expect(d.statements.map((s) => [s.period, s.version])).toEqual([
      ['2026-10', 1],
      ['2026-09', 2],
    ]);
    expect(d.fivePlusTwo?.days).toHaveLength(5);
  });

  it('the kept figures follow a new roll call once refreshed', async () => {
    const { world, term } = f.school;
    await db()
      .insertInto('roll_calls')
      .values({
        id: newId(),
        school_id: world.schoolA,
        temp_class_id: f.tempClass,
        date: '2026-09-04',
        version: 1,
        taken_by: f.school.adminId,
        marked_at: h().ctx.now().toISOString(),
        saved_at: h().ctx.now().toISOString(),
        present_count: 2,
        note: '',
      })
      .execute();
    const before = (await officer.get(`${base()}?date=${date}`)).json() as DistrictDashboard;
    expect(before.schools[0]!.staffRatio?.sessionDays).toBe(3);
    expect(await refreshDashboard(h().ctx)).toMatchObject({ schoolTerms: 2 });
    const after = (await officer.get(`${base()}?date=${date}`)).json() as DistrictDashboard;
    // 2 children need 1 staff; nobody recorded → not met.
    expect(after.schools[0]!.staffRatio).toMatchObject({ sessionDays: 4, metDays: 1 });
    expect(term.termId).toBe(after.schools[0]!.term?.id);
  });

  it('refuses school staff (403) and another district’s officer (404)', async () => {
    const admin = await signIn(h(), 'admin');
    expect((await admin.get(base())).statusCode).toBe(403);
    expect((await admin.get(`${base()}/schools/${f.school.world.schoolA}`)).statusCode).toBe(403);
    const other = await signIn(h(), 'officer2');
    expect((await other.get(base())).statusCode).toBe(404);
    expect((await other.get(`${base()}/schools/${f.school.world.schoolA}`)).statusCode).toBe(404);
    expect((await other.get(`${base()}/export`)).statusCode).toBe(404);
    // A school of another district, under this district's address: not found.
    expect(
      (await other.get(`/api/v1/districts/${f.otherDistrictId}/dashboard/schools/${f.school.world.schoolA}`))
        .statusCode,
    ).toBe(404);
    expect(
      (await officer.get(`/api/v1/districts/${f.school.world.districtId}/dashboard/schools/${newId()}`))
        .statusCode,
    ).toBe(404);
  });

  it('exports the dashboard and a school’s drill-down as workbooks that open', async () => {
    const res = await officer.get(`${base()}/export?date=${date}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const rows = await readWorkbook(res.rawPayload);
    expect(rows[0]).toContain('学校');
    expect(rows.filter((r) => r[0] === 'T-A' || r[0] === 'T-B')).toHaveLength(2);
    const one = await officer.get(`${base()}/schools/${f.school.world.schoolA}/export?date=${date}`);
    expect(one.statusCode).toBe(200);
    const sheet = await readWorkbook(one.rawPayload);
    expect(sheet[0]![0]).toContain('测试一小');
    expect(sheet.some((r) => r[0] === '合计')).toBe(true);
  });

  it('keeps each term of a school apart: after a refresh each kept term equals its own live figures', async () => {
    const { world } = f.school;
    const { plain, poor } = f.school.students;
    const at = h().ctx.now().toISOString();
    // A spring term of school A, before the autumn one: two enrolled (autumn has five), and `poor`,
    // who paid autumn in full, owes 200.00 for spring.
    const spring = await seedTerm(h(), world, { name: '2026 春季学期' });
    await db()
      .updateTable('terms')
      .set({ starts_on: '2026-02-20', ends_on: '2026-07-10' })
      .where('id', '=', spring.termId)
      .execute();
    await enrol(h(), { world, term: spring }, [plain, poor], [spring.homeworkCare]);
    const charge = (termId: string, studentId: string, kind: 'charge' | 'payment', amountFen: number) => ({
      schoolId: world.schoolA,
      termId,
      book: 'family' as const,
      stream: 'service' as const,
      kind,
      studentId,
      amountFen,
      sourceType: kind === 'charge' ? 'term_bill' : 'payment',
      sourceId: newId(),
      entryKey: `h1:${termId}:${studentId}:${kind}:${amountFen}`,
      reasonCode: kind,
      reasonParams: {},
    });
    await appendEntries(db(), [charge(spring.termId, poor, 'charge', 20_000)], at, f.school.adminId);
    const springDate = '2026-05-06';
    // Both terms kept (the dashboard builds a term the first time it shows it).
    for (const d of [springDate, date])
      expect((await officer.get(`${base()}?date=${d}`)).statusCode).toBe(200);
    // A payment at school A: the refresh recomputes both kept terms of the school.
    await appendEntries(
      db(),
      [charge(f.school.term.termId, plain, 'payment', -10_000)],
      h().ctx.now().toISOString(),
      f.school.adminId,
    );
    await refreshDashboard(h().ctx);
    for (const [d, termId] of [
      [springDate, spring.termId],
      [date, f.school.term.termId],
    ] as const) {
      const row = ((await officer.get(`${base()}?date=${d}`)).json() as DistrictDashboard).schools[0]!;
      const one = (
        await officer.get(`${base()}/schools/${world.schoolA}?date=${d}`)
      ).json() as SchoolDashboard;
      expect(row.term?.id).toBe(termId);
      const { byGrade: _, ...participation } = one.participation;
      expect(row.participation, d).toEqual(participation);
      expect(row.arrears, d).toEqual({ families: one.arrears.families, totalFen: one.arrears.totalFen });
    }
    const springRow = ((await officer.get(`${base()}?date=${springDate}`)).json() as DistrictDashboard)
      .schools[0]!;
    expect(springRow.participation.enrolled).toBe(2);
    expect(springRow.arrears).toEqual({ families: 1, totalFen: 20_000 });
  });

  it('counts a session-day only with a roll call: staff checked in on a day without one are not a met day', async () => {
    const { world, term } = f.school;
    const staffRatioOf = async () =>
      ((await officer.get(`${base()}?date=${date}`)).json() as DistrictDashboard).schools[0]!.staffRatio;
    const before = await staffRatioOf();
    const now = h().ctx.now().toISOString();
    await db()
      .insertInto('staff_attendance')
      .values({
        id: newId(),
        school_id: world.schoolA,
        date: '2026-09-08',
        session_id: term.afternoonSessionId,
        user_id: f.school.adminId,
        version: 1,
        status: 'on_time',
        minutes_late: 0,
        excused: null,
        reason: '',
        source: 'roster',
        checked_in_at: now,
        recorded_by: f.school.adminId,
        recorded_at: now,
      })
      .execute();
    await refreshDashboard(h().ctx);
    const after = await staffRatioOf();
    expect(after).toEqual(before);
    const one = (
      await officer.get(`${base()}/schools/${world.schoolA}?date=${date}`)
    ).json() as SchoolDashboard;
    expect(after).toMatchObject({
      sessionDays: one.staffRatio.sessionDays,
      metDays: one.staffRatio.metDays,
      rate: one.staffRatio.rate,
    });
  });

  it('records every export in the audit log (SAFE-2): who, which district or school, which date', async () => {
    const { world } = f.school;
    const audits = () =>
      db()
        .selectFrom('audit_log')
        .select(['action', 'entity', 'entity_id', 'district_id', 'school_id', 'after_json'])
        .where('action', 'like', 'districtDashboard.%')
        .orderBy('at')
        .execute();
    const before = (await audits()).length;
    expect((await officer.get(`${base()}/export?date=${date}`)).statusCode).toBe(200);
    expect((await officer.get(`${base()}/schools/${world.schoolA}/export?date=${date}`)).statusCode).toBe(
      200,
    );
    // A refused export records nothing.
    const other = await signIn(h(), 'officer2');
    expect((await other.get(`${base()}/export`)).statusCode).toBe(404);
    const rows = (await audits()).slice(before);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({
      action: 'districtDashboard.export',
      entity: 'district',
      entity_id: world.districtId,
      district_id: world.districtId,
      school_id: null,
    });
    expect(JSON.parse(rows[0]!.after_json!)).toMatchObject({ date, schools: 2 });
    expect(rows[1]).toMatchObject({
      action: 'districtDashboard.schoolExport',
      entity: 'school',
      entity_id: world.schoolA,
      district_id: world.districtId,
      school_id: world.schoolA,
    });
    expect(JSON.parse(rows[1]!.after_json!)).toMatchObject({ date });
  });
});
