// Kysely queries for withdrawal requests (ENR-6).
import { toNumber } from '../../db/dialect';
import type { DB } from '../../db/schema';
import type { Executor } from '../../server/context';
import type { WithdrawalStatus } from './rules';

export async function insertWithdrawal(db: Executor, row: DB['withdrawals']): Promise<void> {
  await db.insertInto('withdrawals').values(row).execute();
}

const withdrawalColumns = [
  'withdrawals.id',
  'withdrawals.application_id as applicationId',
  'withdrawals.line_id as lineId',
  'offerings.name as offeringName',
  'withdrawals.reason',
  'withdrawals.effective_on as effectiveOn',
  'withdrawals.status',
  'withdrawals.requested_at as requestedAt',
  'withdrawals.decided_at as decidedAt',
  'withdrawals.decision_note as decisionNote',
] as const;

export async function withdrawalsOf(db: Executor, applicationIds: string[]) {
  if (applicationIds.length === 0) return [];
  const rows = await db
    .selectFrom('withdrawals')
    .leftJoin('application_lines', 'application_lines.id', 'withdrawals.line_id')
    .leftJoin('offerings', 'offerings.id', 'application_lines.offering_id')
    .select(withdrawalColumns)
    .where('withdrawals.application_id', 'in', applicationIds)
    .orderBy('withdrawals.id')
    .execute();
  return rows.map((r) => ({ ...r, status: r.status as WithdrawalStatus }));
}

export interface WithdrawalFilter {
  status?: WithdrawalStatus | undefined;
  termId?: string | undefined;
  offset: number;
  limit: number;
}

export async function listWithdrawals(db: Executor, schoolId: string, filter: WithdrawalFilter) {
  let base = db
    .selectFrom('withdrawals')
    .innerJoin('applications', 'applications.id', 'withdrawals.application_id')
    .innerJoin('students', 'students.id', 'applications.student_id')
    .innerJoin('classes', 'classes.id', 'students.class_id')
    .leftJoin('application_lines', 'application_lines.id', 'withdrawals.line_id')
    .leftJoin('offerings', 'offerings.id', 'application_lines.offering_id')
    .where('withdrawals.school_id', '=', schoolId);
  if (filter.status) base = base.where('withdrawals.status', '=', filter.status);
  if (filter.termId) base = base.where('applications.term_id', '=', filter.termId);
  const [rows, count] = await Promise.all([
    base
      .select([
        ...withdrawalColumns,
        'applications.public_ref as publicRef',
        'students.name as studentName',
        'classes.grade',
        'classes.class_no as classNo',
      ])
      .orderBy('withdrawals.id', 'desc')
      .offset(filter.offset)
      .limit(filter.limit)
      .execute(),
    base.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow(),
  ]);
  return {
    items: rows.map((r) => ({ ...r, status: r.status as WithdrawalStatus })),
    total: toNumber(count.n as number | string),
  };
}
