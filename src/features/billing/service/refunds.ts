// Money paid back to a family (FEE-4 多还少补, the large-money rule): finance proposes a refund of
// an over-payment; the school admin approves or rejects it, and never the person who proposed it.
// Approval writes `payout` (+, family book) and `fee_payout` (−, fund book) in the same
// transaction, tells the family, and is audited; a refund is decided once (the row is locked on
// PostgreSQL, so two concurrent approvals approve once).

import { sql } from 'kysely';
import { forUpdate, toNumber } from '../../../db/dialect';
import type { DB } from '../../../db/schema';
import { accessSchool, auditor } from '../../../server/auth/access';
import type { Actor } from '../../../server/auth/policies';
import { type AppContext, type Executor, newId, type RequestMeta } from '../../../server/context';
import { AppError } from '../../../server/errors';
import { type IdempotentAnswer, runIdempotent } from '../../../server/idempotency';
import { writeAudit } from '../../audit/store';
import { guardianUsersOf } from '../../daily/incident-store';
import { schoolAdminIds } from '../../enrolment/store';
import { notification } from '../../notify/messages';
import { notify } from '../../notify/store';
import * as programme from '../../programme/store';
import { appendEntries } from '../ledger';
import { formatYuan } from '../money';
import * as paymentsStore from '../payments-store';
import type { Stream } from '../rules';
import type {
  DecisionInput,
  RefundableView,
  RefundInput,
  RefundView,
  refundListQuery,
} from '../settlement-contract';
import { refundableFen } from '../settlement-rules';
import { writeSheet } from '../settlement-xlsx';

type Db = Executor;

/** What may still be proposed for a student: the over-payment less the proposals pending. */
export async function refundableFor(
  db: Db,
  schoolId: string,
  termId: string,
  studentId: string,
  stream: Stream,
): Promise<{ overpaidFen: number; pendingFen: number; refundableFen: number }> {
  const owed = await db
    .selectFrom('ledger_entries')
    .select(sql<number | string | null>`sum(amount_fen)`.as('owed'))
    .where('school_id', '=', schoolId)
    .where('term_id', '=', termId)
    .where('book', '=', 'family')
    .where('student_id', '=', studentId)
    .where('stream', '=', stream)
    .executeTakeFirst();
  const pending = await db
    .selectFrom('refunds')
    .select(sql<number | string | null>`sum(amount_fen)`.as('pending'))
    .where('term_id', '=', termId)
    .where('student_id', '=', studentId)
    .where('stream', '=', stream)
    .where('status', '=', 'proposed')
    .executeTakeFirst();
  const overpaidFen = -toNumber(owed?.owed);
  const pendingFen = toNumber(pending?.pending);
  return { overpaidFen, pendingFen, refundableFen: refundableFen(-overpaidFen, pendingFen) };
}

/** The student's row locked (payments-store `lockStudent`), or NOT_FOUND. */
export async function lockStudent(db: Db, ctx: AppContext, schoolId: string, studentId: string) {
  const row = await paymentsStore.lockStudent(db, ctx.dialect, schoolId, studentId);
  if (!row) throw new AppError('NOT_FOUND');
  return row;
}

/**
 * Writes a proposal after checking it against what is refundable; the caller holds the student's
 * lock. Shared by finance's proposal and the term end's over-payment.
 */
