// Reading bills (FEE-4, FEE-6, FEE-11): one student's bill line by line, the finance lists
// (bills, arrears) and their Excel export, and a family's children. Only admin, finance and the
// family read a bill at all (billing.read); a family reads its own children, another child is
// "not found".
import type { z } from 'zod';
import { accessSchool } from '../../../server/auth/access';
import type { Actor } from '../../../server/auth/policies';
import type { AppContext, RequestMeta } from '../../../server/context';
import { AppError } from '../../../server/errors';
import { isGuardianOf } from '../../enrolment/draw-store';
import { classLabel } from '../../people/rules';
import { termOf } from '../../programme/service/common';
import { findTerm } from '../../programme/store';
import type { BillRow, billList, billListQuery, familyBills, StudentBill } from '../bills-contract';
import { buildStreamView } from '../bills-rules';
import * as store from '../bills-store';
import { writeBillsSheet } from '../bills-xlsx';
import { entriesOf } from '../ledger';
import * as payments from '../payments-store';
import { toPaymentView } from './payments-common';

type Card = NonNullable<Awaited<ReturnType<typeof store.studentCard>>>;
const studentRefOf = (c: Card, locale: RequestMeta['locale']) => ({
  id: c.id,
  name: c.name,
  studentNo: c.student_no,
  classId: c.class_id,
  classLabel: classLabel(Number(c.grade), Number(c.class_no), locale),
});

export async function getStudentBill(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  schoolId: string,
  termId: string,
  studentId: string,
): Promise<StudentBill> {
  const { school, scope } = await accessSchool(ctx.db, actor, schoolId, 'billing.read');
  if (!scope.all && !(scope.familyOf && (await isGuardianOf(ctx.db, actor.userId, studentId))))
    throw new AppError('NOT_FOUND');
  const [card, term] = await Promise.all([
    store.studentCard(ctx.db, school.id, studentId),
    findTerm(ctx.db, school.id, termId),
  ]);
  if (!card || !term) throw new AppError('NOT_FOUND');
  const [service, meal, names, bills, paid, refunds] = await Promise.all([
    entriesOf(ctx.db, { schoolId: school.id, book: 'family', termId: term.id, studentId, stream: 'service' }),
    entriesOf(ctx.db, { schoolId: school.id, book: 'family', termId: term.id, studentId, stream: 'meal' }),
    store.offeringNames(ctx.db, term.id),
    store.billsOf(ctx.db, term.id),
    payments.listPayments(ctx.db, school.id, { termId: term.id, studentId }),
    store.refundsOf(ctx.db, term.id, studentId),
  ]);
  const bill = bills.get(studentId);
  return {
    student: studentRefOf(card, meta.locale),
    term: { id: term.id, name: term.name, startsOn: term.startsOn, endsOn: term.endsOn },
    bill: bill ? { id: bill.id, billNo: bill.bill_no, issuedAt: bill.issued_at } : null,
    service: buildStreamView(service, names, meta.locale),
    meal: buildStreamView(meal, names, meta.locale),
    payments: paid.map((p) => toPaymentView(p, meta.locale)),
    refunds: refunds.map((r) => ({
      id: r.id,
      stream: r.stream as 'service' | 'meal',
      amountFen: Number(r.amount_fen),
      reason: r.reason,
      status: r.status as 'proposed' | 'approved' | 'rejected',
      proposedAt: r.proposed_at,
      decidedAt: r.decided_at,
      decisionNote: r.decision_note,
    })),
  };
}

type ListQuery = z.infer<typeof billListQuery>;

