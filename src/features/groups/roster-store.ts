// Queries of staff profiles, availability, duty rosters and swaps (STAFF-5). No business decisions.

import { insertInChunks } from '../../db/batch';
import { type DialectName, forUpdate, toNumber } from '../../db/dialect';
import type { DB } from '../../db/schema';
import type { Executor } from '../../server/context';

/** Roles that stand for classes; parents, guards and finance are not rostered. */
export const rosterRoles = ['school_admin', 'class_teacher', 'care_teacher', 'outside_staff'] as const;

export interface StaffRow {
  userId: string;
  name: string;
  roles: string[];
  subject: string | null;
  maxDutiesPerWeek: number | null;
}

/** Active staff of the school who may be rostered, with their profile. */
export async function rosterableStaff(db: Executor, schoolId: string): Promise<StaffRow[]> {
  const rows = await db
    .selectFrom('role_grants as g')
    .innerJoin('users as u', 'u.id', 'g.user_id')
    .leftJoin('staff_profiles as p', (j) =>
      j.onRef('p.user_id', '=', 'g.user_id').on('p.school_id', '=', schoolId),
    )
    .select(['u.id', 'u.display_name', 'g.role', 'p.subject', 'p.max_duties_per_week'])
    .where('g.school_id', '=', schoolId)
    .where('g.role', 'in', [...rosterRoles])
    .where('u.disabled', '=', 0)
    .orderBy('u.display_name')
    .orderBy('u.id')
    .execute();
  const byId = new Map<string, StaffRow>();
  for (const r of rows) {
    const seen = byId.get(r.id);
    if (seen) {
      if (!seen.roles.includes(r.role)) seen.roles.push(r.role);
      continue;
    }
    byId.set(r.id, {
      userId: r.id,
      name: r.display_name,
      roles: [r.role],
      subject: r.subject ?? null,
      maxDutiesPerWeek: r.max_duties_per_week ?? null,
    });
  }
  return [...byId.values()];
}

export async function findProfile(db: Executor, schoolId: string, userId: string) {
  return db
    .selectFrom('staff_profiles')
    .selectAll()
    .where('school_id', '=', schoolId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
}

export async function upsertProfile(db: Executor, row: DB['staff_profiles']) {
  await db
    .insertInto('staff_profiles')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['school_id', 'user_id']).doUpdateSet({
        subject: row.subject,
        max_duties_per_week: row.max_duties_per_week,
        updated_at: row.updated_at,
      }),
    )
    .execute();
}

export async function availabilityOf(db: Executor, termId: string, userIds?: string[]) {
  let q = db
    .selectFrom('staff_availability')
    .select(['user_id as userId', 'session_id as sessionId', 'weekday'])
    .where('term_id', '=', termId);
  if (userIds) {
    if (userIds.length === 0) return [];
    q = q.where('user_id', 'in', userIds);
  }
  return q.orderBy('session_id').orderBy('weekday').execute();
}

export async function replaceAvailability(
  db: Executor,
  schoolId: string,
  termId: string,
  userId: string,
  slots: { sessionId: string; weekday: number; id: string }[],
  at: string,
) {
  await db
    .deleteFrom('staff_availability')
    .where('term_id', '=', termId)
    .where('user_id', '=', userId)
    .execute();
  if (slots.length === 0) return;
  await db
    .insertInto('staff_availability')
    .values(
      slots.map((s) => ({
        id: s.id,
        school_id: schoolId,
        term_id: termId,
        user_id: userId,
        session_id: s.sessionId,
        weekday: s.weekday,
        created_at: at,
      })),
    )
    .execute();
}

/** Temporary classes of a term with their current member counts (left_at is null). */
export async function classesOfTerm(db: Executor, termId: string) {
  const rows = await db
    .selectFrom('temp_classes as c')
    .leftJoin('temp_class_members as m', (j) =>
      j.onRef('m.temp_class_id', '=', 'c.id').on('m.left_at', 'is', null),
    )
    .select((eb) => [
      'c.id',
      'c.name',
      'c.session_id as sessionId',
      'c.head_teacher_id as headTeacherId',
      eb.fn.count<string | number>('m.id').as('members'),
    ])
    .where('c.term_id', '=', termId)
    .groupBy(['c.id', 'c.name', 'c.session_id', 'c.head_teacher_id'])
    .orderBy('c.name')
    .execute();
  return rows.map((r) => ({ ...r, members: toNumber(r.members) }));
}

