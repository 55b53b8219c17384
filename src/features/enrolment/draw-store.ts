// Queries of the draw, the waitlist and withdrawal decisions. No business decisions here: the
// services decide, these read and write (in batches where a draw touches thousands of rows).
import { sql } from 'kysely';
import { type DialectName, forUpdate, idNumberTable, inList, toNumber } from '../../db/dialect';
import type { Executor } from '../../server/context';
import { priorityCategories } from './allocation';
import { type ApplicationStatus, type LineStatus, placeHolding } from './rules';

export async function findTerm(
  db: Executor,
  dialect: DialectName,
  schoolId: string,
  termId: string,
  lock = false,
) {
  const query = db.selectFrom('terms').selectAll().where('id', '=', termId).where('school_id', '=', schoolId);
  return (lock ? forUpdate(dialect, query) : query).executeTakeFirst();
}

export type TermRow = NonNullable<Awaited<ReturnType<typeof findTerm>>>;

/** Applications still awaiting the school's decision (ENR-2), and those approved. */
export async function readiness(db: Executor, termId: string) {
  const rows = await db
    .selectFrom('applications')
    .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
    .where('term_id', '=', termId)
    .where('status', 'in', ['submitted', 'pre_reviewed', 'approved'])
    .groupBy('status')
    .execute();
  const count = (s: string) => toNumber(rows.find((r) => r.status === s)?.n);
  return { undecided: count('submitted') + count('pre_reviewed'), approved: count('approved') };
}

