// On approval, the pay goes into the school's fund book (FEE-8, FEE-9) so the fund statement shows
// it: one fund document per category (own_staff_pay for the school's teachers, outside_staff for
// outside staff the school hires: coaches, retired teachers; institution staff and volunteer
// parents are not in pay at all), for the run's amounts due, dated the term's last day, written through the billing
// fund document store and ledger in the approval's transaction. An adjustment whose net is
// negative (teachers paid back to the fund) is recorded as other income.
import type { Transaction } from 'kysely';
import type { DB } from '../../../db/schema';
import { newId } from '../../../server/context';
import * as fundStore from '../../billing/fund-store';
import { appendEntries } from '../../billing/ledger';

type PayCategory = 'own_staff_pay' | 'outside_staff';

export async function recordPayInFundBook(
  trx: Transaction<DB>,
  o: {
    schoolId: string;
    termId: string;
    termEndsOn: string;
    runId: string;
    version: number;
    lines: { user_id: string; due_fen: number }[];
    by: string;
    at: string;
  },
): Promise<string[]> {
  if (o.lines.length === 0) return [];
  const grants = await trx
    .selectFrom('role_grants')
    .select(['user_id', 'role'])
    .where('school_id', '=', o.schoolId)
    .where(
      'user_id',
      'in',
      o.lines.map((l) => l.user_id),
    )
    .execute();
  const roles = new Map<string, Set<string>>();
  for (const g of grants) roles.set(g.user_id, (roles.get(g.user_id) ?? new Set()).add(g.role));
  // Outside staff: only an outside_staff grant at the school (no teaching or admin role).
  const categoryOf = (userId: string): PayCategory => {
    const r = roles.get(userId);
    return r && r.size > 0 && [...r].every((x) => x === 'outside_staff') ? 'outside_staff' : 'own_staff_pay';
  };
  const totals = new Map<PayCategory, number>();
  for (const l of o.lines)
    totals.set(categoryOf(l.user_id), (totals.get(categoryOf(l.user_id)) ?? 0) + Number(l.due_fen));
  const ids: string[] = [];
  for (const [category, net] of totals) {
    if (net === 0) continue;
    const expense = net > 0;
    let voucher = `PAY-${o.termEndsOn.slice(0, 7)}-V${o.version}-${category === 'own_staff_pay' ? 'T' : 'O'}`;
    if (await fundStore.voucherTaken(trx, o.schoolId, voucher)) voucher = `${voucher}-${o.runId.slice(-6)}`;
    const row: fundStore.FundDocumentRow = {
      id: newId(),
      school_id: o.schoolId,
      term_id: o.termId,
      kind: expense ? 'expense' : 'other_income',
      category: expense ? category : 'other',
      occurred_on: o.termEndsOn,
      amount_fen: Math.abs(net),
      voucher_no: voucher,
      counterparty: category === 'own_staff_pay' ? '本校教师' : '校外人员',
      note: `教师课后服务酬劳（第 ${o.version} 版${expense ? '' : '调整收回'}）`,
      students: null,
      recorded_by: o.by,
      recorded_at: o.at,
    };
    await fundStore.insertDocument(trx, row);
    await appendEntries(
      trx,
      [
        {
          schoolId: o.schoolId,
          termId: o.termId,
          book: 'fund',
          stream: 'service',
          kind: row.kind as 'expense' | 'other_income',
          month: o.termEndsOn.slice(0, 7),
          amountFen: expense ? -row.amount_fen : row.amount_fen,
          sourceType: 'fund_document',
          sourceId: row.id,
          entryKey: fundStore.fundEntryKey(row.id),
          reasonCode: row.kind,
          reasonParams: { voucher, ...(expense ? { category } : {}) },
        },
      ],
      o.at,
      o.by,
    );
    ids.push(row.id);
  }
  return ids;
}