// ---- rosters ----

export async function nextRosterVersion(db: Executor, termId: string): Promise<number> {
  const row = await db
    .selectFrom('duty_rosters')
    .select((eb) => eb.fn.max<number | string | null>('version').as('v'))
    .where('term_id', '=', termId)
    .executeTakeFirst();
  return toNumber(row?.v ?? 0) + 1;
}

export async function insertRoster(db: Executor, row: DB['duty_rosters']) {
  await db.insertInto('duty_rosters').values(row).execute();
}

/** Inserted in chunks: a term is thousands of duties, over SQLite's bound-parameter limit at once. */
export async function insertDuties(db: Executor, rows: DB['duty_assignments'][]) {
  await insertInChunks(db, 'duty_assignments', rows, 500);
}

const rosterColumns = [
  'r.id',
  'r.term_id as termId',
  'r.version',
  'r.status',
  'r.generated_at as generatedAt',
  'r.published_at as publishedAt',
  'r.unfilled',
] as const;

export async function findRoster(db: Executor, schoolId: string, rosterId: string) {
  return db
    .selectFrom('duty_rosters as r')
    .select(rosterColumns)
    .where('r.school_id', '=', schoolId)
    .where('r.id', '=', rosterId)
    .executeTakeFirst();
}

export async function rostersOfTerm(db: Executor, schoolId: string, termId: string) {
  const rows = await db
    .selectFrom('duty_rosters as r')
    .select([
      ...rosterColumns,
      (eb) =>
        eb
          .selectFrom('duty_assignments as a')
          .select((e) => e.fn.countAll<string | number>().as('n'))
          .whereRef('a.roster_id', '=', 'r.id')
          .as('dutyCount'),
    ])
    .where('r.school_id', '=', schoolId)
    .where('r.term_id', '=', termId)
    .orderBy('r.version', 'desc')
    .execute();
  return rows.map((r) => ({ ...r, dutyCount: toNumber(r.dutyCount) }));
}

export async function countDuties(db: Executor, rosterId: string): Promise<number> {
  const row = await db
    .selectFrom('duty_assignments')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .where('roster_id', '=', rosterId)
    .executeTakeFirst();
  return toNumber(row?.n);
}

export async function setRosterStatus(db: Executor, rosterId: string, changes: Partial<DB['duty_rosters']>) {
  await db.updateTable('duty_rosters').set(changes).where('id', '=', rosterId).execute();
}

export async function publishedRosterOf(db: Executor, termId: string) {
  return db
    .selectFrom('duty_rosters as r')
    .select(rosterColumns)
    .where('r.term_id', '=', termId)
    .where('r.status', '=', 'published')
    .executeTakeFirst();
}

const dutyColumns = [
  'a.id',
  'a.date',
  'a.session_id as sessionId',
  'a.temp_class_id as tempClassId',
  'a.role',
  'a.user_id as userId',
  'a.outside_staff_id as outsideStaffId',
] as const;

export async function dutiesOf(
  db: Executor,
  rosterId: string,
  filter: { from?: string; to?: string; userId?: string; tempClassId?: string },
) {
  let q = db.selectFrom('duty_assignments as a').select(dutyColumns).where('a.roster_id', '=', rosterId);
  if (filter.from) q = q.where('a.date', '>=', filter.from);
  if (filter.to) q = q.where('a.date', '<=', filter.to);
  if (filter.userId) q = q.where('a.user_id', '=', filter.userId);
  if (filter.tempClassId) q = q.where('a.temp_class_id', '=', filter.tempClassId);
  return q
    .orderBy('a.date')
    .orderBy('a.session_id')
    .orderBy('a.role')
    .orderBy('a.temp_class_id')
    .orderBy('a.id')
    .execute();
}

