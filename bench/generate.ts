// The bench's data set: one district, N schools of ~1,500 students (34 classes of 44–45) and 60
// staff each, in a fresh SQLite file. It reuses the demo's seeding code, so the shape of the data
// (guardians, siblings, categories, authorised adults) is the one the app is written for.
// Not generated yet: the 40 temporary classes and the 90-day term the architecture names; they
// arrive with the groups/programme issues, and their figures with them.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Kysely } from 'kysely';
import { addStaff, seedDistrict, seedSchool } from '../src/cli/demo';
import { connect } from '../src/db/connect';
import { migrateToLatest } from '../src/db/migrate';
import type { DB } from '../src/db/schema';
import type { Role } from '../src/features/people/rules';
import { hashPassword } from '../src/server/auth/passwords';

export const benchPassword = 'Bench2026x';
const staffPerSchool = 60;

export interface BenchData {
  dir: string;
  file: string;
  schoolId: string;
  /** The class measured: the first one of exactly 45 students in the first school. */
  classId: string;
  classSize: number;
  students: number;
  schools: number;
  teacher: { account: string; password: string };
  admin: { account: string; password: string };
}

async function seedStaff(
  db: Kysely<DB>,
  districtId: string,
  schoolId: string,
  classIds: string[],
  prefix: string,
  hash: string,
  at: string,
) {
  const add = (username: string, role: Role, classId?: string) =>
    addStaff(
      db,
      {
        username,
        displayName: username,
        passwordHash: hash,
        grants: [{ role, districtId, schoolId, ...(classId ? { classId } : {}) }],
      },
      at,
    );
  // One class teacher per class, then the other roles until the school has its 60.
  for (const [i, classId] of classIds.entries())
    await add(`${prefix}-class-${i + 1}`, 'class_teacher', classId);
  await add(`${prefix}-admin`, 'school_admin');
  const others: Role[] = ['finance', 'care_teacher', 'care_teacher', 'guard', 'outside_staff'];
  for (let n = classIds.length + 1; n < staffPerSchool; n++)
    await add(`${prefix}-staff-${n}`, others[n % others.length]!);
}

export async function generate(options: { schools?: number; dir?: string } = {}): Promise<BenchData> {
  const schools = options.schools ?? 1;
  const dir = options.dir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'kehou-bench-'));
  const file = path.join(dir, 'kehou.db');
  const database = connect({ sqliteFile: file });
  try {
    const db = database.db;
    await migrateToLatest(db as never);
    const at = new Date().toISOString();
    // scrypt is slow on purpose; one hash shared by every staff account keeps generation quick.
    const hash = await hashPassword(benchPassword);
    const seeded = await db.transaction().execute(async (trx) => {
      const tx = trx as unknown as Kysely<DB>;
      const districtId = await seedDistrict(tx, 'D-BENCH', '基准测试区', at);
      const result: { id: string; classIds: string[]; students: number }[] = [];
      for (let s = 1; s <= schools; s++) {
        const plan = {
          code: `BENCH-${s}`,
          name: `基准小学${s}`,
          classesPerGrade: [6, 6, 6, 6, 5, 5],
          minClassSize: 44,
          maxClassSize: 45,
          phonePrefix: `13${String(s % 100).padStart(2, '0')}`,
        };
        const school = await seedSchool(tx, districtId, plan, at, s);
        const classIds = school.classIds.flatMap((ids) => ids ?? []);
        await seedStaff(tx, districtId, school.id, classIds, `s${s}`, hash, at);
        result.push({ id: school.id, classIds, students: school.studentCount });
      }
      return result;
    });
    const first = seeded[0]!;
    const sizes = await db
      .selectFrom('students')
      .select((eb) => ['class_id', eb.fn.countAll<number>().as('n')])
      .where('school_id', '=', first.id)
      .groupBy('class_id')
      .execute();
    const size = new Map(sizes.map((r) => [r.class_id, Number(r.n)]));
    const index = first.classIds.findIndex((id) => size.get(id) === 45);
    if (index < 0) throw new Error('no class of 45 students was generated');
    return {
      dir,
      file,
      schoolId: first.id,
      classId: first.classIds[index]!,
      classSize: 45,
      students: first.students,
      schools,
      teacher: { account: `s1-class-${index + 1}`, password: benchPassword },
      admin: { account: 's1-admin', password: benchPassword },
    };
  } finally {
    await database.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const at = process.argv.indexOf('--schools');
  const schools = at > 0 ? Number(process.argv[at + 1]) : 1;
  if (!Number.isInteger(schools) || schools < 1 || schools > 100) throw new Error('--schools takes 1–100');
  const started = Date.now();
  const data = await generate({ schools });
  console.log(JSON.stringify({ ...data, ms: Date.now() - started }, null, 2));
}
