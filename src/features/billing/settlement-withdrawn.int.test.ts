// FEE-5: months after the month a withdrawal was approved are billed (the term bill charged them)
// but not owed: the settlement refunds them in full whatever the roll says, and says why.
import type { Kysely } from 'kysely';
import { expect, it } from 'vitest';
import { seedApplications, seedWithdrawal } from '../../../test/applications-fixture';
import { seedSchoolDay } from '../../../test/daily-fixtures';
import { describeBothDatabases } from '../../../test/db-matrix';
import { signIn } from '../../../test/fixtures';
import { billTerm, weekdaysOfMonth, writeRolls } from '../../../test/settlement-fixtures';
import type { DB } from '../../db/schema';

describeBothDatabases('settlement after an approved withdrawal (FEE-5)', (h) => {
  it('refunds the months after the withdrawal month in full, and the withdrawal month by attendance', async () => {
    const db = h().ctx.db as Kysely<DB>;
    const day = await seedSchoolDay(h());
    const term = { id: day.term.termId, startsOn: '2026-09-01', endsOn: '2027-01-15' };
    const student = day.world.childOfParent;
    const [app] = await seedApplications(h(), {
      schoolId: day.world.schoolA,
      termId: term.id,
      families: [{ studentId: student, userId: day.users.admin }],
      status: 'enrolled',
      lineStatus: 'withdrawn',
      choices: () => [{ offeringId: day.term.homeworkCare }],
    });
    const withdrawalId = await seedWithdrawal(h(), {
      schoolId: day.world.schoolA,
      applicationId: app!.applicationId,
      requestedBy: day.users.admin,
    });
    // Approved on 12 October (Shanghai): October is still owed, November on is not.
    await db
      .updateTable('withdrawals')
      .set({ status: 'approved', decided_by: day.users.admin, decided_at: '2026-10-12T02:00:00.000Z' })
      .where('id', '=', withdrawalId)
      .execute();
    const at = h().ctx.now().toISOString();
    await billTerm(db, {
      schoolId: day.world.schoolA,
      term,
      studentId: student,
      offeringId: day.term.homeworkCare,
      feeFen: 18_000,
      at,
      by: null,
    });
    // Present every day of October and November: attendance does not matter after the withdrawal.
    for (const m of ['2026-10', '2026-11'])
      await writeRolls(db, {
        schoolId: day.world.schoolA,
        tempClassId: day.classOne,
        members: day.membersOne,
        dates: weekdaysOfMonth(term, m),
        takenBy: day.users.care,
        at,
        mark: () => 'present',
      });
    h().setNow('2026-12-02T02:00:00Z');
    const finance = await signIn(h(), 'finance');
    const base = `/api/v1/schools/${day.world.schoolA}`;
    const lineOf = async (month: string) => {
      const res = await finance.send('POST', `${base}/terms/${term.id}/settlements`, { month });
      expect(res.statusCode).toBe(201);
      const detail = await finance.get(`${base}/settlements/${res.json().id}?studentId=${student}`);
      return detail.json().lines[0];
    };
    expect(await lineOf('2026-10')).toMatchObject({ refundFen: 0, reasonCode: 'settle.at_threshold' });
    const november = await lineOf('2026-11');
    expect(november).toMatchObject({ attended: 21, refundFen: 18_000, reasonCode: 'settle.withdrawn' });
    expect(november.reason).toBe('2026-11 已退出服务 → 退 180.00 元');
  });
});
