// Kysely queries for the programme: settings, terms and their calendar, sessions and offerings.
// No decisions here. Venues, the district's view, the notice and the demand survey have their own
// store files.
import { type DialectName, forUpdate, toNumber } from '../../db/dialect';
import type { DB } from '../../db/schema';
import type { Executor } from '../../server/context';
import type { SessionKind, TermDay, TermDayKind } from './rules';

// ---- settings ----

export async function saveSettings(db: Executor, schoolId: string, settings: object, at: string, by: string) {
  const values = { settings: JSON.stringify(settings), updated_at: at, updated_by: by };
  await db
    .insertInto('school_settings')
    .values({ school_id: schoolId, ...values })
    .onConflict((oc) => oc.column('school_id').doUpdateSet(values))
    .execute();
}

// ---- terms ----

export interface TermRecord {
  id: string;
  schoolId: string;
  name: string;
  startsOn: string;
  endsOn: string;
  windowOpensAt: string;
  windowClosesAt: string;
  conditions: { key: string; text: string; needsProof: boolean }[];
  createdAt: string;
  updatedAt: string;
}

const termColumns = [
  'terms.id',
  'terms.school_id',
  'terms.name',
  'terms.starts_on',
  'terms.ends_on',
  'terms.window_opens_at',
  'terms.window_closes_at',
  'terms.conditions',
  'terms.created_at',
  'terms.updated_at',
] as const;

type TermRow = Pick<
  DB['terms'],
  | 'id'
  | 'school_id'
  | 'name'
  | 'starts_on'
  | 'ends_on'
  | 'window_opens_at'
  | 'window_closes_at'
  | 'conditions'
  | 'created_at'
  | 'updated_at'
>;

