// The only place that branches on the database kind. Everything else asks here.
import { type Kysely, type RawBuilder, type SelectQueryBuilder, type SqlBool, sql } from 'kysely';

export type DialectName = 'sqlite' | 'postgres';

export function isPostgres(dialect: DialectName): boolean {
  return dialect === 'postgres';
}

/**
 * Lock the rows a transaction counts before it decides (capacity, releases, payments).
 * PostgreSQL takes row locks; SQLite already serialises writers, so the query is unchanged.
 */
export function forUpdate<DB, TB extends keyof DB, O>(
  dialect: DialectName,
  query: SelectQueryBuilder<DB, TB, O>,
): SelectQueryBuilder<DB, TB, O> {
  return isPostgres(dialect) ? query.forUpdate() : query;
}

/**
 * Case-insensitive "contains" on a text column, with the user's text matched literally.
 * PostgreSQL's LIKE is case-sensitive and escapes with a backslash by default; SQLite's LIKE is
 * case-insensitive for ASCII and has no escape character unless told.
 */
export function containsText(dialect: DialectName, column: string, text: string): RawBuilder<SqlBool> {
  const pattern = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return isPostgres(dialect)
    ? sql<SqlBool>`${sql.ref(column)} ilike ${pattern}`
    : sql<SqlBool>`${sql.ref(column)} like ${pattern} escape '\\'`;
}

/** Aggregates come back as strings from PostgreSQL (bigint) and numbers from SQLite. */
export function toNumber(value: string | number | bigint | null | undefined): number {
  if (value === null || value === undefined) return 0;
  return typeof value === 'number' ? value : Number(value);
}

export async function listTables(db: Kysely<unknown>, dialect: DialectName): Promise<string[]> {
  if (isPostgres(dialect)) {
    const r = await sql<{
      name: string;
    }>`select tablename as name from pg_tables where schemaname = current_schema()`.execute(db);
    return r.rows.map((x) => x.name);
  }
  const r = await sql<{ name: string }>`select name from sqlite_master where type = 'table'`.execute(db);
  return r.rows.map((x) => x.name);
}

/**
 * A derived table `alias(id, n)` of (text, integer) pairs sent as one or two parameters, for an
 * `update … from` that writes a different number to each row (a draw's waitlist positions) in one
 * statement instead of thousands. SQLite reads a JSON array; PostgreSQL unnests two arrays.
 */
export function idNumberTable(
  dialect: DialectName,
  alias: string,
  pairs: [string, number][],
): RawBuilder<unknown> {
  if (isPostgres(dialect)) {
    const ids = pairs.map((p) => p[0]);
    const numbers = pairs.map((p) => p[1]);
    return sql`unnest(${ids}::text[], ${numbers}::int[]) as ${sql.id(alias)}(id, n)`;
  }
  return sql`(select json_extract(value, '$[0]') as id, json_extract(value, '$[1]') as n from json_each(${JSON.stringify(pairs)})) as ${sql.id(alias)}`;
}

/**
 * `column` is one of `values`, sent as one parameter however long the list: PostgreSQL compares
 * with an array, SQLite reads a JSON array. One statement instead of chunks of bound parameters.
 */
export function inList(dialect: DialectName, column: string, values: string[]): RawBuilder<SqlBool> {
  if (isPostgres(dialect)) return sql<SqlBool>`${sql.ref(column)} = any(${values}::text[])`;
  return sql<SqlBool>`${sql.ref(column)} in (select value from json_each(${JSON.stringify(values)}))`;
}

/**
 * Claims for a queue (jobs, the notify outbox): PostgreSQL locks the picked rows and skips rows
 * another process holds, so N workers claim disjoint sets; SQLite's single writer already
 * serialises the claiming update, so the query is unchanged.
 */
export function forUpdateSkipLocked<DB, TB extends keyof DB, O>(
  dialect: DialectName,
  query: SelectQueryBuilder<DB, TB, O>,
): SelectQueryBuilder<DB, TB, O> {
  return isPostgres(dialect) ? query.forUpdate().skipLocked() : query;
}

// pickup and gate (DAY-4)
/**
 * Like `forUpdate`, but PostgreSQL's weaker FOR NO KEY UPDATE: it serialises the lockers without
 * blocking other transactions' foreign-key checks against the row (which take KEY SHARE), so a
 * locker and an insert referencing the row cannot deadlock. SQLite: unchanged.
 */
export function forNoKeyUpdate<DB, TB extends keyof DB, O>(
  dialect: DialectName,
  query: SelectQueryBuilder<DB, TB, O>,
): SelectQueryBuilder<DB, TB, O> {
  return isPostgres(dialect) ? query.forNoKeyUpdate() : query;
}

/** Whether the database refused a second row for a unique value (SQLite or PostgreSQL). */
export function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; message?: string };
  return (
    e.code === '23505' ||
    e.code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    e.code === 'SQLITE_CONSTRAINT_PRIMARYKEY' ||
    /UNIQUE constraint/.test(e.message ?? '')
  );
}
