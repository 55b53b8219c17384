// Monthly settlement figures (issue 5, FEE-5): a term's monthly settlements for 1,500 students over
// 90 days of roll call, through the service (`settle_term_1500_ms`), beside one SQL aggregate over
// the same attendance rows (`settle_scan_ms`, the floor the settlement cannot beat: it must read
// every mark once). Target: the term at most 3 × the floor. SQLite on the bench file; PostgreSQL
// when KEHOU_BENCH_PG_URL (or KEHOU_TEST_PG_URL) names a server, in a database made for the run.
// Run alone: `node --import tsx bench/settle.ts`.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Kysely } from 'kysely';
import { addStaff, seedDistrict, seedSchool } from '../src/cli/demo';
import { connect } from '../src/db/connect';
import type { DB } from '../src/db/schema';
import { settleMonth } from '../src/features/billing/service/settle';
import { attendanceBetween } from '../src/features/billing/settlement-store';
import { schoolDays } from '../src/features/programme/rules';
import type { Actor } from '../src/server/auth/policies';
import { loadConfig } from '../src/server/config';
import { type AppContext, newId } from '../src/server/context';
import { seedBilledTerm } from '../test/settlement-fixtures';
import { insertBenchTerm } from './bench-term';
import { generate } from './generate';
import { onScratchPg } from './pg-database';

export interface SettleFigure {
  settle_term_1500_ms: number;
  settle_scan_ms: number;
  settle_ratio: number;
  settle_lines: number;
  settle_marks: number;
}

const term = { startsOn: '2026-09-01', endsOn: '2027-01-15' };
const months = ['2026-09', '2026-10', '2026-11', '2026-12', '2027-01'];

/** Seeds the term into the database of `ctx` (its school must have 1,500 students), then times it. */
export async function measureSettle(ctx: AppContext, schoolId: string): Promise<SettleFigure> {
  const db = ctx.db;
  const at = new Date().toISOString();
  const school = await db
    .selectFrom('schools')
    .select('district_id')
    .where('id', '=', schoolId)
    .executeTakeFirstOrThrow();
  const finance = await addStaff(
    db,
    {
      username: `settle-finance-${newId().slice(-6)}`,
      displayName: '基准财务',
      passwordHash: null,
      grants: [{ role: 'finance', districtId: school.district_id, schoolId }],
    },
    at,
  );
  const financeId = typeof finance === 'string' ? finance : (finance as { id: string }).id;
  const { termId, sessionId } = await insertBenchTerm(db, schoolId, {
    name: `基准月结学期${newId().slice(-4)}`,
    ...term,
    windowOpensAt: at,
    windowClosesAt: at,
    weekdays: '1,2,3,4,5',
    startsAt: '15:40',
    endsAt: '17:40',
    at,
  });
  const offeringId = newId();
  await db
    .insertInto('offerings')
    .values({
      id: offeringId,
      school_id: schoolId,
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
      fee_basis: 'month',
      fee_fen: 18_000,
      created_at: at,
      updated_at: at,
    })
    .execute();
  const students = await db
    .selectFrom('students')
    .select('id')
    .where('school_id', '=', schoolId)
    .orderBy('student_no')
    .limit(1500)
    .execute();
  if (students.length !== 1500)
    throw new Error(`settle: the school has ${students.length} students, not 1,500`);
  const rollDays = schoolDays(term, [])
    .map((d) => d.date)
    .slice(0, 90);
  await seedBilledTerm(db, {
    schoolId,
    term: { id: termId, ...term },
    sessionId,
    offeringId,
    studentIds: students.map((s) => s.id),
    applicantUserId: financeId,
    takenBy: financeId,
    rollDays,
    // Most children come most days; about one in five falls under the threshold in some month.
    present: (s, d) => (s * 7 + d * 3) % 10 < 5 + (s % 6),
    at,
  });
  const actor: Actor = {
    userId: financeId,
    displayName: '基准财务',
    locale: 'zh-CN',
    grants: [{ role: 'finance', districtId: school.district_id, schoolId, classId: null }],
  };
  const settleCtx: AppContext = { ...ctx, now: () => new Date('2027-02-10T02:00:00Z') };

  // The floor: one aggregate over the term's attendance rows (a warm-up first, like the term's run).
  await attendanceBetween(db, schoolId, termId, term.startsOn, term.endsOn);
  let started = performance.now();
  const scan = await attendanceBetween(db, schoolId, termId, term.startsOn, term.endsOn);
  const scanMs = performance.now() - started;
  const marks = scan.reduce((a, r) => a + r.attended, 0);

  started = performance.now();
  let lines = 0;
  for (const month of months) {
    const s = await settleMonth(settleCtx, actor, { ip: null, locale: 'zh-CN' }, schoolId, termId, month);
    if (!s.created) throw new Error(`settle: ${month} was settled already`);
    lines += s.lineCount;
  }
  const termMs = performance.now() - started;
  if (lines !== 1500 * months.length)
    throw new Error(`settle: ${lines} lines, expected ${1500 * months.length}`);
  return {
    settle_term_1500_ms: Math.round(termMs),
    settle_scan_ms: Math.round(scanMs),
    settle_ratio: Number((termMs / scanMs).toFixed(2)),
    settle_lines: lines,
    settle_marks: marks,
  };
}

