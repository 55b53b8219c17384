// The term end (FEE-4 多还少补): once the term's last month is settled, finance closes each
// student's balance per stream: balance = paid − (charged − waivers − refunds), from the ledger.
// An over-payment becomes a proposed refund (the school admin still approves it), a shortfall is
// told to the family, an even balance needs nothing. Once per student and stream.
//
// The service stream closes only when every month of the term is settled (TERM_NOT_SETTLED names
// the first month that is not): its balance then holds every credit and adjustment. Once a student's
// service stream is closed, a later settlement writes no credit or adjustment for them (its line
// says so, `settle.term_closed`), and a later term-bill issue skips them (bills-issue).
// The meal stream closes on what has been billed: meal bills and corrections written so far
// (meals.ts); a meal correction still to come is not waited for. It still requires the term's last
// month settled, as the service stream's closing does.
import { sql } from 'kysely';
import { toNumber } from '../../../db/dialect';
import type { DB } from '../../../db/schema';
import { accessSchool, auditor } from '../../../server/auth/access';
import type { Actor } from '../../../server/auth/policies';
import { type AppContext, type Executor, newId, type RequestMeta } from '../../../server/context';
import { AppError } from '../../../server/errors';
import { writeAudit } from '../../audit/store';
import { guardianUsersOf } from '../../daily/incident-store';
import { notification } from '../../notify/messages';
import { notify } from '../../notify/store';
import * as programme from '../../programme/store';
import { formatYuan } from '../money';
import { type Stream, streams, termBalance, termMonths } from '../rules';
import type { ClosingInput, ClosingView } from '../settlement-contract';
import { findSettlement } from '../settlement-store';
import { insertProposal, lockStudent, refundableFor } from './refunds';

/** Per student, the family book's sums by kind (reversals folded into the kind they reverse). */
async function kindSums(db: Executor, schoolId: string, termId: string, stream: Stream, studentId?: string) {
  const rows = await sql<{ student_id: string; kind: string; total: number | string }>`
    select e.student_id, coalesce(o.kind, e.kind) as kind, sum(e.amount_fen) as total
    from ledger_entries e
    left join ledger_entries o on o.id = e.reverses_id
    where e.school_id = ${schoolId} and e.term_id = ${termId} and e.book = 'family'
      and e.stream = ${stream} and e.student_id is not null
      ${studentId ? sql`and e.student_id = ${studentId}` : sql``}
    group by e.student_id, coalesce(o.kind, e.kind)`.execute(db);
  const byStudent = new Map<string, Record<string, number>>();
  for (const r of rows.rows) {
    const sums = byStudent.get(r.student_id) ?? {};
    sums[r.kind] = (sums[r.kind] ?? 0) + toNumber(r.total);
    byStudent.set(r.student_id, sums);
  }
  return byStudent;
}

/** The term totals of one student's family book, as termBalance reads them. */
export function totalsFromKinds(k: Record<string, number>) {
  const v = (kind: string) => k[kind] ?? 0;
  return {
    chargedFen: v('charge') + v('meal_charge'),
    waivedFen: -v('waiver'),
    creditedFen: -(v('credit') + v('adjustment')),
    paidFen: -(v('payment') + v('payout')),
  };
}

