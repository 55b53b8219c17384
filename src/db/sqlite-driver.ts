// A Kysely dialect for better-sqlite3 that differs from Kysely's own in three ways that matter
// under load (measured by `npm run bench`):
// - the single connection is handed out first come, first served. Kysely's mutex wakes every
//   waiter at once and lets newcomers cut in, so a few requests wait far longer than the rest;
// - statements are prepared once per SQL text and reused (bounded), since preparing costs about as
//   much as running a small query. A statement busy with an open iterator is never shared;
// - group commit. With synchronous=FULL every commit waits for the disk, and that wait grows with
//   the pages a transaction touches (about 10 ms for an application with its lines, audit and
//   inbox rows on the test machine). When others are queued for the connection, a finished
//   transaction is kept open as a savepoint released into one outer transaction, and the
//   connection passes on; the group commits when nobody is waiting (or it reaches `maxGroup`).
//   Every member's commit resolves only after that durable commit, so nobody hears "saved" before
//   the disk has it; if the group's commit fails, every member's commit fails.
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

  get contended(): boolean {
    return this.#waiting.length > 0;
  }
}

/** Transactions sharing one outer transaction; `done` settles with its commit. */
interface Group {
  members: number;
  done: Promise<void>;
  settle(error?: unknown): void;
}

function newGroup(): Group {
  let settle!: (error?: unknown) => void;
  const done = new Promise<void>((resolve, reject) => {
    settle = (error) => (error === undefined ? resolve() : reject(error));
  });
  // A group nobody waits on (all its members were the last holder) must not report unhandled.
  done.catch(() => {});
  return { members: 0, done, settle };
}

/** One holder's use of the shared connection, from acquire to release. */
class Lease implements DatabaseConnection {
  /** The connection was handed on while this holder waits for its group to commit. */
  lent = false;
  wrote = false;
  inTransaction = false;
  readonly #connection: Connection;

  constructor(connection: Connection) {
    this.#connection = connection;
  }

  executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    const result = this.#connection.executeQuery<R>(query);
    if (this.#connection.lastWasWrite) this.wrote = true;
    return result;
  }

  streamQuery<R>(query: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
    return this.#connection.streamQuery<R>(query);
  }

  raw(sql: string): void {
    this.#connection.executeQuery(CompiledQuery.raw(sql));
  }
}

class Connection implements DatabaseConnection {
  readonly #handle: SQLite.Database;
  readonly #statements = new Map<string, SQLite.Statement>();
  readonly #max: number;
  lastWasWrite = false;

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
    this.lastWasWrite = !statement.reader;
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
  readonly #maxGroup: number;
  #group: Group | null = null;

  constructor(handle: SQLite.Database, statementCacheSize: number, maxGroup: number) {
    this.#handle = handle;
    this.#connection = new Connection(handle, statementCacheSize);
    this.#maxGroup = maxGroup;
  }

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    await this.#lock.acquire();
    return new Lease(this.#connection);
  }

  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    const lease = connection as Lease;
    // SQLite may have rolled the outer transaction back on its own (disk full, I/O error): the
    // group is gone, and its members must hear so rather than have a new savepoint commit alone.
    if (this.#group && !this.#handle.inTransaction) this.#abandon(new Error('SQLite rolled the group back'));
    if (!this.#group) {
      // Immediate: take the write lock at the start. A deferred transaction that reads, then writes
      // after another process (the CLI beside the server) wrote, fails at once with SQLITE_BUSY.
      lease.raw('begin immediate');
      this.#group = newGroup();
    }
    lease.raw('savepoint kehou_unit');
    lease.inTransaction = true;
    this.#group.members++;
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    const lease = connection as Lease;
    lease.raw('release kehou_unit');
    lease.inTransaction = false;
    lease.wrote = true;
    await this.#endOfUnit(lease);
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    const lease = connection as Lease;
    // Lent: the group's commit failed after this unit passed the connection on; it rolled back.
    if (lease.lent || !lease.inTransaction) return;
    lease.inTransaction = false;
    try {
      lease.raw('rollback to kehou_unit');
      lease.raw('release kehou_unit');
    } catch (error) {
      // The savepoint is gone because SQLite ended the whole transaction: so is the group.
      if (!this.#handle.inTransaction) {
        this.#abandon(error);
        return;
      }
      throw error;
    }
    if (this.#group) this.#group.members--;
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    const lease = connection as Lease;
    if (lease.lent) return;
    try {
      // A plain write inside an open group is durable only with the group.
      if (this.#group && lease.wrote) {
        await this.#endOfUnit(lease);
        if (lease.lent) return;
      }
      if (this.#group && !this.#lock.contended) this.#flush();
    } finally {
      // Even when the commit failed, the connection must pass on, or every later caller waits forever.
      if (!lease.lent) this.#lock.release();
    }
  }

  /** A unit of work is done: wait for the group behind the next holder, or commit the group now. */
  async #endOfUnit(lease: Lease): Promise<void> {
    const group = this.#group;
    if (!group) return;
    // Work inside a transaction runs on microtasks, so other requests reach the queue only between
    // macrotasks: give them one turn to line up before paying for the disk alone.
    if (!this.#lock.contended && group.members < this.#maxGroup) await new Promise(setImmediate);
    if (this.#lock.contended && group.members < this.#maxGroup) {
      lease.lent = true;
      this.#lock.release();
      await group.done;
      return;
    }
    this.#flush();
  }

  /** The outer transaction is already gone: fail its members and start afresh. */
  #abandon(error: unknown): void {
    const group = this.#group;
    this.#group = null;
    group?.settle(error);
  }

  #flush(): void {
    const group = this.#group;
    if (!group) return;
    this.#group = null;
    try {
      this.#connection.executeQuery(CompiledQuery.raw('commit'));
    } catch (error) {
      try {
        this.#connection.executeQuery(CompiledQuery.raw('rollback'));
      } catch {
        // Already rolled back by SQLite.
      }
      group.settle(error);
      throw error;
    }
    group.settle();
  }

  async destroy(): Promise<void> {
    this.#handle.close();
  }
}

export class FairSqliteDialect implements Dialect {
  readonly #handle: SQLite.Database;
  readonly #statementCacheSize: number;
  readonly #maxGroup: number;

  constructor(handle: SQLite.Database, options: { statementCacheSize?: number; maxGroup?: number } = {}) {
    this.#handle = handle;
    this.#statementCacheSize = options.statementCacheSize ?? 500;
    this.#maxGroup = options.maxGroup ?? 64;
  }

  createAdapter() {
    return new SqliteAdapter();
  }

  createDriver(): Driver {
    return new FairSqliteDriver(this.#handle, this.#statementCacheSize, this.#maxGroup);
  }

  createQueryCompiler() {
    return new SqliteQueryCompiler();
  }

  createIntrospector(db: Kysely<unknown>) {
    return new SqliteIntrospector(db);
  }
}
