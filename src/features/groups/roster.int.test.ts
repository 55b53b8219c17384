// rule STAFF-4, STAFF-5, DAY-2, DAY-10 on both databases: staff volunteer, the school generates a
// draft roster with every unfilled slot named, publishes it (the previous version is superseded and
// the daily class access follows it), teachers read their own duties, and a swap moves one duty
// through request → accept → approve with its audit trail.
import ExcelJS from 'exceljs';
import type { Kysely } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { describeBothDatabases } from '../../../test/db-matrix';
import { type DutyWorld, seedDutyWorld, volunteer } from '../../../test/duty-fixtures';
import { type Client, seedWorld, signIn, type World } from '../../../test/fixtures';
import type { DB } from '../../db/schema';
import { classDutyRole, loadTempClass } from '../daily/class-access';
import type { RosterDetail, RosterSummary, SwapView } from './roster-contract';

describeBothDatabases('duty roster', (h) => {
  let w: World;
  let d: DutyWorld;
  let admin: Client;
  let t1: Client;
  const db = () => h().ctx.db as Kysely<DB>;
  const school = () => `/api/v1/schools/${w.schoolA}`;
  const weekdays = [1, 2, 3, 4, 5];

  beforeAll(async () => {
    h().setNow('2026-09-01T01:00:00.000Z');
    w = await seedWorld(h());
    d = await seedDutyWorld(h(), w, { name: '值班', prefix: 'dt' });
    admin = await signIn(h(), 'admin');
    t1 = await signIn(h(), 'dt1');
  });

  it('documents every roster and outside-staff route in OpenAPI', async () => {
    const doc = (await h().app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    const ids = Object.values(doc.paths as Record<string, Record<string, { operationId?: string }>>).flatMap(
      (p) => Object.values(p).map((o) => o.operationId),
    );
    for (const id of [
      'generateDutyRoster',
      'publishDutyRoster',
      'getDutyRoster',
      'exportDutyRoster',
      'listMyDuties',
      'requestDutySwap',
      'answerDutySwap',
      'saveDutyAvailability',
      'registerOutsideStaff',
      'revealOutsideStaffIdentity',
      'registerInstitution',
    ])
      expect(ids).toContain(id);
  });

  describe('availability (STAFF-5)', () => {
    it('a teacher volunteers on their phone; a slot the session does not run is refused', async () => {
      const url = `${school()}/terms/${d.term.termId}/availability/me`;
      const slots = weekdays.map((weekday) => ({ sessionId: d.term.afternoonSessionId, weekday }));
      const saved = await t1.send('PUT', url, { slots, maxDutiesPerWeek: 5 });
      expect(saved.statusCode).toBe(200);
      expect(saved.json().slots).toHaveLength(5);
      expect(saved.json().maxDutiesPerWeek).toBe(5);
      const bad = await t1.send('PUT', url, {
        slots: [{ sessionId: d.term.afternoonSessionId, weekday: 6 }],
      });
      expect(bad.statusCode).toBe(422);
      expect(bad.json().code).toBe('AVAILABILITY_SLOT_INVALID');
      // Nothing changed by the refusal.
      expect((await t1.get(url)).json().slots).toHaveLength(5);
      const audit = await db()
        .selectFrom('audit_log')
        .select(['action', 'before_json', 'after_json'])
        .where('action', '=', 'availability.save')
        .where('actor_user_id', '=', d.teachers.dt1!)
        .execute();
      expect(audit).toHaveLength(1);
      expect(JSON.parse(audit[0]!.before_json!)).toEqual({ slots: [] });
    });

    it('bad input gets 400 with the field; a guard cannot volunteer; another teacher’s form is the school’s', async () => {
      const url = `${school()}/terms/${d.term.termId}/availability/me`;
      const bad = await t1.send('PUT', url, {
        slots: [{ sessionId: d.term.afternoonSessionId, weekday: 9 }],
      });
      expect(bad.statusCode).toBe(400);
      const guard = await signIn(h(), 'guard');
      expect((await guard.send('PUT', url, { slots: [] })).statusCode).toBe(403);
      expect(
        (await t1.get(`${school()}/terms/${d.term.termId}/availability/${d.teachers.dt2}`)).statusCode,
      ).toBe(403);
      const parent = await signIn(h(), w.parentPhone);
      expect((await parent.get(`${school()}/terms/${d.term.termId}/availability/me`)).statusCode).toBe(403);
    });

    it('the school sets a subject and sees everyone’s availability', async () => {
      const res = await admin.send('PUT', `${school()}/staff/${d.teachers.dt1}/duty-profile`, {
        subject: '数学',
        maxDutiesPerWeek: 5,
      });
      expect(res.statusCode).toBe(200);
      const list = (await admin.get(`${school()}/terms/${d.term.termId}/availability`)).json();
      expect(list.items.find((i: { userId: string }) => i.userId === d.teachers.dt1)).toMatchObject({
        subject: '数学',
        slotCount: 5,
      });
    });
  });

  describe('generate and publish', () => {
    let v1: RosterSummary;

    beforeAll(async () => {
      for (const username of ['dt2', 'dt3', 'dt4', 'dt5'])
        await volunteer(h(), w, d.term.termId, d.teachers[username]!, d.term.afternoonSessionId, weekdays);
    });

    it('a draft covers each class by the ratio and names every slot it cannot fill', async () => {
      const res = await admin.send('POST', `${school()}/terms/${d.term.termId}/rosters`);
      expect(res.statusCode).toBe(201);
      v1 = res.json();
      expect(v1).toMatchObject({ version: 1, status: 'draft' });
      const detail: RosterDetail = (await admin.get(`${school()}/rosters/${v1.id}`)).json();
      // September 2026 from the 1st: 22 school days.
      const dates = [...new Set(detail.duties.map((x) => x.date))];
      expect(dates).toHaveLength(22);
      for (const date of dates) {
        const today = detail.duties.filter((x) => x.date === date);
        // rule STAFF-4: 8 present at 1:5 → 2 adults (the one who left does not count); 3 → 1.
        expect(today.filter((x) => x.tempClassId === d.bigClass)).toHaveLength(2);
        expect(today.filter((x) => x.tempClassId === d.smallClass)).toHaveLength(1);
        // rule DAY-2: the afternoon's duty teacher; DAY-10: the day's leader, an administrator.
        expect(
          today.filter((x) => x.role === 'duty' && x.sessionId === d.term.afternoonSessionId),
        ).toHaveLength(1);
        expect(today.filter((x) => x.role === 'leader')).toHaveLength(1);
      }
      // Nobody volunteered for noon: its duty teacher is missing every day, and says why.
      const noon = detail.unfilled.filter((u) => u.sessionId === d.term.noonSessionId);
      expect(noon).toHaveLength(22);
      expect(
        noon.every((u) => u.role === 'duty' && u.reason === 'none_available' && u.volunteers === 0),
      ).toBe(true);
      expect(v1.unfilledCount).toBe(detail.unfilled.length);
      // By teacher and by class are filters of the same roster.
      const mine: RosterDetail = (
        await admin.get(`${school()}/rosters/${v1.id}?userId=${d.teachers.dt1}`)
      ).json();
      expect(mine.duties.length).toBeGreaterThan(0);
      expect(mine.duties.every((x) => x.userId === d.teachers.dt1)).toBe(true);
      const byClass: RosterDetail = (
        await admin.get(
          `${school()}/rosters/${v1.id}?tempClassId=${d.smallClass}&from=2026-09-07&to=2026-09-11`,
        )
      ).json();
      expect(byClass.duties).toHaveLength(5);
    });

    it('a draft is the school’s: staff neither see nor act on it, and it is not in force', async () => {
      expect((await t1.get(`${school()}/rosters/${v1.id}`)).statusCode).toBe(404);
      expect((await t1.get(`${school()}/terms/${d.term.termId}/rosters`)).json().items).toEqual([]);
      expect((await t1.send('POST', `${school()}/terms/${d.term.termId}/rosters`)).statusCode).toBe(403);
      expect((await t1.send('POST', `${school()}/rosters/${v1.id}/publish`)).statusCode).toBe(403);
      const adminB = await signIn(h(), 'adminB');
      expect((await adminB.get(`${school()}/rosters/${v1.id}`)).statusCode).toBe(404);
      expect((await t1.get(`${school()}/my-duties?from=2026-09-01&to=2026-09-30`)).json().items).toEqual([]);
    });

    it('publishing puts it in force; a newer version supersedes it', async () => {
      const published = await admin.send('POST', `${school()}/rosters/${v1.id}/publish`);
      expect(published.statusCode).toBe(200);
      expect(published.json().status).toBe('published');
      const again = await admin.send('POST', `${school()}/rosters/${v1.id}/publish`);
      expect(again.statusCode).toBe(409);
      expect(again.json().code).toBe('ROSTER_NOT_DRAFT');

      const mine = (await t1.get(`${school()}/my-duties?from=2026-09-01&to=2026-09-30`)).json().items;
      expect(mine.length).toBeGreaterThan(0);
      const care = mine.find((x: { role: string }) => x.role === 'care');
      // The daily work reads the published roster (daily/class-access.ts).
      const cls = await loadTempClass(db(), w.schoolA, care.tempClassId);
      expect(await classDutyRole(db(), d.teachers.dt1!, false, cls, care.date)).toBe('care');
      const inbox = await db()
        .selectFrom('notifications')
        .select('kind')
        .where('user_id', '=', d.teachers.dt1!)
        .where('kind', '=', 'roster.published')
        .execute();
      expect(inbox).toHaveLength(1);

      const v2 = (await admin.send('POST', `${school()}/terms/${d.term.termId}/rosters`)).json();
      expect(v2.version).toBe(2);
      expect((await admin.send('POST', `${school()}/rosters/${v2.id}/publish`)).statusCode).toBe(200);
      const versions = (await admin.get(`${school()}/terms/${d.term.termId}/rosters`)).json().items;
      expect(versions.map((v: RosterSummary) => [v.version, v.status])).toEqual([
        [2, 'published'],
        [1, 'superseded'],
      ]);
      const actions = await db()
        .selectFrom('audit_log')
        .select('action')
        .where('entity', '=', 'duty_roster')
        .orderBy('at')
        .orderBy('id')
        .execute();
      expect(actions.map((a) => a.action)).toEqual([
        'roster.generate',
        'roster.publish',
        'roster.generate',
        'roster.supersede',
        'roster.publish',
      ]);
    });

    it('the school sets the staff ratio; the next version follows it', async () => {
      expect((await t1.send('PUT', `${school()}/duty-settings`, { staffRatio: 30 })).statusCode).toBe(403);
      expect((await admin.send('PUT', `${school()}/duty-settings`, { staffRatio: 0 })).statusCode).toBe(400);
      const set = await admin.send('PUT', `${school()}/duty-settings`, { staffRatio: 30 });
      expect(set.json()).toEqual({ staffRatio: 30, allowPaidOutsideBodies: true });
      const v3 = (await admin.send('POST', `${school()}/terms/${d.term.termId}/rosters`)).json();
      const detail: RosterDetail = (
        await admin.get(`${school()}/rosters/${v3.id}?from=2026-09-07&to=2026-09-07`)
      ).json();
      expect(detail.duties.filter((x) => x.tempClassId === d.bigClass)).toHaveLength(1);
      await admin.send('PUT', `${school()}/duty-settings`, { staffRatio: 5 });
      expect((await admin.get(`${school()}/duty-settings`)).json().staffRatio).toBe(5);
    });

    it('exports the published roster to Excel, audited', async () => {
      const [current] = (await admin.get(`${school()}/terms/${d.term.termId}/rosters`)).json().items;
      const res = await admin.get(`${school()}/rosters/${current.id}/export`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toContain('spreadsheetml');
      expect(res.rawPayload.subarray(0, 2).toString()).toBe('PK');
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(res.rawPayload as never);
      const [duties, gaps] = book.worksheets;
      expect(duties!.getRow(1).getCell(1).value).toBe('日期');
      // A header row, then one row per duty; the unfilled sheet names the reason in words.
      expect(duties!.rowCount - 1).toBe(current.dutyCount);
      expect(gaps!.rowCount - 1).toBe(current.unfilledCount);
      expect(String(gaps!.getRow(2).getCell(6).value)).toBe('该时段无人报名');
      const rows = await db()
        .selectFrom('audit_log')
        .select('action')
        .where('action', '=', 'roster.export')
        .execute();
      expect(rows).toHaveLength(1);
    });
  });

  describe('swaps (STAFF-5)', () => {
    let duty: { id: string; date: string; sessionId: string; tempClassId: string | null };
    let swap: SwapView;

    it('a teacher asks a free colleague; a busy one or a non-teacher is refused', async () => {
      h().setNow('2026-09-07T01:00:00.000Z');
      const mine = (await t1.get(`${school()}/my-duties?from=2026-09-08&to=2026-09-30`)).json().items;
      duty = mine.find((x: { role: string }) => x.role === 'care');
      const candidates = (await t1.get(`${school()}/duties/${duty.id}/swap-candidates`)).json().items;
      // Five volunteers, four afternoon slots a day: exactly one colleague is free.
      expect(candidates).toHaveLength(1);
      const free = candidates[0].userId as string;
      const others = await db()
        .selectFrom('duty_assignments as a')
        .innerJoin('duty_rosters as r', 'r.id', 'a.roster_id')
        .select('a.user_id')
        .where('r.status', '=', 'published')
        .where('a.date', '=', duty.date)
        .where('a.session_id', '=', duty.sessionId)
        .where('a.user_id', '!=', d.teachers.dt1!)
        .execute();
      const busy = others.find((o) => Object.values(d.teachers).includes(o.user_id))!.user_id;
      const refused = await t1.send('POST', `${school()}/duty-swaps`, {
        assignmentId: duty.id,
        toUserId: busy,
        reason: '家中有事',
      });
      expect(refused.statusCode).toBe(409);
      expect(refused.json().code).toBe('SWAP_TAKER_UNAVAILABLE');
      const guardId = (
        await db().selectFrom('users').select('id').where('username', '=', 'guard').executeTakeFirstOrThrow()
      ).id;
      const notStaff = await t1.send('POST', `${school()}/duty-swaps`, {
        assignmentId: duty.id,
        toUserId: guardId,
        reason: '家中有事',
      });
      expect(notStaff.statusCode).toBe(422);
      expect(notStaff.json().code).toBe('SWAP_TAKER_NOT_STAFF');
      // Someone else's duty is not yours to give away.
      const t2 = await signIn(h(), 'dt2');
      const notMine = await t2.send('POST', `${school()}/duty-swaps`, {
        assignmentId: duty.id,
        toUserId: free,
        reason: 'x',
      });
      expect(notMine.statusCode).toBe(403);

      const asked = await t1.send(
        'POST',
        `${school()}/duty-swaps`,
        { assignmentId: duty.id, toUserId: free, reason: '家中有事' },
        { 'idempotency-key': 'swap-1' },
      );
      expect(asked.statusCode).toBe(201);
      swap = asked.json();
      expect(swap.status).toBe('requested');
      // A retry answers the same; a second request for the duty is refused.
      const retry = await t1.send(
        'POST',
        `${school()}/duty-swaps`,
        { assignmentId: duty.id, toUserId: free, reason: '家中有事' },
        { 'idempotency-key': 'swap-1' },
      );
      expect(retry.json().id).toBe(swap.id);
      const twice = await t1.send('POST', `${school()}/duty-swaps`, {
        assignmentId: duty.id,
        toUserId: free,
        reason: 'x',
      });
      expect(twice.json().code).toBe('SWAP_PENDING');
    });

    it('the colleague accepts, the school approves, the duty moves with before/after in the audit', async () => {
      const url = `${school()}/duty-swaps/${swap.id}/events`;
      // The school cannot approve what the colleague has not accepted; the asker cannot accept.
      expect((await admin.send('POST', url, { event: 'approve' })).json().code).toBe('INVALID_TRANSITION');
      expect((await t1.send('POST', url, { event: 'accept' })).json().code).toBe('SWAP_NOT_PARTY');
      const takerName = swap.toName;
      const taker = await signIn(h(), Object.keys(d.teachers).find((u) => d.teachers[u] === swap.toUserId)!);
      expect((await taker.get(`${school()}/duty-swaps`)).json().items.map((s: SwapView) => s.id)).toEqual([
        swap.id,
      ]);
      const accepted = await taker.send('POST', url, { event: 'accept' });
      expect(accepted.json()).toMatchObject({ status: 'accepted', toName: takerName });
      expect(accepted.json().acceptedAt).not.toBeNull();
      const approved = await admin.send('POST', url, { event: 'approve', note: '同意' });
      expect(approved.statusCode).toBe(200);
      expect(approved.json()).toMatchObject({ status: 'approved', decisionNote: '同意' });
      const row = await db()
        .selectFrom('duty_assignments')
        .selectAll()
        .where('id', '=', duty.id)
        .executeTakeFirstOrThrow();
      expect(row.user_id).toBe(swap.toUserId);
      const reassign = await db()
        .selectFrom('audit_log')
        .select(['before_json', 'after_json'])
        .where('action', '=', 'duty.reassign')
        .where('entity_id', '=', duty.id)
        .executeTakeFirstOrThrow();
      expect(JSON.parse(reassign.before_json!).userId).toBe(d.teachers.dt1);
      expect(JSON.parse(reassign.after_json!)).toMatchObject({ userId: swap.toUserId, swapId: swap.id });
      const trail = await db()
        .selectFrom('audit_log')
        .select('action')
        .where('entity_id', '=', swap.id)
        .orderBy('at')
        .orderBy('id')
        .execute();
      expect(trail.map((a) => a.action)).toEqual(['swap.request', 'swap.accept', 'swap.approve']);
      // A decided swap is final; the daily access follows the new person.
      expect((await admin.send('POST', url, { event: 'reject' })).statusCode).toBe(409);
      const cls = await loadTempClass(db(), w.schoolA, duty.tempClassId!);
      expect(await classDutyRole(db(), swap.toUserId, false, cls, duty.date)).toBe('care');
      expect(await classDutyRole(db(), d.teachers.dt1!, false, cls, duty.date)).toBeNull();
      const told = await db()
        .selectFrom('notifications')
        .select('user_id')
        .where('kind', '=', 'swap.approved')
        .execute();
      expect(told.map((n) => n.user_id).sort()).toEqual([d.teachers.dt1!, swap.toUserId].sort());
    });

    it('a past duty cannot be swapped', async () => {
      const past = (await t1.get(`${school()}/my-duties?from=2026-09-01&to=2026-09-04`)).json().items[0];
      const res = await t1.send('POST', `${school()}/duty-swaps`, {
        assignmentId: past.id,
        toUserId: d.teachers.dt2,
        reason: 'x',
      });
      expect(res.statusCode).toBe(422);
      expect(res.json().code).toBe('DUTY_IN_PAST');
    });
  });
});
