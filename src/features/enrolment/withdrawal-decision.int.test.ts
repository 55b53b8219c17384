// rule ENR-6 on both databases: the school approves or rejects a written withdrawal request; an
// approval frees the place for the waitlist, a rejection says why; the family is told either way.
import type { Kysely } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { seedApplications, seedWithdrawal } from '../../../test/applications-fixture';
import { describeBothDatabases } from '../../../test/db-matrix';
import { seedFamilies } from '../../../test/families';
import { type Client, seedWorld, signIn, type World } from '../../../test/fixtures';
import { seedTerm } from '../../../test/programme-fixtures';
import type { DB } from '../../db/schema';
import { renderNotification } from '../notify/messages';
import { commitTermSeed, drawTerm } from './service/draw';

describeBothDatabases('withdrawal decisions', (h) => {
  let w: World;
  let admin: Client;
  const db = () => h().ctx.db as Kysely<DB>;
  const decide = (withdrawalId: string, school = w.schoolA) =>
    `/api/v1/schools/${school}/withdrawals/${withdrawalId}/decision`;

  beforeAll(async () => {
    h().setNow('2026-09-01T08:00:00.000Z');
    w = await seedWorld(h());
    admin = await signIn(h(), 'admin');
  });

  it('approves one line, rejects with a reason, and refuses what it must', async () => {
    const term = await seedTerm(h(), w, {
      name: 'withdrawals',
      closesAt: '2026-09-01T09:00:00.000Z',
      footballPlaces: 2,
    });
    const families = await seedFamilies(h(), w.schoolA, 3, { phonePrefix: '1585' });
    const apps = await seedApplications(h(), {
      schoolId: w.schoolA,
      termId: term.termId,
      families,
      choices: () => [
        { offeringId: term.homeworkCare, group: 1 },
        { offeringId: term.football, group: 2 },
      ],
    });
    await commitTermSeed(h().ctx, term.termId);
    h().setNow('2026-09-01T10:00:00.000Z');
    await drawTerm(h().ctx, term.termId);
    const lines = await db()
      .selectFrom('application_lines')
      .selectAll()
      .where('offering_id', '=', term.football)
      .execute();
    const holder = lines.find((l) => l.status === 'offered')!;
    const waiting = lines.find((l) => l.status === 'waitlisted')!;
    const holderApp = apps.find((a) => a.applicationId === holder.application_id)!;
    const parent = families.find((f) => f.studentId === holderApp.studentId)!;

    // Leaving the club only: the homework-care place stays, the club place goes to the waitlist.
    const request = await seedWithdrawal(h(), {
      schoolId: w.schoolA,
      applicationId: holderApp.applicationId,
      requestedBy: holderApp.userId,
      lineId: holder.id,
    });
    expect((await parent.client.send('POST', decide(request), { decision: 'approve' })).statusCode).toBe(403);
    const adminB = await signIn(h(), 'adminB');
    expect((await adminB.send('POST', decide(request), { decision: 'approve' })).statusCode).toBe(404);
    expect((await adminB.send('POST', decide(request, w.schoolB), { decision: 'approve' })).statusCode).toBe(
      404,
    );
    const approved = await admin.send('POST', decide(request), { decision: 'approve' });
    expect(approved.statusCode).toBe(200);
    expect(approved.json()).toMatchObject({
      status: 'approved',
      lineId: holder.id,
      applicationStatus: 'offered',
      withdrawnLines: 1,
      offersMade: 1,
    });
    const after = await db()
      .selectFrom('application_lines')
      .select(['id', 'status', 'offering_id'])
      .where('application_id', 'in', [holder.application_id, waiting.application_id])
      .execute();
    expect(after.find((l) => l.id === holder.id)!.status).toBe('withdrawn');
    expect(after.find((l) => l.id === waiting.id)!.status).toBe('offered');
    expect(
      after.find((l) => l.offering_id === term.homeworkCare && l.id !== waiting.id && l.status === 'offered'),
    ).toBeDefined();
    const twice = await admin.send('POST', decide(request), { decision: 'reject', note: '重复' });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().code).toBe('INVALID_TRANSITION');
    const approvedNote = await db()
      .selectFrom('notifications')
      .select('params')
      .where('user_id', '=', holderApp.userId)
      .where('kind', '=', 'withdrawal.approved')
      .executeTakeFirstOrThrow();
    expect(renderNotification('withdrawal.approved', JSON.parse(approvedNote.params), 'zh-CN').body).toMatch(
      /^学校已同意.+自 \d{4}-\d\d-\d\d 起退出“足球社团”。$/,
    );
    const audit = await db()
      .selectFrom('audit_log')
      .select(['action', 'actor_user_id'])
      .where('entity_id', 'in', [request, holder.id])
      .execute();
    expect(audit.map((a) => a.action).sort()).toEqual(['line.withdraw', 'withdrawal.approve']);

    // A refusal needs a reason; with one, nothing changes but the request.
    const other = apps.find((a) => a.applicationId === waiting.application_id)!;
    const second = await seedWithdrawal(h(), {
      schoolId: w.schoolA,
      applicationId: other.applicationId,
      requestedBy: other.userId,
    });
    const noReason = await admin.send(
      'POST',
      decide(second),
      { decision: 'reject' },
      { 'accept-language': 'en' },
    );
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().fields.map((f: { field: string }) => f.field)).toContain('note');
    const bad = await admin.send('POST', decide(second), { decision: 'maybe' });
    expect(bad.statusCode).toBe(400);
    const rejected = await admin.send('POST', decide(second), {
      decision: 'reject',
      note: '学期中途不能退出',
    });
    expect(rejected.statusCode).toBe(200);
    expect(rejected.json()).toMatchObject({
      status: 'rejected',
      decisionNote: '学期中途不能退出',
      withdrawnLines: 0,
    });
    const stillThere = await db()
      .selectFrom('application_lines')
      .select('status')
      .where('application_id', '=', other.applicationId)
      .execute();
    expect(stillThere.every((l) => l.status === 'offered')).toBe(true);
    const rejectedNote = await db()
      .selectFrom('notifications')
      .select('params')
      .where('user_id', '=', other.userId)
      .where('kind', '=', 'withdrawal.rejected')
      .executeTakeFirstOrThrow();
    // A whole-application request names the term (here "withdrawals"); the school's reason reaches the family.
    expect(renderNotification('withdrawal.rejected', JSON.parse(rejectedNote.params), 'zh-CN').body).toMatch(
      /^学校未同意.+退出“withdrawals”。理由：学期中途不能退出$/,
    );
    expect((await admin.send('POST', decide('nope'), { decision: 'approve' })).statusCode).toBe(404);

    // The whole application: every line leaves and the application is withdrawn.
    const third = await seedWithdrawal(h(), {
      schoolId: w.schoolA,
      applicationId: other.applicationId,
      requestedBy: other.userId,
    });
    const whole = await admin.send('POST', decide(third), { decision: 'approve' });
    expect(whole.json()).toMatchObject({ applicationStatus: 'withdrawn', withdrawnLines: 2 });
  });
});
