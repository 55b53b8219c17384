// A school day ready for the daily work, written straight to the database so daily tests do not
// depend on the groups and roster routes: the test world and term, two homework-care temporary
// classes and one club class in the afternoon session with the school's students split between
// them, and a published duty roster for the day naming a care teacher per class, the session's duty
// teacher and the day's duty leader. The harness clock (2026-09-01 08:00Z) is 16:00 in Shanghai,
// a Tuesday, inside the afternoon session (15:30–17:30).
import type { Kysely } from 'kysely';
import { addStaff } from '../src/cli/demo';
import type { DB } from '../src/db/schema';
import { hashPassword } from '../src/server/auth/passwords';
import { newId } from '../src/server/context';
import type { Harness } from './db-matrix';
import { password, seedWorld, type World } from './fixtures';
import { seedTerm, type TermFixture } from './programme-fixtures';

export interface SchoolDay {
  world: World;
  term: TermFixture;
  date: string;
  /** Homework care classes 1 and 2 and the football club class. */
  classOne: string;
  classTwo: string;
  clubClass: string;
  membersOne: string[];
  membersTwo: string[];
  /** User ids; accounts are the usernames `care` (class 1), `care2` (class 2), `duty`, `leader`, `stranger`. */
  users: { care: string; care2: string; duty: string; leader: string; stranger: string; admin: string };
  rosterId: string;
}

export async function seedSchoolDay(h: Harness, options: { date?: string } = {}): Promise<SchoolDay> {
  const db = h.ctx.db as Kysely<DB>;
  const world = await seedWorld(h);
  const term = await seedTerm(h, world);
  const at = h.ctx.now().toISOString();
  const date = options.date ?? '2026-09-01';
  const hash = await hashPassword(password);
  const staff = async (username: string, phone: string) =>
    addStaff(
      db,
      {
        username,
        displayName: `${username} 老师`,
        phone,
        passwordHash: hash,
        grants: [{ role: 'care_teacher', districtId: world.districtId, schoolId: world.schoolA }],
      },
      at,
    );
  const care2 = await staff('care2', '13600000002');
  const duty = await staff('duty', '13600000003');
  const leader = await staff('leader', '13600000004');
  const stranger = await staff('stranger', '13600000005');
  const userId = async (username: string) =>
    (await db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;
  const care = await userId('care');
  const admin = await userId('admin');
  await db.updateTable('users').set({ phone: '13600000001' }).where('id', '=', admin).execute();

  const tempClass = (name: string, offeringId: string, kind: string) => ({
    id: newId(),
    school_id: world.schoolA,
    term_id: term.termId,
    session_id: term.afternoonSessionId,
    offering_id: offeringId,
    kind,
    name,
    venue_id: null,
    head_teacher_id: null,
    created_at: at,
    updated_at: at,
  });
  const one = tempClass('看护一班', term.homeworkCare, 'care');
  const two = tempClass('看护二班', term.homeworkCare, 'care');
  const club = tempClass('足球一班', term.football, 'interest');
  await db.insertInto('temp_classes').values([one, two, club]).execute();

  const students = await db
    .selectFrom('students')
    .select('id')
    .where('school_id', '=', world.schoolA)
    .orderBy('student_no')
    .execute();
  // The parent's child sits in class one; the rest alternate.
  const others = students.map((s) => s.id).filter((id) => id !== world.childOfParent);
  const membersOne = [world.childOfParent, ...others.filter((_, i) => i % 2 === 0)];
  const membersTwo = others.filter((_, i) => i % 2 === 1);
  const member = (tempClassId: string, offeringId: string, studentId: string, seat: number) => ({
    id: newId(),
    temp_class_id: tempClassId,
    offering_id: offeringId,
    student_id: studentId,
    seat_no: seat,
    joined_at: at,
    left_at: null,
    changed_by: null,
  });
  await db
    .insertInto('temp_class_members')
    .values([
      ...membersOne.map((s, i) => member(one.id, term.homeworkCare, s, i + 1)),
      ...membersTwo.map((s, i) => member(two.id, term.homeworkCare, s, i + 1)),
      ...membersTwo.slice(0, 3).map((s, i) => member(club.id, term.football, s, i + 1)),
    ])
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
      generated_by: admin,
      generated_at: at,
      published_at: at,
    })
    .execute();
  const duty_ = (role: string, user: string, tempClassId: string | null) => ({
    id: newId(),
    roster_id: rosterId,
    school_id: world.schoolA,
    date,
    session_id: term.afternoonSessionId,
    temp_class_id: tempClassId,
    role,
    user_id: user,
    outside_staff_id: null,
    created_at: at,
  });
  await db
    .insertInto('duty_assignments')
    .values([
      duty_('care', care, one.id),
      duty_('care', care2, two.id),
      duty_('care', care2, club.id),
      duty_('duty', duty, null),
      duty_('leader', leader, null),
    ])
    .execute();
  return {
    world,
    term,
    date,
    classOne: one.id,
    classTwo: two.id,
    clubClass: club.id,
    membersOne,
    membersTwo,
    users: { care, care2, duty, leader, stranger, admin },
    rosterId,
  };
}

/** A whole-class roll: everyone present except the statuses given. */
export function wholeRoll(
  members: string[],
  overrides: Record<string, 'present' | 'late' | 'absent' | 'leave'> = {},
) {
  return members.map((studentId) => ({ studentId, status: overrides[studentId] ?? 'present' }));
}

export function classDayUrl(day: SchoolDay, tempClassId: string, date = day.date): string {
  return `/api/v1/schools/${day.world.schoolA}/temp-classes/${tempClassId}/days/${date}`;
}
