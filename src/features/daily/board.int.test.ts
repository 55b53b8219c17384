// The duty board and late-pickup alerts through HTTP on both databases (DAY-10): counts per
// class, narrowed to the day's leaders, a class without a roll flagged, one alert per child.
import type { Kysely } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { describeBothDatabases } from '../../../test/db-matrix';
import { type Client, seedWorld, signIn, type World } from '../../../test/fixtures';
import { type PickupFixture, seedPickupDay } from '../../../test/pickup-fixtures';
import { seedTerm, type TermFixture } from '../../../test/programme-fixtures';
import type { DB } from '../../db/schema';
import { newId } from '../../server/context';
import { raiseLatePickupAlerts } from './service/board';

describeBothDatabases('duty board', (h) => {
  let world: World;
  let term: TermFixture;
  let day: PickupFixture;
  let leader: Client;
  let care: Client;
  let parent: Client;
  let base: string;
  let emptyClassId: string;
  const db = () => h().ctx.db as Kysely<DB>;
  const count = async (kind: string) =>
    (await db().selectFrom('notifications').select('id').where('kind', '=', kind).execute()).length;

  beforeAll(async () => {
    world = await seedWorld(h());
    term = await seedTerm(h(), world);
    day = await seedPickupDay(h(), world, term);
    base = `/api/v1/schools/${world.schoolA}`;
    // A club class of the same afternoon whose roll nobody has taken yet.
    emptyClassId = newId();
    const at = h().ctx.now().toISOString();
    await db()
      .insertInto('temp_classes')
      .values({
        id: emptyClassId,
        school_id: world.schoolA,
        term_id: term.termId,
        session_id: term.afternoonSessionId,
        offering_id: term.football,
        kind: 'interest',
        name: '足球班',
        venue_id: null,
        head_teacher_id: null,
        created_at: at,
        updated_at: at,
      })
      .execute();
    await db()
      .insertInto('temp_class_members')
      .values({
        id: newId(),
        temp_class_id: emptyClassId,
        offering_id: term.football,
        student_id: day.present[0]!,
        seat_no: 1,
        joined_at: at,
        left_at: null,
        changed_by: day.userIds.admin,
      })
      .execute();
    [leader, care, parent] = await Promise.all([
      signIn(h(), 'teacher'),
      signIn(h(), 'care'),
      signIn(h(), world.parentPhone),
    ]);
  });

  it('is for the day’s duty leader and the school admin only', async () => {
    expect((await leader.get(`${base}/duty-board`)).statusCode).toBe(200);
    const notLeader = await care.get(`${base}/duty-board`);
    expect(notLeader.statusCode).toBe(403);
    expect(notLeader.json().code).toBe('BOARD_NOT_ON_DUTY');
    expect((await (await signIn(h(), 'guard')).get(`${base}/duty-board`)).statusCode).toBe(403);
    expect((await (await signIn(h(), 'adminB')).get(`${base}/duty-board`)).statusCode).toBe(404);
    expect((await (await signIn(h(), 'admin')).get(`${base}/duty-board`)).statusCode).toBe(200);
  });

  it('counts each class: enrolled, on site, leave, absent, released, walked home, still on site', async () => {
    const [first, second] = day.present;
    const r1 = await care.send('POST', `${base}/pickup/releases`, {
      tempClassId: day.tempClassId,
      method: 'code',
      studentId: first,
      code: day.adults.get(first!)!.code,
    });
    expect(r1.statusCode).toBe(201);
    await parent.send('POST', `${base}/pickup/releases/${r1.json().id}/confirm`);
    const r2 = await care.send('POST', `${base}/pickup/releases`, {
      tempClassId: day.tempClassId,
      method: 'id_check',
      studentId: second,
      adultId: day.adults.get(second!)!.adultId,
      idLast4: '0000',
    });
    expect(r2.statusCode).toBe(201);
    const board = (await leader.get(`${base}/duty-board`)).json();
    const care1 = board.classes.find((c: { id: string }) => c.id === day.tempClassId);
    const total = day.present.length + 2;
    expect(care1).toMatchObject({
      enrolled: total,
      onSite: day.present.length,
      leave: 1,
      absent: 1,
      releasedConfirmed: 1,
      releasedAwaiting: 1,
      walkedHome: 0,
      rollTaken: true,
    });
    expect(care1.stillOnSite).toHaveLength(day.present.length - 2);
    expect(care1.stillOnSite.map((s: { studentId: string }) => s.studentId)).not.toContain(first);
    expect(care1.awaiting).toEqual([
      { releaseId: r2.json().id, name: expect.any(String), adultName: '接送人2' },
    ]);
    const football = board.classes.find((c: { id: string }) => c.id === emptyClassId);
    expect(football).toMatchObject({ rollTaken: false, enrolled: 1, onSite: 0, stillOnSite: [] });
    expect(board.totals).toMatchObject({ stillOnSite: day.present.length - 2, awaiting: 1 });
    expect(board.alertsRaised).toBe(0);
  });

  it('after the session end plus the grace, one alert per child still on site, once', async () => {
    const waiting = day.present.length - 2;
    // 17:44 local: within the 15 minutes' grace after 17:30.
    h().setNow('2026-09-01T09:44:00.000Z');
    expect((await leader.get(`${base}/duty-board`)).json().alertsRaised).toBe(0);
    h().setNow('2026-09-01T09:45:00.000Z');
    const board = (await leader.get(`${base}/duty-board`)).json();
    expect(board.alertsRaised).toBe(waiting);
    const care1 = board.classes.find((c: { id: string }) => c.id === day.tempClassId);
    expect(care1.stillOnSite.every((s: { lateAlerted: boolean }) => s.lateAlerted)).toBe(true);
    const leaderAlerts = await count('pickup.lateLeader');
    expect(leaderAlerts).toBe(waiting);
    const familyAlerts = await count('pickup.late');
    expect(familyAlerts).toBeGreaterThan(0);
    // Read again, or run by the scheduler: nothing new.
    expect((await leader.get(`${base}/duty-board`)).json().alertsRaised).toBe(0);
    expect(await raiseLatePickupAlerts(h().ctx)).toBe(0);
    expect(await count('pickup.lateLeader')).toBe(leaderAlerts);
    expect(await count('pickup.late')).toBe(familyAlerts);
    const rows = await db().selectFrom('pickup_late_alerts').select('student_id').execute();
    expect(new Set(rows.map((r) => r.student_id)).size).toBe(rows.length);
    expect(rows).toHaveLength(waiting);
    h().setNow('2026-09-01T08:00:00.000Z');
  });
});
