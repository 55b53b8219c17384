// Queries of the district's outside institutions (DIST-2): courses, status changes, bookings,
// evaluations and complaints. Kysely only.
import { type DialectName, forUpdate } from '../../db/dialect';
import type { DB } from '../../db/schema';
import type { Executor } from '../../server/context';

// ---- institutions ----

const institutionColumns = [
  'id',
  'district_id as districtId',
  'name',
  'kind',
  'status',
  'created_at as createdAt',
  'updated_at as updatedAt',
] as const;

export async function listInstitutions(db: Executor, districtId: string, status?: string) {
  let q = db.selectFrom('institutions').select(institutionColumns).where('district_id', '=', districtId);
  if (status) q = q.where('status', '=', status);
  return q.orderBy('name').execute();
}

export async function findInstitution(db: Executor, districtId: string, id: string) {
  return db
    .selectFrom('institutions')
    .select(institutionColumns)
    .where('district_id', '=', districtId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function institutionNameTaken(db: Executor, districtId: string, name: string) {
  const row = await db
    .selectFrom('institutions')
    .select('id')
    .where('district_id', '=', districtId)
    .where('name', '=', name)
    .executeTakeFirst();
  return row !== undefined;
}

export async function insertInstitution(db: Executor, row: DB['institutions']) {
  await db.insertInto('institutions').values(row).execute();
}

export async function updateInstitution(db: Executor, id: string, changes: Partial<DB['institutions']>) {
  await db.updateTable('institutions').set(changes).where('id', '=', id).execute();
}

/**
 * The institution's row locked for the transaction (PostgreSQL; SQLite serialises writers): a
 * status change and a booking of the same institution wait for each other, so a booking is either
 * refused by a removal or listed and ended by it, and two status changes never both start from the
 * same status.
 */
export async function lockInstitution(db: Executor, dialect: DialectName, districtId: string, id: string) {
  return forUpdate(
    dialect,
    db
      .selectFrom('institutions')
      .select(institutionColumns)
      .where('district_id', '=', districtId)
      .where('id', '=', id),
  ).executeTakeFirst();
}

/** Moves the status only from the status read; false when it had changed meanwhile. */
export async function updateInstitutionStatus(
  db: Executor,
  id: string,
  from: string,
  changes: Partial<DB['institutions']>,
): Promise<boolean> {
  const result = await db
    .updateTable('institutions')
    .set(changes)
    .where('id', '=', id)
    .where('status', '=', from)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

// ---- courses ----

const courseColumns = [
  'c.id',
  'c.institution_id as institutionId',
  'c.name',
  'c.kind',
  'c.price_fen as priceFen',
  'c.description',
  'c.status',
  'c.created_at as createdAt',
  'c.retired_at as retiredAt',
] as const;

export async function coursesOf(db: Executor, institutionIds: string[], activeOnly = false) {
  if (institutionIds.length === 0) return [];
  let q = db
    .selectFrom('institution_courses as c')
    .select(courseColumns)
    .where('c.institution_id', 'in', institutionIds);
  if (activeOnly) q = q.where('c.status', '=', 'active');
  const rows = await q.orderBy('c.created_at').orderBy('c.id').execute();
  return rows.map((r) => ({ ...r, priceFen: Number(r.priceFen) }));
}

export async function findCourse(db: Executor, institutionId: string, courseId: string) {
  const row = await db
    .selectFrom('institution_courses as c')
    .select(courseColumns)
    .where('c.institution_id', '=', institutionId)
    .where('c.id', '=', courseId)
    .executeTakeFirst();
  return row && { ...row, priceFen: Number(row.priceFen) };
}

export async function insertCourse(db: Executor, row: DB['institution_courses']) {
  await db.insertInto('institution_courses').values(row).execute();
}

export async function retireCourse(db: Executor, id: string, at: string) {
  await db
    .updateTable('institution_courses')
    .set({ status: 'retired', retired_at: at })
    .where('id', '=', id)
    .execute();
}

/** How many bookings (any status) each course has. */
export async function bookingCountsByCourse(db: Executor, courseIds: string[]) {
  if (courseIds.length === 0) return new Map<string, number>();
  const rows = await db
    .selectFrom('institution_bookings')
    .select(['course_id', (eb) => eb.cast<number>(eb.fn.countAll(), 'integer').as('n')])
    .where('course_id', 'in', courseIds)
    .groupBy('course_id')
    .execute();
  return new Map(rows.map((r) => [r.course_id, Number(r.n)]));
}

// ---- status changes ----

export async function insertTransition(db: Executor, row: DB['institution_transitions']) {
  await db.insertInto('institution_transitions').values(row).execute();
}

export async function transitionsOf(db: Executor, institutionId: string) {
  return db
    .selectFrom('institution_transitions as t')
    .innerJoin('users as u', 'u.id', 't.by_user_id')
    .select([
      't.id',
      't.from_status as fromStatus',
      't.to_status as toStatus',
      't.event',
      't.reason',
      't.note',
      'u.display_name as byName',
      't.at',
    ])
    .where('t.institution_id', '=', institutionId)
    .orderBy('t.at')
    .orderBy('t.id')
    .execute();
}

// ---- counts for the list ----

export async function scoresOf(db: Executor, institutionIds: string[]) {
  if (institutionIds.length === 0) return [];
  return db
    .selectFrom('institution_evaluations')
    .select(['institution_id as institutionId', 'score'])
    .where('institution_id', 'in', institutionIds)
    .execute();
}

export async function complaintCounts(db: Executor, institutionIds: string[]) {
  if (institutionIds.length === 0) return [];
  return db
    .selectFrom('institution_complaints')
    .select([
      'institution_id as institutionId',
      'status',
      (eb) => eb.cast<number>(eb.fn.countAll(), 'integer').as('n'),
    ])
    .where('institution_id', 'in', institutionIds)
    .groupBy(['institution_id', 'status'])
    .execute();
}

export async function activeBookingCounts(db: Executor, institutionIds: string[]) {
  if (institutionIds.length === 0) return [];
  return db
    .selectFrom('institution_bookings')
    .select(['institution_id as institutionId', (eb) => eb.cast<number>(eb.fn.countAll(), 'integer').as('n')])
    .where('institution_id', 'in', institutionIds)
    .where('status', '=', 'active')
    .groupBy('institution_id')
    .execute();
}

// ---- evaluations and complaints ----

function evaluations(db: Executor) {
  return db
    .selectFrom('institution_evaluations as e')
    .innerJoin('schools as s', 's.id', 'e.school_id')
    .innerJoin('terms as t', 't.id', 'e.term_id')
    .select([
      'e.id',
      'e.institution_id as institutionId',
      'e.school_id as schoolId',
      's.name as schoolName',
      'e.term_id as termId',
      't.name as termName',
      'e.score',
      'e.comment',
      'e.created_at as createdAt',
    ]);
}

export async function evaluationsOf(db: Executor, institutionId: string, schoolId?: string) {
  let q = evaluations(db).where('e.institution_id', '=', institutionId);
  if (schoolId) q = q.where('e.school_id', '=', schoolId);
  const rows = await q.orderBy('e.created_at', 'desc').orderBy('e.id').execute();
  return rows.map((r) => ({ ...r, score: Number(r.score) }));
}

export async function findEvaluation(db: Executor, id: string) {
  const row = await evaluations(db).where('e.id', '=', id).executeTakeFirst();
  return row && { ...row, score: Number(row.score) };
}

export async function evaluationExists(
  db: Executor,
  institutionId: string,
  schoolId: string,
  termId: string,
) {
  const row = await db
    .selectFrom('institution_evaluations')
    .select('id')
    .where('institution_id', '=', institutionId)
    .where('school_id', '=', schoolId)
    .where('term_id', '=', termId)
    .executeTakeFirst();
  return row !== undefined;
}

export async function insertEvaluation(db: Executor, row: DB['institution_evaluations']) {
  await db.insertInto('institution_evaluations').values(row).execute();
}

function complaints(db: Executor) {
  return db
    .selectFrom('institution_complaints as c')
    .innerJoin('schools as s', 's.id', 'c.school_id')
    .select([
      'c.id',
      'c.institution_id as institutionId',
      'c.school_id as schoolId',
      's.name as schoolName',
      'c.category',
      'c.description',
      'c.occurred_on as occurredOn',
      'c.status',
      'c.handled_note as handledNote',
      'c.handled_at as handledAt',
      'c.created_at as createdAt',
    ]);
}

export async function complaintsOf(db: Executor, institutionId: string, schoolId?: string) {
  let q = complaints(db).where('c.institution_id', '=', institutionId);
  if (schoolId) q = q.where('c.school_id', '=', schoolId);
  return q.orderBy('c.created_at', 'desc').orderBy('c.id').execute();
}

export async function findComplaint(db: Executor, institutionId: string, id: string) {
  return complaints(db)
    .where('c.institution_id', '=', institutionId)
    .where('c.id', '=', id)
    .executeTakeFirst();
}

export async function insertComplaint(db: Executor, row: DB['institution_complaints']) {
  await db.insertInto('institution_complaints').values(row).execute();
}

export async function handleComplaint(
  db: Executor,
  id: string,
  changes: { handled_note: string; handled_by: string; handled_at: string },
) {
  await db
    .updateTable('institution_complaints')
    .set({ ...changes, status: 'handled' })
    .where('id', '=', id)
    .execute();
}

// ---- bookings ----

function bookings(db: Executor) {
  return db
    .selectFrom('institution_bookings as b')
    .innerJoin('institutions as i', 'i.id', 'b.institution_id')
    .innerJoin('institution_courses as c', 'c.id', 'b.course_id')
    .innerJoin('terms as t', 't.id', 'b.term_id')
    .leftJoin('offerings as o', 'o.id', 'b.offering_id')
    .select([
      'b.id',
      'b.institution_id as institutionId',
      'i.name as institutionName',
      'i.status as institutionStatus',
      'b.course_id as courseId',
      'c.name as courseName',
      'b.school_id as schoolId',
      'b.term_id as termId',
      't.name as termName',
      'b.offering_id as offeringId',
      'o.name as offeringName',
      'b.price_fen as priceFen',
      'b.status',
      'b.ends_on as endsOn',
      'b.end_reason as endReason',
      'b.created_at as createdAt',
    ]);
}

export async function bookingsOfSchool(db: Executor, schoolId: string) {
  const rows = await bookings(db)
    .where('b.school_id', '=', schoolId)
    .orderBy('b.created_at', 'desc')
    .orderBy('b.id')
    .execute();
  return rows.map((r) => ({ ...r, priceFen: Number(r.priceFen) }));
}

export async function findBooking(db: Executor, schoolId: string, id: string) {
  const row = await bookings(db)
    .where('b.school_id', '=', schoolId)
    .where('b.id', '=', id)
    .executeTakeFirst();
  return row && { ...row, priceFen: Number(row.priceFen) };
}

export async function activeBookingExists(db: Executor, schoolId: string, courseId: string, termId: string) {
  const row = await db
    .selectFrom('institution_bookings')
    .select('id')
    .where('school_id', '=', schoolId)
    .where('course_id', '=', courseId)
    .where('term_id', '=', termId)
    .where('status', '=', 'active')
    .executeTakeFirst();
  return row !== undefined;
}

export async function hasBooked(db: Executor, schoolId: string, institutionId: string) {
  const row = await db
    .selectFrom('institution_bookings')
    .select('id')
    .where('school_id', '=', schoolId)
    .where('institution_id', '=', institutionId)
    .executeTakeFirst();
  return row !== undefined;
}

export async function insertBooking(db: Executor, row: DB['institution_bookings']) {
  await db.insertInto('institution_bookings').values(row).execute();
}

export async function activeBookingsOf(db: Executor, institutionId: string) {
  return db
    .selectFrom('institution_bookings')
    .select(['id', 'school_id as schoolId'])
    .where('institution_id', '=', institutionId)
    .where('status', '=', 'active')
    .execute();
}

export async function endBookings(db: Executor, ids: string[], endsOn: string, reason: string, at: string) {
  if (ids.length === 0) return;
  await db
    .updateTable('institution_bookings')
    .set({ status: 'ended', ends_on: endsOn, end_reason: reason, updated_at: at })
    .where('id', 'in', ids)
    .execute();
}

/** The schools where the institution's staff are approved (they are rostered there). */
export async function staffSchoolsOf(db: Executor, institutionId: string) {
  const rows = await db
    .selectFrom('outside_staff')
    .select('school_id')
    .distinct()
    .where('institution_id', '=', institutionId)
    .where('status', '=', 'approved')
    .execute();
  return rows.map((r) => r.school_id);
}

export async function findOffering(db: Executor, schoolId: string, termId: string, id: string) {
  return db
    .selectFrom('offerings')
    .select(['id', 'name'])
    .where('school_id', '=', schoolId)
    .where('term_id', '=', termId)
    .where('id', '=', id)
    .executeTakeFirst();
}
