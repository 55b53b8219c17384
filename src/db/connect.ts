// Opens the database: SQLite at KEHOU_DATA_DIR/kehou.db by default, PostgreSQL when a URL is given.
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { DialectName } from './dialect';
import type { DB } from './schema';
import { FairSqliteDialect } from './sqlite-driver';

export interface Database {
  db: Kysely<DB>;
  dialect: DialectName;
  /** The raw SQLite handle, for the online backup API and the bench's bare twin; null on PostgreSQL. */
  sqlite: SQLite.Database | null;
  close(): Promise<void>;
}

export interface ConnectOptions {
  databaseUrl?: string | undefined;
  sqliteFile?: string | undefined;
  poolSize?: number | undefined;
}

// PostgreSQL's bigint (count/sum) arrives as text; int8 values we store fit in a double.
pg.types.setTypeParser(20, (v) => Number(v));

export function openSqlite(file: string): SQLite.Database {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const handle = new SQLite(file);
  handle.pragma('journal_mode = WAL');
  handle.pragma('synchronous = FULL');
  handle.pragma('foreign_keys = ON');
  handle.pragma('busy_timeout = 5000');
  return handle;
}

export function connect(options: ConnectOptions): Database {
  if (options.databaseUrl) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: options.poolSize ?? 10 });
    // An idle client can lose its connection (server restart, admin terminate, our own shutdown).
    // pg re-emits that on the pool; unhandled, it would crash the process. The pool drops the
    // client and the next query opens a new one, so a line on stderr is all it needs.
    let closing = false;
    pool.on('error', (err) => {
      if (!closing) process.stderr.write(`kehou: idle PostgreSQL connection lost: ${err.message}\n`);
    });
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    const close = () => {
      closing = true;
      return db.destroy();
    };
    return { db, dialect: 'postgres', sqlite: null, close };
  }
  const handle = openSqlite(options.sqliteFile ?? 'data/kehou.db');
  const db = new Kysely<DB>({ dialect: new FairSqliteDialect(handle) });
  return { db, dialect: 'sqlite', sqlite: handle, close: () => db.destroy() };
}
