// A school ready for billing (FEE-4…7), written straight to the database so fee tests do not depend
// on the programme and enrolment routes: the test world and its 2026 autumn term (2026-09-01 to
// 2027-01-15: five calendar months, billed as 4.5), homework care at 180 yuan a month, a noon care
// (午托, kind 'nap') at 3 yuan a class-hour for 3 class-hours a day, National Day off on 1 and 2
// October (so October has 20 school days), the waiver settings 建档立卡 100% and 低保 50%, and
// students enrolled through the real application tables (enrolled applications, accepted lines):
//  - `plain`: the parent's child (world.childOfParent), homework care;
//  - `allowance`: 低保 (subsistence_allowance), homework care;
//  - `poor`: 建档立卡 (registered_poor), homework care;
//  - `noon`: noon care only;
//  - `other`: world.otherChild (another family), homework care.
// Other helpers (settlement, meals, fund) may build on it; `enrol` adds a student later.
import type { Kysely } from 'kysely';
import type { DB } from '../src/db/schema';
import { defaultSettings, type SchoolSettings } from '../src/features/programme/settings';
import { saveSettings } from '../src/features/programme/store';
import { newId } from '../src/server/context';
import { seedApplications } from './applications-fixture';
import type { Harness } from './db-matrix';
import { seedWorld, type World } from './fixtures';
import { seedTerm, type TermFixture } from './programme-fixtures';

export interface BillingSchool {
  world: World;
  term: TermFixture;
  /** Homework care, monthly 180 yuan (term.homeworkCare). */
  homeworkCare: string;
  /** Noon care, 3 yuan a class-hour, 3 class-hours a day, Monday to Friday. */
  noonCare: string;
  students: { plain: string; allowance: string; poor: string; noon: string; other: string };
  /** Students of school A with no application yet (for `enrol`). */
  spare: string[];
  adminId: string;
  financeId: string;
}

export interface BillingOptions {
  /** Settings to save over the defaults (the waiver percents are set unless given). */
  settings?: Partial<SchoolSettings>;
}

/** Parent accounts of students (the applicant of an application must be a user). */
async function guardianUsers(db: Kysely<DB>, studentIds: string[]) {
  const rows = await db
    .selectFrom('student_guardians as sg')
    .innerJoin('guardians as g', 'g.id', 'sg.guardian_id')
    .select(['sg.student_id', 'g.user_id'])
    .where('sg.student_id', 'in', studentIds)
    .execute();
  return new Map(rows.filter((r) => r.user_id).map((r) => [r.student_id, r.user_id!]));
}

/** Enrols students in offerings of the term: an enrolled application with accepted lines, dated now. */
export async function enrol(
  h: Harness,
  school: { world: World; term: TermFixture },
  studentIds: string[],
  offeringIds: string[],
) {
  const db = h.ctx.db as Kysely<DB>;
  const users = await guardianUsers(db, studentIds);
  const fallback = (
    await db.selectFrom('users').select('id').where('username', '=', 'admin').executeTakeFirstOrThrow()
  ).id;
  return seedApplications(h, {
    schoolId: school.world.schoolA,
    termId: school.term.termId,
    families: studentIds.map((studentId) => ({ studentId, userId: users.get(studentId) ?? fallback })),
    choices: () => offeringIds.map((offeringId, i) => ({ offeringId, group: i + 1, rank: 1 })),
    status: 'enrolled',
    lineStatus: 'accepted',
  });
}

export async function seedBillingSchool(h: Harness, options: BillingOptions = {}): Promise<BillingSchool> {
  const db = h.ctx.db as Kysely<DB>;
  const world = await seedWorld(h);
  const term = await seedTerm(h, world);
  const at = h.ctx.now().toISOString();
  const userId = async (username: string) =>
    (await db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;
  const adminId = await userId('admin');
  const financeId = await userId('finance');

  await db
    .updateTable('term_sessions')
    .set({ class_hours: 3 })
    .where('id', '=', term.noonSessionId)
    .execute();
  const noonCare = newId();
  await db
    .insertInto('offerings')
    .values({
      id: noonCare,
      school_id: world.schoolA,
      term_id: term.termId,
      session_id: term.noonSessionId,
      venue_id: null,
      kind: 'nap',
      category: null,
      name: '午托',
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
  await db
    .insertInto('term_days')
    .values(
      ['2026-10-01', '2026-10-02'].map((date) => ({
        term_id: term.termId,
        date,
        kind: 'holiday',
        follows_weekday: null,
        note: '国庆节',
      })),
    )
    .execute();
  await saveSettings(
    db,
    world.schoolA,
    {
      ...defaultSettings,
      waiverPercents: { registered_poor: 100, subsistence_allowance: 50 },
      ...options.settings,
    },
    at,
    adminId,
  );

  const all = (
    await db
      .selectFrom('students')
      .select('id')
      .where('school_id', '=', world.schoolA)
      .orderBy('student_no')
      .execute()
  ).map((s) => s.id);
  const rest = all.filter((id) => id !== world.childOfParent && id !== world.otherChild);
  const [allowance, poor, noon, ...spare] = rest as [string, string, string, ...string[]];
  await db
    .insertInto('student_categories')
    .values([
      { student_id: allowance, category: 'subsistence_allowance', created_at: at },
      { student_id: poor, category: 'registered_poor', created_at: at },
    ])
    .execute();
  await enrol(
    h,
    { world, term },
    [world.childOfParent, allowance, poor, world.otherChild],
    [term.homeworkCare],
  );
  await enrol(h, { world, term }, [noon], [noonCare]);
  return {
    world,
    term,
    homeworkCare: term.homeworkCare,
    noonCare,
    students: { plain: world.childOfParent, allowance, poor, noon, other: world.otherChild },
    spare,
    adminId,
    financeId,
  };
}

/** Ledger rows of a school, for "nothing changed" checks. */
export async function ledgerCount(h: Harness, schoolId: string): Promise<number> {
  const row = await (h.ctx.db as Kysely<DB>)
    .selectFrom('ledger_entries')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('school_id', '=', schoolId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export const billsUrl = (s: BillingSchool) =>
  `/api/v1/schools/${s.world.schoolA}/terms/${s.term.termId}/bills`;
export const billUrl = (s: BillingSchool, studentId: string) =>
  `/api/v1/schools/${s.world.schoolA}/terms/${s.term.termId}/students/${studentId}/bill`;