export async function insertProposal(
  trx: Db,
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  school: { id: string; districtId: string },
  student: { id: string; name: string },
  input: { termId: string; stream: Stream; amountFen: number; reason: string },
): Promise<DB['refunds']> {
  const { refundableFen } = await refundableFor(trx, school.id, input.termId, student.id, input.stream);
  if (input.amountFen > refundableFen)
    throw new AppError('REFUND_OVER_BALANCE', {
      amount: formatYuan(input.amountFen),
      available: formatYuan(refundableFen),
    });
  const at = ctx.now().toISOString();
  const row: DB['refunds'] = {
    id: newId(),
    school_id: school.id,
    term_id: input.termId,
    student_id: student.id,
    stream: input.stream,
    amount_fen: input.amountFen,
    reason: input.reason,
    status: 'proposed',
    proposed_by: actor.userId,
    proposed_at: at,
    decided_by: null,
    decided_at: null,
    decision_note: null,
  };
  await trx.insertInto('refunds').values(row).execute();
  await writeAudit(trx, auditor(ctx, actor, meta, school)('refund.propose', 'refund', row.id, null, row));
  const admins = (await schoolAdminIds(trx, school.id)).filter((id) => id !== actor.userId);
  await notify(
    trx,
    at,
    admins.map((userId) =>
      notification(
        'refund.proposed',
        { userId, schoolId: school.id },
        { student: student.name, amount: formatYuan(input.amountFen), proposer: actor.displayName },
        '/finance/refunds',
      ),
    ),
  );
  return row;
}

export async function proposeRefund(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  schoolId: string,
  input: RefundInput,
  idempotencyKey?: string,
): Promise<IdempotentAnswer<RefundView>> {
  return runIdempotent(
    ctx,
    { userId: actor.userId, key: idempotencyKey, operation: 'proposeRefund', input: { schoolId, input } },
    async (trx) => {
      const { school } = await accessSchool(trx, actor, schoolId, 'refund.propose');
      const term = await programme.findTerm(trx, school.id, input.termId);
      if (!term) throw new AppError('NOT_FOUND');
      // Proposals for one student serialise on the student row (PostgreSQL), so two cannot both
      // take the same over-payment.
      const student = await lockStudent(trx, ctx, school.id, input.studentId);
      const row = await insertProposal(trx, ctx, actor, meta, school, student, input);
      return { status: 201, body: (await refundViews(trx, [row]))[0]! };
    },
  );
}

export async function decideRefund(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  schoolId: string,
  refundId: string,
  decision: 'approve' | 'reject',
  input: DecisionInput,
): Promise<RefundView> {
  return ctx.db.transaction().execute(async (trx) => {
    const { school } = await accessSchool(trx, actor, schoolId, 'refund.approve');
    const refund = await forUpdate(
      ctx.dialect,
      trx.selectFrom('refunds').selectAll().where('school_id', '=', school.id).where('id', '=', refundId),
    ).executeTakeFirst();
    if (!refund) throw new AppError('NOT_FOUND');
    if (refund.status !== 'proposed') throw new AppError('REFUND_NOT_PENDING', { status: refund.status });
    // The large-money rule: a second person decides.
    if (refund.proposed_by === actor.userId) throw new AppError('REFUND_SAME_PERSON');
    const at = ctx.now().toISOString();
    const stream = refund.stream as Stream;
    const student = await lockStudent(trx, ctx, school.id, refund.student_id);
    if (decision === 'approve') {
      // The over-payment may have shrunk since the proposal (a later charge): never pay out more
      // than was paid beyond what is owed.
      const { overpaidFen } = await refundableFor(trx, school.id, refund.term_id, refund.student_id, stream);
      if (refund.amount_fen > overpaidFen)
        throw new AppError('REFUND_OVER_BALANCE', {
          amount: formatYuan(refund.amount_fen),
          available: formatYuan(Math.max(0, overpaidFen)),
        });
      const common = {
        schoolId: school.id,
        termId: refund.term_id,
        stream,
        sourceType: 'refund',
        sourceId: refund.id,
        reasonCode: 'payout',
        reasonParams: { reason: refund.reason, amount: formatYuan(refund.amount_fen) },
      };
      await appendEntries(
        trx,
        [
          {
            ...common,
            book: 'family',
            kind: 'payout',
            studentId: refund.student_id,
            amountFen: refund.amount_fen,
            entryKey: `payout:${refund.id}`,
          },
          {
            ...common,
            book: 'fund',
            kind: 'fee_payout',
            amountFen: -refund.amount_fen,
            entryKey: `fee_payout:${refund.id}`,
          },
        ],
        at,
        actor.userId,
      );
    }
    const changes = {
      status: decision === 'approve' ? 'approved' : 'rejected',
      decided_by: actor.userId,
      decided_at: at,
      decision_note: input.note,
    };
    await trx.updateTable('refunds').set(changes).where('id', '=', refund.id).execute();
    await writeAudit(
      trx,
      auditor(ctx, actor, meta, school)(`refund.${decision}`, 'refund', refund.id, refund, {
        ...refund,
        ...changes,
      }),
    );
    if (decision === 'approve') {
      const families = await guardianUsersOf(trx, [refund.student_id]);
      await notify(
        trx,
        at,
        families.map((f) =>
          notification(
            'refund.approved',
            { userId: f.userId, schoolId: school.id },
            { student: student.name, amount: formatYuan(refund.amount_fen), reason: refund.reason },
            '/bills',
          ),
        ),
      );
    }
    return (await refundViews(trx, [{ ...refund, ...changes }]))[0]!;
  });
}

