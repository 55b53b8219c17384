// Applications and withdrawal requests written straight to the database, so the draw, waitlist and
// withdrawal-decision tests do not depend on the submit and review routes (built alongside).
import type { Kysely } from 'kysely';
import { insertInChunks } from '../src/db/batch';
import type { DB } from '../src/db/schema';
import { newId } from '../src/server/context';
import type { Harness } from './db-matrix';

export interface Choice {
  offeringId: string;
  /** Choice group (1 by default) and rank within it: 1 = first choice, 2 = second. */
  group?: number;
  rank?: number;
}

export interface SeededApplication {
  applicationId: string;
  ref: string;
  studentId: string;
  userId: string;
  lines: { id: string; offeringId: string; group: number; rank: number }[];
}

let refCounter = 0;

export async function seedApplications(
  h: Harness,
  options: {
    schoolId: string;
    termId: string;
    families: { studentId: string; userId: string }[];
    choices: (index: number) => Choice[];
    status?: string;
    lineStatus?: string;
  },
): Promise<SeededApplication[]> {
  const db = h.ctx.db as Kysely<DB>;
  const at = h.ctx.now().toISOString();
  const students = new Map<string, string>();
  for (let i = 0; i < options.families.length; i += 500) {
    const ids = options.families.slice(i, i + 500).map((f) => f.studentId);
    const rows = await db.selectFrom('students').select(['id', 'class_id']).where('id', 'in', ids).execute();
    for (const r of rows) students.set(r.id, r.class_id);
  }
  const tag = Math.random().toString(36).slice(2, 6).toUpperCase();
  const apps: DB['applications'][] = [];
  const lines: DB['application_lines'][] = [];
  const made: SeededApplication[] = [];
  options.families.forEach((family, i) => {
    const applicationId = newId();
    const ref = `K${tag}${String(++refCounter).padStart(5, '0')}`;
    apps.push({
      id: applicationId,
      school_id: options.schoolId,
      term_id: options.termId,
      student_id: family.studentId,
      class_id: students.get(family.studentId)!,
      applicant_user_id: family.userId,
      public_ref: ref,
      status: options.status ?? 'approved',
      conditions: '{}',
      note: '',
      review_note: null,
      submitted_at: at,
      created_at: at,
      updated_at: at,
    });
    const mine = options.choices(i).map((c) => ({
      id: newId(),
      offeringId: c.offeringId,
      group: c.group ?? 1,
      rank: c.rank ?? 1,
    }));
    for (const line of mine) {
      lines.push({
        id: line.id,
        application_id: applicationId,
        term_id: options.termId,
        student_id: family.studentId,
        offering_id: line.offeringId,
        choice_group: line.group,
        choice_rank: line.rank,
        status: options.lineStatus ?? 'pending',
        waitlist_position: null,
        offer_expires_at: null,
        updated_at: at,
      });
    }
    made.push({ applicationId, ref, studentId: family.studentId, userId: family.userId, lines: mine });
  });
  await insertInChunks(db, 'applications', apps);
  await insertInChunks(db, 'application_lines', lines);
  return made;
}

/** A family's written withdrawal request (ENR-6), awaiting the school's decision. */
export async function seedWithdrawal(
  h: Harness,
  options: { schoolId: string; applicationId: string; requestedBy: string; lineId?: string | null },
): Promise<string> {
  const db = h.ctx.db as Kysely<DB>;
  const at = h.ctx.now().toISOString();
  const id = newId();
  await db
    .insertInto('withdrawals')
    .values({
      id,
      school_id: options.schoolId,
      application_id: options.applicationId,
      line_id: options.lineId ?? null,
      reason: '家里有人接送了',
      effective_on: new Date(Date.parse(at) + 8 * 86_400_000).toISOString().slice(0, 10),
      status: 'requested',
      requested_by: options.requestedBy,
      requested_at: at,
      decided_by: null,
      decided_at: null,
      decision_note: null,
    })
    .execute();
  return id;
}

/** Place-holding lines above capacity, per offering of a term: must always be empty. */
export async function overCapacity(h: Harness, termId: string) {
  const db = h.ctx.db as Kysely<DB>;
  return db
    .selectFrom('offerings')
    .innerJoin('application_lines', 'application_lines.offering_id', 'offerings.id')
    .select(['offerings.id', 'offerings.capacity', (eb) => eb.fn.countAll<number>().as('held')])
    .where('offerings.term_id', '=', termId)
    .where('application_lines.status', 'in', ['offered', 'accepted'])
    .groupBy(['offerings.id', 'offerings.capacity'])
    .having((eb) => eb(eb.fn.countAll(), '>', eb.ref('offerings.capacity')))
    .execute();
}

/**
 * Many children with a parent account each, written in bulk without sessions (for timing the draw
 * over thousands of applications; tests that sign families in use `seedFamilies`).
 */
export async function seedApplicants(
  h: Harness,
  schoolId: string,
  count: number,
  options: { categoryEvery?: number } = {},
): Promise<{ studentId: string; userId: string }[]> {
  const db = h.ctx.db as Kysely<DB>;
  const at = h.ctx.now().toISOString();
  const classes = await db.selectFrom('classes').select('id').where('school_id', '=', schoolId).execute();
  const tag = Math.random().toString(36).slice(2, 7);
  const users: DB['users'][] = [];
  const students: DB['students'][] = [];
  const categories: DB['student_categories'][] = [];
  for (let i = 0; i < count; i++) {
    const userId = newId();
    users.push({
      id: userId,
      username: `applicant-${tag}-${i}`,
      phone: null,
      display_name: `家长${i}`,
      password_hash: null,
      locale: 'zh-CN',
      disabled: 0,
      created_at: at,
      updated_at: at,
    });
    const studentId = newId();
    students.push({
      id: studentId,
      school_id: schoolId,
      class_id: classes[i % classes.length]!.id,
      student_no: `A${tag}${String(i).padStart(5, '0')}`,
      name: `学生${i}`,
      gender: i % 2 ? 'F' : 'M',
      created_at: at,
      updated_at: at,
    });
    if (options.categoryEvery && i % options.categoryEvery === 0)
      categories.push({ student_id: studentId, category: 'migrant_worker_child', created_at: at });
  }
  await insertInChunks(db, 'users', users);
  await insertInChunks(db, 'students', students);
  await insertInChunks(db, 'student_categories', categories);
  return users.map((u, i) => ({ studentId: students[i]!.id, userId: u.id }));
}
