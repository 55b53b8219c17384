// The PostgreSQL half of a bench figure: a database made for the run on KEHOU_BENCH_PG_URL (or
// KEHOU_TEST_PG_URL), migrated, handed to the measurement, then dropped whatever happens. Without a
// server named it prints why the figure is missing and answers null.
import pg from 'pg';
import { connect } from '../src/db/connect';
import { migrateToLatest } from '../src/db/migrate';

export type BenchDatabase = ReturnType<typeof connect>;

export async function onScratchPg<T>(
  label: string,
  run: (database: BenchDatabase) => Promise<T>,
): Promise<T | null> {
  const url = process.env.KEHOU_BENCH_PG_URL || process.env.KEHOU_TEST_PG_URL;
  if (!url) {
    console.log(`${label}: PostgreSQL figures skipped (set KEHOU_BENCH_PG_URL=postgres://… to measure them)`);
    return null;
  }
  const name = `kehou_bench_${label}_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const target = new URL(url);
  target.pathname = `/${name}`;
  const database = connect({ databaseUrl: target.toString(), poolSize: 4 });
  try {
    await migrateToLatest(database.db as never);
    return await run(database);
  } finally {
    await database.close();
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    await c.query(`drop database if exists ${name} with (force)`);
    await c.end();
  }
}