export async function refundViews(db: Db, rows: DB['refunds'][]): Promise<RefundView[]> {
  if (rows.length === 0) return [];
  const students = new Map(
    (
      await db
        .selectFrom('students')
        .select(['id', 'name'])
        .where('id', 'in', [...new Set(rows.map((r) => r.student_id))])
        .execute()
    ).map((s) => [s.id, s.name]),
  );
  const userIds = [...new Set(rows.flatMap((r) => [r.proposed_by, r.decided_by ?? r.proposed_by]))];
  const users = new Map(
    (await db.selectFrom('users').select(['id', 'display_name']).where('id', 'in', userIds).execute()).map(
      (u) => [u.id, u.display_name],
    ),
  );
  return rows.map((r) => ({
    id: r.id,
    termId: r.term_id,
    studentId: r.student_id,
    studentName: students.get(r.student_id) ?? '',
    stream: r.stream as Stream,
    amountFen: Number(r.amount_fen),
    reason: r.reason,
    status: r.status as RefundView['status'],
    proposedBy: r.proposed_by,
    proposedByName: users.get(r.proposed_by) ?? '',
    proposedAt: r.proposed_at,
    decidedBy: r.decided_by,
    decidedByName: r.decided_by ? (users.get(r.decided_by) ?? '') : null,
    decidedAt: r.decided_at,
    decisionNote: r.decision_note,
  }));
}

export async function listRefunds(
  ctx: AppContext,
  actor: Actor,
  schoolId: string,
  query: import('zod').infer<typeof refundListQuery>,
): Promise<{ items: RefundView[] }> {
  const { school, scope } = await accessSchool(ctx.db, actor, schoolId, 'billing.read');
  let q = ctx.db.selectFrom('refunds').selectAll('refunds').where('refunds.school_id', '=', school.id);
  if (query.termId) q = q.where('refunds.term_id', '=', query.termId);
  if (query.status) q = q.where('refunds.status', '=', query.status);
  if (query.studentId) q = q.where('refunds.student_id', '=', query.studentId);
  if (!scope.all) {
    // A family reads its own children's refunds only.
    const familyOf = scope.familyOf;
    if (!familyOf) throw new AppError('FORBIDDEN');
    q = q.where('refunds.student_id', 'in', (eb) =>
      eb
        .selectFrom('student_guardians as sg')
        .innerJoin('guardians as g', 'g.id', 'sg.guardian_id')
        .select('sg.student_id')
        .where('g.user_id', '=', familyOf),
    );
  }
  const rows = await q.orderBy('refunds.proposed_at', 'desc').orderBy('refunds.id').execute();
  return { items: await refundViews(ctx.db, rows) };
}

