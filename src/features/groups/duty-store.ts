// Queries of duty swaps (STAFF-5): the swap rows with the names and duty they refer to, locks, and
// the open ones. No business decisions.
import { type DialectName, forUpdate } from '../../db/dialect';
import type { DB } from '../../db/schema';
import type { Executor } from '../../server/context';

export async function insertSwap(db: Executor, row: DB['duty_swaps']) {
  await db.insertInto('duty_swaps').values(row).execute();
}

export async function openSwapOf(db: Executor, assignmentId: string) {
  return db
    .selectFrom('duty_swaps')
    .select(['id', 'status'])
    .where('assignment_id', '=', assignmentId)
    .where('status', 'in', ['requested', 'accepted'])
    .executeTakeFirst();
}

export async function updateSwap(db: Executor, swapId: string, changes: Partial<DB['duty_swaps']>) {
  await db.updateTable('duty_swaps').set(changes).where('id', '=', swapId).execute();
}

export async function listSwaps(
  db: Executor,
  schoolId: string,
  filter: { status?: string; involving?: string; ids?: string[] },
) {
  let q = db
    .selectFrom('duty_swaps as w')
    .innerJoin('duty_assignments as a', 'a.id', 'w.assignment_id')
    .innerJoin('term_sessions as s', 's.id', 'a.session_id')
    .leftJoin('temp_classes as c', 'c.id', 'a.temp_class_id')
    .innerJoin('users as f', 'f.id', 'w.from_user_id')
    .innerJoin('users as t', 't.id', 'w.to_user_id')
    .select([
      'w.id',
      'w.assignment_id as assignmentId',
      'a.date',
      's.name as sessionName',
      'a.role',
      'c.name as className',
      'w.from_user_id as fromUserId',
      'f.display_name as fromName',
      'w.to_user_id as toUserId',
      't.display_name as toName',
      'w.status',
      'w.reason',
      'w.requested_at as requestedAt',
      'w.accepted_at as acceptedAt',
      'w.decided_at as decidedAt',
      'w.decision_note as decisionNote',
    ])
    .where('w.school_id', '=', schoolId);
  if (filter.status) q = q.where('w.status', '=', filter.status);
  if (filter.involving) {
    const user = filter.involving;
    q = q.where((eb) => eb.or([eb('w.from_user_id', '=', user), eb('w.to_user_id', '=', user)]));
  }
  if (filter.ids) q = q.where('w.id', 'in', filter.ids);
  return q.orderBy('w.requested_at', 'desc').orderBy('w.id').limit(500).execute();
}

export async function lockSwap(db: Executor, dialect: DialectName, schoolId: string, swapId: string) {
  return forUpdate(
    dialect,
    db.selectFrom('duty_swaps').selectAll().where('school_id', '=', schoolId).where('id', '=', swapId),
  ).executeTakeFirst();
}

/** Open swaps (requested or accepted) of these duties. */
export async function openSwapsOf(db: Executor, assignmentIds: string[]) {
  if (assignmentIds.length === 0) return [];
  return db
    .selectFrom('duty_swaps')
    .select(['assignment_id as assignmentId', 'status'])
    .where('assignment_id', 'in', assignmentIds)
    .where('status', 'in', ['requested', 'accepted'])
    .execute();
}
