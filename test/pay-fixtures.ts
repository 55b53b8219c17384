// Teacher pay's test world (PAY-3…7), written straight to the database: the test world and term,
// three teachers (`care`, `care2`, `teacher`) with staff attendance and activity records in
// September 2026, and a closed satisfaction survey rating them (inserted into the 0012 tables, so
// pay does not depend on the surveys feature's routes).
//
// Expected with the default settings (complete 1, incomplete 0.5, noon 0.5, late −1, absent 0):
// - care: 10 complete, 2 incomplete, 1 late, 1 absent without reason (and a noon session that
//   day, which scores nothing) → 10 points. Records written by care (match 1: the writer).
// - care2: 5 complete in class two, written by the admin (match 2: the roster), 2 noon sessions,
//   1 absence with reason → 6 points.
// - teacher: 3 complete in the club class, written by the admin (match 3: head teacher) → 3 points;
//   a safety incident entered by the test on 09-03 → 2 points and no final reward.
// Survey: care 4.5, care2 4.5, teacher 5.0.
import type { Kysely } from 'kysely';
import { addStaff } from '../src/cli/demo';
import type { DB } from '../src/db/schema';
import { hashPassword } from '../src/server/auth/passwords';
import { newId } from '../src/server/context';
import type { Harness } from './db-matrix';
import { password, seedWorld, type World } from './fixtures';
import { seedTerm, type TermFixture } from './programme-fixtures';

export interface PayWorld {
  w: World;
  term: TermFixture;
  users: { care: string; care2: string; teacher: string; admin: string; parent: string };
  classOne: string;
  classTwo: string;
  clubClass: string;
  /** care's incomplete record days (one is corrected in the adjustment test). */
  incompleteDays: string[];
}

export const sep = (d: number) => `2026-09-${String(d).padStart(2, '0')}`;

