// Walk-home-alone permits through HTTP on both databases (DAY-5): the parent signs, the school
// reads, the gate checks the card's token, walking home needs a permit valid today, revocation.
import type { Kysely } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { describeBothDatabases } from '../../../test/db-matrix';
import { type Client, seedWorld, signIn, type World } from '../../../test/fixtures';
import { type PickupFixture, seedPickupDay } from '../../../test/pickup-fixtures';
import { seedTerm, type TermFixture } from '../../../test/programme-fixtures';
import type { DB } from '../../db/schema';

describeBothDatabases('walk-home permits', (h) => {
  let world: World;
  let term: TermFixture;
  let day: PickupFixture;
  let parent: Client;
  let care: Client;
  let guard: Client;
  let base: string;
  let guardianName: string;
  const db = () => h().ctx.db as Kysely<DB>;
  const walk = (studentId: string) =>
    care.send('POST', `${base}/pickup/releases`, {
      tempClassId: day.tempClassId,
      method: 'walk_home',
      studentId,
    });

  beforeAll(async () => {
    world = await seedWorld(h());
    term = await seedTerm(h(), world);
    day = await seedPickupDay(h(), world, term);
    base = `/api/v1/schools/${world.schoolA}`;
    [parent, care, guard] = await Promise.all([
      signIn(h(), world.parentPhone),
      signIn(h(), 'care'),
      signIn(h(), 'guard'),
    ]);
    const g = await db()
      .selectFrom('guardians')
      .select('name')
      .where('phone', '=', world.parentPhone)
      .executeTakeFirstOrThrow();
    guardianName = g.name;
  });

  it('the parent signs with their own name; a wrong name or another child is refused', async () => {
    const child = world.childOfParent;
    const body = { termId: term.termId, weekdays: [1, 3], signedName: '别人' };
    const wrong = await parent.send('POST', `${base}/students/${child}/permits`, body);
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json().code).toBe('SIGNED_NAME_MISMATCH');
    const other = await parent.send('POST', `${base}/students/${world.otherChild}/permits`, {
      ...body,
      signedName: guardianName,
    });
    expect(other.statusCode).toBe(404);
    const bad = await parent.send('POST', `${base}/students/${child}/permits`, { ...body, weekdays: [9] });
    expect(bad.statusCode).toBe(400);
    const signed = await parent.send('POST', `${base}/students/${child}/permits`, {
      ...body,
      signedName: guardianName,
    });
    expect(signed.statusCode).toBe(201);
    // 2026-09-01 is a Tuesday: a Monday/Wednesday permit is not for today.
    expect(signed.json()).toMatchObject({ weekdays: [1, 3], state: 'not_today', revokedAt: null });
    const row = await db()
      .selectFrom('walk_home_permits')
      .select(['signed_by', 'ip', 'signed_name'])
      .where('id', '=', signed.json().id)
      .executeTakeFirstOrThrow();
    expect(row.signed_name).toBe(guardianName);
    expect(row.ip).not.toBeNull();
    const twice = await parent.send('POST', `${base}/students/${child}/permits`, {
      ...body,
      signedName: guardianName,
    });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().code).toBe('PERMIT_ALREADY_ACTIVE');
  });

  it('walking home needs a permit valid today; the gate checks the card; revoking voids it', async () => {
    const child = world.childOfParent;
    expect((await walk(day.present[1]!)).json().code).toBe('PICKUP_NO_PERMIT');
    expect((await walk(child)).json().code).toBe('PICKUP_NO_PERMIT');
    const [current] = (await parent.get(`${base}/permits?studentId=${child}`)).json().items;
    const revoked = await parent.send('POST', `${base}/permits/${current.id}/revoke`);
    expect(revoked.statusCode).toBe(200);
    expect(revoked.json().state).toBe('revoked');
    expect((await parent.send('POST', `${base}/permits/${current.id}/revoke`)).json().code).toBe(
      'PERMIT_ALREADY_REVOKED',
    );
    const signed = await parent.send('POST', `${base}/students/${child}/permits`, {
      termId: term.termId,
      weekdays: [2, 4],
      note: '家住学校对面',
      signedName: guardianName,
    });
    expect(signed.json().state).toBe('valid');
    const card = await parent.get(`${base}/permits/${signed.json().id}/card`);
    expect(card.statusCode).toBe(200);
    expect(card.json()).toMatchObject({
      studentName: expect.any(String),
      className: '一年级1班',
      schoolName: '测试一小',
    });
    expect(card.json().qrDataUrl).toMatch(/^data:image\/svg\+xml;base64,/);
    const token = card.json().token as string;
    // The guard checks the card but cannot open the family's permit record.
    expect((await guard.get(`${base}/permits/${signed.json().id}/card`)).statusCode).toBe(403);
    const check = await guard.get(`${base}/permits/check?token=${encodeURIComponent(`KHP1:${token}`)}`);
    expect(check.statusCode).toBe(200);
    expect(check.json()).toMatchObject({ state: 'valid', weekdays: [2, 4], className: '一年级1班' });
    const oldCard = await guard.get(`${base}/permits/check?token=${encodeURIComponent(current.id)}aaaa`);
    expect(oldCard.statusCode).toBe(404);
    expect((await parent.get(`${base}/permits/check?token=${token}`)).statusCode).toBe(403);
    const walked = await walk(child);
    expect(walked.statusCode).toBe(201);
    expect(walked.json()).toMatchObject({ method: 'walk_home', status: 'walked_home', adultName: null });
    const row = await db()
      .selectFrom('pickup_releases')
      .select('permit_id')
      .where('id', '=', walked.json().id)
      .executeTakeFirstOrThrow();
    expect(row.permit_id).toBe(signed.json().id);
    const inbox = await parent.get('/api/v1/me/notifications');
    expect(inbox.json().items.some((n: { kind: string }) => n.kind === 'pickup.walkedHome')).toBe(true);
    // The walked-home release needs no confirmation.
    expect(
      (await parent.send('POST', `${base}/pickup/releases/${walked.json().id}/confirm`)).statusCode,
    ).toBe(409);
    await parent.send('POST', `${base}/permits/${signed.json().id}/revoke`);
    expect((await guard.get(`${base}/permits/check?token=${token}`)).json().state).toBe('revoked');
    const checks = await db()
      .selectFrom('audit_log')
      .select('id')
      .where('action', '=', 'permit.check')
      .execute();
    expect(checks.length).toBeGreaterThanOrEqual(2);
  });

  it('the school and the class teacher read permits; another school does not', async () => {
    const admin = await signIn(h(), 'admin');
    const teacher = await signIn(h(), 'teacher');
    const adminB = await signIn(h(), 'adminB');
    expect((await admin.get(`${base}/permits`)).json().items).toHaveLength(2);
    expect((await teacher.get(`${base}/permits`)).json().items).toHaveLength(2);
    expect((await care.get(`${base}/permits?studentId=${world.childOfParent}`)).json().items).toHaveLength(2);
    expect((await adminB.get(`${base}/permits`)).statusCode).toBe(404);
    expect((await guard.get(`${base}/permits`)).statusCode).toBe(403);
  });

  it('ten signatures at the same instant leave one permit in force (DAY-5)', async () => {
    const child = world.childOfParent;
    await db()
      .updateTable('walk_home_permits')
      .set({ revoked_at: '2026-09-01T00:00:00.000Z' })
      .where('student_id', '=', child)
      .where('revoked_at', 'is', null)
      .execute();
    const body = { termId: term.termId, weekdays: [1, 2, 3, 4, 5], signedName: guardianName };
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => parent.send('POST', `${base}/students/${child}/permits`, body)),
    );
    expect(answers.filter((a) => a.statusCode === 201)).toHaveLength(1);
    expect(answers.every((a) => a.statusCode === 201 || a.statusCode === 409)).toBe(true);
    const active = await db()
      .selectFrom('walk_home_permits')
      .select('id')
      .where('student_id', '=', child)
      .where('revoked_at', 'is', null)
      .execute();
    expect(active).toHaveLength(1);
  });
});
