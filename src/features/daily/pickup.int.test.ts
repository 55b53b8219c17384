// Safe pickup through HTTP on both databases (DAY-4, SAFE-1, SAFE-2): codes for the family only,
// release by code, QR and ID check, the family's confirmation, refusals, special handover,
// revocation taking effect at once, a double release by two teachers, and reach across schools.
import type { Kysely } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { describeBothDatabases } from '../../../test/db-matrix';
import { type Client, password, seedWorld, signIn, type World } from '../../../test/fixtures';
import { type PickupFixture, seedPickupDay } from '../../../test/pickup-fixtures';
import { seedTerm } from '../../../test/programme-fixtures';
import { addStaff } from '../../cli/demo';
import type { DB } from '../../db/schema';
import { hashPassword } from '../../server/auth/passwords';

describeBothDatabases('pickup', (h) => {
  let world: World;
  let day: PickupFixture;
  let admin: Client;
  let care: Client;
  let teacher: Client;
  let parent: Client;
  let base: string;
  const db = () => h().ctx.db as Kysely<DB>;
  const release = (client: Client, body: Record<string, unknown>, headers?: Record<string, string>) =>
    client.send('POST', `${base}/pickup/releases`, { tempClassId: day.tempClassId, ...body }, headers);

  beforeAll(async () => {
    world = await seedWorld(h());
    const term = await seedTerm(h(), world);
    day = await seedPickupDay(h(), world, term);
    base = `/api/v1/schools/${world.schoolA}`;
    [admin, care, teacher, parent] = await Promise.all([
      signIn(h(), 'admin'),
      signIn(h(), 'care'),
      signIn(h(), 'teacher'),
      signIn(h(), world.parentPhone),
    ]);
  });

  it('the family sees and renews its codes; no staff call ever returns a code', async () => {
    const child = world.childOfParent;
    const before = day.adults.get(child)!;
    const list = await parent.get(`${base}/students/${child}/pickup-adults`);
    expect(list.statusCode).toBe(200);
    const mine = (l: { adults: { id: string; code: string; qrDataUrl: string }[] }) =>
      l.adults.find((a) => a.id === before.adultId);
    expect(mine(list.json())).toMatchObject({ id: before.adultId, code: before.code });
    const renewed = await parent.send(
      'POST',
      `${base}/students/${child}/pickup-adults/${before.adultId}/code`,
    );
    expect(renewed.statusCode).toBe(200);
    const adult = mine(renewed.json())!;
    expect(adult.code).toMatch(/^\d{6}$/);
    expect(adult.code).not.toBe(before.code);
    expect(adult.qrDataUrl).toMatch(/^data:image\/svg\+xml;base64,/);
    day.adults.set(child, { adultId: before.adultId, code: adult.code });
    // Staff of every kind: the family's endpoint is closed, the class page has names only.
    for (const staff of [admin, care, teacher]) {
      const r = await staff.get(`${base}/students/${child}/pickup-adults`);
      expect([403, 404]).toContain(r.statusCode);
      expect(r.body).not.toContain(adult.code);
    }
    const page = await care.get(`${base}/pickup/classes/${day.tempClassId}`);
    expect(page.statusCode).toBe(200);
    for (const { code } of day.adults.values()) expect(page.body).not.toContain(`"${code}"`);
    expect(page.body).not.toMatch(/"code"/);
    // The audit records that a code changed, never the code.
    const audit = await db()
      .selectFrom('audit_log')
      .select(['before_json', 'after_json'])
      .where('action', '=', 'pickup.code.set')
      .execute();
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit)).not.toContain(adult.code);
  });

  it('a release by code waits for the family, who confirms once', async () => {
    const child = world.childOfParent;
    const r = await release(care, { method: 'code', studentId: child, code: day.adults.get(child)!.code });
    expect(r.statusCode).toBe(201);
    expect(r.json()).toMatchObject({ method: 'code', status: 'awaiting_confirmation', adultName: '接送人1' });
    const inbox = await parent.get('/api/v1/me/notifications');
    const message = inbox
      .json()
      .items.find((n: { link: string }) => n.link === `/pickup/confirm/${r.json().id}`);
    expect(message).toBeDefined();
    const mine = await parent.get(`${base}/pickup/my-releases`);
    expect(mine.json().items.map((i: { id: string }) => i.id)).toContain(r.json().id);
    const confirmed = await parent.send('POST', `${base}/pickup/releases/${r.json().id}/confirm`);
    expect(confirmed.statusCode).toBe(200);
    expect(confirmed.json().status).toBe('confirmed');
    const again = await parent.send('POST', `${base}/pickup/releases/${r.json().id}/confirm`);
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('PICKUP_NOT_CONFIRMABLE');
    // rule SAFE-1: the release and the confirmation are in the audit trail.
    const actions = await db()
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', '=', r.json().id)
      .execute();
    expect(actions.map((a) => a.action).sort()).toEqual(['pickup.confirm', 'pickup.release']);
    // A second release of the same child that day is refused.
    const twice = await release(admin, {
      method: 'id_check',
      studentId: child,
      adultId: day.adults.get(child)!.adultId,
      idLast4: '1234',
    });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().code).toBe('PICKUP_ALREADY_RELEASED');
  });

  it('a scanned QR and an ID check release too; the same Idempotency-Key answers once', async () => {
    const [, late, third] = day.present;
    const qr = `KH1:${day.adults.get(late!)!.adultId}:${day.adults.get(late!)!.code}`;
    const key = { 'idempotency-key': 'release-qr-1' };
    const first = await release(care, { method: 'code', studentId: late, qr }, key);
    expect(first.statusCode).toBe(201);
    const replay = await release(care, { method: 'code', studentId: late, qr }, key);
    expect(replay.statusCode).toBe(201);
    expect(replay.json().id).toBe(first.json().id);
    const checked = await release(care, {
      method: 'id_check',
      studentId: third,
      adultId: day.adults.get(third!)!.adultId,
      idLast4: '123x',
      note: '忘带手机，核对身份证',
    });
    expect(checked.statusCode).toBe(201);
    const row = await db()
      .selectFrom('pickup_releases')
      .select(['method', 'id_last4', 'note', 'released_by'])
      .where('id', '=', checked.json().id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({
      method: 'id_check',
      id_last4: '123X',
      note: '忘带手机，核对身份证',
      released_by: day.userIds.care,
    });
  });

  it('refuses a child not on site, a child not in the class, a teacher not standing for it, and bad input', async () => {
    const leave = await release(care, {
      method: 'id_check',
      studentId: day.onLeave,
      adultId: day.adults.get(day.onLeave)!.adultId,
      idLast4: '1234',
    });
    expect(leave.statusCode).toBe(422);
    expect(leave.json()).toMatchObject({ code: 'PICKUP_NOT_ON_SITE' });
    expect(leave.json().message).toContain('请假');
    const absent = await release(care, {
      method: 'id_check',
      studentId: day.absent,
      adultId: day.adults.get(day.absent)!.adultId,
      idLast4: '1234',
    });
    expect(absent.json().code).toBe('PICKUP_NOT_ON_SITE');
    const stranger = await release(care, {
      method: 'id_check',
      studentId: world.studentOfB,
      adultId: day.adults.get(day.present[3]!)!.adultId,
      idLast4: '1234',
    });
    expect(stranger.statusCode).toBe(404);
    // `guard` has no release action; the class teacher is not rostered for this class (only leader).
    const guard = await signIn(h(), 'guard');
    expect((await release(guard, { method: 'walk_home', studentId: day.present[4] })).statusCode).toBe(403);
    const finance = await signIn(h(), 'finance');
    expect((await release(finance, { method: 'walk_home', studentId: day.present[4] })).statusCode).toBe(403);
    // A care teacher of the school who is not on today's roster for this class finds nothing.
    const db0 = db();
    const school = await db0
      .selectFrom('schools')
      .select('district_id')
      .where('id', '=', world.schoolA)
      .executeTakeFirstOrThrow();
    await addStaff(
      db0,
      {
        username: 'care2',
        displayName: '另一位看护老师',
        passwordHash: await hashPassword(password),
        grants: [{ role: 'care_teacher', districtId: school.district_id, schoolId: world.schoolA }],
      },
      h().ctx.now().toISOString(),
    );
    const care2 = await signIn(h(), 'care2');
    expect((await release(care2, { method: 'walk_home', studentId: day.present[4] })).statusCode).toBe(404);
    expect((await care2.get(`${base}/pickup/classes/${day.tempClassId}`)).statusCode).toBe(404);
    expect((await care2.get(`${base}/pickup/classes`)).json().classes).toEqual([]);
    const bad = await release(care, { method: 'code', studentId: day.present[4], code: '12ab' });
    expect(bad.statusCode).toBe(400);
    const count = await db()
      .selectFrom('pickup_releases')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('student_id', 'in', [day.onLeave, day.absent, day.present[4]!])
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(0);
  });

  it('a revoked adult is refused at once, even from a page loaded before the revocation', async () => {
    const child = day.present[4]!;
    const { adultId, code } = day.adults.get(child)!;
    const page = await care.get(`${base}/pickup/classes/${day.tempClassId}`);
    const shown = page.json().children.find((c: { studentId: string }) => c.studentId === child).adults;
    expect(shown.map((a: { id: string }) => a.id)).toContain(adultId);
    const revoked = await admin.send('POST', `${base}/students/${child}/adults/${adultId}/revoke`);
    expect(revoked.statusCode).toBe(200);
    const byCode = await release(care, { method: 'code', studentId: child, code });
    expect(byCode.statusCode).toBe(422);
    expect(byCode.json().code).toBe('PICKUP_ADULT_REVOKED');
    const byId = await release(care, { method: 'id_check', studentId: child, adultId, idLast4: '1234' });
    expect(byId.json().code).toBe('PICKUP_ADULT_REVOKED');
    expect(
      await db().selectFrom('pickup_releases').select('id').where('student_id', '=', child).execute(),
    ).toEqual([]);
  });

  it('a child the teacher must hand over personally needs an explicit acknowledgement', async () => {
    const child = day.present[5]!;
    const flag = await admin.send('PUT', `${base}/students/${child}/handover-flag`, {
      note: '由班主任亲手交给妈妈',
    });
    expect(flag.statusCode).toBe(200);
    expect(
      (await care.send('PUT', `${base}/students/${child}/handover-flag`, { note: 'x' })).statusCode,
    ).toBe(403);
    const page = await care.get(`${base}/pickup/classes/${day.tempClassId}`);
    expect(page.json().children.find((c: { studentId: string }) => c.studentId === child).handover).toEqual({
      note: '由班主任亲手交给妈妈',
    });
    const body = { method: 'code', studentId: child, code: day.adults.get(child)!.code };
    const refused = await release(care, body);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('PICKUP_HANDOVER_ACK_REQUIRED');
    expect(refused.json().message).toContain('由班主任亲手交给妈妈');
    const ok = await release(care, { ...body, acknowledgeHandover: true });
    expect(ok.statusCode).toBe(201);
    expect(ok.json().handoverFlagged).toBe(true);
  });

  it('two teachers releasing one child at the same moment: exactly one release', async () => {
    const child = day.present[6]!;
    const { adultId, code } = day.adults.get(child)!;
    const answers = await Promise.all([
      release(care, { method: 'code', studentId: child, code }),
      release(admin, { method: 'id_check', studentId: child, adultId, idLast4: '5678' }),
      release(care, { method: 'id_check', studentId: child, adultId, idLast4: '5678' }),
    ]);
    const statuses = answers.map((a) => a.statusCode).sort();
    expect(statuses).toEqual([201, 409, 409]);
    for (const a of answers.filter((x) => x.statusCode === 409))
      expect(a.json().code).toBe('PICKUP_ALREADY_RELEASED');
    const rows = await db()
      .selectFrom('pickup_releases')
      .select('id')
      .where('student_id', '=', child)
      .execute();
    expect(rows).toHaveLength(1);
    // The losing code attempt is not left behind as a failure.
    const attempts = await db()
      .selectFrom('pickup_attempts')
      .select('id')
      .where('student_id', '=', child)
      .execute();
    expect(attempts).toEqual([]);
  });

  it('another school and another family find nothing', async () => {
    const adminB = await signIn(h(), 'adminB');
    expect((await adminB.get(`${base}/pickup/classes/${day.tempClassId}`)).statusCode).toBe(404);
    expect((await release(adminB, { method: 'walk_home', studentId: day.present[7] })).statusCode).toBe(404);
    expect((await parent.get(`${base}/students/${world.otherChild}/pickup-adults`)).statusCode).toBe(404);
    const other = await release(care, {
      method: 'code',
      studentId: day.present[7],
      code: day.adults.get(day.present[7]!)!.code,
    });
    expect(other.statusCode).toBe(201);
    expect((await parent.send('POST', `${base}/pickup/releases/${other.json().id}/confirm`)).statusCode).toBe(
      404,
    );
    expect(
      (await parent.get(`${base}/pickup/my-releases`)).json().items.map((i: { id: string }) => i.id),
    ).not.toContain(other.json().id);
  });

  describe('the teacher’s list', () => {
    it('lists the classes the teacher stands for today and each child’s state', async () => {
      const mine = await care.get(`${base}/pickup/classes`);
      expect(mine.json().classes).toEqual([
        expect.objectContaining({ id: day.tempClassId, role: 'care', endsAt: '17:30' }),
      ]);
      const page = (await care.get(`${base}/pickup/classes/${day.tempClassId}`)).json();
      expect(page.rollTaken).toBe(true);
      const leave = page.children.find((c: { studentId: string }) => c.studentId === day.onLeave);
      expect(leave).toMatchObject({ mark: 'leave', onSite: false, release: null });
      const first = page.children.find((c: { studentId: string }) => c.studentId === world.childOfParent);
      expect(first.release).toMatchObject({ status: 'confirmed', method: 'code' });
    });
  });
});