export async function seedPayWorld(h: Harness): Promise<PayWorld> {
  const db = h.ctx.db as Kysely<DB>;
  const w = await seedWorld(h);
  const term = await seedTerm(h, w);
  const at = h.ctx.now().toISOString();
  const hash = await hashPassword(password);
  const id = async (username: string) =>
    (await db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;
  const care2 = await addStaff(
    db,
    {
      username: 'care2',
      displayName: 'care2 老师',
      phone: '13600000002',
      passwordHash: hash,
      grants: [{ role: 'care_teacher', districtId: w.districtId, schoolId: w.schoolA }],
    },
    at,
  );
  const care = await id('care');
  const teacher = await id('teacher');
  const admin = await id('admin');
  const parent = (
    await db.selectFrom('users').select('id').where('phone', '=', w.parentPhone).executeTakeFirstOrThrow()
  ).id;

  const tempClass = (name: string, offeringId: string, kind: string, head: string | null) => ({
    id: newId(),
    school_id: w.schoolA,
    term_id: term.termId,
    session_id: term.afternoonSessionId,
    offering_id: offeringId,
    kind,
    name,
    venue_id: null,
    head_teacher_id: head,
    created_at: at,
    updated_at: at,
  });
  const one = tempClass('看护一班', term.homeworkCare, 'care', null);
  const two = tempClass('看护二班', term.homeworkCare, 'care', null);
  const club = tempClass('足球一班', term.football, 'interest', teacher);
  await db.insertInto('temp_classes').values([one, two, club]).execute();

  const attendance: DB['staff_attendance'][] = [];
  const logs: DB['care_logs'][] = [];
  const att = (
    userId: string,
    date: string,
    status: 'on_time' | 'late' | 'absent',
    sessionId = term.afternoonSessionId,
    excused: number | null = null,
  ) =>
    attendance.push({
      id: newId(),
      school_id: w.schoolA,
      date,
      session_id: sessionId,
      user_id: userId,
      version: 1,
      status,
      minutes_late: status === 'late' ? 12 : 0,
      excused,
      reason: excused ? '病假' : '',
      source: 'check_in',
      checked_in_at: null,
      recorded_by: null,
      recorded_at: at,
    });
  const log = (tempClassId: string, date: string, complete: boolean, by: string) =>
    logs.push(careLog(w.schoolA, tempClassId, date, 1, complete, by, at));

  // care: days 1–10 complete, 11–12 incomplete, 13 late (its record complete), 14 absent.
  for (let d = 1; d <= 13; d++) {
    att(care, sep(d), d === 13 ? 'late' : 'on_time');
    log(one.id, sep(d), d <= 10 || d === 13, care);
  }
  att(care, sep(14), 'absent', term.afternoonSessionId, 0);
  att(care, sep(14), 'on_time', term.noonSessionId);
  // care2: rostered to class two on days 1–5, records by the admin; noon on days 6–7; excused day 8.
  const rosterId = newId();
  await db
    .insertInto('duty_rosters')
    .values({
      id: rosterId,
      school_id: w.schoolA,
      term_id: term.termId,
      version: 1,
      status: 'published',
      unfilled: '[]',
      generated_by: admin,
      generated_at: at,
      published_at: at,
    })
    .execute();
  const duties: DB['duty_assignments'][] = [];
  for (let d = 1; d <= 5; d++) {
    att(care2, sep(d), 'on_time');
    log(two.id, sep(d), true, admin);
    duties.push({
      id: newId(),
      roster_id: rosterId,
      school_id: w.schoolA,
      date: sep(d),
      session_id: term.afternoonSessionId,
      temp_class_id: two.id,
      role: 'care',
      user_id: care2,
      outside_staff_id: null,
      created_at: at,
    });
  }
  att(care2, sep(6), 'on_time', term.noonSessionId);
  att(care2, sep(7), 'on_time', term.noonSessionId);
  att(care2, sep(8), 'absent', term.afternoonSessionId, 1);
  // teacher: head of the club class; days 1–3 complete, written by the admin.
  for (let d = 1; d <= 3; d++) {
    att(teacher, sep(d), 'on_time');
    log(club.id, sep(d), true, admin);
  }
  await db.insertInto('staff_attendance').values(attendance).execute();
  await db.insertInto('care_logs').values(logs).execute();
  await db.insertInto('duty_assignments').values(duties).execute();

  await seedClosedSurvey(h, w.schoolA, term.termId, admin, parent, [
    [care, [4, 5]],
    [care2, [5, 4]],
    [teacher, [5, 5]],
  ]);
  return {
    w,
    term,
    users: { care, care2, teacher, admin, parent },
    classOne: one.id,
    classTwo: two.id,
    clubClass: club.id,
    incompleteDays: [sep(11), sep(12)],
  };
}

export function careLog(
  schoolId: string,
  tempClassId: string,
  date: string,
  version: number,
  complete: boolean,
  by: string,
  at: string,
): DB['care_logs'] {
  return {
    id: newId(),
    school_id: schoolId,
    temp_class_id: tempClassId,
    date,
    version,
    content: '作业辅导',
    topic: '数学',
    head_count: 10,
    started_at: null,
    ended_at: null,
    homework: null,
    behaviour: '',
    notes: '',
    complete: complete ? 1 : 0,
    written_by: by,
    written_at: at,
  };
}

/**
 * A closed satisfaction survey with one rating_teacher question; `ratings` per teacher, one
 * response per rating index (as if that many families answered).
 */
export async function seedClosedSurvey(
  h: Harness,
  schoolId: string,
  termId: string,
  by: string,
  parent: string,
  ratings: [string, number[]][],
): Promise<string> {
  const db = h.ctx.db as Kysely<DB>;
  const at = h.ctx.now().toISOString();
  const surveyId = newId();
  const questionId = newId();
  await db
    .insertInto('surveys')
    .values({
      id: surveyId,
      school_id: schoolId,
      term_id: termId,
      kind: 'satisfaction',
      title: '期末满意度调查',
      intro: '',
      per_child: 0,
      status: 'closed',
      closes_on: null,
      created_by: by,
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
      prompt: '您对老师的满意度',
      options: '[]',
      targets: JSON.stringify(ratings.map(([u]) => u)),
      required: 0,
    })
    .execute();
  const most = Math.max(...ratings.map(([, r]) => r.length));
  for (let i = 0; i < most; i++) {
    const responseId = newId();
    await db
      .insertInto('survey_responses')
      .values({
        id: responseId,
        survey_id: surveyId,
        school_id: schoolId,
        family_key: `family-${i}`,
        student_id: null,
        submitted_by: parent,
        submitted_at: at,
      })
      .execute();
    for (const [userId, r] of ratings) {
      if (r[i] === undefined) continue;
      await db
        .insertInto('survey_answers')
        .values({
          id: newId(),
          response_id: responseId,
          survey_id: surveyId,
          question_id: questionId,
          target_id: userId,
          rating: r[i]!,
          choices: null,
          text: null,
        })
        .execute();
    }
  }
  return surveyId;
}

/**
 * An outside staff member (外聘人员 / 家长义工) of `kind` who signs in as `username`, checked in on
 * time on `date` and wrote a complete record of class two that day (1 point if they are in pay).
 */
export async function addOutsidePayee(
  h: Harness,
  f: PayWorld,
  kind: 'coach' | 'retired_teacher' | 'volunteer_parent' | 'institution_staff',
  username: string,
  date: string,
): Promise<string> {
  const db = h.ctx.db as Kysely<DB>;
  const at = h.ctx.now().toISOString();
  const userId = await addStaff(
    db,
    {
      username,
      displayName: `${username} 老师`,
      passwordHash: await hashPassword(password),
      grants: [{ role: 'outside_staff', districtId: f.w.districtId, schoolId: f.w.schoolA }],
    },
    at,
  );
  await db
    .insertInto('outside_staff')
    .values({
      id: newId(),
      school_id: f.w.schoolA,
      user_id: userId,
      name: `${username} 老师`,
      kind,
      institution_id: null,
      phone: '13700000000',
      id_number: '110101199001011234',
      status: 'approved',
      created_by: f.users.admin,
      created_at: at,
      updated_at: at,
    })
    .execute();
  await db
    .insertInto('staff_attendance')
    .values({
      id: newId(),
      school_id: f.w.schoolA,
      date,
      session_id: f.term.afternoonSessionId,
      user_id: userId,
      version: 1,
      status: 'on_time',
      minutes_late: 0,
      excused: null,
      reason: '',
      source: 'check_in',
      checked_in_at: null,
      recorded_by: null,
      recorded_at: at,
    })
    .execute();
  await db
    .insertInto('care_logs')
    .values(careLog(f.w.schoolA, f.classTwo, date, 1, true, userId, at))
    .execute();
  return userId;
}
