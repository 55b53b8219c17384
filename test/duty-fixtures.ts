// A term ready for the duty roster (STAFF-4, STAFF-5), written straight to the database: temporary
// classes with current members (and one who left), extra care teachers who can sign in, a staff
// ratio small enough for the test world's few students, and a short term.
import type { Kysely } from 'kysely';
import { addStaff } from '../src/cli/demo';
import type { DB } from '../src/db/schema';
import { hashPassword } from '../src/server/auth/passwords';
import { newId } from '../src/server/context';
import type { Harness } from './db-matrix';
import { password, type World } from './fixtures';
import { seedTerm, type TermFixture } from './programme-fixtures';

export interface DutyWorld {
  term: TermFixture;
  /** 8 current members (one more has left). */
  bigClass: string;
  /** 3 current members. */
  smallClass: string;
  /** username → user id of the care teachers made for this world. */
  teachers: Record<string, string>;
}

export interface DutyOptions {
  name: string;
  /** Prefix of the teachers' usernames, unique per world in one database. */
  prefix: string;
  teacherCount?: number;
  staffRatio?: number;
  endsOn?: string;
  settings?: Record<string, unknown>;
}

export async function setSchoolSettings(h: Harness, schoolId: string, settings: Record<string, unknown>) {
  const db = h.ctx.db as Kysely<DB>;
  const at = h.ctx.now().toISOString();
  await db
    .insertInto('school_settings')
    .values({ school_id: schoolId, settings: JSON.stringify(settings), updated_at: at, updated_by: null })
    .onConflict((oc) =>
      oc.column('school_id').doUpdateSet({ settings: JSON.stringify(settings), updated_at: at }),
    )
    .execute();
}

export async function seedDutyWorld(h: Harness, w: World, options: DutyOptions): Promise<DutyWorld> {
  const db = h.ctx.db as Kysely<DB>;
  const at = h.ctx.now().toISOString();
  const term = await seedTerm(h, w, { name: options.name });
  await db
    .updateTable('terms')
    .set({ ends_on: options.endsOn ?? '2026-09-30' })
    .where('id', '=', term.termId)
    .execute();
  await setSchoolSettings(h, w.schoolA, { staffRatio: options.staffRatio ?? 5, ...options.settings });
  const students = await db
    .selectFrom('students')
    .select('id')
    .where('school_id', '=', w.schoolA)
    .orderBy('student_no')
    .execute();
  const tempClass = (name: string, offeringId: string) => ({
    id: newId(),
    school_id: w.schoolA,
    term_id: term.termId,
    session_id: term.afternoonSessionId,
    offering_id: offeringId,
    kind: 'care',
    name,
    venue_id: null,
    head_teacher_id: null,
    created_at: at,
    updated_at: at,
  });
  const big = tempClass(`${options.name} 看护一班`, term.homeworkCare);
  const small = tempClass(`${options.name} 足球班`, term.football);
  await db.insertInto('temp_classes').values([big, small]).execute();
  const member = (classId: string, offeringId: string, studentId: string, leftAt: string | null) => ({
    id: newId(),
    temp_class_id: classId,
    offering_id: offeringId,
    student_id: studentId,
    seat_no: null,
    joined_at: at,
    left_at: leftAt,
    changed_by: null,
  });
  await db
    .insertInto('temp_class_members')
    .values([
      ...students.slice(0, 8).map((s) => member(big.id, term.homeworkCare, s.id, null)),
      // Left the class: does not count towards the ratio.
      member(big.id, term.homeworkCare, students[8]!.id, at),
      ...students.slice(9, 12).map((s) => member(small.id, term.football, s.id, null)),
    ])
    .execute();
  const hash = await hashPassword(password);
  const teachers: Record<string, string> = {};
  for (let i = 1; i <= (options.teacherCount ?? 5); i++) {
    const username = `${options.prefix}${i}`;
    teachers[username] = await addStaff(
      db,
      {
        username,
        displayName: `${options.prefix}老师${i}`,
        passwordHash: hash,
        grants: [{ role: 'care_teacher', districtId: w.districtId, schoolId: w.schoolA }],
      },
      at,
    );
  }
  return { term, bigClass: big.id, smallClass: small.id, teachers };
}

/** Volunteers a teacher for the afternoon session on the given weekdays, straight to the table. */
export async function volunteer(
  h: Harness,
  w: World,
  termId: string,
  userId: string,
  sessionId: string,
  weekdays: number[],
) {
  const db = h.ctx.db as Kysely<DB>;
  const at = h.ctx.now().toISOString();
  await db
    .insertInto('staff_availability')
    .values(
      weekdays.map((weekday) => ({
        id: newId(),
        school_id: w.schoolA,
        term_id: termId,
        user_id: userId,
        session_id: sessionId,
        weekday,
        created_at: at,
      })),
    )
    .execute();
}
