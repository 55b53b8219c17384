// Backup and restore that work the same on both databases: every table's rows as JSON lines,
// read inside one snapshot transaction, so a backup taken while the server writes is consistent.
import fs from 'node:fs';
import readline from 'node:readline';
import zlib from 'node:zlib';
import { sql } from 'kysely';
import { insertInChunks } from '../db/batch';
import { isPostgres } from '../db/dialect';
import { latestMigration } from '../db/migrate';
import { primaryKeys, tablesInDependencyOrder } from '../db/schema';
import type { AppContext } from '../server/context';

interface Header {
  kehouBackup: 1;
  migration: string;
  takenAt: string;
  dialect: string;
}

const pageSize = 2000;

export async function backup(ctx: AppContext, file: string): Promise<{ rows: number }> {
  const out = zlib.createGzip();
  const stream = fs.createWriteStream(file);
  out.pipe(stream);
  const write = (line: unknown) =>
    new Promise<void>((resolve) =>
      out.write(`${JSON.stringify(line)}\n`) ? resolve() : out.once('drain', resolve),
    );
  let rows = 0;
  const header: Header = {
    kehouBackup: 1,
    migration: latestMigration,
    takenAt: ctx.now().toISOString(),
    dialect: ctx.dialect,
  };
  await write(header);
  const dump = async (db: typeof ctx.db) => {
    for (const table of tablesInDependencyOrder) {
      await write({ table });
      for (let offset = 0; ; offset += pageSize) {
        // Paged in primary-key order, so no row is read twice or missed between pages.
        const order = sql.join(primaryKeys[table].map((column) => sql.ref(column)));
        const page = await sql<
          Record<string, unknown>
        >`select * from ${sql.table(table)} order by ${order} limit ${pageSize} offset ${offset}`.execute(db);
        for (const row of page.rows) await write({ row });
        rows += page.rows.length;
        if (page.rows.length < pageSize) break;
      }
    }
  };
  if (isPostgres(ctx.dialect)) {
    await ctx.db
      .transaction()
      .setIsolationLevel('repeatable read')
      .execute(async (trx) => {
        await sql`set transaction read only`.execute(trx).catch(() => undefined);
        await dump(trx as unknown as typeof ctx.db);
      });
  } else {
    // A read transaction in WAL mode sees one snapshot while writers carry on.
    await ctx.db.connection().execute(async (conn) => {
      await sql`begin`.execute(conn);
      try {
        await dump(conn);
      } finally {
        await sql`commit`.execute(conn);
      }
    });
  }
  out.end();
  await new Promise<void>((resolve, reject) => stream.on('finish', resolve).on('error', reject));
  return { rows };
}

/** Replaces every row with the backup's, in one transaction. The schema must be at the same migration. */
export async function restore(ctx: AppContext, file: string): Promise<{ rows: number }> {
  const lines = readline.createInterface({
    input: fs.createReadStream(file).pipe(zlib.createGunzip()),
    crlfDelay: Infinity,
  });
  const iterator = lines[Symbol.asyncIterator]();
  const first = await iterator.next();
  const header = first.done ? null : (JSON.parse(first.value) as Header);
  if (header?.kehouBackup !== 1) throw new Error('Not a Kehou backup file');
  if (header.migration !== latestMigration) {
    throw new Error(`Backup is at migration ${header.migration}; this database is at ${latestMigration}`);
  }
  let rows = 0;
  await ctx.db.transaction().execute(async (trx) => {
    for (const table of [...tablesInDependencyOrder].reverse()) await trx.deleteFrom(table).execute();
    let table: (typeof tablesInDependencyOrder)[number] | null = null;
    let batch: Record<string, unknown>[] = [];
    const flush = async () => {
      if (table && batch.length) {
        // The rows come from our own backup of this table at the same migration.
        await insertInChunks(trx, table, batch as never[]);
        rows += batch.length;
      }
      batch = [];
    };
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
      const entry = JSON.parse(next.value) as { table?: string; row?: Record<string, unknown> };
      if (entry.table) {
        await flush();
        if (!tablesInDependencyOrder.includes(entry.table as never))
          throw new Error(`Unknown table ${entry.table}`);
        table = entry.table as (typeof tablesInDependencyOrder)[number];
      } else if (entry.row) {
        batch.push(entry.row);
        if (batch.length >= 200) await flush();
      }
    }
    await flush();
  });
  return { rows };
}
