// Meals (FEE-7) fixtures, written straight to the database: on top of the school day of
// daily-fixtures, a noon-care offering (午餐午休, noon session) with a temporary class of class one's
// members, rolls of that class on given days (a later version corrects an earlier one, DAY-1), the
// National Day holidays of October 2026, and the school's meal settings.
import type { Kysely } from 'kysely';
import type { DB } from '../src/db/schema';
import { newId } from '../src/server/context';
import type { SchoolDay } from './daily-fixtures';
import type { Harness } from './db-matrix';

export interface NoonCare {
  offeringId: string;
  tempClassId: string;
  members: string[];
  /** Saves a roll of the noon class on a date as the next version; everyone present unless named. */
  roll(date: string, overrides?: Record<string, 'present' | 'late' | 'absent' | 'leave'>): Promise<void>;
}

export async function seedNoonCare(h: Harness, day: SchoolDay): Promise<NoonCare> {
  const db = h.ctx.db as Kysely<DB>;
  const at = h.ctx.now().toISOString();
  const offeringId = newId();
  await db
    .insertInto('offerings')
    .values({
      id: offeringId,
      school_id: day.world.schoolA,
      term_id: day.term.termId,
      session_id: day.term.noonSessionId,
      venue_id: null,
      kind: 'nap',
      name: '午餐午休',
      description: '',
      capacity: 100,
      teacher_user_id: null,
      teacher_name: null,
      fee_basis: 'class_hour',
      fee_fen: 300,
      created_at: at,
      updated_at: at,
    })
    .execute();
  const tempClassId = newId();
  await db
    .insertInto('temp_classes')
    .values({
      id: tempClassId,
      school_id: day.world.schoolA,
      term_id: day.term.termId,
      session_id: day.term.noonSessionId,
      offering_id: offeringId,
      kind: 'noon',
      name: '午托一班',
      venue_id: null,
      head_teacher_id: null,
      created_at: at,
      updated_at: at,
    })
    .execute();
  const members = day.membersOne;
  await db
    .insertInto('temp_class_members')
    .values(
      members.map((studentId, i) => ({
        id: newId(),
        temp_class_id: tempClassId,
        offering_id: offeringId,
        student_id: studentId,
        seat_no: i + 1,
        joined_at: at,
        left_at: null,
        changed_by: null,
      })),
    )
    .execute();
  await db
    .insertInto('term_days')
    .values(
      ['01', '02', '03', '04', '05', '06', '07'].map((d) => ({
        term_id: day.term.termId,
        date: `2026-10-${d}`,
        kind: 'holiday',
        follows_weekday: null,
        note: '国庆节',
      })),
    )
    .execute();
  return {
    offeringId,
    tempClassId,
    members,
    roll: (date, overrides = {}) => saveRoll(h, day, tempClassId, members, date, overrides),
  };
}

/** A roll of any class on a date, as the next version (the roll in force is the highest). */
export async function saveRoll(
  h: Harness,
  day: SchoolDay,
  tempClassId: string,
  members: string[],
  date: string,
  overrides: Record<string, 'present' | 'late' | 'absent' | 'leave'> = {},
): Promise<void> {
  const db = h.ctx.db as Kysely<DB>;
  const at = h.ctx.now().toISOString();
  const last = await db
    .selectFrom('roll_calls')
    .select((eb) => eb.fn.max('version').as('v'))
    .where('temp_class_id', '=', tempClassId)
    .where('date', '=', date)
    .executeTakeFirst();
  const version = Number(last?.v ?? 0) + 1;
  const id = newId();
  const marks = members.map((studentId) => ({ studentId, status: overrides[studentId] ?? 'present' }));
  await db
    .insertInto('roll_calls')
    .values({
      id,
      school_id: day.world.schoolA,
      temp_class_id: tempClassId,
      date,
      version,
      taken_by: day.users.admin,
      marked_at: at,
      saved_at: at,
      present_count: marks.filter((m) => m.status === 'present' || m.status === 'late').length,
      note: '',
    })
    .execute();
  await db
    .insertInto('roll_call_marks')
    .values(
      marks.map((m) => ({
        roll_call_id: id,
        student_id: m.studentId,
        status: m.status,
        leave_request_id: null,
        note: '',
      })),
    )
    .execute();
}

/** Stores the school's settings (merged over what is there). */
export async function setSchoolSettings(h: Harness, schoolId: string, values: Record<string, unknown>) {
  const db = h.ctx.db as Kysely<DB>;
  const row = await db
    .selectFrom('school_settings')
    .select('settings')
    .where('school_id', '=', schoolId)
    .executeTakeFirst();
  const settings = JSON.stringify({ ...(row ? JSON.parse(row.settings) : {}), ...values });
  const at = h.ctx.now().toISOString();
  if (row)
    await db
      .updateTable('school_settings')
      .set({ settings, updated_at: at })
      .where('school_id', '=', schoolId)
      .execute();
  else
    await db
      .insertInto('school_settings')
      .values({ school_id: schoolId, settings, updated_at: at, updated_by: null })
      .execute();
}
