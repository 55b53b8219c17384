// Inserting many rows at once, in chunks that stay under each database's bound-parameter limit.
import type { Kysely, Transaction } from 'kysely';
import type { DB } from './schema';

export function chunks<T>(list: T[], size: number): T[][] {
  return Array.from({ length: Math.ceil(list.length / size) }, (_, i) =>
    list.slice(i * size, i * size + size),
  );
}

export async function insertInChunks<T extends keyof DB>(
  db: Kysely<DB> | Transaction<DB>,
  table: T,
  rows: DB[T][],
  size = 200,
): Promise<void> {
  for (const part of chunks(rows, size)) {
    // Kysely cannot type the values of a table chosen by a parameter; DB[T] is checked at the call.
    await db
      .insertInto(table)
      .values(part as never)
      .execute();
  }
}