async function billRows(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  schoolId: string,
  termId: string,
  q: ListQuery,
) {
  const { school, scope } = await accessSchool(ctx.db, actor, schoolId, 'billing.read');
  if (!scope.all) throw new AppError('FORBIDDEN');
  const term = await termOf(ctx.db, school.id, termId);
  const [sums, bills] = await Promise.all([
    store.sumsByStudent(ctx.db, school.id, term.id, q.stream),
    store.billsOf(ctx.db, term.id),
  ]);
  const ids = [...new Set([...sums.keys(), ...(q.stream === 'service' ? bills.keys() : [])])];
  const cards = await store.studentCards(ctx.db, school.id, ids);
  const needle = q.q?.toLowerCase();
  const rows: BillRow[] = [];
  for (const id of ids) {
    const card = cards.get(id);
    if (!card) continue;
    if (q.classId && card.class_id !== q.classId) continue;
    if (
      needle &&
      !card.name.toLowerCase().includes(needle) &&
      !card.student_no.toLowerCase().includes(needle)
    )
      continue;
    const s = sums.get(id) ?? {};
    const balanceFen = Object.values(s).reduce((a, v) => a + (v ?? 0), 0);
    if (q.status === 'arrears' && balanceFen <= 0) continue;
    if (q.status === 'paid' && balanceFen !== 0) continue;
    if (q.status === 'over' && balanceFen >= 0) continue;
    rows.push({
      student: studentRefOf(card, meta.locale),
      billNo: q.stream === 'service' ? (bills.get(id)?.bill_no ?? null) : null,
      chargedFen: s.charge ?? 0,
      waivedFen: s.waiver ?? 0,
      creditedFen: (s.credit ?? 0) + (s.adjustment ?? 0) + (s.reversal ?? 0),
      mealFen: s.meal_charge ?? 0,
      paidFen: -((s.payment ?? 0) + (s.payout ?? 0)),
      balanceFen,
    });
  }
  rows.sort((a, b) =>
    a.student.classLabel === b.student.classLabel
      ? a.student.studentNo.localeCompare(b.student.studentNo)
      : a.student.classId.localeCompare(b.student.classId),
  );
  return { rows, term };
}

export async function listTermBills(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  schoolId: string,
  termId: string,
  q: ListQuery,
): Promise<z.infer<typeof billList>> {
  const { rows } = await billRows(ctx, actor, meta, schoolId, termId, q);
  const sum = (f: (r: BillRow) => number) => rows.reduce((a, r) => a + f(r), 0);
  return {
    items: rows,
    totals: {
      chargedFen: sum((r) => r.chargedFen),
      waivedFen: sum((r) => r.waivedFen),
      creditedFen: sum((r) => r.creditedFen),
      mealFen: sum((r) => r.mealFen),
      paidFen: sum((r) => r.paidFen),
      balanceFen: sum((r) => r.balanceFen),
      arrearsFen: sum((r) => Math.max(0, r.balanceFen)),
    },
  };
}

export async function exportTermBills(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  schoolId: string,
  termId: string,
  q: ListQuery,
): Promise<{ file: Buffer; filename: string }> {
  const { rows, term } = await billRows(ctx, actor, meta, schoolId, termId, q);
  const kind = q.status === 'arrears' ? 'arrears' : 'bills';
  return {
    file: await writeBillsSheet(rows, q.stream, meta.locale),
    filename: `${kind}-${q.stream}-${term.startsOn}.xlsx`,
  };
}

/** A family's children at the school with what each owes in the term. */
export async function listFamilyBills(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  schoolId: string,
  termId: string,
): Promise<z.infer<typeof familyBills>> {
  const { school } = await accessSchool(ctx.db, actor, schoolId, 'billing.read');
  const term = await termOf(ctx.db, school.id, termId);
  const children = await store.childrenAt(ctx.db, school.id, actor.userId);
  const items = [];
  for (const c of children) {
    const [service, meal] = await Promise.all([
      payments.outstanding(ctx.db, term.id, c.id, 'service'),
      payments.outstanding(ctx.db, term.id, c.id, 'meal'),
    ]);
    items.push({ student: studentRefOf(c, meta.locale), serviceBalanceFen: service, mealBalanceFen: meal });
  }
  return { items };
}
