// `roster_term_ms` (STAFF-5): generating and storing the duty roster of a whole term for the
// architecture's bench school: 60 staff, 40 temporary classes (30 in the afternoon, 10 at noon,
// 25–45 children each), 90 school days; one draft version end to end through the service (load,
// generate, insert every duty, audit) in one transaction, timed in process on a fresh SQLite file.
// Run standalone: `node --import tsx bench/duty-roster.ts` prints {"roster_term_ms": …}.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { seedDistrict, seedSchool } from '../src/cli/demo';
import { insertInChunks } from '../src/db/batch';
import { migrateToLatest } from '../src/db/migrate';
import type { DB } from '../src/db/schema';
import { generateDraftRoster } from '../src/features/groups/service/roster-generate';
import type { Actor } from '../src/server/auth/policies';
import { loadConfig } from '../src/server/config';
import { newId } from '../src/server/context';
import { contextFor } from '../src/server/main';

const subjects = ['语文', '数学', '英语', '体育', '美术', '音乐', '科学'];

export async function measureRosterTerm(): Promise<{
  roster_term_ms: number;
  duties: number;
  unfilled: number;
}> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kehou-bench-roster-'));
  const ctx = contextFor({ ...loadConfig({}), dataDir: dir, loadDemo: false });
  try {
    await migrateToLatest(ctx.db as never);
    const db = ctx.db;
    const at = '2026-08-20T00:00:00.000Z';
    const districtId = await seedDistrict(db, 'BR', '基准区', at);
    const school = await seedSchool(
      db,
      districtId,
      {
        code: 'BR-1',
        name: '基准小学',
        classesPerGrade: [6, 6, 6, 6, 6, 6],
        minClassSize: 40,
        maxClassSize: 45,
        phonePrefix: '1590',
      },
      at,
      11,
    );
    const students = (
      await db.selectFrom('students').select('id').where('school_id', '=', school.id).orderBy('id').execute()
    ).map((s) => s.id);
    // 2026-09-01 (Tuesday) to 2027-01-04: 90 weekdays.
    const termId = newId();
    await db
      .insertInto('terms')
      .values({
        id: termId,
        school_id: school.id,
        name: '基准学期',
        starts_on: '2026-09-01',
        ends_on: '2027-01-04',
        window_opens_at: at,
        window_closes_at: at,
        conditions: '[]',
        seed_hash: null,
        seed: null,
        seed_committed_at: null,
        drawn_at: null,
        draw_result: null,
        seed_revealed_at: null,
        list_published_at: null,
        created_at: at,
        updated_at: at,
      })
      .execute();
    const session = (name: string, kind: string, starts: string, ends: string) => ({
      id: newId(),
      school_id: school.id,
      term_id: termId,
      name,
      kind,
      weekdays: '1,2,3,4,5',
      starts_at: starts,
      ends_at: ends,
      class_hours: 2,
      created_at: at,
      updated_at: at,
    });
    const afternoon = session('课后服务', 'afternoon', '15:30', '17:30');
    const noon = session('午托', 'noon', '11:40', '13:30');
    await db.insertInto('term_sessions').values([afternoon, noon]).execute();
    const offerings: DB['offerings'][] = [];
    const classes: DB['temp_classes'][] = [];
    const members: DB['temp_class_members'][] = [];
    let next = 0;
    for (let i = 0; i < 40; i++) {
      const sessionId = i < 30 ? afternoon.id : noon.id;
      const offering = {
        id: newId(),
        school_id: school.id,
        term_id: termId,
        session_id: sessionId,
        venue_id: null,
        kind: i < 30 ? 'homework_care' : 'nap',
        category: null,
        name: `服务${i + 1}`,
        description: '',
        capacity: 45,
        teacher_user_id: null,
        teacher_name: null,
        fee_basis: null,
        fee_fen: null,
        created_at: at,
        updated_at: at,
      };
      offerings.push(offering);
      const cls = {
        id: newId(),
        school_id: school.id,
        term_id: termId,
        session_id: sessionId,
        offering_id: offering.id,
        kind: i < 30 ? 'care' : 'noon',
        name: `临时${i + 1}班`,
        venue_id: null,
        head_teacher_id: null,
        created_at: at,
        updated_at: at,
      };
      classes.push(cls);
      const size = 25 + ((i * 7) % 21);
      for (let k = 0; k < size; k++) {
        members.push({
          id: newId(),
          temp_class_id: cls.id,
          offering_id: offering.id,
          student_id: students[next++ % students.length]!,
          seat_no: k + 1,
          joined_at: at,
          left_at: null,
          changed_by: null,
        });
      }
    }
    await insertInChunks(db, 'offerings', offerings);
    await insertInChunks(db, 'temp_classes', classes);
    await insertInChunks(db, 'temp_class_members', members);
    // 60 staff: 2 administrators and 58 teachers; each volunteers on four weekdays, mostly for both sessions.
    const users: DB['users'][] = [];
    const grants: DB['role_grants'][] = [];
    const profiles: DB['staff_profiles'][] = [];
    const slots: DB['staff_availability'][] = [];
    for (let i = 0; i < 60; i++) {
      const userId = newId();
      users.push({
        id: userId,
        username: `bench-staff-${i}`,
        phone: null,
        display_name: `教师${i + 1}`,
        password_hash: null,
        locale: 'zh-CN',
        disabled: 0,
        created_at: at,
        updated_at: at,
      });
      grants.push({
        id: newId(),
        user_id: userId,
        role: i < 2 ? 'school_admin' : 'care_teacher',
        district_id: districtId,
        school_id: school.id,
        class_id: null,
        created_at: at,
      });
      profiles.push({
        school_id: school.id,
        user_id: userId,
        subject: subjects[i % subjects.length]!,
        max_duties_per_week: i % 4 === 0 ? 4 : null,
        updated_at: at,
      });
      for (let weekday = 1; weekday <= 5; weekday++) {
        if ((i + weekday) % 5 === 0) continue;
        // Noon and the afternoon do not overlap: a teacher may volunteer for both.
        for (const sessionId of (i + weekday) % 3 === 0 ? [afternoon.id] : [afternoon.id, noon.id])
          slots.push({
            id: newId(),
            school_id: school.id,
            term_id: termId,
            user_id: userId,
            session_id: sessionId,
            weekday,
            created_at: at,
          });
      }
    }
    await insertInChunks(db, 'users', users);
    await insertInChunks(db, 'role_grants', grants);
    await insertInChunks(db, 'staff_profiles', profiles);
    await insertInChunks(db, 'staff_availability', slots);
    const actor: Actor = {
      userId: users[0]!.id,
      displayName: users[0]!.display_name,
      locale: 'zh-CN',
      grants: [{ role: 'school_admin', districtId, schoolId: school.id, classId: null }],
    };
    const started = performance.now();
    const roster = await generateDraftRoster(ctx, actor, { ip: null, locale: 'zh-CN' }, school.id, termId);
    const ms = performance.now() - started;
    return { roster_term_ms: Math.round(ms), duties: roster.dutyCount, unfilled: roster.unfilledCount };
  } finally {
    await ctx.database.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  measureRosterTerm().then(
    (result) => console.log(JSON.stringify(result)),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
