// The system as a whole, on both databases: health, the OpenAPI document, unknown routes,
// migrations run twice, and a backup taken while writes go on that restores whole.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { backup, restore } from '../src/cli/backup';
import { connect } from '../src/db/connect';
import { migrateToLatest } from '../src/db/migrate';
import { newId } from '../src/server/context';
import { describeBothDatabases } from './db-matrix';
import { seedWorld, type World } from './fixtures';

describeBothDatabases('system', (h) => {
  let w: World;
  beforeAll(async () => {
    w = await seedWorld(h());
  });

  it('answers health with the database in use', async () => {
    const res = await h().app.inject({ method: 'GET', url: '/api/health' });
    expect(res.json()).toEqual({ status: 'ok', database: h().dialect, version: expect.any(String) });
  });

  it('documents every route in OpenAPI with an operationId', async () => {
    const doc = (await h().app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    const operations = Object.entries(
      doc.paths as Record<string, Record<string, { operationId?: string }>>,
    ).flatMap(([p, methods]) =>
      Object.entries(methods).map(([m, op]) => ({ route: `${m.toUpperCase()} ${p}`, id: op.operationId })),
    );
    expect(operations.length).toBeGreaterThan(15);
    expect(operations.filter((o) => !o.id)).toEqual([]);
    expect(new Set(operations.map((o) => o.id)).size).toBe(operations.length);
    expect(operations.every((o) => /^[a-z][A-Za-z]+$/.test(o.id!))).toBe(true);
    expect((await h().app.inject({ method: 'GET', url: '/api/docs/' })).statusCode).toBe(200);
  });

  it('answers an unknown API path with a JSON "not found"', async () => {
    const res = await h().app.inject({ method: 'GET', url: '/api/v1/nothing-here' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ code: 'NOT_FOUND', message: '找不到该记录' });
  });

  it('running the migrations again changes nothing', async () => {
    expect(await migrateToLatest(h().ctx.db as never)).toEqual([]);
  });

  it('a backup taken while writes go on is consistent, and restores whole', async () => {
    const db = h().ctx.db;
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kehou-backup-')), 'backup.jsonl.gz');
    let writing = true;
    let written = 0;
    // Each write adds a student and its guardian link in one transaction: a torn snapshot would
    // hold a student without a link (or a link without a student, which the restore would refuse).
    const writer = (async () => {
      while (writing) {
        await db.transaction().execute(async (trx) => {
          const at = new Date().toISOString();
          const studentId = newId();
          const guardianId = newId();
          await trx
            .insertInto('students')
            .values({
              id: studentId,
              school_id: w.schoolA,
              class_id: w.classA11,
              student_no: `B${written}`,
              name: '并发',
              gender: 'M',
              created_at: at,
              updated_at: at,
            })
            .execute();
          await trx
            .insertInto('guardians')
            .values({
              id: guardianId,
              school_id: w.schoolA,
              name: '并发家长',
              phone: `1590000${String(written).padStart(4, '0')}`,
              user_id: null,
              created_at: at,
              updated_at: at,
            })
            .execute();
          await trx
            .insertInto('student_guardians')
            .values({
              student_id: studentId,
              guardian_id: guardianId,
              relation: '父亲',
              is_primary: 1,
              created_at: at,
            })
            .execute();
        });
        written++;
        await new Promise((r) => setTimeout(r, 1));
      }
    })();
    await new Promise((r) => setTimeout(r, 30));
    // The backup runs on its own connection, as `kehou backup` does beside a running server.
    const second = connect({
      databaseUrl: h().ctx.config.databaseUrl,
      sqliteFile: path.join(h().ctx.config.dataDir, 'kehou.db'),
    });
    const { rows } = await backup({ ...h().ctx, db: second.db, database: second }, file);
    await second.close();
    writing = false;
    await writer;
    expect(rows).toBeGreaterThan(0);
    expect(written).toBeGreaterThan(0);

    const countOf = async (where: 'students' | 'student_guardians') =>
      Number(
        (
          await db
            .selectFrom(where)
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    await restore(h().ctx, file);
    const studentsAfter = await db
      .selectFrom('students')
      .select('student_no')
      .where('name', '=', '并发')
      .execute();
    const linksAfter = await db
      .selectFrom('student_guardians')
      .innerJoin('students', 'students.id', 'student_guardians.student_id')
      .select('students.id')
      .where('students.name', '=', '并发')
      .execute();
    expect(linksAfter.length).toBe(studentsAfter.length);
    expect(studentsAfter.length).toBeLessThanOrEqual(written);
    expect(await countOf('students')).toBeGreaterThan(0);
    expect(await countOf('student_guardians')).toBeGreaterThan(0);
    const health = await h().app.inject({ method: 'GET', url: '/api/health' });
    expect(health.statusCode).toBe(200);
  });
});
