// The service fund's test world (FEE-2, FEE-8, FEE-9): the test schools, a term at each, six new
// families of school A enrolled in homework care (so the expected subsidy has students to count), a
// parent of school B, and a helper that writes the fund-book rows other parts of billing write
// (payments' fee_income, refunds' fee_payout, meals) straight through `appendEntries`, with the
// kinds and keys of design.md.
import type { Kysely } from 'kysely';
import type { DB } from '../src/db/schema';
import { appendEntries } from '../src/features/billing/ledger';
import type { Stream } from '../src/features/billing/rules';
import { newId } from '../src/server/context';
import { seedApplications } from './applications-fixture';
import type { Harness } from './db-matrix';
import { type Family, seedFamilies } from './families';
import { type Client, seedWorld, signIn, type World } from './fixtures';
import { seedTerm, type TermFixture } from './programme-fixtures';

export interface FundWorld {
  w: World;
  term: TermFixture;
  termB: TermFixture;
  finance: Client;
  admin: Client;
  adminB: Client;
  teacher: Client;
  district: Client;
  families: Family[];
  parentB: Family;
  financeUserId: string;
}

export async function seedFundWorld(h: Harness): Promise<FundWorld> {
  const db = h.ctx.db as Kysely<DB>;
  const w = await seedWorld(h);
  const term = await seedTerm(h, w);
  const termB = await seedTerm(h, w, { schoolId: w.schoolB, name: '2026 秋季学期（二小）' });
  const families = await seedFamilies(h, w.schoolA, 6, { phonePrefix: '1597' });
  await seedApplications(h, {
    schoolId: w.schoolA,
    termId: term.termId,
    families,
    status: 'enrolled',
    lineStatus: 'accepted',
    choices: (i) => [{ offeringId: term.homeworkCare }, ...(i < 2 ? [{ offeringId: term.football }] : [])],
  });
  const [parentB] = await seedFamilies(h, w.schoolB, 1, { phonePrefix: '1598' });
  const financeUserId = (
    await db.selectFrom('users').select('id').where('username', '=', 'finance').executeTakeFirstOrThrow()
  ).id;
  return {
    w,
    term,
    termB,
    finance: await signIn(h, 'finance'),
    admin: await signIn(h, 'admin'),
    adminB: await signIn(h, 'adminB'),
    teacher: await signIn(h, 'teacher'),
    district: await signIn(h, 'district'),
    families,
    parentB: parentB!,
    financeUserId,
  };
}

export interface BookRow {
  kind: 'fee_income' | 'fee_payout';
  stream: Stream;
  amountFen: number;
  month: string;
  studentId?: string;
}

/**
 * Writes fund-book rows as a payment (fee_income, key `fee_income:{paymentId}`) or an approved refund
 * (fee_payout, key `fee_payout:{refundId}`) would, in the service or meal stream. Returns their ids.
 */
export async function writeFundRows(
  h: Harness,
  schoolId: string,
  termId: string,
  rows: BookRow[],
  by: string,
): Promise<string[]> {
  const ids = await appendEntries(
    h.ctx.db,
    rows.map((r) => {
      const sourceId = newId();
      const payment = r.kind === 'fee_income';
      return {
        schoolId,
        termId,
        book: 'fund' as const,
        stream: r.stream,
        kind: r.kind,
        studentId: r.studentId ?? null,
        month: r.month,
        amountFen: payment ? r.amountFen : -r.amountFen,
        sourceType: payment ? 'payment' : 'refund',
        sourceId,
        entryKey: `${r.kind}:${sourceId}`,
        reasonCode: payment ? 'payment' : 'payout',
        reasonParams: (payment ? { method: 'cash', receiptNo: 'R1' } : { reason: 'test' }) as Record<
          string,
          string
        >,
      };
    }),
    h.ctx.now().toISOString(),
    by,
  );
  return ids.map((id) => id!);
}
