// Temporary-class figure (issue 4, STAFF-1): generating and storing the temporary classes of a term
// in which 1,500 students of one school are enrolled in homework care, and each also in one of 39
// clubs, timed in process on its own SQLite file (3,000 memberships, about 34 care classes and the
// clubs' classes). Run alone: `node --import tsx bench/groups.ts`.
import fs from 'node:fs';
import { pathToFileURL } from 'node:url';
import { generateTempClasses } from '../src/features/groups/service/generate';
import type { Actor } from '../src/server/auth/policies';
import { loadConfig } from '../src/server/config';
import { contextFor } from '../src/server/main';
import { seedApplications } from '../test/applications-fixture';
import type { Harness } from '../test/db-matrix';
import { seedBenchTerm } from './enrolment';
import { generate } from './generate';

export interface GroupsFigure {
  groups_1500_ms: number;
  /** CPU time of the same call: steadier than wall time on a shared, loaded machine. */
  groups_1500_cpu_ms: number;
  groups_classes: number;
  groups_memberships: number;
}

/** Seeds the enrolled term into the bench file at `dir`, then times one term-wide generation. */
export async function measureGroups(
  dir: string,
  schoolId: string,
  adminUsername: string,
): Promise<GroupsFigure> {
  const ctx = contextFor({ ...loadConfig({}), dataDir: dir });
  try {
    const at = new Date().toISOString();
    const admin = await ctx.db
      .selectFrom('users')
      .innerJoin('role_grants', 'role_grants.user_id', 'users.id')
      .select(['users.id', 'users.display_name', 'role_grants.district_id'])
      .where('users.username', '=', adminUsername)
      .executeTakeFirstOrThrow();
    const term = await seedBenchTerm(ctx.db, schoolId, {
      clubs: 39,
      name: '基准分班学期',
      at,
      publisher: admin.id,
    });
    const students = await ctx.db
      .selectFrom('students')
      .select('id')
      .where('school_id', '=', schoolId)
      .orderBy('student_no')
      .limit(1500)
      .execute();
    if (students.length !== 1500)
      throw new Error(`groups: the school has ${students.length} students, not 1,500`);
    // The seeding helper takes a test harness; it only uses its context.
    await seedApplications({ ctx } as unknown as Harness, {
      schoolId,
      termId: term.termId,
      families: students.map((s) => ({ studentId: s.id, userId: admin.id })),
      status: 'enrolled',
      lineStatus: 'accepted',
      choices: (i) => [
        { offeringId: term.homeworkCare, group: 1 },
        { offeringId: term.clubs[i % term.clubs.length]!, group: 2 },
      ],
    });
    const actor: Actor = {
      userId: admin.id,
      displayName: admin.display_name,
      locale: 'zh-CN',
      grants: [{ role: 'school_admin', districtId: admin.district_id, schoolId, classId: null }],
    };
    const cpu = process.cpuUsage();
    const started = performance.now();
    const result = await generateTempClasses(
      ctx,
      actor,
      { ip: null, locale: 'zh-CN' },
      schoolId,
      term.termId,
      {},
    );
    const ms = performance.now() - started;
    const used = process.cpuUsage(cpu);
    const classes = result.offerings.reduce((s, o) => s + o.classes, 0);
    const memberships = result.offerings.reduce((s, o) => s + o.students, 0);
    if (memberships !== 3000) throw new Error(`groups: ${JSON.stringify(result)}`);
    return {
      groups_1500_ms: Math.round(ms),
      groups_1500_cpu_ms: Math.round((used.user + used.system) / 1000),
      groups_classes: classes,
      groups_memberships: memberships,
    };
  } finally {
    await ctx.database.close();
  }
}

// Run alone: a fresh one-school data set, the figure, then the files are removed.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const data = await generate();
  try {
    const figure = await measureGroups(data.dir, data.schoolId, data.admin.account);
    console.log(JSON.stringify(figure, null, 2));
    console.log(`${figure.groups_1500_ms < 300 ? 'PASS' : 'FAIL'}  groups_1500_ms < 300`);
  } finally {
    fs.rmSync(data.dir, { recursive: true, force: true });
  }
}
