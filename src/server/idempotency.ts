// Idempotent writes (architecture: "writes carry idempotency keys where a client may retry").
// A client may send `Idempotency-Key`; the same key from the same user with the same request returns
// the first answer (status and body) without doing the work again, and with a different request is
// refused (IDEMPOTENCY_KEY_REUSED). The key row is written in the SAME transaction as the work, so:
// - a failed first attempt rolls back and stores nothing: a retry runs fresh;
// - PostgreSQL: a concurrent duplicate's insert waits on the primary key until the first commits,
//   then finds the row (`on conflict do nothing`) and reads the stored answer in a fresh statement;
// - SQLite: writers are serialised (`begin immediate`), so the duplicate simply finds the row.
import { createHash } from 'node:crypto';
import type { Transaction } from 'kysely';
import { z } from 'zod';
import type { DB } from '../db/schema';
import type { AppContext } from './context';
import { AppError } from './errors';

/** Route header schema; loose so the other headers pass through untouched. */
export const idempotencyHeaders = z.looseObject({
  'idempotency-key': z
    .string()
    .trim()
    .min(1)
    .max(100)
    .regex(/^[\x21-\x7e]+$/)
    .optional(),
});

export interface IdempotentAnswer<T> {
  status: number;
  body: T;
}

export interface IdempotentRequest {
  userId: string;
  /** The client's key; without one the work simply runs in a transaction. */
  key: string | undefined;
  /** The use case (operationId), so one key cannot replay an answer of another operation. */
  operation: string;
  /** Everything that identifies the request: path parameters and the validated body. */
  input: unknown;
}

/** JSON with object keys sorted at every level, so equal requests hash equally. */
export function canonicalJson(value: unknown): string {
  if (value === undefined) return 'null';
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export function requestHash(operation: string, input: unknown): string {
  return createHash('sha256')
    .update(`${operation}\n${canonicalJson(input)}`)
    .digest('hex');
}

/**
 * Runs `work` in one transaction, at most once per (user, key). The answer is normalised through
 * JSON so the first caller and every replay receive exactly the same body.
 */
export async function runIdempotent<T>(
  ctx: AppContext,
  request: IdempotentRequest,
  work: (trx: Transaction<DB>) => Promise<IdempotentAnswer<T>>,
): Promise<IdempotentAnswer<T>> {
  const { key } = request;
  if (!key) {
    const answer = await ctx.db.transaction().execute(work);
    return { status: answer.status, body: JSON.parse(JSON.stringify(answer.body)) as T };
  }
  const hash = requestHash(request.operation, request.input);
  return ctx.db.transaction().execute(async (trx) => {
    const claimed = await trx
      .insertInto('idempotency_keys')
      .values({
        user_id: request.userId,
        key,
        operation: request.operation,
        request_hash: hash,
        // Placeholders until the work is done; nobody else can see them before the commit.
        status_code: 0,
        response: '',
        created_at: ctx.now().toISOString(),
      })
      .onConflict((oc) => oc.columns(['user_id', 'key']).doNothing())
      .returning('key')
      .executeTakeFirst();
    if (!claimed) {
      const stored = await trx
        .selectFrom('idempotency_keys')
        .select(['operation', 'request_hash', 'status_code', 'response'])
        .where('user_id', '=', request.userId)
        .where('key', '=', key)
        .executeTakeFirstOrThrow();
      if (stored.operation !== request.operation || stored.request_hash !== hash) {
        throw new AppError('IDEMPOTENCY_KEY_REUSED');
      }
      return { status: stored.status_code, body: JSON.parse(stored.response) as T };
    }
    const answer = await work(trx);
    const response = JSON.stringify(answer.body);
    await trx
      .updateTable('idempotency_keys')
      .set({ status_code: answer.status, response })
      .where('user_id', '=', request.userId)
      .where('key', '=', key)
      .execute();
    return { status: answer.status, body: JSON.parse(response) as T };
  });
}
