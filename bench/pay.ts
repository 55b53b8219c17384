// Teacher pay figure (issue 6, PAY-2…7): `pay_term_60_ms`, a term's pay for 60 teachers over 90
// school days computed through the service (read attendance, records, incidents, survey scores;
// share the pools; write the run, 60 pay lines and ~7,200 session lines in one transaction).
// Target under 1 s. SQLite on a file of its own; PostgreSQL (`pay_term_60_ms_pg`) when
// KEHOU_BENCH_PG_URL (or KEHOU_TEST_PG_URL) names a server, in a database made for the run.
// The figure is the median of three computations (each writes a new draft).
// Run alone: `node --import tsx bench/pay.ts`.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Kysely } from 'kysely';
import { addStaff, seedDistrict, seedSchool } from '../src/cli/demo';
import { insertInChunks } from '../src/db/batch';
import { connect } from '../src/db/connect';
import { migrateToLatest } from '../src/db/migrate';
import type { DB } from '../src/db/schema';
import { computePay } from '../src/features/pay/service/compute';
import { addDays, weekdayOf } from '../src/features/programme/time';
import type { Actor } from '../src/server/auth/policies';
import { loadConfig } from '../src/server/config';
import { type AppContext, newId } from '../src/server/context';
import { insertBenchTerm } from './bench-term';
import { onScratchPg } from './pg-database';

const teachers = 60;
const schoolDayCount = 90;

async function seed(db: Kysely<DB>) {
  const at = new Date().toISOString();
  const districtId = await seedDistrict(db, 'D-PAY', '酬劳基准区', at);
  const school = await seedSchool(
    db,
    districtId,
    {
      code: 'PAY-1',
      name: '酬劳基准小学',
      classesPerGrade: [1, 1, 1, 1, 1, 1],
      minClassSize: 2,
      maxClassSize: 2,
      phonePrefix: '1302',
    },
    at,
    1,
  );
  const grant = { role: 'school_admin' as const, districtId, schoolId: school.id };
  const adminId = await addStaff(
    db,
    { username: 'pay-admin', displayName: '基准校长', passwordHash: null, grants: [grant] },
    at,
  );
  const staff: string[] = [];
  for (let i = 0; i < teachers; i++)
    staff.push(
      await addStaff(
        db,
        {
          username: `pay-t${i}`,
          displayName: `教师${i}`,
          passwordHash: null,
          grants: [{ role: 'care_teacher', districtId, schoolId: school.id }],
        },
        at,
      ),
    );
  const { termId, sessionId } = await insertBenchTerm(db, school.id, {
    name: '酬劳基准学期',
    startsOn: '2026-09-01',
    endsOn: '2027-01-15',
    windowOpensAt: at,
    windowClosesAt: at,
    weekdays: '1,2,3,4,5',
    startsAt: '15:40',
    endsAt: '17:40',
    at,
  });
  const noonId = newId();
  await db
    .insertInto('term_sessions')
    .values({
      id: noonId,
      school_id: school.id,
      term_id: termId,
      name: '午间看护',
      kind: 'noon',
      weekdays: '1,2,3,4,5',
      starts_at: '12:00',
      ends_at: '13:30',
      class_hours: 1,
      created_at: at,
      updated_at: at,
    })
    .execute();
  const offeringId = newId();
  await db
    .insertInto('offerings')
    .values({
      id: offeringId,
      school_id: school.id,
      term_id: termId,
      session_id: sessionId,
      venue_id: null,
      kind: 'homework_care',
      category: null,
      name: '作业辅导看护',
      description: '',
      capacity: 2000,
      teacher_user_id: null,
      teacher_name: null,
      fee_basis: null,
      fee_fen: null,
      created_at: at,
      updated_at: at,
    })
    .execute();
  const classes = staff.map((userId, i) => ({
    id: newId(),
    school_id: school.id,
    term_id: termId,
    session_id: sessionId,
    offering_id: offeringId,
    kind: 'care',
    name: `看护${i + 1}班`,
    venue_id: null,
    head_teacher_id: userId,
    created_at: at,
    updated_at: at,
  }));
  await insertInChunks(db, 'temp_classes', classes);
  const days: string[] = [];
  for (let d = '2026-09-01'; days.length < schoolDayCount; d = addDays(d, 1))
    if (weekdayOf(d) <= 5) days.push(d);
  const attendance: DB['staff_attendance'][] = [];
  const logs: DB['care_logs'][] = [];
  staff.forEach((userId, i) => {
    days.forEach((date, n) => {
      const k = (i * 31 + n * 7) % 100;
      const status = k < 3 ? 'late' : k < 4 ? 'absent' : 'on_time';
      const row = (session: string, s: string) => ({
        id: newId(),
        school_id: school.id,
        date,
        session_id: session,
        user_id: userId,
        version: 1,
        status: s,
        minutes_late: s === 'late' ? 10 : 0,
        excused: s === 'absent' ? k % 2 : null,
        reason: '',
        source: 'check_in',
        checked_in_at: null,
        recorded_by: null,
        recorded_at: at,
      });
      attendance.push(row(sessionId, status));
      if (i % 3 === 0) attendance.push(row(noonId, 'on_time'));
      if (status !== 'absent')
        logs.push({
          id: newId(),
          school_id: school.id,
          temp_class_id: classes[i]!.id,
          date,
          version: 1,
          content: '作业辅导',
          topic: '',
          head_count: null,
          started_at: null,
          ended_at: null,
          homework: null,
          behaviour: '',
          notes: '',
          complete: k < 10 ? 0 : 1,
          written_by: userId,
          written_at: at,
        });
    });
  });
  await insertInChunks(db, 'staff_attendance', attendance, 300);
  await insertInChunks(db, 'care_logs', logs, 200);
  // A closed satisfaction survey rating every teacher (3 families each).
  const surveyId = newId();
  const questionId = newId();
  await db
    .insertInto('surveys')
    .values({
      id: surveyId,
      school_id: school.id,
      term_id: termId,
      kind: 'satisfaction',
      title: '满意度调查',
      intro: '',
      per_child: 0,
      status: 'closed',
      closes_on: null,
      created_by: adminId,
      created_at: at,
      updated_at: at,
      opened_at: at,
      closed_at: at,
    })
    .execute();
  await db
    .insertInto('survey_questions')
    .values({
      id: questionId,
      survey_id: surveyId,
      position: 1,
      kind: 'rating_teacher',
      prompt: '老师',
      options: '[]',
      targets: JSON.stringify(staff),
      required: 0,
    })
    .execute();
  const answers: DB['survey_answers'][] = [];
  for (let f = 0; f < 3; f++) {
    const responseId = newId();
    await db
      .insertInto('survey_responses')
      .values({
        id: responseId,
        survey_id: surveyId,
        school_id: school.id,
        family_key: `f${f}`,
        student_id: null,
        submitted_by: adminId,
        submitted_at: at,
      })
      .execute();
    for (const [i, userId] of staff.entries())
      answers.push({
        id: newId(),
        response_id: responseId,
        survey_id: surveyId,
        question_id: questionId,
        target_id: userId,
        rating: 3 + ((i + f) % 3),
        choices: null,
        text: null,
      });
  }
  await insertInChunks(db, 'survey_answers', answers);
  const actor: Actor = {
    userId: adminId,
    displayName: '基准校长',
    locale: 'zh-CN',
    grants: [{ ...grant, classId: null }],
  };
  return { schoolId: school.id, termId, actor, sessionLines: attendance.length };
}

