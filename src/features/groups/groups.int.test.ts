// rule STAFF-1, rule STAFF-3 on both databases: temporary classes generated through HTTP from
// enrolled applications; moves checked against the cap with history kept and an idempotency key;
// head teacher and seats; reach (another school, care teacher, parent); papers and export audited.
import ExcelJS from 'exceljs';
import { beforeAll, expect, it } from 'vitest';
import { describeBothDatabases } from '../../../test/db-matrix';
import { signIn } from '../../../test/fixtures';
import { type GroupsWorld, groupsHelpers, seedGroupsWorld } from '../../../test/groups-fixture';
import { newId } from '../../server/context';

describeBothDatabases('temporary classes', (h) => {
  let g: GroupsWorld;
  const { db, base, classesOf, currentRows, auditCount, userId } = groupsHelpers(h, () => g);

  beforeAll(async () => {
    g = await seedGroupsWorld(h());
  });

  it('generates balanced classes under the cap from enrolled students, and only the school may', async () => {
    const url = `${base()}/terms/${g.term.termId}/temp-classes/generate`;
    expect((await g.care.send('POST', url, {})).statusCode).toBe(403);
    const adminB = await signIn(h(), 'adminB');
    expect((await adminB.send('POST', url, {})).statusCode).toBe(404);

    const res = await g.admin.send('POST', url, {});
    expect(res.statusCode).toBe(200);
    const byOffering = new Map(
      (res.json().offerings as { offeringId: string; classes: number; students: number }[]).map((o) => [
        o.offeringId,
        o,
      ]),
    );
    expect(byOffering.get(g.term.homeworkCare)).toMatchObject({ students: 20 });
    expect(byOffering.get(g.term.football)).toMatchObject({ students: 6, classes: 1 });
    expect(byOffering.has(g.term.chess)).toBe(false);

    const care20 = await classesOf(g.term.homeworkCare);
    expect(care20.reduce((s, c) => s + c.count, 0)).toBe(20);
    for (const c of care20) expect(c.count).toBeLessThanOrEqual(8);
    expect(care20.length).toBeGreaterThanOrEqual(3);
    expect(care20.map((c) => c.name)).toContain('看护1班');
    expect((await classesOf(g.term.football))[0]!.name).toBe('足球1班');

    // Every enrolled student exactly once, with a seat.
    const rows = await currentRows(g.term.homeworkCare);
    expect(new Set(rows.map((r) => r.student_id)).size).toBe(20);
    expect(rows.every((r) => r.seat_no !== null && r.left_at === null)).toBe(true);
    expect(await auditCount('tempClass.generate')).toBe(2);

    const overview = await g.admin.get(`${base()}/terms/${g.term.termId}/temp-class-offerings`);
    expect(overview.statusCode).toBe(200);
    const hw = overview.json().items.find((o: { id: string }) => o.id === g.term.homeworkCare);
    expect(hw).toMatchObject({ kind: 'care', cap: 8, enrolled: 20, placed: 20, rollCallTaken: false });
  });

  it('takes its caps from the school settings, which the school edits', async () => {
    const url = `${base()}/settings`;
    const read = (await g.admin.get(url)).json();
    expect(read).toMatchObject({
      careClassCap: 8,
      interestClassCap: 30,
      noonClassCap: 45,
      noonGroupMin: 30,
      seatRowWidth: 6,
    });
    const res = await g.admin.send('PATCH', url, { seatRowWidth: 5 });
    expect(res.statusCode).toBe(200);
    expect(res.json().seatRowWidth).toBe(5);
    expect((await g.admin.send('PATCH', url, { careClassCap: 0 })).statusCode).toBe(400);
    await g.admin.send('PATCH', url, { seatRowWidth: 6 });
  });

  it('lets a care teacher read but not change, and hides another school', async () => {
    const [first] = await classesOf(g.term.homeworkCare);
    const detail = await g.care.get(`${base()}/temp-classes/${first!.id}`);
    expect(detail.statusCode).toBe(200);
    expect(detail.json().members).toHaveLength(first!.count);
    expect(
      (await g.care.send('PATCH', `${base()}/temp-classes/${first!.id}`, { name: 'X' })).statusCode,
    ).toBe(403);
    const adminB = await signIn(h(), 'adminB');
    expect((await adminB.get(`${base()}/temp-classes/${first!.id}`)).statusCode).toBe(404);
    expect((await adminB.get(`/api/v1/schools/${g.w.schoolB}/temp-classes/${first!.id}`)).statusCode).toBe(
      404,
    );
    // Bad input: 400 naming the field, nothing changed.
    const bad = await g.admin.send('PATCH', `${base()}/temp-classes/${first!.id}`, { name: '' });
    expect(bad.statusCode).toBe(400);
  });

  it('refuses a move over the cap and changes nothing; a move within it keeps history', async () => {
    const [from, to] = await classesOf(g.term.homeworkCare);
    // A venue that holds exactly the target's students lowers its cap to its current size.
    const venueId = newId();
    await db()
      .insertInto('venues')
      .values({
        id: venueId,
        school_id: g.w.schoolA,
        name: '小教室',
        kind: 'classroom',
        capacity: to!.count,
        fire_safe: 0,
        fire_safe_checked_on: null,
        created_at: '2026-09-01T08:00:00.000Z',
        updated_at: '2026-09-01T08:00:00.000Z',
      })
      .execute();
    const setVenue = await g.admin.send('PATCH', `${base()}/temp-classes/${to!.id}`, { venueId });
    expect(setVenue.statusCode).toBe(200);
    expect(setVenue.json().class).toMatchObject({ venueId, cap: to!.count });

    const before = await currentRows(g.term.homeworkCare);
    const mover = before.find((r) => r.temp_class_id === from!.id)!;
    const moveUrl = `${base()}/temp-classes/${from!.id}/moves`;
    const full = await g.admin.send('POST', moveUrl, { studentId: mover.student_id, toClassId: to!.id });
    expect(full.statusCode).toBe(409);
    expect(full.json().code).toBe('TEMP_CLASS_FULL');
    expect(full.json().message).toContain(to!.name);
    expect(full.json().message).toContain(String(to!.count));
    expect(await currentRows(g.term.homeworkCare)).toEqual(before);
    expect(await auditCount('tempClass.move')).toBe(0);
    expect(
      (await g.care.send('POST', moveUrl, { studentId: mover.student_id, toClassId: to!.id })).statusCode,
    ).toBe(403);

    await g.admin.send('PATCH', `${base()}/temp-classes/${to!.id}`, { venueId: null });
    const key = { 'idempotency-key': 'move-once-1' };
    const moved = await g.admin.send(
      'POST',
      moveUrl,
      { studentId: mover.student_id, toClassId: to!.id },
      key,
    );
    expect(moved.statusCode).toBe(200);
    expect(moved.json()).toMatchObject({
      studentId: mover.student_id,
      toClassId: to!.id,
      count: to!.count + 1,
    });
    // A retry with the same key replays the answer instead of failing "not in this class".
    const replay = await g.admin.send(
      'POST',
      moveUrl,
      { studentId: mover.student_id, toClassId: to!.id },
      key,
    );
    expect(replay.statusCode).toBe(200);
    expect(replay.json()).toEqual(moved.json());
    const detail = await g.admin.get(`${base()}/temp-classes/${to!.id}`);
    expect(detail.json().members.map((m: { studentId: string }) => m.studentId)).toContain(mover.student_id);
    const after = await currentRows(g.term.homeworkCare);
    expect(after.find((r) => r.id === mover.id)!.left_at).toBe('2026-09-01T08:00:00.000Z');
    expect(after.filter((r) => r.student_id === mover.student_id && r.left_at === null)).toHaveLength(1);
    const audit = await db()
      .selectFrom('audit_log')
      .select(['before_json', 'after_json'])
      .where('action', '=', 'tempClass.move')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.before_json!)).toMatchObject({ classId: from!.id });
    expect(JSON.parse(audit.after_json!)).toMatchObject({ classId: to!.id });
    const family = g.families.find((f) => f.studentId === mover.student_id)!;
    const inbox = await db()
      .selectFrom('notifications')
      .select('kind')
      .where('user_id', '=', family.userId)
      .execute();
    expect(inbox.map((n) => n.kind)).toContain('tempClass.moved');

    // Moving to another offering's class is refused.
    const [football] = await classesOf(g.term.football);
    const other = await g.admin.send('POST', `${base()}/temp-classes/${to!.id}/moves`, {
      studentId: mover.student_id,
      toClassId: football!.id,
    });
    expect(other.statusCode).toBe(422);
  });

  it('lets only one of two simultaneous moves take the last place (the cap is counted under a lock)', async () => {
    const classes = await classesOf(g.term.homeworkCare);
    const to = classes.at(-1)!;
    const from = classes.find((c) => c.id !== to.id && c.count >= 2)!;
    // The target's room holds one more than it has: one free place.
    const venueId = newId();
    await db()
      .insertInto('venues')
      .values({
        id: venueId,
        school_id: g.w.schoolA,
        name: '一个空位的教室',
        kind: 'classroom',
        capacity: to.count + 1,
        fire_safe: 0,
        fire_safe_checked_on: null,
        created_at: '2026-09-01T08:00:00.000Z',
        updated_at: '2026-09-01T08:00:00.000Z',
      })
      .execute();
    expect((await g.admin.send('PATCH', `${base()}/temp-classes/${to.id}`, { venueId })).statusCode).toBe(
      200,
    );
    const movers = (await currentRows(g.term.homeworkCare)).filter(
      (r) => r.temp_class_id === from.id && r.left_at === null,
    );
    const answers = await Promise.all(
      movers
        .slice(0, 2)
        .map((m) =>
          g.admin.send(
            'POST',
            `${base()}/temp-classes/${from.id}/moves`,
            { studentId: m.student_id, toClassId: to.id },
            { 'accept-language': 'en' },
          ),
        ),
    );
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 409]);
    const refusal = answers.find((a) => a.statusCode === 409)!.json();
    expect(refusal.message).toBe(
      `"${to.name}" already has ${to.count + 1} students; its cap is ${to.count + 1}`,
    );
    const after = await classesOf(g.term.homeworkCare);
    expect(after.find((c) => c.id === to.id)!.count).toBe(to.count + 1);
    await g.admin.send('PATCH', `${base()}/temp-classes/${to.id}`, { venueId: null });
  });

  it('sets a head teacher who teaches at the school, and swaps seats', async () => {
    const [cls] = await classesOf(g.term.homeworkCare);
    const careUser = { id: await userId('care') };
    const ok = await g.admin.send('PATCH', `${base()}/temp-classes/${cls!.id}`, {
      headTeacherId: careUser.id,
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().class.headTeacherName).toBe('care 老师');
    const told = await db()
      .selectFrom('notifications')
      .select('kind')
      .where('user_id', '=', careUser.id)
      .execute();
    expect(told.map((n) => n.kind)).toContain('tempClass.headAssigned');
    const parent = await g.admin.send('PATCH', `${base()}/temp-classes/${cls!.id}`, {
      headTeacherId: g.families[0]!.userId,
    });
    expect(parent.statusCode).toBe(422);
    expect(parent.json().code).toBe('TEMP_CLASS_HEAD_NOT_STAFF');

    const members = ok.json().members as { studentId: string; seatNo: number }[];
    const [a, b] = members;
    const swapped = await g.admin.send('PUT', `${base()}/temp-classes/${cls!.id}/seats`, {
      studentId: a!.studentId,
      seatNo: b!.seatNo,
    });
    expect(swapped.statusCode).toBe(200);
    const seats = new Map(
      (swapped.json().members as { studentId: string; seatNo: number }[]).map((m) => [m.studentId, m.seatNo]),
    );
    expect(seats.get(a!.studentId)).toBe(b!.seatNo);
    expect(seats.get(b!.studentId)).toBe(a!.seatNo);
    const range = await g.admin.send('PUT', `${base()}/temp-classes/${cls!.id}/seats`, {
      studentId: a!.studentId,
      seatNo: 99,
    });
    expect(range.statusCode).toBe(422);
  });

  it('shows a family its own child’s class only', async () => {
    const child = g.families[0]!;
    const url = (studentId: string) => `${base()}/students/${studentId}/temp-classes?termId=${g.term.termId}`;
    const mine = await child.client.get(url(child.studentId));
    expect(mine.statusCode).toBe(200);
    expect(
      mine
        .json()
        .items.map((c: { offeringName: string }) => c.offeringName)
        .sort(),
    ).toEqual(['作业辅导看护', '足球社团'].sort());
    expect((await child.client.get(url(g.families[1]!.studentId))).statusCode).toBe(404);
    const [cls] = await classesOf(g.term.homeworkCare);
    expect((await child.client.get(`${base()}/temp-classes/${cls!.id}`)).statusCode).toBe(403);
  });

  it('prints the roster with masked phones, the seat plan and a roll-call sheet, each audited', async () => {
    const [cls] = await classesOf(g.term.homeworkCare);
    const roster = await g.care.get(`${base()}/temp-classes/${cls!.id}/print?sheet=roster`);
    expect(roster.statusCode).toBe(200);
    const members = roster.json().members as { guardianPhone: string | null; row: number }[];
    expect(members.length).toBe(cls!.count);
    for (const m of members) expect(m.guardianPhone).toMatch(/^\d{3}\*{4}\d{4}$/);
    const roll = await g.care.get(`${base()}/temp-classes/${cls!.id}/print?sheet=roll&month=2026-09`);
    // Monday to Friday of September 2026 (no holidays in this term's calendar): 22 days.
    expect(roll.json().dates).toHaveLength(22);
    expect(roll.json().dates[0]).toBe('2026-09-01');
    const week = await g.care.get(`${base()}/temp-classes/${cls!.id}/print?sheet=roll&from=2026-09-07`);
    expect(week.json().dates).toEqual(['2026-09-07', '2026-09-08', '2026-09-09', '2026-09-10', '2026-09-11']);
    expect((await g.care.get(`${base()}/temp-classes/${cls!.id}/print?sheet=x`)).statusCode).toBe(400);
    expect(await auditCount('tempClass.print')).toBe(3);
  });

  it('exports the term’s classes to Excel, one sheet per offering, audited; for the school’s leaders only', async () => {
    const url = `${base()}/terms/${g.term.termId}/temp-classes/export`;
    // SAFE-2: a care teacher prints their own class; the whole term's children are the leaders'.
    expect((await g.care.get(url)).statusCode).toBe(403);
    const res = await g.admin.get(url);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(book.worksheets.map((s) => s.name).sort()).toEqual(['作业辅导看护', '足球社团'].sort());
    const care = book.getWorksheet('作业辅导看护')!;
    // A header and one row per current member.
    expect(care.rowCount).toBe(1 + 20);
    expect(care.getRow(1).values).toContain('临时班');
    expect(String(care.getRow(2).getCell(1).value)).toMatch(/^看护\d班$/);
    const one = await g.admin.get(`${url}?offeringId=${g.term.football}`);
    const single = new ExcelJS.Workbook();
    await single.xlsx.load(one.rawPayload as unknown as ArrayBuffer);
    expect(single.worksheets.map((s) => s.name)).toEqual(['足球社团']);
    expect(await auditCount('tempClass.export')).toBe(2);
    expect((await g.families[0]!.client.get(url)).statusCode).toBe(403);
  });

  it('documents its routes in OpenAPI', async () => {
    const doc = (await h().app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    const ids = Object.values(doc.paths as Record<string, Record<string, { operationId?: string }>>).flatMap(
      (methods) => Object.values(methods).map((op) => op.operationId),
    );
    expect(ids).toEqual(
      expect.arrayContaining([
        'listTempClassOfferings',
        'generateTempClasses',
        'placeNewStudents',
        'listTempClasses',
        'exportTempClasses',
        'getTempClass',
        'updateTempClass',
        'moveTempClassStudent',
        'setTempClassSeat',
        'printTempClass',
        'listStudentTempClasses',
      ]),
    );
  });
});
