// Runs an integration suite on both databases: SQLite in a temp file, and PostgreSQL in a database
// created for the run on KEHOU_TEST_PG_URL and dropped after. Without that variable the PostgreSQL
// half is skipped with a printed line; under CI=true it is required.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe } from 'vitest';
import { connect } from '../src/db/connect';
import type { DialectName } from '../src/db/dialect';
import { migrateToLatest } from '../src/db/migrate';
import { buildApp } from '../src/server/app';
import { loadConfig } from '../src/server/config';
import type { AppContext } from '../src/server/context';
import type { App } from '../src/server/http';

export interface Harness {
  ctx: AppContext;
  app: App;
  dialect: DialectName;
  /** Moves the clock the services see. */
  setNow(iso: string): void;
}

const pgUrl = process.env.KEHOU_TEST_PG_URL;
if (!pgUrl && process.env.CI === 'true') {
  throw new Error(
    'CI=true but KEHOU_TEST_PG_URL is not set: the PostgreSQL half of the suite must run under CI',
  );
}
let warned = false;

async function createPgDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `kehou_test_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: pgUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(pgUrl!);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: pgUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

export async function openHarness(
  dialect: DialectName,
  env: Record<string, string> = {},
): Promise<Harness & { close(): Promise<void> }> {
  let dir: string | null = null;
  let drop: (() => Promise<void>) | null = null;
  let databaseUrl: string | undefined;
  if (dialect === 'postgres') {
    const created = await createPgDatabase();
    databaseUrl = created.url;
    drop = created.drop;
  } else {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kehou-test-'));
  }
  const config = {
    ...loadConfig({ ...env }),
    databaseUrl,
    dataDir: dir ?? 'unused',
    logLevel: 'silent',
    loadDemo: false,
  };
  const database = connect({
    databaseUrl,
    sqliteFile: dir ? path.join(dir, 'kehou.db') : undefined,
    poolSize: 5,
  });
  let now = new Date('2026-09-01T08:00:00.000Z');
  const ctx: AppContext = { db: database.db, dialect: database.dialect, database, config, now: () => now };
  await migrateToLatest(ctx.db as never);
  const app = await buildApp(ctx, { logger: false });
  await app.ready();
  return {
    ctx,
    app,
    dialect,
    setNow: (iso) => {
      now = new Date(iso);
    },
    close: async () => {
      await app.close();
      await database.close();
      if (drop) await drop();
      if (dir) fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * `describeBothDatabases('people', (h) => { it(..., () => h().app.inject(...)) })` runs the suite
 * once per database. `h()` returns the harness of the database the running test is on.
 */
export function describeBothDatabases(
  name: string,
  suite: (harness: () => Harness) => void,
  options: { env?: Record<string, string> } = {},
) {
  for (const dialect of ['sqlite', 'postgres'] as const) {
    if (dialect === 'postgres' && !pgUrl) {
      if (!warned) {
        console.log(
          'PostgreSQL half skipped: set KEHOU_TEST_PG_URL=postgres://… to run it (required under CI=true)',
        );
        warned = true;
      }
      describe.skip(`${name} [postgres: skipped, KEHOU_TEST_PG_URL not set]`, () =>
        suite(() => undefined as never));
      continue;
    }
    describe(`${name} [${dialect}]`, () => {
      let harness: Awaited<ReturnType<typeof openHarness>> | null = null;
      beforeAll(async () => {
        harness = await openHarness(dialect, options.env);
      });
      afterAll(async () => {
        await harness?.close();
      });
      suite(() => {
        if (!harness) throw new Error('harness not ready');
        return harness;
      });
    });
  }
}
