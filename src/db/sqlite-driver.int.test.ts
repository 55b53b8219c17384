// Group commit (sqlite-driver.ts): transactions queued behind each other share one durable commit,
// yet each keeps its own all-or-nothing outcome, and nobody's commit resolves before the disk has it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Kysely, sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqlite } from './connect';
import { FairSqliteDialect } from './sqlite-driver';

interface T {
  items: { id: number; label: string };
}

describe('SQLite group commit', () => {
  let dir: string;
  let file: string;
  let db: Kysely<T>;
  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kehou-group-'));
    file = path.join(dir, 'g.db');
    db = new Kysely<T>({ dialect: new FairSqliteDialect(openSqlite(file), { maxGroup: 8 }) });
    await sql`create table items (id integer primary key, label text not null unique)`.execute(db);
  });
  afterEach(async () => {
    await db.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('commits every queued transaction, and a failing one rolls back alone', async () => {
    const outcomes = await Promise.allSettled(
      Array.from({ length: 50 }, (_, i) =>
        db.transaction().execute(async (trx) => {
          await trx
            .insertInto('items')
            .values({ id: i, label: `item-${i}` })
            .execute();
          // Every seventh transaction fails after writing: its row must not survive.
          if (i % 7 === 3) throw new Error(`fail ${i}`);
          await trx
            .updateTable('items')
            .set({ label: `done-${i}` })
            .where('id', '=', i)
            .execute();
        }),
      ),
    );
    const failed = outcomes.flatMap((o, i) => (o.status === 'rejected' ? [i] : []));
    expect(failed).toEqual([3, 10, 17, 24, 31, 38, 45]);
    // Read back through a separate handle: only what was committed to the file is there.
    const other = openSqlite(file);
    const rows = other.prepare('select id, label from items order by id').all() as {
      id: number;
      label: string;
    }[];
    other.close();
    expect(rows.map((r) => r.id)).toEqual(Array.from({ length: 50 }, (_, i) => i).filter((i) => i % 7 !== 3));
    expect(rows.every((r) => r.label === `done-${r.id}`)).toBe(true);
  });

  it('a resolved commit is on disk, and plain writes between transactions are kept', async () => {
    const work = Array.from({ length: 30 }, (_, i) =>
      i % 3 === 0
        ? db
            .insertInto('items')
            .values({ id: i, label: `plain-${i}` })
            .execute()
        : db.transaction().execute((trx) =>
            trx
              .insertInto('items')
              .values({ id: i, label: `tx-${i}` })
              .execute(),
          ),
    );
    // As each one resolves, a second handle must already see it.
    const other = openSqlite(file);
    const seen = await Promise.all(
      work.map(async (p, i) => {
        await p;
        return other.prepare('select count(*) as n from items where id = ?').get(i) as { n: number };
      }),
    );
    other.close();
    expect(seen.every((r) => r.n === 1)).toBe(true);
  });

  it('a unique violation inside a grouped transaction fails only that transaction', async () => {
    await db.insertInto('items').values({ id: 1000, label: 'taken' }).execute();
    const outcomes = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) =>
        db.transaction().execute((trx) =>
          trx
            .insertInto('items')
            .values({ id: i, label: i === 4 ? 'taken' : `n-${i}` })
            .execute(),
        ),
      ),
    );
    expect(outcomes.filter((o) => o.status === 'rejected')).toHaveLength(1);
    const count = await db
      .selectFrom('items')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirst();
    expect(Number(count?.n)).toBe(10);
  });
});