async function measure(ctx: AppContext): Promise<{ ms: number; lines: number }> {
  const s = await seed(ctx.db as Kysely<DB>);
  const times: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    const run = await computePay(ctx, s.actor, { ip: null, locale: 'zh-CN' }, s.schoolId, s.termId, {
      fundFen: 100_000_000,
    });
    times.push(performance.now() - t0);
    if (run.lines.length !== teachers)
      throw new Error(`expected ${teachers} pay lines, got ${run.lines.length}`);
  }
  times.sort((a, b) => a - b);
  return { ms: Math.round(times[1]!), lines: s.sessionLines };
}

const context = (database: ReturnType<typeof connect>): AppContext => ({
  db: database.db,
  dialect: database.dialect,
  database,
  config: loadConfig({}),
  // After the term: the whole term is counted.
  now: () => new Date('2027-01-20T04:00:00Z'),
});

export async function measurePaySqlite(): Promise<Record<string, number>> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kehou-bench-pay-'));
  const database = connect({ sqliteFile: path.join(dir, 'kehou.db') });
  try {
    await migrateToLatest(database.db as never);
    const r = await measure(context(database));
    return { pay_term_60_ms: r.ms, pay_term_60_session_lines: r.lines };
  } finally {
    await database.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export async function measurePayPg(): Promise<Record<string, number> | null> {
  return onScratchPg('pay', async (database) => ({
    pay_term_60_ms_pg: (await measure(context(database))).ms,
  }));
}

export function payTargets(r: Record<string, number>): [string, boolean][] {
  const targets: [string, boolean][] = [['pay_term_60_ms < 1000', r.pay_term_60_ms! < 1000]];
  if (r.pay_term_60_ms_pg !== undefined)
    targets.push(['pay_term_60_ms_pg < 1000', r.pay_term_60_ms_pg < 1000]);
  return targets;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const figures = { ...(await measurePaySqlite()), ...((await measurePayPg()) ?? {}) };
  console.log(JSON.stringify(figures, null, 2));
  for (const [name, ok] of payTargets(figures)) console.log(`${ok ? 'PASS' : 'FAIL'}  ${name}`);
}
