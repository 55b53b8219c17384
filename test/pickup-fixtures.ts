// A school afternoon ready for pickup tests, written straight to the database because temporary
// classes, the duty roster and roll call are built by other parts of issue 4: one care class of
// the afternoon session holding every student of school A, a published roster naming `care` as
// its care teacher and `teacher` as the day's duty leader, version 1 of the roll with one child on
// leave and one absent, and for each child one authorised adult with a known pickup code.
import type { Kysely } from 'kysely';
import type { DB } from '../src/db/schema';
import { newId } from '../src/server/context';
import type { Harness } from './db-matrix';
import type { World } from './fixtures';
import type { TermFixture } from './programme-fixtures';

export interface PickupFixture {
  date: string;
  tempClassId: string;
  /** Children marked present, in student-number order (the parent's child first). */
  present: string[];
  onLeave: string;
  absent: string;
  /** Each child's authorised adult and its code. */
  adults: Map<string, { adultId: string; code: string }>;
  userIds: Record<'admin' | 'care' | 'teacher' | 'guard', string>;
}

export async function userIdOf(db: Kysely<DB>, username: string): Promise<string> {
  const row = await db
    .selectFrom('users')
    .select('id')
    .where('username', '=', username)
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function seedPickupDay(
  h: Harness,
  world: World,
  term: TermFixture,
  date = '2026-09-01',
): Promise<PickupFixture> {
  const db = h.ctx.db as Kysely<DB>;
  const at = h.ctx.now().toISOString();
  const userIds = {
    admin: await userIdOf(db, 'admin'),
    care: await userIdOf(db, 'care'),
    teacher: await userIdOf(db, 'teacher'),
    guard: await userIdOf(db, 'guard'),
  };
  const students = await db
    .selectFrom('students')
    .select('id')
    .where('school_id', '=', world.schoolA)
    .orderBy('student_no')
    .execute();
  const ids = [world.childOfParent, ...students.map((s) => s.id).filter((id) => id !== world.childOfParent)];
  const tempClassId = newId();
  await db
    .insertInto('temp_classes')
    .values({
      id: tempClassId,
      school_id: world.schoolA,
      term_id: term.termId,
      session_id: term.afternoonSessionId,
      offering_id: term.homeworkCare,
      kind: 'care',
      name: '看护一班',
      venue_id: null,
      head_teacher_id: null,
      created_at: at,
      updated_at: at,
    })
    .execute();
  await db
    .insertInto('temp_class_members')
    .values(
      ids.map((studentId, i) => ({
        id: newId(),
        temp_class_id: tempClassId,
        offering_id: term.homeworkCare,
        student_id: studentId,
        seat_no: i + 1,
        joined_at: at,
        left_at: null,
        changed_by: userIds.admin,
      })),
    )
    .execute();
  const rosterId = newId();
  await db
    .insertInto('duty_rosters')
    .values({
      id: rosterId,
      school_id: world.schoolA,
      term_id: term.termId,
      version: 1,
      status: 'published',
      unfilled: '[]',
      generated_by: userIds.admin,
      generated_at: at,
      published_at: at,
    })
    .execute();
  const duty = (userId: string, role: string, tempClass: string | null) => ({
    id: newId(),
    roster_id: rosterId,
    school_id: world.schoolA,
    date,
    session_id: term.afternoonSessionId,
    temp_class_id: tempClass,
    role,
    user_id: userId,
    outside_staff_id: null,
    created_at: at,
  });
  await db
    .insertInto('duty_assignments')
    .values([duty(userIds.care, 'care', tempClassId), duty(userIds.teacher, 'leader', null)])
    .execute();
  const onLeave = ids[ids.length - 1]!;
  const absent = ids[ids.length - 2]!;
  const present = ids.slice(0, -2);
  const rollId = newId();
  await db
    .insertInto('roll_calls')
    .values({
      id: rollId,
      school_id: world.schoolA,
      temp_class_id: tempClassId,
      date,
      version: 1,
      taken_by: userIds.care,
      marked_at: at,
      saved_at: at,
      present_count: present.length,
      note: '',
    })
    .execute();
  await db
    .insertInto('roll_call_marks')
    .values(
      ids.map((studentId, i) => ({
        roll_call_id: rollId,
        student_id: studentId,
        // The second child came late: late counts as on site.
        status:
          studentId === onLeave ? 'leave' : studentId === absent ? 'absent' : i === 1 ? 'late' : 'present',
        leave_request_id: null,
        note: '',
      })),
    )
    .execute();
  const adults = new Map<string, { adultId: string; code: string }>();
  const adultRows = ids.map((studentId, i) => ({
    id: newId(),
    school_id: world.schoolA,
    student_id: studentId,
    name: `接送人${i + 1}`,
    relation: '外婆',
    phone: null,
    revoked_at: null,
    created_by: userIds.admin,
    created_at: at,
  }));
  await db.insertInto('authorised_adults').values(adultRows).execute();
  const codeRows = adultRows.map((a, i) => ({
    adult_id: a.id,
    school_id: world.schoolA,
    student_id: a.student_id,
    code: String(100000 + i * 7919).slice(0, 6),
    set_by: userIds.admin,
    set_at: at,
  }));
  await db.insertInto('pickup_codes').values(codeRows).execute();
  for (const c of codeRows) adults.set(c.student_id, { adultId: c.adult_id, code: c.code });
  return { date, tempClassId, present, onLeave, absent, adults, userIds };
}
