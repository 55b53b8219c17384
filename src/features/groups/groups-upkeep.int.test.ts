// rule STAFF-2, rule STAFF-3 on both databases: noon groups and room assignment, students enrolled
// later placed with their classmates, leavers' memberships ended, regeneration closed by a roll call.
import { beforeAll, expect, it } from 'vitest';
import { seedApplications } from '../../../test/applications-fixture';
import { describeBothDatabases } from '../../../test/db-matrix';
import { seedFamilies } from '../../../test/families';
import { type GroupsWorld, groupsHelpers, seedGroupsWorld } from '../../../test/groups-fixture';
import { seedTerm } from '../../../test/programme-fixtures';
import { newId } from '../../server/context';

describeBothDatabases('keeping temporary classes current', (h) => {
  let g: GroupsWorld;
  const { db, base, classesOf, currentRows, userId } = groupsHelpers(h, () => g);

  beforeAll(async () => {
    g = await seedGroupsWorld(h());
    const generated = await g.admin.send(
      'POST',
      `${base()}/terms/${g.term.termId}/temp-classes/generate`,
      {},
    );
    if (generated.statusCode !== 200) throw new Error(generated.body);
  });

  it('places students enrolled later with their classmates and ends the memberships of leavers', async () => {
    const late = await seedFamilies(h(), g.w.schoolA, 3, { phonePrefix: '1587' });
    await seedApplications(h(), {
      schoolId: g.w.schoolA,
      termId: g.term.termId,
      families: late,
      status: 'enrolled',
      lineStatus: 'accepted',
      choices: () => [{ offeringId: g.term.homeworkCare }],
    });
    const leaver = g.families[5]!;
    await db()
      .updateTable('application_lines')
      .set({ status: 'withdrawn' })
      .where('student_id', '=', leaver.studentId)
      .where('offering_id', '=', g.term.homeworkCare)
      .execute();
    const res = await g.admin.send(
      'POST',
      `${base()}/terms/${g.term.termId}/offerings/${g.term.homeworkCare}/temp-classes/place`,
    );
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ placed: 3, left: 1 });
    const rows = await currentRows(g.term.homeworkCare);
    const current = rows.filter((r) => r.left_at === null);
    expect(current).toHaveLength(22);
    expect(rows.find((r) => r.student_id === leaver.studentId)!.left_at).not.toBeNull();
    for (const c of await classesOf(g.term.homeworkCare)) expect(c.count).toBeLessThanOrEqual(c.cap);
  });

  it('groups noon care by STAFF-2, gives free fire-safe rooms, and keeps a head teacher on regeneration', async () => {
    const noonTerm = await seedTerm(h(), g.w, { name: 'noon' });
    const at = '2026-09-01T08:00:00.000Z';
    const venue = (name: string, capacity: number, fireSafe: boolean, kind = 'nap_room') => ({
      id: newId(),
      school_id: g.w.schoolA,
      name,
      kind,
      capacity,
      fire_safe: fireSafe ? 1 : 0,
      fire_safe_checked_on: fireSafe ? '2026-08-20' : null,
      created_at: at,
      updated_at: at,
    });
    const rooms = [
      venue('午休室A', 10, true),
      venue('午休室B', 8, true),
      venue('教室C', 50, false, 'classroom'),
      venue('午休室D', 6, true),
    ];
    await db().insertInto('venues').values(rooms).execute();
    const napId = newId();
    await db()
      .insertInto('offerings')
      .values({
        id: napId,
        school_id: g.w.schoolA,
        term_id: noonTerm.termId,
        session_id: noonTerm.noonSessionId,
        venue_id: rooms[0]!.id,
        kind: 'nap',
        name: '午托',
        description: '',
        capacity: 60,
        teacher_user_id: null,
        teacher_name: null,
        fee_basis: 'month',
        fee_fen: 20000,
        created_at: at,
        updated_at: at,
      })
      .execute();
    // rule STAFF-2 with a minimum of 7: the 20 families sit 7 / 7 / 6 in classes 1-1, 1-2, 2-1.
    await db()
      .updateTable('school_settings')
      .set({ settings: JSON.stringify({ careClassCap: 8, noonGroupMin: 7, noonClassCap: 12 }) })
      .where('school_id', '=', g.w.schoolA)
      .execute();
    await seedApplications(h(), {
      schoolId: g.w.schoolA,
      termId: noonTerm.termId,
      families: g.families,
      status: 'enrolled',
      lineStatus: 'accepted',
      choices: () => [{ offeringId: napId }],
    });
    const url = `${base()}/terms/${noonTerm.termId}/temp-classes/generate`;
    expect((await g.admin.send('POST', url, { offeringId: napId })).statusCode).toBe(200);
    const list = async () =>
      (await g.admin.get(`${base()}/terms/${noonTerm.termId}/temp-classes?offeringId=${napId}`)).json()
        .items as {
        id: string;
        name: string;
        count: number;
        cap: number;
        venueName: string | null;
      }[];
    const groups = await list();
    expect(groups.map((x) => [x.name, x.count]).sort()).toEqual(
      [
        ['午托一(1)班组', 7],
        ['午托一(2)班组', 7],
        ['午托二年级组', 6],
      ].sort(),
    );
    // The offering's room for the first group; the smallest free fire-safe room that holds each other.
    expect(Object.fromEntries(groups.map((x) => [x.name, x.venueName]))).toEqual({
      '午托一(1)班组': '午休室A',
      '午托一(2)班组': '午休室B',
      午托二年级组: '午休室D',
    });
    // The cap is the noon cap lowered by each room.
    expect(groups.find((x) => x.name === '午托二年级组')!.cap).toBe(6);

    const careUser = { id: await userId('care') };
    const grade2 = groups.find((x) => x.name === '午托二年级组')!;
    expect(
      (await g.admin.send('PATCH', `${base()}/temp-classes/${grade2.id}`, { headTeacherId: careUser.id }))
        .statusCode,
    ).toBe(200);
    // A room for a nap must be fire-safe; a room too small for the class is refused.
    const c = rooms[2]!.id;
    const unsafe = await g.admin.send('PATCH', `${base()}/temp-classes/${grade2.id}`, { venueId: c });
    expect(unsafe.statusCode).toBe(422);
    expect(unsafe.json().code).toBe('VENUE_NOT_FIRE_SAFE');
    const taken = await g.admin.send('PATCH', `${base()}/temp-classes/${grade2.id}`, {
      venueId: rooms[1]!.id,
    });
    expect(taken.json().code).toBe('TEMP_CLASS_VENUE_TAKEN');

    expect((await g.admin.send('POST', url, { offeringId: napId })).statusCode).toBe(200);
    const again = await list();
    const kept = again.find((x) => x.name === '午托二年级组')!;
    expect(kept.id).toBe(grade2.id);
    const detail = await g.admin.get(`${base()}/temp-classes/${kept.id}`);
    expect(detail.json().class.headTeacherId).toBe(careUser.id);
    expect(again.map((x) => x.venueName).sort()).toEqual(groups.map((x) => x.venueName).sort());
  });

  it('regenerates before a roll call, and refuses after one with nothing changed', async () => {
    const url = `${base()}/terms/${g.term.termId}/temp-classes/generate`;
    const again = await g.admin.send('POST', url, { offeringId: g.term.football });
    expect(again.statusCode).toBe(200);
    const [cls] = await classesOf(g.term.homeworkCare);
    const taker = { id: await userId('care') };
    await db()
      .insertInto('roll_calls')
      .values({
        id: newId(),
        school_id: g.w.schoolA,
        temp_class_id: cls!.id,
        date: '2026-09-01',
        version: 1,
        taken_by: taker.id,
        marked_at: '2026-09-01T08:00:00.000Z',
        saved_at: '2026-09-01T08:00:00.000Z',
        present_count: 0,
        note: '',
      })
      .execute();
    const before = await currentRows(g.term.homeworkCare);
    const refused = await g.admin.send('POST', url, { offeringId: g.term.homeworkCare });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('TEMP_CLASS_ROLL_CALL_TAKEN');
    expect(refused.json().message).toContain('作业辅导看护');
    // The term-wide run is refused whole: one transaction.
    expect((await g.admin.send('POST', url, {})).statusCode).toBe(409);
    expect(await currentRows(g.term.homeworkCare)).toEqual(before);
    const overview = await g.admin.get(`${base()}/terms/${g.term.termId}/temp-class-offerings`);
    expect(
      overview.json().items.find((o: { id: string }) => o.id === g.term.homeworkCare).rollCallTaken,
    ).toBe(true);
  });
});
