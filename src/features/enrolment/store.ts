// Kysely queries for the application side of enrolment. No decisions here: callers pass the scope
// the policy gave them and the statuses the state machines (rules.ts) computed.
import { type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import { insertInChunks } from '../../db/batch';
import { type DialectName, forUpdate, toNumber } from '../../db/dialect';
import type { DB } from '../../db/schema';
import type { Scope } from '../../server/auth/policies';
import { type Executor, newId } from '../../server/context';
import type { ChosenLine } from './application-rules';
import type { ApplicationStatus, LineStatus } from './rules';

// ---- terms and offerings ----

export async function findTerm(db: Executor, schoolId: string, termId: string) {
  return db
    .selectFrom('terms')
    .select([
      'id',
      'school_id as schoolId',
      'name',
      'starts_on as startsOn',
      'ends_on as endsOn',
      'window_opens_at as windowOpensAt',
      'window_closes_at as windowClosesAt',
      'conditions',
      'list_published_at as listPublishedAt',
    ])
    .where('school_id', '=', schoolId)
    .where('id', '=', termId)
    .executeTakeFirst();
}
export type TermRecord = NonNullable<Awaited<ReturnType<typeof findTerm>>>;

/** The term row locked for a decision about the whole term (publishing the list). */
export async function lockTerm(db: Executor, dialect: DialectName, schoolId: string, termId: string) {
  return forUpdate(
    dialect,
    db
      .selectFrom('terms')
      .select(['id', 'name', 'list_published_at as listPublishedAt'])
      .where('school_id', '=', schoolId)
      .where('id', '=', termId),
  ).executeTakeFirst();
}

export async function setListPublished(db: Executor, termId: string, at: string): Promise<void> {
  await db
    .updateTable('terms')
    .set({ list_published_at: at, updated_at: at })
    .where('id', '=', termId)
    .execute();
}

export async function termNames(db: Executor, termIds: string[]): Promise<Map<string, string>> {
  if (termIds.length === 0) return new Map();
  const rows = await db.selectFrom('terms').select(['id', 'name']).where('id', 'in', termIds).execute();
  return new Map(rows.map((t) => [t.id, t.name]));
}

export async function hasPublishedNotice(db: Executor, termId: string): Promise<boolean> {
  const row = await db
    .selectFrom('term_notices')
    .select('id')
    .where('term_id', '=', termId)
    .executeTakeFirst();
  return row !== undefined;
}

export async function termOfferings(db: Executor, termId: string) {
  const rows = await db
    .selectFrom('offerings')
    .innerJoin('term_sessions', 'term_sessions.id', 'offerings.session_id')
    .select([
      'offerings.id',
      'offerings.name',
      'offerings.kind',
      'offerings.capacity',
      'term_sessions.name as sessionName',
    ])
    .where('offerings.term_id', '=', termId)
    .execute();
  return new Map(rows.map((r) => [r.id, r]));
}

// ---- applications ----

/** The students of a family: those linked to a guardian record of this account. */
function familyStudents(eb: ExpressionBuilder<DB, 'applications'>, userId: string) {
  return eb
    .selectFrom('student_guardians')
    .innerJoin('guardians', 'guardians.id', 'student_guardians.guardian_id')
    .select('student_guardians.student_id')
    .where('guardians.user_id', '=', userId);
}

/** Restricts a query over `applications` to what a scope reaches (a class, a family, the school). */
export function applicationInScope(scope: Scope) {
  return (eb: ExpressionBuilder<DB, 'applications'>) => {
    if (scope.all) return sql<SqlBool>`1 = 1`;
    const parts = [];
    if (scope.classIds.length) parts.push(eb('applications.class_id', 'in', scope.classIds));
    if (scope.familyOf) parts.push(eb('applications.student_id', 'in', familyStudents(eb, scope.familyOf)));
    return parts.length ? eb.or(parts) : sql<SqlBool>`1 = 0`;
  };
}

const applicationColumns = [
  'applications.id',
  'applications.school_id as schoolId',
  'applications.term_id as termId',
  'applications.student_id as studentId',
  'applications.class_id as classId',
  'applications.applicant_user_id as applicantUserId',
  'applications.public_ref as publicRef',
  'applications.status',
  'applications.conditions',
  'applications.note',
  'applications.review_note as reviewNote',
  'applications.submitted_at as submittedAt',
  'applications.created_at as createdAt',
  'applications.updated_at as updatedAt',
] as const;

export interface ApplicationRecord {
  id: string;
  schoolId: string;
  termId: string;
  studentId: string;
  classId: string;
  applicantUserId: string;
  publicRef: string;
  status: ApplicationStatus;
  /** JSON of the family's ENR-5 answers. */
  conditions: string;
  note: string;
  reviewNote: string | null;
  submittedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

/**
 * Applications of a school by id, within the caller's scope. `lock` takes row locks on PostgreSQL
 * (SQLite's writer is already alone) so a transition decides on the status it will overwrite.
 */
export async function findApplications(
  db: Executor,
  dialect: DialectName,
  schoolId: string,
  ids: string[],
  scope: Scope,
  options: { lock?: boolean } = {},
): Promise<ApplicationRecord[]> {
  if (ids.length === 0) return [];
  const query = db
    .selectFrom('applications')
    .select(applicationColumns)
    .where('applications.school_id', '=', schoolId)
    .where('applications.id', 'in', ids)
    .where(applicationInScope(scope))
    .orderBy('applications.id');
  const rows = await (options.lock ? forUpdate(dialect, query) : query).execute();
  return rows as ApplicationRecord[];
}

export async function findApplication(
  db: Executor,
  dialect: DialectName,
  schoolId: string,
  applicationId: string,
  scope: Scope,
  options: { lock?: boolean } = {},
): Promise<ApplicationRecord | undefined> {
  return (await findApplications(db, dialect, schoolId, [applicationId], scope, options))[0];
}

export async function findApplicationOfStudent(db: Executor, termId: string, studentId: string) {
  return db
    .selectFrom('applications')
    .select(applicationColumns)
    .where('applications.term_id', '=', termId)
    .where('applications.student_id', '=', studentId)
    .executeTakeFirst() as Promise<ApplicationRecord | undefined>;
}

export async function applicationsOfStudents(db: Executor, termId: string, studentIds: string[]) {
  if (studentIds.length === 0) return [];
  return db
    .selectFrom('applications')
    .select(applicationColumns)
    .where('applications.term_id', '=', termId)
    .where('applications.student_id', 'in', studentIds)
    .orderBy('applications.created_at')
    .execute() as Promise<ApplicationRecord[]>;
}

/** One application per child per term: false when the child already has one (nothing written). */
export async function insertApplication(db: Executor, row: DB['applications']): Promise<boolean> {
  const inserted = await db
    .insertInto('applications')
    .values(row)
    .onConflict((oc) => oc.columns(['term_id', 'student_id']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted !== undefined;
}

export async function updateApplication(
  db: Executor,
  id: string,
  changes: Partial<Omit<DB['applications'], 'id'>>,
): Promise<void> {
  await db.updateTable('applications').set(changes).where('id', '=', id).execute();
}

/** Moves many applications to one status (each was checked by `transition` first). */
export async function setApplicationsStatus(
  db: Executor,
  ids: string[],
  status: ApplicationStatus,
  at: string,
  extra: { review_note?: string | null; submitted_at?: string } = {},
): Promise<void> {
  for (let i = 0; i < ids.length; i += 500) {
    await db
      .updateTable('applications')
      .set({ status, updated_at: at, ...extra })
      .where('id', 'in', ids.slice(i, i + 500))
      .execute();
  }
}

export async function applicationIdsWithStatus(
  db: Executor,
  termId: string,
  status: ApplicationStatus,
): Promise<string[]> {
  const rows = await db
    .selectFrom('applications')
    .select('id')
    .where('term_id', '=', termId)
    .where('status', '=', status)
    .execute();
  return rows.map((r) => r.id);
}

/** Enrolled children of a term with their class, in class and student-number order (ENR-8). */
export async function enrolledOf(db: Executor, termId: string) {
  return db
    .selectFrom('applications')
    .innerJoin('students', 'students.id', 'applications.student_id')
    .innerJoin('classes', 'classes.id', 'applications.class_id')
    .select(['applications.id', 'students.name', 'classes.grade', 'classes.class_no as classNo'])
    .where('applications.term_id', '=', termId)
    .where('applications.status', '=', 'enrolled')
    .orderBy('classes.grade')
    .orderBy('classes.class_no')
    .orderBy('students.student_no')
    .execute();
}

// ---- lines ----

export async function insertLines(
  db: Executor,
  application: { id: string; termId: string; studentId: string },
  lines: ChosenLine[],
  at: string,
): Promise<DB['application_lines'][]> {
  const rows = lines.map((l): DB['application_lines'] => ({
    id: newId(),
    application_id: application.id,
    term_id: application.termId,
    student_id: application.studentId,
    offering_id: l.offeringId,
    choice_group: l.choiceGroup,
    choice_rank: l.choiceRank,
    status: 'pending',
    waitlist_position: null,
    offer_expires_at: null,
    updated_at: at,
  }));
  await insertInChunks(db, 'application_lines', rows);
  return rows;
}

export async function deleteLines(db: Executor, applicationId: string): Promise<void> {
  await db.deleteFrom('application_lines').where('application_id', '=', applicationId).execute();
}

export interface LineRecord {
  id: string;
  applicationId: string;
  offeringId: string;
  offeringName: string;
  offeringKind: string;
  sessionName: string;
  choiceGroup: number;
  choiceRank: number;
  status: LineStatus;
  waitlistPosition: number | null;
  offerExpiresAt: string | null;
}

export async function linesOf(db: Executor, applicationIds: string[]): Promise<LineRecord[]> {
  if (applicationIds.length === 0) return [];
  const out: LineRecord[] = [];
  for (let i = 0; i < applicationIds.length; i += 500) {
    const rows = await db
      .selectFrom('application_lines')
      .innerJoin('offerings', 'offerings.id', 'application_lines.offering_id')
      .innerJoin('term_sessions', 'term_sessions.id', 'offerings.session_id')
      .select([
        'application_lines.id',
        'application_lines.application_id as applicationId',
        'application_lines.offering_id as offeringId',
        'offerings.name as offeringName',
        'offerings.kind as offeringKind',
        'term_sessions.name as sessionName',
        'application_lines.choice_group as choiceGroup',
        'application_lines.choice_rank as choiceRank',
        'application_lines.status',
        'application_lines.waitlist_position as waitlistPosition',
        'application_lines.offer_expires_at as offerExpiresAt',
      ])
      .where('application_lines.application_id', 'in', applicationIds.slice(i, i + 500))
      .orderBy('application_lines.choice_group')
      .orderBy('application_lines.choice_rank')
      .execute();
    out.push(...(rows as LineRecord[]));
  }
  return out;
}

/** Moves lines to one status (each checked by `lineTransition` first). */
// ---- what the views add: students, classes, the audit timeline ----

export async function studentsOf(db: Executor, studentIds: string[]) {
  const map = new Map<string, { id: string; name: string; studentNo: string }>();
  for (let i = 0; i < studentIds.length; i += 500) {
    const rows = await db
      .selectFrom('students')
      .select(['id', 'name', 'student_no as studentNo'])
      .where('id', 'in', studentIds.slice(i, i + 500))
      .execute();
    for (const r of rows) map.set(r.id, r);
  }
  return map;
}

export async function classesOf(db: Executor, classIds: string[]) {
  if (classIds.length === 0) return new Map<string, { id: string; grade: number; classNo: number }>();
  const rows = await db
    .selectFrom('classes')
    .select(['id', 'grade', 'class_no as classNo'])
    .where('id', 'in', classIds)
    .execute();
  return new Map(rows.map((r) => [r.id, r]));
}

/** Audit rows about these entities (applications and their withdrawal requests), oldest first. */
export async function auditOf(db: Executor, schoolId: string, entityIds: string[]) {
  if (entityIds.length === 0) return [];
  return db
    .selectFrom('audit_log')
    .select(['entity_id as entityId', 'action', 'after_json as afterJson', 'at'])
    .where('school_id', '=', schoolId)
    .where('entity_id', 'in', entityIds)
    .orderBy('id')
    .execute();
}

/** School admins of a school, who receive requests that wait for the school's decision. */
export async function schoolAdminIds(db: Executor, schoolId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('role_grants')
    .innerJoin('users', 'users.id', 'role_grants.user_id')
    .select('role_grants.user_id')
    .distinct()
    .where('role_grants.school_id', '=', schoolId)
    .where('role_grants.role', '=', 'school_admin')
    .where('users.disabled', '=', 0)
    .execute();
  return rows.map((r) => r.user_id);
}

// ---- staff list ----

export interface ApplicationFilter {
  status?: ApplicationStatus | undefined;
  classId?: string | undefined;
  offeringId?: string | undefined;
  offset: number;
  limit: number;
}

export async function listApplications(
  db: Executor,
  schoolId: string,
  termId: string,
  scope: Scope,
  filter: ApplicationFilter,
) {
  let base = db
    .selectFrom('applications')
    .innerJoin('students', 'students.id', 'applications.student_id')
    .innerJoin('classes', 'classes.id', 'applications.class_id')
    .where('applications.school_id', '=', schoolId)
    .where('applications.term_id', '=', termId)
    .where(applicationInScope(scope));
  if (filter.status) base = base.where('applications.status', '=', filter.status);
  if (filter.classId) base = base.where('applications.class_id', '=', filter.classId);
  if (filter.offeringId) {
    const offeringId = filter.offeringId;
    base = base.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('application_lines')
          .select('application_lines.id')
          .whereRef('application_lines.application_id', '=', 'applications.id')
          .where('application_lines.offering_id', '=', offeringId),
      ),
    );
  }
  const [rows, count] = await Promise.all([
    base
      .select([
        ...applicationColumns,
        'students.name as studentName',
        'classes.grade',
        'classes.class_no as classNo',
      ])
      .orderBy('classes.grade')
      .orderBy('classes.class_no')
      .orderBy('students.student_no')
      .offset(filter.offset)
      .limit(filter.limit)
      .execute(),
    base.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow(),
  ]);
  return {
    items: rows as (ApplicationRecord & { studentName: string; grade: number; classNo: number })[],
    total: toNumber(count.n as number | string),
  };
}