/** SQLite: the bench file at `dir` (generated with 1,500 students in its first school). */
export async function measureSettleSqlite(dir: string, schoolId: string): Promise<SettleFigure> {
  const database = connect({ sqliteFile: path.join(dir, 'kehou.db') });
  try {
    const ctx = {
      db: database.db,
      dialect: database.dialect,
      database,
      config: loadConfig({}),
      now: () => new Date(),
    };
    return await measureSettle(ctx, schoolId);
  } finally {
    await database.close();
  }
}

/**
 * PostgreSQL: a database made for the run on KEHOU_BENCH_PG_URL (or KEHOU_TEST_PG_URL), seeded
 * with one school of ~1,500 students, measured, then dropped. Null (with a printed reason) when no
 * server is named.
 */
export async function measureSettlePg(): Promise<Record<string, number> | null> {
  return onScratchPg('settle', async (database) => {
    const db = database.db as Kysely<DB>;
    const at = new Date().toISOString();
    const districtId = await seedDistrict(db, 'D-BENCH', '基准测试区', at);
    const school = await seedSchool(
      db,
      districtId,
      {
        code: 'BENCH-1',
        name: '基准小学1',
        classesPerGrade: [6, 6, 6, 6, 5, 5],
        minClassSize: 44,
        maxClassSize: 45,
        phonePrefix: '1301',
      },
      at,
      1,
    );
    const ctx = { db, dialect: database.dialect, database, config: loadConfig({}), now: () => new Date() };
    const f = await measureSettle(ctx, school.id);
    return {
      settle_term_1500_ms_pg: f.settle_term_1500_ms,
      settle_scan_ms_pg: f.settle_scan_ms,
      settle_ratio_pg: f.settle_ratio,
    };
  });
}

export function settleTargets(r: Record<string, number>): [string, boolean][] {
  const targets: [string, boolean][] = [
    ['settle_term_1500_ms ≤ 3 × settle_scan_ms', r.settle_term_1500_ms! <= 3 * r.settle_scan_ms!],
  ];
  if (r.settle_term_1500_ms_pg !== undefined)
    targets.push([
      'settle_term_1500_ms_pg ≤ 3 × settle_scan_ms_pg',
      r.settle_term_1500_ms_pg <= 3 * r.settle_scan_ms_pg!,
    ]);
  return targets;
}

// Run alone: a fresh one-school data set, the figures, then the files are removed.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const data = await generate();
  try {
    const figures: Record<string, number> = {
      ...(await measureSettleSqlite(data.dir, data.schoolId)),
      ...((await measureSettlePg()) ?? {}),
    };
    console.log(JSON.stringify(figures, null, 2));
    for (const [name, ok] of settleTargets(figures)) console.log(`${ok ? 'PASS' : 'FAIL'}  ${name}`);
  } finally {
    fs.rmSync(data.dir, { recursive: true, force: true });
  }
}
