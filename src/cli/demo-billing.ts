// The demo's money (issue 5), written through the billing services as finance would have done it:
// term bills issued in the first days of the term; most families paid in full by transfer, a few
// in part, a few not yet; the subsidy received and the term's first expenses recorded; every ended
// month settled except the last one (left for finance to settle, so the walkthrough has a month
// with the demo family's FEE-5 refund in it); meal bills for the settled months; the first month's
// fund statement published to parents. The demo family's children are not billed yet, so a
// newcomer can issue their bill, record the payment and settle the month that shows the refund.
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';
import { billableLines } from '../features/billing/enrolled';
import { familyBalances } from '../features/billing/ledger';
import { termMonths } from '../features/billing/rules';
import { issueTermBills } from '../features/billing/service/bills-issue';
import { getExpectedSubsidy, recordFundDocument } from '../features/billing/service/fund-documents';
import { publishStatement } from '../features/billing/service/fund-statements';
import { issueMealBills } from '../features/billing/service/meals';
import { recordPayment } from '../features/billing/service/payments-record';
import { settleMonth } from '../features/billing/service/settle';
import { loadSettings } from '../features/programme/settings';
import { addDays, localDate } from '../features/programme/time';
import type { AppContext } from '../server/context';
import { actorOf } from './demo-day';

const meta = { ip: null, locale: 'zh-CN' as const };

const at = (ctx: AppContext, iso: string): AppContext => ({ ...ctx, now: () => new Date(iso) });

function share(studentId: string): number {
  return createHash('sha1').update(`pay:${studentId}`).digest().readUInt16BE(0) % 100;
}

const expenses = [
  {
    category: 'consumables',
    amountFen: 186_000,
    counterparty: '华溪文具批发部',
    note: '作业本、彩笔、A4 纸',
  },
  {
    category: 'club_equipment',
    amountFen: 420_000,
    counterparty: '华溪体育用品店',
    note: '篮球、跳绳、围棋棋具',
  },
  { category: 'cleaning', amountFen: 96_000, counterparty: '洁美保洁服务公司', note: '课后时段保洁' },
  { category: 'security', amountFen: 150_000, counterparty: '平安保安服务公司', note: '课后时段校门安保' },
  { category: 'utilities', amountFen: 73_500, counterparty: '华溪供电所', note: '课后时段水电分摊' },
] as const;

export async function seedDemoBilling(
  ctx: AppContext,
  school: {
    id: string;
    code: string;
    termId: string;
    financeUserId: string;
    unpaidStudentIds: readonly string[];
  },
): Promise<{ bills: number; payments: number; settled: string[] }> {
  const db = ctx.db as Kysely<DB>;
  const finance = await actorOf(db, school.financeUserId);
  const settings = await loadSettings(db, school.id);
  const term = await db
    .selectFrom('terms')
    .select(['starts_on', 'ends_on'])
    .where('id', '=', school.termId)
    .executeTakeFirstOrThrow();
  const day = (offset: number, hhmm = '10:00') => `${addDays(term.starts_on, offset)}T${hhmm}:00+08:00`;
  const today = localDate(ctx.now().toISOString(), settings.timezone);
  if (today <= term.starts_on) return { bills: 0, payments: 0, settled: [] };

  // Term bills, issued on the term's second day, to every family but the demo's own (whose bill
  // finance issues in the walkthrough, as for a late joiner).
  const unpaid = new Set(school.unpaidStudentIds);
  const billable = await billableLines(
    db,
    { id: school.termId, startsOn: term.starts_on },
    settings.timezone,
  );
  const studentIds = [...new Set(billable.map((l) => l.studentId))].filter((id) => !unpaid.has(id));
  const issued = await issueTermBills(at(ctx, day(1)), finance, meta, school.id, school.termId, {
    studentIds,
  });
  const bills = issued.body.billsCreated;

  // Payments in the first two weeks: 80 % in full, 8 % in part, the rest not yet.
  const owed = await familyBalances(db, school.id, school.termId, 'service');
  let payments = 0;
  let n = 0;
  for (const [studentId, balance] of [...owed.entries()].sort()) {
    if (balance <= 0 || unpaid.has(studentId)) continue;
    const s = share(studentId);
    if (s >= 88) continue;
    const amountFen = s < 80 ? balance : Math.floor(balance / 200) * 100;
    if (amountFen <= 0) continue;
    n += 1;
    const cash = s % 10 === 0;
    await recordPayment(
      at(ctx, day(2 + (n % 12), '16:30')),
      finance,
      meta,
      school.id,
      {
        termId: school.termId,
        studentId,
        stream: 'service',
        method: cash ? 'cash' : 'transfer',
        amountFen,
        reference: cash ? undefined : `DEMO${school.code.replace(/\W/g, '')}${String(n).padStart(5, '0')}`,
        note: s < 80 ? '' : '家长申请分两次缴纳',
      },
      `demo-pay-${studentId}`,
    );
    payments += 1;
  }

  // The subsidy arrives in the third week; the first expenses are paid in the first month.
  const expected = await getExpectedSubsidy(ctx, finance, school.id, school.termId);
  await recordFundDocument(at(ctx, day(20)), finance, meta, school.id, school.termId, {
    kind: 'subsidy',
    occurredOn: addDays(term.starts_on, 20),
    amountFen: expected.expectedFen,
    voucherNo: `${school.code}-SUB-01`,
    students: expected.students,
    counterparty: '华溪区财政局',
    note: '课后服务财政补助（本学期）',
  });
  for (const [i, e] of expenses.entries())
    await recordFundDocument(at(ctx, day(5 + i * 4)), finance, meta, school.id, school.termId, {
      kind: 'expense',
      occurredOn: addDays(term.starts_on, 5 + i * 4),
      amountFen: e.amountFen,
      voucherNo: `${school.code}-EXP-${String(i + 1).padStart(2, '0')}`,
      category: e.category,
      counterparty: e.counterparty,
      note: e.note,
      stream: 'service',
    });

  // Settle every ended month but the last; bill meals for the same months.
  const thisMonth = today.slice(0, 7);
  const ended = termMonths({ startsOn: term.starts_on, endsOn: term.ends_on }).filter((m) => m < thisMonth);
  const settled = ended.slice(0, -1);
  for (const month of settled) {
    await settleMonth(ctx, finance, meta, school.id, school.termId, month);
    await issueMealBills(ctx, finance, meta, school.id, school.termId, month);
  }
  if (settled[0]) await publishStatement(ctx, finance, meta, school.id, school.termId, settled[0]);
  return { bills, payments, settled };
}