/** A user's duties in published rosters of the school, with names for the phone list. */
export async function publishedDutiesOfUser(
  db: Executor,
  schoolId: string,
  userId: string,
  from: string,
  to: string,
) {
  return db
    .selectFrom('duty_assignments as a')
    .innerJoin('duty_rosters as r', 'r.id', 'a.roster_id')
    .innerJoin('term_sessions as s', 's.id', 'a.session_id')
    .leftJoin('temp_classes as c', 'c.id', 'a.temp_class_id')
    .select([
      ...dutyColumns,
      's.name as sessionName',
      's.starts_at as startsAt',
      's.ends_at as endsAt',
      'c.name as className',
    ])
    .where('a.school_id', '=', schoolId)
    .where('a.user_id', '=', userId)
    .where('r.status', '=', 'published')
    .where('a.date', '>=', from)
    .where('a.date', '<=', to)
    .orderBy('a.date')
    .orderBy('s.starts_at')
    .execute();
}

/** One duty with its roster's status and term, locked for a swap decision. */
export async function findDuty(db: Executor, schoolId: string, assignmentId: string) {
  return db
    .selectFrom('duty_assignments as a')
    .innerJoin('duty_rosters as r', 'r.id', 'a.roster_id')
    .select([...dutyColumns, 'r.status as rosterStatus', 'r.term_id as termId', 'a.roster_id as rosterId'])
    .where('a.school_id', '=', schoolId)
    .where('a.id', '=', assignmentId)
    .executeTakeFirst();
}

/** A user's duties in one roster between two dates (for the double-booking and weekly checks). */
export async function dutiesOfUserInRoster(
  db: Executor,
  rosterId: string,
  userId: string,
  from: string,
  to: string,
) {
  return db
    .selectFrom('duty_assignments as a')
    .select(dutyColumns)
    .where('a.roster_id', '=', rosterId)
    .where('a.user_id', '=', userId)
    .where('a.date', '>=', from)
    .where('a.date', '<=', to)
    .execute();
}

export async function reassignDuty(
  db: Executor,
  assignmentId: string,
  userId: string,
  outsideStaffId: string | null,
) {
  await db
    .updateTable('duty_assignments')
    .set({ user_id: userId, outside_staff_id: outsideStaffId })
    .where('id', '=', assignmentId)
    .execute();
}

// ---- locks and small lookups the services decide on ----

/** The roster row, locked: publishing decides on its status and on the version in force. */
export async function lockRoster(db: Executor, dialect: DialectName, schoolId: string, rosterId: string) {
  return forUpdate(
    dialect,
    db.selectFrom('duty_rosters').selectAll().where('school_id', '=', schoolId).where('id', '=', rosterId),
  ).executeTakeFirst();
}

/** The term's published versions, locked (there is one, or none before the first publication). */
export async function lockPublished(db: Executor, dialect: DialectName, termId: string) {
  return forUpdate(
    dialect,
    db
      .selectFrom('duty_rosters')
      .select(['id', 'status', 'version'])
      .where('term_id', '=', termId)
      .where('status', '=', 'published'),
  ).execute();
}

export async function peopleOnRoster(db: Executor, rosterId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('duty_assignments')
    .select('user_id')
    .distinct()
    .where('roster_id', '=', rosterId)
    .execute();
  return rows.map((r) => r.user_id);
}

/** Locks one duty row, so requests for it serialise. */
export async function lockDuty(db: Executor, dialect: DialectName, assignmentId: string) {
  await forUpdate(
    dialect,
    db.selectFrom('duty_assignments').select('id').where('id', '=', assignmentId),
  ).executeTakeFirst();
}

export async function userNames(db: Executor, ids: string[]) {
  if (ids.length === 0) return [];
  return db.selectFrom('users').select(['id', 'display_name as name']).where('id', 'in', ids).execute();
}

/** How many duties a user still holds in the school's published rosters from a date on. */
export async function futurePublishedDuties(db: Executor, schoolId: string, userId: string, from: string) {
  const row = await db
    .selectFrom('duty_assignments as a')
    .innerJoin('duty_rosters as r', 'r.id', 'a.roster_id')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .where('a.school_id', '=', schoolId)
    .where('a.user_id', '=', userId)
    .where('r.status', '=', 'published')
    .where('a.date', '>=', from)
    .executeTakeFirst();
  return toNumber(row?.n);
}
