// Wrong pickup codes (DAY-4): counted per child and per teacher, locked at the limit (even a right
// code is refused), lifted by time or by the school admin; 10,000 guesses never release a child.
import type { Kysely } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { describeBothDatabases } from '../../../test/db-matrix';
import { type Client, seedWorld, signIn, type World } from '../../../test/fixtures';
import { type PickupFixture, seedPickupDay } from '../../../test/pickup-fixtures';
import { seedTerm } from '../../../test/programme-fixtures';
import type { DB } from '../../db/schema';
import { resolveActor } from '../../server/auth/sessions';
import { AppError } from '../../server/errors';
import { releaseChild } from './service/pickup-release';

describeBothDatabases('pickup code locks', (h) => {
  let world: World;
  let day: PickupFixture;
  let admin: Client;
  let care: Client;
  let base: string;
  const db = () => h().ctx.db as Kysely<DB>;
  const release = (client: Client, body: Record<string, unknown>) =>
    client.send('POST', `${base}/pickup/releases`, { tempClassId: day.tempClassId, ...body });
  const wrongFor = (code: string) => (code === '000000' ? '000001' : '000000');

  beforeAll(async () => {
    world = await seedWorld(h());
    const term = await seedTerm(h(), world);
    day = await seedPickupDay(h(), world, term);
    base = `/api/v1/schools/${world.schoolA}`;
    [admin, care] = await Promise.all([signIn(h(), 'admin'), signIn(h(), 'care')]);
  });

  it('five wrong codes lock the child and the teacher; the right code is then refused; each failure is logged', async () => {
    const child = day.present[0]!;
    const { code } = day.adults.get(child)!;
    for (let i = 1; i <= 5; i++) {
      const r = await release(care, { method: 'code', studentId: child, code: wrongFor(code) });
      expect(r.statusCode).toBe(422);
      expect(r.json()).toMatchObject({ code: 'PICKUP_CODE_WRONG' });
      expect(r.json().message).toContain(`${5 - i}`);
    }
    const right = await release(care, { method: 'code', studentId: child, code });
    expect(right.statusCode).toBe(429);
    expect(right.json().code).toBe('PICKUP_LOCKED');
    // The same teacher is locked for another child too; another teacher is locked for this child.
    const other = day.present[1]!;
    expect(
      (await release(care, { method: 'code', studentId: other, code: day.adults.get(other)!.code }))
        .statusCode,
    ).toBe(429);
    expect((await release(admin, { method: 'code', studentId: child, code })).statusCode).toBe(429);
    // The ID check stays open: a locked code does not strand a child whose adult is at the gate.
    const byId = await release(care, {
      method: 'id_check',
      studentId: other,
      adultId: day.adults.get(other)!.adultId,
      idLast4: '1234',
    });
    expect(byId.statusCode).toBe(201);
    const failures = await db()
      .selectFrom('pickup_attempts')
      .select('teacher_id')
      .where('student_id', '=', child)
      .execute();
    expect(failures).toHaveLength(5);
    const logged = await db()
      .selectFrom('audit_log')
      .select('after_json')
      .where('action', '=', 'pickup.code.failed')
      .execute();
    expect(logged).toHaveLength(5);
    expect(
      await db().selectFrom('pickup_releases').select('id').where('student_id', '=', child).execute(),
    ).toEqual([]);
  });

  it('the admin unlocks the child and the teacher; after that the right code releases', async () => {
    const child = day.present[0]!;
    const teacherId = day.userIds.care;
    expect((await care.send('POST', `${base}/pickup/unlock`, { studentId: child })).statusCode).toBe(403);
    expect(
      (await admin.send('POST', `${base}/pickup/unlock`, { studentId: child, teacherId })).statusCode,
    ).toBe(400);
    expect((await admin.send('POST', `${base}/pickup/unlock`, { studentId: child })).statusCode).toBe(200);
    // Still locked through the teacher's own count.
    expect(
      (await release(care, { method: 'code', studentId: child, code: day.adults.get(child)!.code }))
        .statusCode,
    ).toBe(429);
    expect((await admin.send('POST', `${base}/pickup/unlock`, { teacherId })).statusCode).toBe(200);
    const ok = await release(care, { method: 'code', studentId: child, code: day.adults.get(child)!.code });
    expect(ok.statusCode).toBe(201);
  });

  it('a lock lifts by itself after pickupLockMinutes', async () => {
    const child = day.present[2]!;
    const { code } = day.adults.get(child)!;
    for (let i = 0; i < 5; i++)
      await release(admin, { method: 'code', studentId: child, code: wrongFor(code) });
    expect((await release(admin, { method: 'code', studentId: child, code })).statusCode).toBe(429);
    h().setNow('2026-09-01T08:14:00.000Z');
    expect((await release(admin, { method: 'code', studentId: child, code })).statusCode).toBe(429);
    h().setNow('2026-09-01T08:15:01.000Z');
    expect((await release(admin, { method: 'code', studentId: child, code })).statusCode).toBe(201);
    h().setNow('2026-09-01T08:00:00.000Z');
  });

  it('10,000 wrong codes: locked after five, no release, and HTTP refuses too', async () => {
    const child = day.present[3]!;
    const { code } = day.adults.get(child)!;
    const token = care.cookie.split('=')[1]!;
    const actor = (await resolveActor(h().ctx, token))!.actor;
    const meta = { ip: '10.0.0.9', locale: 'zh-CN' as const };
    // Unlock the teacher from the earlier tests so only this run counts.
    await admin.send('POST', `${base}/pickup/unlock`, { teacherId: day.userIds.care });
    const outcomes = new Map<string, number>();
    const started = Date.now();
    // Sent 20 at a time, so the limit also holds against guesses that arrive together.
    const guesses = Array.from({ length: 10_000 }, (_, g) => String(g).padStart(6, '0')).filter(
      (g) => g !== code,
    );
    const attempt = async (typed: string) => {
      try {
        await releaseChild(h().ctx, actor, meta, world.schoolA, {
          method: 'code',
          tempClassId: day.tempClassId,
          studentId: child,
          code: typed,
          note: '',
        });
        return 'released';
      } catch (error) {
        return error instanceof AppError ? error.code : String(error);
      }
    };
    for (let i = 0; i < guesses.length; i += 20) {
      for (const key of await Promise.all(guesses.slice(i, i + 20).map(attempt)))
        outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
    }
    const elapsed = Date.now() - started;
    expect(outcomes.get('released')).toBeUndefined();
    expect(outcomes.get('PICKUP_CODE_WRONG')).toBe(5);
    expect(outcomes.get('PICKUP_LOCKED')).toBe(guesses.length - 5);
    const failures = await db()
      .selectFrom('pickup_attempts')
      .select('id')
      .where('student_id', '=', child)
      .execute();
    expect(failures).toHaveLength(5);
    const right = await release(care, { method: 'code', studentId: child, code });
    expect(right.statusCode).toBe(429);
    expect(right.json().code).toBe('PICKUP_LOCKED');
    expect(
      await db().selectFrom('pickup_releases').select('id').where('student_id', '=', child).execute(),
    ).toEqual([]);
    console.log(`[${h().dialect}] 10,000 guesses in ${elapsed} ms`);
  }, 300_000);
});