/** Students of the term whose family paid more than it owes, with what may still be proposed. */
export async function listRefundable(
  ctx: AppContext,
  actor: Actor,
  schoolId: string,
  termId: string,
  stream: Stream,
): Promise<RefundableView> {
  const { school } = await accessSchool(ctx.db, actor, schoolId, 'refund.propose');
  const term = await programme.findTerm(ctx.db, school.id, termId);
  if (!term) throw new AppError('NOT_FOUND');
  const rows = await ctx.db
    .selectFrom('ledger_entries as e')
    .innerJoin('students as s', 's.id', 'e.student_id')
    .innerJoin('classes as c', 'c.id', 's.class_id')
    .select([
      'e.student_id',
      's.name',
      's.student_no',
      'c.grade',
      'c.class_no',
      sql<number | string>`sum(e.amount_fen)`.as('owed'),
    ])
    .where('e.school_id', '=', school.id)
    .where('e.term_id', '=', term.id)
    .where('e.book', '=', 'family')
    .where('e.stream', '=', stream)
    .groupBy(['e.student_id', 's.name', 's.student_no', 'c.grade', 'c.class_no'])
    .having(sql`sum(e.amount_fen)`, '<', 0)
    .orderBy('c.grade')
    .orderBy('c.class_no')
    .orderBy('s.student_no')
    .execute();
  const pending = new Map(
    (
      await ctx.db
        .selectFrom('refunds')
        .select(['student_id', sql<number | string>`sum(amount_fen)`.as('pending')])
        .where('term_id', '=', term.id)
        .where('stream', '=', stream)
        .where('status', '=', 'proposed')
        .groupBy('student_id')
        .execute()
    ).map((r) => [r.student_id, toNumber(r.pending)]),
  );
  return {
    items: rows.map((r) => {
      const overpaidFen = -toNumber(r.owed);
      const pendingFen = pending.get(r.student_id!) ?? 0;
      return {
        studentId: r.student_id!,
        studentName: r.name,
        studentNo: r.student_no,
        grade: Number(r.grade),
        classNo: Number(r.class_no),
        overpaidFen,
        pendingFen,
        refundableFen: refundableFen(-overpaidFen, pendingFen),
      };
    }),
  };
}

export async function exportRefunds(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  schoolId: string,
  query: import('zod').infer<typeof refundListQuery>,
): Promise<{ file: Buffer; filename: string }> {
  const { items } = await listRefunds(ctx, actor, schoolId, query);
  const en = meta.locale === 'en';
  const status = (s: string) =>
    en ? s : ({ proposed: '待审批', approved: '已批准', rejected: '已驳回' } as Record<string, string>)[s]!;
  const file = await writeSheet(en ? 'Refunds' : '退费', [
    { header: en ? 'Name' : '姓名', width: 10, values: items.map((r) => r.studentName) },
    { header: en ? 'Stream' : '类别', width: 8, values: items.map((r) => r.stream) },
    { header: en ? 'Amount' : '金额', width: 10, money: true, values: items.map((r) => r.amountFen) },
    { header: en ? 'Reason' : '原因', width: 30, values: items.map((r) => r.reason) },
    { header: en ? 'Status' : '状态', width: 8, values: items.map((r) => status(r.status)) },
    { header: en ? 'Proposed by' : '提出人', width: 12, values: items.map((r) => r.proposedByName) },
    { header: en ? 'Proposed at' : '提出时间', width: 22, values: items.map((r) => r.proposedAt) },
    { header: en ? 'Decided by' : '审批人', width: 12, values: items.map((r) => r.decidedByName) },
    { header: en ? 'Decided at' : '审批时间', width: 22, values: items.map((r) => r.decidedAt) },
    { header: en ? 'Note' : '审批意见', width: 30, values: items.map((r) => r.decisionNote) },
  ]);
  return { file, filename: `refunds-${ctx.now().toISOString().slice(0, 10)}.xlsx` };
}

export type { Db };
