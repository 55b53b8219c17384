// rule STAFF-1, rule STAFF-2, rule STAFF-3 on both databases: temporary classes generated through
// HTTP from enrolled applications, regeneration closed by a roll call, moves checked against the
// cap with history kept, reach (another school, care teacher, parent) and the audit trail.
import type { Kysely } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { seedApplications } from '../../../test/applications-fixture';
import { describeBothDatabases } from '../../../test/db-matrix';
import { type Family, seedFamilies } from '../../../test/families';
import { type Client, seedWorld, signIn, type World } from '../../../test/fixtures';
import { seedTerm, type TermFixture } from '../../../test/programme-fixtures';
import type { DB } from '../../db/schema';
import { newId } from '../../server/context';

describeBothDatabases('temporary classes', (h) => {
  let w: World;
  let term: TermFixture;
  let admin: Client;
  let care: Client;
  let families: Family[];
  const db = () => h().ctx.db as Kysely<DB>;
  const base = () => `/api/v1/schools/${w.schoolA}`;
  const classesOf = async (offeringId: string) =>
    (await admin.get(`${base()}/terms/${term.termId}/temp-classes?offeringId=${offeringId}`)).json()
      .items as {
      id: string;
      name: string;
      count: number;
      cap: number;
      venueId: string | null;
    }[];
  const currentRows = (offeringId: string) =>
    db()
      .selectFrom('temp_class_members')
      .select(['id', 'temp_class_id', 'student_id', 'seat_no', 'left_at'])
      .where('offering_id', '=', offeringId)
      .orderBy('id')
      .execute();
  const auditCount = async (action: string) =>
    (await db().selectFrom('audit_log').select('id').where('action', '=', action).execute()).length;

  beforeAll(async () => {
    h().setNow('2026-09-01T08:00:00.000Z');
    w = await seedWorld(h());
    admin = await signIn(h(), 'admin');
    care = await signIn(h(), 'care');
    term = await seedTerm(h(), w, { name: 'groups' });
    // rule STAFF-1: caps are settings; small ones keep the fixture small.
    await db()
      .insertInto('school_settings')
      .values({
        school_id: w.schoolA,
        settings: JSON.stringify({ careClassCap: 8, interestClassCap: 30 }),
        updated_at: '2026-09-01T08:00:00.000Z',
        updated_by: null,
      })
      .execute();
    families = await seedFamilies(h(), w.schoolA, 20, { phonePrefix: '1586' });
    await seedApplications(h(), {
      schoolId: w.schoolA,
      termId: term.termId,
      families,
      status: 'enrolled',
      lineStatus: 'accepted',
      choices: (i) => [
        { offeringId: term.homeworkCare },
        ...(i < 6 ? [{ offeringId: term.football, group: 2 }] : []),
      ],
    });
  });

  it('generates balanced classes under the cap from enrolled students, and only the school may', async () => {
    const url = `${base()}/terms/${term.termId}/temp-classes/generate`;
    expect((await care.send('POST', url, {})).statusCode).toBe(403);
    const adminB = await signIn(h(), 'adminB');
    expect((await adminB.send('POST', url, {})).statusCode).toBe(404);

    const res = await admin.send('POST', url, {});
    expect(res.statusCode).toBe(200);
    const byOffering = new Map(
      (res.json().offerings as { offeringId: string; classes: number; students: number }[]).map((o) => [
        o.offeringId,
        o,
      ]),
    );
    expect(byOffering.get(term.homeworkCare)).toMatchObject({ students: 20 });
    expect(byOffering.get(term.football)).toMatchObject({ students: 6, classes: 1 });
    expect(byOffering.has(term.chess)).toBe(false);

    const care20 = await classesOf(term.homeworkCare);
    expect(care20.reduce((s, c) => s + c.count, 0)).toBe(20);
    for (const c of care20) expect(c.count).toBeLessThanOrEqual(8);
    expect(care20.length).toBeGreaterThanOrEqual(3);
    expect(care20.map((c) => c.name)).toContain('看护1班');
    expect((await classesOf(term.football))[0]!.name).toBe('足球1班');

    // Every enrolled student exactly once, with a seat.
    const rows = await currentRows(term.homeworkCare);
    expect(new Set(rows.map((r) => r.student_id)).size).toBe(20);
    expect(rows.every((r) => r.seat_no !== null && r.left_at === null)).toBe(true);
    expect(await auditCount('tempClass.generate')).toBe(2);

    const overview = await admin.get(`${base()}/terms/${term.termId}/temp-class-offerings`);
    expect(overview.statusCode).toBe(200);
    const hw = overview.json().items.find((o: { id: string }) => o.id === term.homeworkCare);
    expect(hw).toMatchObject({ kind: 'care', cap: 8, enrolled: 20, placed: 20, rollCallTaken: false });
  });

  it('lets a care teacher read but not change, and hides another school', async () => {
    const [first] = await classesOf(term.homeworkCare);
    const detail = await care.get(`${base()}/temp-classes/${first!.id}`);
    expect(detail.statusCode).toBe(200);
    expect(detail.json().members).toHaveLength(first!.count);
    expect((await care.send('PATCH', `${base()}/temp-classes/${first!.id}`, { name: 'X' })).statusCode).toBe(
      403,
    );
    const adminB = await signIn(h(), 'adminB');
    expect((await adminB.get(`${base()}/temp-classes/${first!.id}`)).statusCode).toBe(404);
    expect((await adminB.get(`/api/v1/schools/${w.schoolB}/temp-classes/${first!.id}`)).statusCode).toBe(404);
    // Bad input: 400 naming the field, nothing changed.
    const bad = await admin.send('PATCH', `${base()}/temp-classes/${first!.id}`, { name: '' });
    expect(bad.statusCode).toBe(400);
  });

  it('refuses a move over the cap and changes nothing; a move within it keeps history', async () => {
    const [from, to] = await classesOf(term.homeworkCare);
    // A venue that holds exactly the target's students lowers its cap to its current size.
    const venueId = newId();
    await db()
      .insertInto('venues')
      .values({
        id: venueId,
        school_id: w.schoolA,
        name: '小教室',
        kind: 'classroom',
        capacity: to!.count,
        fire_safe: 0,
        fire_safe_checked_on: null,
        created_at: '2026-09-01T08:00:00.000Z',
        updated_at: '2026-09-01T08:00:00.000Z',
      })
      .execute();
    const setVenue = await admin.send('PATCH', `${base()}/temp-classes/${to!.id}`, { venueId });
    expect(setVenue.statusCode).toBe(200);
    expect(setVenue.json().class).toMatchObject({ venueId, cap: to!.count });

    const before = await currentRows(term.homeworkCare);
    const mover = before.find((r) => r.temp_class_id === from!.id)!;
    const moveUrl = `${base()}/temp-classes/${from!.id}/moves`;
    const full = await admin.send('POST', moveUrl, { studentId: mover.student_id, toClassId: to!.id });
    expect(full.statusCode).toBe(409);
    expect(full.json().code).toBe('TEMP_CLASS_FULL');
    expect(full.json().message).toContain(to!.name);
    expect(full.json().message).toContain(String(to!.count));
    expect(await currentRows(term.homeworkCare)).toEqual(before);
    expect(await auditCount('tempClass.move')).toBe(0);
    expect(
      (await care.send('POST', moveUrl, { studentId: mover.student_id, toClassId: to!.id })).statusCode,
    ).toBe(403);

    await admin.send('PATCH', `${base()}/temp-classes/${to!.id}`, { venueId: null });
    const key = { 'idempotency-key': 'move-once-1' };
    const moved = await admin.send('POST', moveUrl, { studentId: mover.student_id, toClassId: to!.id }, key);
    expect(moved.statusCode).toBe(200);
    expect(moved.json()).toMatchObject({
      studentId: mover.student_id,
      toClassId: to!.id,
      count: to!.count + 1,
    });
    // A retry with the same key replays the answer instead of failing "not in this class".
    const replay = await admin.send('POST', moveUrl, { studentId: mover.student_id, toClassId: to!.id }, key);
    expect(replay.statusCode).toBe(200);
    expect(replay.json()).toEqual(moved.json());
    const detail = await admin.get(`${base()}/temp-classes/${to!.id}`);
    expect(detail.json().members.map((m: { studentId: string }) => m.studentId)).toContain(mover.student_id);
    const after = await currentRows(term.homeworkCare);
    expect(after.find((r) => r.id === mover.id)!.left_at).toBe('2026-09-01T08:00:00.000Z');
    expect(after.filter((r) => r.student_id === mover.student_id && r.left_at === null)).toHaveLength(1);
    const audit = await db()
      .selectFrom('audit_log')
      .select(['before_json', 'after_json'])
      .where('action', '=', 'tempClass.move')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.before_json!)).toMatchObject({ classId: from!.id });
    expect(JSON.parse(audit.after_json!)).toMatchObject({ classId: to!.id });
    const family = families.find((f) => f.studentId === mover.student_id)!;
    const inbox = await db()
      .selectFrom('notifications')
      .select('kind')
      .where('user_id', '=', family.userId)
      .execute();
    expect(inbox.map((n) => n.kind)).toContain('tempClass.moved');

    // Moving to another offering's class is refused.
    const [football] = await classesOf(term.football);
    const other = await admin.send('POST', `${base()}/temp-classes/${to!.id}/moves`, {
      studentId: mover.student_id,
      toClassId: football!.id,
    });
    expect(other.statusCode).toBe(422);
  });

  it('sets a head teacher who teaches at the school, and swaps seats', async () => {
    const [cls] = await classesOf(term.homeworkCare);
    const careUser = await db()
      .selectFrom('users')
      .select('id')
      .where('username', '=', 'care')
      .executeTakeFirstOrThrow();
    const ok = await admin.send('PATCH', `${base()}/temp-classes/${cls!.id}`, { headTeacherId: careUser.id });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().class.headTeacherName).toBe('care 老师');
    const parent = await admin.send('PATCH', `${base()}/temp-classes/${cls!.id}`, {
      headTeacherId: families[0]!.userId,
    });
    expect(parent.statusCode).toBe(422);
    expect(parent.json().code).toBe('TEMP_CLASS_HEAD_NOT_STAFF');

    const members = ok.json().members as { studentId: string; seatNo: number }[];
    const [a, b] = members;
    const swapped = await admin.send('PUT', `${base()}/temp-classes/${cls!.id}/seats`, {
      studentId: a!.studentId,
      seatNo: b!.seatNo,
    });
    expect(swapped.statusCode).toBe(200);
    const seats = new Map(
      (swapped.json().members as { studentId: string; seatNo: number }[]).map((m) => [m.studentId, m.seatNo]),
    );
    expect(seats.get(a!.studentId)).toBe(b!.seatNo);
    expect(seats.get(b!.studentId)).toBe(a!.seatNo);
    const range = await admin.send('PUT', `${base()}/temp-classes/${cls!.id}/seats`, {
      studentId: a!.studentId,
      seatNo: 99,
    });
    expect(range.statusCode).toBe(422);
  });

  it('shows a family its own child’s class only', async () => {
    const child = families[0]!;
    const url = (studentId: string) => `${base()}/students/${studentId}/temp-classes?termId=${term.termId}`;
    const mine = await child.client.get(url(child.studentId));
    expect(mine.statusCode).toBe(200);
    expect(
      mine
        .json()
        .items.map((c: { offeringName: string }) => c.offeringName)
        .sort(),
    ).toEqual(['作业辅导看护', '足球社团'].sort());
    expect((await child.client.get(url(families[1]!.studentId))).statusCode).toBe(404);
    const [cls] = await classesOf(term.homeworkCare);
    expect((await child.client.get(`${base()}/temp-classes/${cls!.id}`)).statusCode).toBe(403);
  });

  it('prints the roster with masked phones, the seat plan and a roll-call sheet, each audited', async () => {
    const [cls] = await classesOf(term.homeworkCare);
    const roster = await care.get(`${base()}/temp-classes/${cls!.id}/print?sheet=roster`);
    expect(roster.statusCode).toBe(200);
    const members = roster.json().members as { guardianPhone: string | null; row: number }[];
    expect(members.length).toBe(cls!.count);
    for (const m of members) expect(m.guardianPhone).toMatch(/^\d{3}\*{4}\d{4}$/);
    const roll = await care.get(`${base()}/temp-classes/${cls!.id}/print?sheet=roll&month=2026-09`);
    // Monday to Friday of September 2026 (no holidays in this term's calendar): 22 days.
    expect(roll.json().dates).toHaveLength(22);
    expect(roll.json().dates[0]).toBe('2026-09-01');
    const week = await care.get(`${base()}/temp-classes/${cls!.id}/print?sheet=roll&from=2026-09-07`);
    expect(week.json().dates).toEqual(['2026-09-07', '2026-09-08', '2026-09-09', '2026-09-10', '2026-09-11']);
    expect((await care.get(`${base()}/temp-classes/${cls!.id}/print?sheet=x`)).statusCode).toBe(400);
    expect(await auditCount('tempClass.print')).toBe(3);
  });

  it('places students enrolled later with their classmates and ends the memberships of leavers', async () => {
    const late = await seedFamilies(h(), w.schoolA, 3, { phonePrefix: '1587' });
    await seedApplications(h(), {
      schoolId: w.schoolA,
      termId: term.termId,
      families: late,
      status: 'enrolled',
      lineStatus: 'accepted',
      choices: () => [{ offeringId: term.homeworkCare }],
    });
    const leaver = families[5]!;
    await db()
      .updateTable('application_lines')
      .set({ status: 'withdrawn' })
      .where('student_id', '=', leaver.studentId)
      .where('offering_id', '=', term.homeworkCare)
      .execute();
    const res = await admin.send(
      'POST',
      `${base()}/terms/${term.termId}/offerings/${term.homeworkCare}/temp-classes/place`,
    );
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ placed: 3, left: 1 });
    const rows = await currentRows(term.homeworkCare);
    const current = rows.filter((r) => r.left_at === null);
    expect(current).toHaveLength(22);
    expect(rows.find((r) => r.student_id === leaver.studentId)!.left_at).not.toBeNull();
    for (const c of await classesOf(term.homeworkCare)) expect(c.count).toBeLessThanOrEqual(c.cap);
  });

  it('groups noon care by STAFF-2, gives free fire-safe rooms, and keeps a head teacher on regeneration', async () => {
    const noonTerm = await seedTerm(h(), w, { name: 'noon' });
    const at = '2026-09-01T08:00:00.000Z';
    const venue = (name: string, capacity: number, fireSafe: boolean, kind = 'nap_room') => ({
      id: newId(),
      school_id: w.schoolA,
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
        school_id: w.schoolA,
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
      .where('school_id', '=', w.schoolA)
      .execute();
    await seedApplications(h(), {
      schoolId: w.schoolA,
      termId: noonTerm.termId,
      families,
      status: 'enrolled',
      lineStatus: 'accepted',
      choices: () => [{ offeringId: napId }],
    });
    const url = `${base()}/terms/${noonTerm.termId}/temp-classes/generate`;
    expect((await admin.send('POST', url, { offeringId: napId })).statusCode).toBe(200);
    const list = async () =>
      (await admin.get(`${base()}/terms/${noonTerm.termId}/temp-classes?offeringId=${napId}`)).json()
        .items as {
        id: string;
        name: string;
        count: number;
        cap: number;
        venueName: string | null;
      }[];
    const groups = await list();
    expect(groups.map((g) => [g.name, g.count]).sort()).toEqual(
      [
        ['午托一(1)班组', 7],
        ['午托一(2)班组', 7],
        ['午托二年级组', 6],
      ].sort(),
    );
    // The offering's room for the first group; the smallest free fire-safe room that holds each other.
    expect(Object.fromEntries(groups.map((g) => [g.name, g.venueName]))).toEqual({
      '午托一(1)班组': '午休室A',
      '午托一(2)班组': '午休室B',
      午托二年级组: '午休室D',
    });
    // The cap is the noon cap lowered by each room.
    expect(groups.find((g) => g.name === '午托二年级组')!.cap).toBe(6);

    const careUser = await db()
      .selectFrom('users')
      .select('id')
      .where('username', '=', 'care')
      .executeTakeFirstOrThrow();
    const grade2 = groups.find((g) => g.name === '午托二年级组')!;
    expect(
      (await admin.send('PATCH', `${base()}/temp-classes/${grade2.id}`, { headTeacherId: careUser.id }))
        .statusCode,
    ).toBe(200);
    // A room for a nap must be fire-safe; a room too small for the class is refused.
    const c = rooms[2]!.id;
    const unsafe = await admin.send('PATCH', `${base()}/temp-classes/${grade2.id}`, { venueId: c });
    expect(unsafe.statusCode).toBe(422);
    expect(unsafe.json().code).toBe('VENUE_NOT_FIRE_SAFE');
    const taken = await admin.send('PATCH', `${base()}/temp-classes/${grade2.id}`, { venueId: rooms[1]!.id });
    expect(taken.json().code).toBe('TEMP_CLASS_VENUE_TAKEN');

    expect((await admin.send('POST', url, { offeringId: napId })).statusCode).toBe(200);
    const again = await list();
    const kept = again.find((g) => g.name === '午托二年级组')!;
    expect(kept.id).toBe(grade2.id);
    const detail = await admin.get(`${base()}/temp-classes/${kept.id}`);
    expect(detail.json().class.headTeacherId).toBe(careUser.id);
    expect(again.map((g) => g.venueName).sort()).toEqual(groups.map((g) => g.venueName).sort());
  });

  it('regenerates before a roll call, and refuses after one with nothing changed', async () => {
    const url = `${base()}/terms/${term.termId}/temp-classes/generate`;
    const again = await admin.send('POST', url, { offeringId: term.football });
    expect(again.statusCode).toBe(200);
    const [cls] = await classesOf(term.homeworkCare);
    const taker = await db()
      .selectFrom('users')
      .select('id')
      .where('username', '=', 'care')
      .executeTakeFirstOrThrow();
    await db()
      .insertInto('roll_calls')
      .values({
        id: newId(),
        school_id: w.schoolA,
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
    const before = await currentRows(term.homeworkCare);
    const refused = await admin.send('POST', url, { offeringId: term.homeworkCare });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('TEMP_CLASS_ROLL_CALL_TAKEN');
    expect(refused.json().message).toContain('作业辅导看护');
    // The term-wide run is refused whole: one transaction.
    expect((await admin.send('POST', url, {})).statusCode).toBe(409);
    expect(await currentRows(term.homeworkCare)).toEqual(before);
    const overview = await admin.get(`${base()}/terms/${term.termId}/temp-class-offerings`);
    expect(overview.json().items.find((o: { id: string }) => o.id === term.homeworkCare).rollCallTaken).toBe(
      true,
    );
  });
});
