// A Kysely dialect for better-sqlite3 that differs from Kysely's own in two ways that matter
// under load (measured by `npm run bench`):
// - the single connection is handed out first come, first served. Kysely's mutex wakes every
//   waiter at once and lets newcomers cut in, so a few requests wait far longer than the rest;
// - statements are prepared once per SQL text and reused (bounded), since preparing costs about as
//   much as running a small query. A statement busy with an open iterator is never shared.
import type SQLite from 'better-sqlite3';
import {
  CompiledQuery,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type Kysely,
  type QueryResult,
  SelectQueryNode,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
} from 'kysely';

class FifoLock {
  #held = false;
  #waiting: (() => void)[] = [];

  acquire(): Promise<void> {
    if (!this.#held) {
      this.#held = true;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.#waiting.push(resolve));
  }

  release(): void {
    const next = this.#waiting.shift();
    if (next) next();
    else this.#held = false;
  }
}

class Connection implements DatabaseConnection {
  readonly #handle: SQLite.Database;
  readonly #statements = new Map<string, SQLite.Statement>();
  readonly #max: number;

  constructor(handle: SQLite.Database, max: number) {
    this.#handle = handle;
    this.#max = max;
  }

  #prepare(sql: string): SQLite.Statement {
    const cached = this.#statements.get(sql);
    if (cached && !cached.busy) return cached;
    const statement = this.#handle.prepare(sql);
    if (!cached) {
      if (this.#statements.size >= this.#max)
        this.#statements.delete(this.#statements.keys().next().value as string);
      this.#statements.set(sql, statement);
    }
    return statement;
  }

  executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    const statement = this.#prepare(query.sql);
    const parameters = query.parameters as unknown[];
    if (statement.reader) return Promise.resolve({ rows: statement.all(parameters) as R[] });
    const { changes, lastInsertRowid } = statement.run(parameters);
    return Promise.resolve({ numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid), rows: [] });
  }

  async *streamQuery<R>(query: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
    if (!SelectQueryNode.is(query.query)) throw new Error('SQLite streams only select queries');
    for (const row of this.#prepare(query.sql).iterate(query.parameters as unknown[]))
      yield { rows: [row as R] };
  }
}

class FairSqliteDriver implements Driver {
  readonly #handle: SQLite.Database;
  readonly #lock = new FifoLock();
  readonly #connection: Connection;

  constructor(handle: SQLite.Database, statementCacheSize: number) {
    this.#handle = handle;
    this.#connection = new Connection(handle, statementCacheSize);
  }

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    await this.#lock.acquire();
    return this.#connection;
  }

  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    // Immediate: take the write lock at the start. A deferred transaction that reads, then writes
    // after another process (the CLI beside the server) wrote, fails at once with SQLITE_BUSY.
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('commit'));
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('rollback'));
  }

  async releaseConnection(): Promise<void> {
    this.#lock.release();
  }

  async destroy(): Promise<void> {
    this.#handle.close();
  }
}

export class FairSqliteDialect implements Dialect {
  readonly #handle: SQLite.Database;
  readonly #statementCacheSize: number;

  constructor(handle: SQLite.Database, statementCacheSize = 500) {
    this.#handle = handle;
    this.#statementCacheSize = statementCacheSize;
  }

  createAdapter() {
    return new SqliteAdapter();
  }

  createDriver(): Driver {
    return new FairSqliteDriver(this.#handle, this.#statementCacheSize);
  }

  createQueryCompiler() {
    return new SqliteQueryCompiler();
  }

  createIntrospector(db: Kysely<unknown>) {
    return new SqliteIntrospector(db);
  }
}