export async function closeTerm(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  schoolId: string,
  termId: string,
  input: ClosingInput,
): Promise<{ closed: ClosingView[]; alreadyClosed: number }> {
  return ctx.db.transaction().execute(async (trx) => {
    const { school } = await accessSchool(trx, actor, schoolId, 'settlement.run');
    const term = await programme.lockTerm(trx, ctx.dialect, school.id, termId);
    if (!term) throw new AppError('NOT_FOUND');
    const months = termMonths(term);
    const wantsService = !input.stream || input.stream === 'service';
    // FEE-4, FEE-5: the service balance is final only once every month's refunds are in it.
    for (const month of wantsService ? months : [months.at(-1)!])
      if (!(await findSettlement(trx, term.id, month))) throw new AppError('TERM_NOT_SETTLED', { month });
    const one = input.studentId ? await lockStudent(trx, ctx, school.id, input.studentId) : null;
    const at = ctx.now().toISOString();
    const closed: DB['term_closings'][] = [];
    let alreadyClosed = 0;
    for (const stream of input.stream ? [input.stream] : streams) {
      const done = new Set(
        (
          await trx
            .selectFrom('term_closings')
            .select('student_id')
            .where('term_id', '=', term.id)
            .where('stream', '=', stream)
            .execute()
        ).map((r) => r.student_id),
      );
      const sums = await kindSums(trx, school.id, term.id, stream, one?.id);
      if (one && !sums.has(one.id)) sums.set(one.id, {});
      for (const [studentId, kinds] of sums) {
        if (done.has(studentId)) {
          if (one) throw new AppError('TERM_CLOSED_FOR_STUDENT', { student: one.name });
          alreadyClosed += 1;
          continue;
        }
        const { netFen, balanceFen, outcome } = termBalance(totalsFromKinds(kinds));
        const totals = totalsFromKinds(kinds);
        let refundId: string | null = null;
        const student = one ?? (await lockStudent(trx, ctx, school.id, studentId));
        if (outcome === 'refund') {
          // What is not already awaiting approval in another proposal.
          const { refundableFen } = await refundableFor(trx, school.id, term.id, studentId, stream);
          const amountFen = Math.min(balanceFen, refundableFen);
          if (amountFen > 0) {
            const refund = await insertProposal(trx, ctx, actor, meta, school, student, {
              termId: term.id,
              stream,
              amountFen,
              reason: `期末结算多缴退还（${term.name}）`,
            });
            refundId = refund.id;
          }
        } else if (outcome === 'shortfall') {
          const families = await guardianUsersOf(trx, [studentId]);
          await notify(
            trx,
            at,
            families.map((f) =>
              notification(
                'term.shortfall',
                { userId: f.userId, schoolId: school.id },
                { student: student.name, term: term.name, amount: formatYuan(-balanceFen) },
                '/bills',
              ),
            ),
          );
        }
        const row: DB['term_closings'] = {
          id: newId(),
          school_id: school.id,
          term_id: term.id,
          student_id: studentId,
          stream,
          paid_fen: totals.paidFen,
          net_fen: netFen,
          balance_fen: balanceFen,
          outcome,
          refund_id: refundId,
          closed_at: at,
          closed_by: actor.userId,
        };
        await trx.insertInto('term_closings').values(row).execute();
        closed.push(row);
      }
    }
    if (closed.length > 0)
      await writeAudit(
        trx,
        closed.map((row) =>
          auditor(ctx, actor, meta, school)('term.close', 'term_closing', row.id, null, row),
        ),
      );
    return { closed: await closingViews(trx, closed), alreadyClosed };
  });
}

async function closingViews(db: Executor, rows: DB['term_closings'][]): Promise<ClosingView[]> {
  if (rows.length === 0) return [];
  const names = new Map<string, string>();
  const ids = [...new Set(rows.map((r) => r.student_id))];
  for (let i = 0; i < ids.length; i += 500)
    for (const s of await db
      .selectFrom('students')
      .select(['id', 'name'])
      .where('id', 'in', ids.slice(i, i + 500))
      .execute())
      names.set(s.id, s.name);
  return rows.map((r) => ({
    id: r.id,
    studentId: r.student_id,
    studentName: names.get(r.student_id) ?? '',
    stream: r.stream as Stream,
    paidFen: Number(r.paid_fen),
    netFen: Number(r.net_fen),
    balanceFen: Number(r.balance_fen),
    outcome: r.outcome as ClosingView['outcome'],
    refundId: r.refund_id,
    closedAt: r.closed_at,
  }));
}

export async function listClosings(
  ctx: AppContext,
  actor: Actor,
  schoolId: string,
  termId: string,
): Promise<{ items: ClosingView[] }> {
  const { school, scope } = await accessSchool(ctx.db, actor, schoolId, 'billing.read');
  if (!scope.all) throw new AppError('FORBIDDEN');
  const term = await programme.findTerm(ctx.db, school.id, termId);
  if (!term) throw new AppError('NOT_FOUND');
  const rows = await ctx.db
    .selectFrom('term_closings')
    .selectAll()
    .where('term_id', '=', term.id)
    .orderBy('closed_at')
    .orderBy('id')
    .execute();
  return { items: await closingViews(ctx.db, rows) };
}