export async function commitSeed(db: Executor, termId: string, seed: string, seedHash: string, at: string) {
  const r = await db
    .updateTable('terms')
    .set({ seed, seed_hash: seedHash, seed_committed_at: at, updated_at: at })
    .where('id', '=', termId)
    .where('seed_committed_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Everything the draw needs: the offerings, the approved applications and their pending lines. */
export async function drawInputs(db: Executor, termId: string) {
  const offerings = await db
    .selectFrom('offerings')
    .select(['id', 'name', 'capacity'])
    .where('term_id', '=', termId)
    .execute();
  const applications = await db
    .selectFrom('applications')
    .innerJoin('classes', 'classes.id', 'applications.class_id')
    .innerJoin('students', 'students.id', 'applications.student_id')
    .select([
      'applications.id',
      'applications.public_ref as ref',
      'applications.student_id as studentId',
      'applications.applicant_user_id as applicantUserId',
      'students.name as studentName',
      'classes.grade',
    ])
    .where('applications.term_id', '=', termId)
    .where('applications.status', '=', 'approved')
    .execute();
  const prioritised = await db
    .selectFrom('student_categories')
    .innerJoin('applications', 'applications.student_id', 'student_categories.student_id')
    .select('applications.id')
    .distinct()
    .where('applications.term_id', '=', termId)
    .where('applications.status', '=', 'approved')
    .where('student_categories.category', 'in', [...priorityCategories])
    .execute();
  // Found through the (offering, status) index; lines of applications not approved are left out.
  const approved = new Set(applications.map((a) => a.id));
  const lines =
    offerings.length === 0
      ? []
      : (
          await db
            .selectFrom('application_lines')
            .select([
              'id',
              'application_id as applicationId',
              'offering_id as offeringId',
              'choice_group as choiceGroup',
              'choice_rank as choiceRank',
            ])
            .where(
              'offering_id',
              'in',
              offerings.map((o) => o.id),
            )
            .where('status', '=', 'pending')
            .execute()
        ).filter((l) => approved.has(l.applicationId));
  return { offerings, applications, priority: new Set(prioritised.map((p) => p.id)), lines };
}

/** Moves a few lines from one status to another, guarded by the status they must still have. */
export async function setLineStatus(
  db: Executor,
  ids: string[],
  from: LineStatus,
  to: LineStatus,
  at: string,
  extra: { offer_expires_at?: string | null } = {},
): Promise<number> {
  if (ids.length === 0) return 0;
  const r = await db
    .updateTable('application_lines')
    .set({ status: to, updated_at: at, ...extra })
    .where('id', 'in', ids)
    .where('status', '=', from)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** Moves lines still in `from` (a line moved by someone else is left alone and not counted): any number in one statement, visited in key order. */
export async function moveLines(
  db: Executor,
  dialect: DialectName,
  ids: string[],
  from: LineStatus,
  to: LineStatus,
  at: string,
): Promise<number> {
  if (ids.length === 0) return 0;
  const r = await db
    .updateTable('application_lines')
    .set({ status: to, updated_at: at })
    .where(inList(dialect, 'id', [...ids].sort()))
    .where('status', '=', from)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** Queues pending lines at their waitlist positions, all in one statement. */
export async function queueLines(
  db: Executor,
  dialect: DialectName,
  entries: { id: string; position: number }[],
  to: LineStatus,
  at: string,
): Promise<number> {
  if (entries.length === 0) return 0;
  const positions = idNumberTable(
    dialect,
    'v',
    entries.map((e): [string, number] => [e.id, e.position]).sort((a, b) => (a[0] < b[0] ? -1 : 1)),
  );
  const r = await sql`update application_lines set status = ${to}, waitlist_position = v.n,
    updated_at = ${at} from ${positions}
    where application_lines.id = v.id and application_lines.status = ${'pending'}`.execute(db);
  return Number(r.numAffectedRows ?? 0);
}

export async function setApplicationStatus(
  db: Executor,
  ids: string[],
  from: ApplicationStatus,
  to: ApplicationStatus,
  at: string,
): Promise<number> {
  if (ids.length === 0) return 0;
  const r = await db
    .updateTable('applications')
    .set({ status: to, updated_at: at })
    .where('id', 'in', ids)
    .where('status', '=', from)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** The draw's bulk move of applications, like `moveLines`. */
export async function moveApplications(
  db: Executor,
  dialect: DialectName,
  ids: string[],
  from: ApplicationStatus,
  to: ApplicationStatus,
  at: string,
): Promise<number> {
  if (ids.length === 0) return 0;
  const r = await db
    .updateTable('applications')
    .set({ status: to, updated_at: at })
    .where(inList(dialect, 'id', [...ids].sort()))
    .where('status', '=', from)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export async function saveDraw(db: Executor, termId: string, list: string, at: string) {
  const r = await db
    .updateTable('terms')
    .set({ draw_result: list, drawn_at: at, seed_revealed_at: at, updated_at: at })
    .where('id', '=', termId)
    .where('drawn_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

// ---- the waitlist ----

/** Locks an offering before its places are counted: concurrent offers of one offering queue here. */
export async function lockOffering(db: Executor, dialect: DialectName, offeringId: string) {
  return forUpdate(
    dialect,
    db
      .selectFrom('offerings')
      .select(['id', 'school_id', 'term_id', 'name', 'capacity'])
      .where('id', '=', offeringId),
  ).executeTakeFirst();
}

export async function countHolding(db: Executor, offeringId: string): Promise<number> {
  const row = await db
    .selectFrom('application_lines')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('offering_id', '=', offeringId)
    .where('status', 'in', [...placeHolding])
    .executeTakeFirst();
  return toNumber(row?.n);
}

/** The lines waiting on an offering, smallest position first, with what a notification needs. */
export async function nextWaiting(db: Executor, offeringId: string, limit: number) {
  return (
    db
      .selectFrom('application_lines')
      .innerJoin('applications', 'applications.id', 'application_lines.application_id')
      .innerJoin('students', 'students.id', 'applications.student_id')
      .select([
        'application_lines.id',
        'application_lines.waitlist_position as position',
        'applications.id as applicationId',
        'applications.status as applicationStatus',
        'applications.public_ref as ref',
        'applications.applicant_user_id as applicantUserId',
        'students.name as studentName',
      ])
      .where('application_lines.offering_id', '=', offeringId)
      .where('application_lines.status', '=', 'waitlisted')
      // A withdrawn or rejected application's lines have left; never offer them a place.
      .where('applications.status', 'not in', ['withdrawn', 'rejected'])
      .orderBy('application_lines.waitlist_position')
      .limit(limit)
      .execute()
  );
}

/** One line with its application, offering and term, within a school. */
export async function findLine(db: Executor, schoolId: string, lineId: string) {
  return db
    .selectFrom('application_lines')
    .innerJoin('applications', 'applications.id', 'application_lines.application_id')
    .innerJoin('offerings', 'offerings.id', 'application_lines.offering_id')
    .innerJoin('students', 'students.id', 'applications.student_id')
    .innerJoin('terms', 'terms.id', 'applications.term_id')
    .select([
      'application_lines.id',
      'application_lines.status',
      'application_lines.offer_expires_at as offerExpiresAt',
      'application_lines.waitlist_position as position',
      'application_lines.offering_id as offeringId',
      'offerings.name as offeringName',
      'applications.id as applicationId',
      'applications.status as applicationStatus',
      'applications.public_ref as ref',
      'applications.applicant_user_id as applicantUserId',
      'applications.student_id as studentId',
      'students.name as studentName',
      'terms.name as termName',
    ])
    .where('application_lines.id', '=', lineId)
    .where('applications.school_id', '=', schoolId)
    .executeTakeFirst();
}
export type LineRow = NonNullable<Awaited<ReturnType<typeof findLine>>>;

/** Whether the user is a guardian of the student (a parent acts for their own children only). */
export async function isGuardianOf(db: Executor, userId: string, studentId: string): Promise<boolean> {
  const row = await db
    .selectFrom('student_guardians')
    .innerJoin('guardians', 'guardians.id', 'student_guardians.guardian_id')
    .select('student_guardians.student_id')
    .where('student_guardians.student_id', '=', studentId)
    .where('guardians.user_id', '=', userId)
    .executeTakeFirst();
  return row !== undefined;
}

/** Offerings with offers from the waitlist whose acceptance deadline has passed. */
export async function offeringsWithExpiredOffers(
  db: Executor,
  at: string,
  offeringIds?: string[],
): Promise<string[]> {
  let query = db
    .selectFrom('application_lines')
    .select('offering_id')
    .distinct()
    .where('status', '=', 'offered')
    .where('offer_expires_at', 'is not', null)
    .where('offer_expires_at', '<=', at);
  // Narrowed to some offerings, the (offering, status) index finds them without a scan.
  if (offeringIds) query = query.where('offering_id', 'in', offeringIds.length ? offeringIds : ['']);
  const rows = await query.execute();
  return rows.map((r) => r.offering_id).sort();
}

export async function expiredOffers(db: Executor, offeringId: string, at: string) {
  const rows = await db
    .selectFrom('application_lines')
    .select('id')
    .where('offering_id', '=', offeringId)
    .where('status', '=', 'offered')
    .where('offer_expires_at', 'is not', null)
    .where('offer_expires_at', '<=', at)
    .execute();
  return rows.map((r) => r.id);
}

/** The statuses of an application's lines, to tell whether it still holds or awaits anything. */
export async function lineStatusesOf(db: Executor, applicationId: string) {
  return db
    .selectFrom('application_lines')
    .select(['id', 'status', 'offering_id as offeringId'])
    .where('application_id', '=', applicationId)
    .execute();
}

export async function waitlistOf(db: Executor, offeringId: string) {
  return db
    .selectFrom('application_lines')
    .innerJoin('applications', 'applications.id', 'application_lines.application_id')
    .innerJoin('students', 'students.id', 'applications.student_id')
    .innerJoin('classes', 'classes.id', 'applications.class_id')
    .select([
      'application_lines.id as lineId',
      'application_lines.waitlist_position as position',
      'application_lines.status',
      'application_lines.offer_expires_at as offerExpiresAt',
      'applications.id as applicationId',
      'applications.public_ref as ref',
      'students.name as studentName',
      'classes.grade',
      'classes.class_no as classNo',
    ])
    .where('application_lines.offering_id', '=', offeringId)
    .where('application_lines.waitlist_position', 'is not', null)
    .orderBy('application_lines.waitlist_position')
    .execute();
}

export async function findOffering(db: Executor, schoolId: string, termId: string, offeringId: string) {
  return db
    .selectFrom('offerings')
    .select(['id', 'name', 'capacity'])
    .where('id', '=', offeringId)
    .where('term_id', '=', termId)
    .where('school_id', '=', schoolId)
    .executeTakeFirst();
}

// ---- withdrawal decisions ----

export async function findWithdrawal(
  db: Executor,
  dialect: DialectName,
  schoolId: string,
  withdrawalId: string,
) {
  return forUpdate(
    dialect,
    db.selectFrom('withdrawals').selectAll().where('id', '=', withdrawalId).where('school_id', '=', schoolId),
  ).executeTakeFirst();
}

export async function applicationOf(db: Executor, applicationId: string) {
  return db
    .selectFrom('applications')
    .innerJoin('students', 'students.id', 'applications.student_id')
    .innerJoin('terms', 'terms.id', 'applications.term_id')
    .select([
      'applications.id',
      'applications.status',
      'applications.public_ref as ref',
      'applications.applicant_user_id as applicantUserId',
      'students.name as studentName',
      'terms.name as termName',
    ])
    .where('applications.id', '=', applicationId)
    .executeTakeFirstOrThrow();
}

export async function offeringNames(db: Executor, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('offerings').select(['id', 'name']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}