function toTerm(row: TermRow): TermRecord {
  return {
    id: row.id,
    schoolId: row.school_id,
    name: row.name,
    startsOn: row.starts_on,
    endsOn: row.ends_on,
    windowOpensAt: row.window_opens_at,
    windowClosesAt: row.window_closes_at,
    conditions: JSON.parse(row.conditions),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export async function findTerm(db: Executor, schoolId: string, termId: string) {
  const row = await db
    .selectFrom('terms')
    .select(termColumns)
    .where('school_id', '=', schoolId)
    .where('id', '=', termId)
    .executeTakeFirst();
  return row ? toTerm(row) : undefined;
}

/** The term row locked for the transaction, so timetable checks of concurrent edits serialise. */
export async function lockTerm(db: Executor, dialect: DialectName, schoolId: string, termId: string) {
  const row = await forUpdate(
    dialect,
    db.selectFrom('terms').select(termColumns).where('school_id', '=', schoolId).where('id', '=', termId),
  ).executeTakeFirst();
  return row ? toTerm(row) : undefined;
}

export async function termNameTaken(db: Executor, schoolId: string, name: string, exceptId?: string) {
  let q = db.selectFrom('terms').select('id').where('school_id', '=', schoolId).where('name', '=', name);
  if (exceptId) q = q.where('id', '!=', exceptId);
  return (await q.executeTakeFirst()) !== undefined;
}

/** A school's terms, newest first, each with its latest published notice version. */
export async function listTerms(db: Executor, schoolId: string) {
  const rows = await db
    .selectFrom('terms')
    .select(termColumns)
    .select((eb) =>
      eb
        .selectFrom('term_notices')
        .select((n) => n.fn.max('term_notices.version').as('v'))
        .whereRef('term_notices.term_id', '=', 'terms.id')
        .as('notice_version'),
    )
    .where('school_id', '=', schoolId)
    .orderBy('starts_on', 'desc')
    .orderBy('name')
    .execute();
  return rows.map((r) => ({
    ...toTerm(r),
    noticeVersion: r.notice_version === null ? null : toNumber(r.notice_version),
  }));
}

export async function latestNoticeVersion(db: Executor, termId: string): Promise<number | null> {
  const row = await db
    .selectFrom('term_notices')
    .select((eb) => eb.fn.max('version').as('v'))
    .where('term_id', '=', termId)
    .executeTakeFirst();
  return row?.v === null || row?.v === undefined ? null : toNumber(row.v);
}

export async function insertTerm(db: Executor, row: DB['terms']) {
  await db.insertInto('terms').values(row).execute();
}

export async function updateTerm(db: Executor, termId: string, changes: Partial<DB['terms']>) {
  await db.updateTable('terms').set(changes).where('id', '=', termId).execute();
}

// ---- calendar ----

export async function listTermDays(db: Executor, termId: string): Promise<TermDay[]> {
  const rows = await db
    .selectFrom('term_days')
    .select(['date', 'kind', 'follows_weekday', 'note'])
    .where('term_id', '=', termId)
    .orderBy('date')
    .execute();
  return rows.map((r) => ({
    date: r.date,
    kind: r.kind as TermDayKind,
    followsWeekday: r.follows_weekday,
    note: r.note,
  }));
}

export async function replaceTermDays(db: Executor, termId: string, days: TermDay[]) {
  await db.deleteFrom('term_days').where('term_id', '=', termId).execute();
  if (days.length === 0) return;
  await db
    .insertInto('term_days')
    .values(
      days.map((d) => ({
        term_id: termId,
        date: d.date,
        kind: d.kind,
        follows_weekday: d.kind === 'makeup' ? d.followsWeekday : null,
        note: d.note,
      })),
    )
    .execute();
}

// ---- sessions ----

export interface SessionRecord {
  id: string;
  termId: string;
  name: string;
  kind: SessionKind;
  weekdays: number[];
  startsAt: string;
  endsAt: string;
  classHours: number;
  updatedAt: string;
}

const sessionColumns = [
  'id',
  'term_id',
  'name',
  'kind',
  'weekdays',
  'starts_at',
  'ends_at',
  'class_hours',
  'updated_at',
] as const;

function toSession(r: Pick<DB['term_sessions'], (typeof sessionColumns)[number]>): SessionRecord {
  return {
    id: r.id,
    termId: r.term_id,
    name: r.name,
    kind: r.kind as SessionKind,
    weekdays: r.weekdays.split(',').filter(Boolean).map(Number),
    startsAt: r.starts_at,
    endsAt: r.ends_at,
    classHours: r.class_hours,
    updatedAt: r.updated_at,
  };
}

export function weekdaysText(weekdays: number[]): string {
  return [...new Set(weekdays)].sort((a, b) => a - b).join(',');
}

export async function listSessions(db: Executor, termIds: string[]) {
  if (termIds.length === 0) return [];
  const rows = await db
    .selectFrom('term_sessions')
    .select(sessionColumns)
    .where('term_id', 'in', termIds)
    .orderBy('starts_at')
    .orderBy('name')
    .execute();
  return rows.map(toSession);
}

export async function sessionNameTaken(db: Executor, termId: string, name: string, exceptId?: string) {
  let q = db.selectFrom('term_sessions').select('id').where('term_id', '=', termId).where('name', '=', name);
  if (exceptId) q = q.where('id', '!=', exceptId);
  return (await q.executeTakeFirst()) !== undefined;
}

export async function insertSession(db: Executor, row: DB['term_sessions']) {
  await db.insertInto('term_sessions').values(row).execute();
}

export async function updateSession(db: Executor, sessionId: string, changes: Partial<DB['term_sessions']>) {
  await db.updateTable('term_sessions').set(changes).where('id', '=', sessionId).execute();
}

export async function deleteSession(db: Executor, sessionId: string) {
  await db.deleteFrom('term_sessions').where('id', '=', sessionId).execute();
}

// ---- offerings ----

const offeringColumns = [
  'offerings.id',
  'offerings.term_id',
  'offerings.session_id',
  'offerings.venue_id',
  'venues.name as venue_name',
  'offerings.kind',
  'offerings.category',
  'offerings.name',
  'offerings.description',
  'offerings.capacity',
  'offerings.teacher_user_id',
  'offerings.teacher_name',
  'users.display_name as teacher_display_name',
  'offerings.fee_basis',
  'offerings.fee_fen',
  'offerings.updated_at',
] as const;

function offeringQuery(db: Executor) {
  return db
    .selectFrom('offerings')
    .leftJoin('venues', 'venues.id', 'offerings.venue_id')
    .leftJoin('users', 'users.id', 'offerings.teacher_user_id')
    .select(offeringColumns);
}

export type OfferingRecord = Awaited<ReturnType<typeof listOfferings>>[number];

export async function listOfferings(db: Executor, termId: string) {
  return offeringQuery(db)
    .where('offerings.term_id', '=', termId)
    .orderBy('offerings.session_id')
    .orderBy('offerings.name')
    .execute();
}

export async function findOffering(db: Executor, termId: string, offeringId: string) {
  return offeringQuery(db)
    .where('offerings.term_id', '=', termId)
    .where('offerings.id', '=', offeringId)
    .executeTakeFirst();
}

export async function offeringNameTaken(db: Executor, termId: string, name: string, exceptId?: string) {
  let q = db.selectFrom('offerings').select('id').where('term_id', '=', termId).where('name', '=', name);
  if (exceptId) q = q.where('id', '!=', exceptId);
  return (await q.executeTakeFirst()) !== undefined;
}

export async function countOfferingsInSession(db: Executor, sessionId: string) {
  const row = await db
    .selectFrom('offerings')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('session_id', '=', sessionId)
    .executeTakeFirst();
  return toNumber(row?.n);
}

export async function countApplicationLines(db: Executor, offeringId: string) {
  const row = await db
    .selectFrom('application_lines')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('offering_id', '=', offeringId)
    .executeTakeFirst();
  return toNumber(row?.n);
}

export async function insertOffering(db: Executor, row: DB['offerings']) {
  await db.insertInto('offerings').values(row).execute();
}

export async function updateOffering(db: Executor, offeringId: string, changes: Partial<DB['offerings']>) {
  await db.updateTable('offerings').set(changes).where('id', '=', offeringId).execute();
}

export async function deleteOffering(db: Executor, offeringId: string) {
  await db.deleteFrom('offerings').where('id', '=', offeringId).execute();
}

/** Whether an account holds an active staff role (anything but parent) at the school. */
export async function isStaffOf(db: Executor, schoolId: string, userId: string) {
  const row = await db
    .selectFrom('role_grants')
    .innerJoin('users', 'users.id', 'role_grants.user_id')
    .select('role_grants.id')
    .where('role_grants.user_id', '=', userId)
    .where('role_grants.school_id', '=', schoolId)
    .where('role_grants.role', '!=', 'parent')
    .where('users.disabled', '=', 0)
    .executeTakeFirst();
  return row !== undefined;
}

/** The terms of several schools ending on or after a date (the district's report). */
export async function termsOfSchools(db: Executor, schoolIds: string[], endingFrom: string) {
  if (schoolIds.length === 0) return [];
  const rows = await db
    .selectFrom('terms')
    .select(termColumns)
    .where('school_id', 'in', schoolIds)
    .where('ends_on', '>=', endingFrom)
    .orderBy('starts_on')
    .execute();
  return rows.map(toTerm);
}
