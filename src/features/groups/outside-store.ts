// Queries of outside staff and their checks (STAFF-6); a person's institution is joined in, the
// institutions themselves are queried in district/institutions-store.ts (DIST-2).
import type { DB } from '../../db/schema';
import type { Executor } from '../../server/context';
import type { CheckKind, CheckRecord } from './outside-rules';

const personColumns = [
  'o.id',
  'o.school_id as schoolId',
  'o.user_id as userId',
  'o.name',
  'o.kind',
  'o.institution_id as institutionId',
  'i.name as institutionName',
  'i.status as institutionStatus',
  'o.phone',
  'o.id_number as idNumber',
  'o.status',
  'o.created_at as createdAt',
  'o.updated_at as updatedAt',
] as const;

function people(db: Executor) {
  return db.selectFrom('outside_staff as o').leftJoin('institutions as i', 'i.id', 'o.institution_id');
}

export type OutsideRow = Awaited<ReturnType<typeof findOutside>> & object;

export async function findOutside(db: Executor, schoolId: string, id: string) {
  return people(db)
    .select(personColumns)
    .where('o.school_id', '=', schoolId)
    .where('o.id', '=', id)
    .executeTakeFirst();
}

export async function listOutside(db: Executor, schoolId: string) {
  return people(db)
    .select(personColumns)
    .where('o.school_id', '=', schoolId)
    .orderBy('o.name')
    .orderBy('o.id')
    .execute();
}

/** The school's outside staff who have an account (they are the ones a roster can name). */
export async function outsideWithAccounts(db: Executor, schoolId: string) {
  return people(db)
    .select(personColumns)
    .where('o.school_id', '=', schoolId)
    .where('o.user_id', 'is not', null)
    .execute();
}

export async function outsideOfUser(db: Executor, schoolId: string, userId: string) {
  return people(db)
    .select(personColumns)
    .where('o.school_id', '=', schoolId)
    .where('o.user_id', '=', userId)
    .orderBy('o.created_at', 'desc')
    .executeTakeFirst();
}

export async function insertOutside(db: Executor, row: DB['outside_staff']) {
  await db.insertInto('outside_staff').values(row).execute();
}

export async function updateOutside(db: Executor, id: string, changes: Partial<DB['outside_staff']>) {
  await db.updateTable('outside_staff').set(changes).where('id', '=', id).execute();
}

export async function insertCheck(db: Executor, row: DB['outside_staff_checks']) {
  await db.insertInto('outside_staff_checks').values(row).execute();
}

export interface CheckRow extends CheckRecord {
  id: string;
  outsideStaffId: string;
  note: string;
  checkedOn: string | null;
  recordedBy: string;
}

/** Every recorded check of these people, oldest first (the latest per kind counts). */
export async function checksOf(db: Executor, ids: string[]): Promise<CheckRow[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('outside_staff_checks')
    .selectAll()
    .where('outside_staff_id', 'in', ids)
    .orderBy('recorded_at')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    outsideStaffId: r.outside_staff_id,
    kind: r.check_kind as CheckKind,
    passed: r.passed === 1,
    validUntil: r.valid_until,
    recordedAt: r.recorded_at,
    note: r.note,
    checkedOn: r.checked_on,
    recordedBy: r.recorded_by,
  }));
}

/** Whether the user holds the outside_staff role at the school (the account an outside person uses). */
export async function hasOutsideRole(db: Executor, schoolId: string, userId: string) {
  const row = await db
    .selectFrom('role_grants')
    .select('id')
    .where('school_id', '=', schoolId)
    .where('user_id', '=', userId)
    .where('role', '=', 'outside_staff')
    .executeTakeFirst();
  return row !== undefined;
}
