// The job queue's table operations (architecture: "own small table-backed queue"). Jobs are
// enqueued inside the caller's transaction, so a job exists exactly when the change that asked for
// it committed. A claim sets a lease: if the process dies, the lease runs out and another claims it.
import { sql } from 'kysely';
import { type DialectName, forUpdateSkipLocked } from '../db/dialect';
import type { JobTable } from '../db/schema';
import { type Executor, newId } from '../server/context';

export interface NewJob {
  kind: string;
  payload?: unknown;
  /** When it may run (ISO instant); now when absent. */
  runAt?: string;
  maxAttempts?: number;
  /** A second enqueue with the same key is ignored (recurring ticks, "once per school and day"). */
  uniqueKey?: string;
}

export type JobRow = JobTable;

export const defaultMaxAttempts = 5;

/** Adds a job; returns its id, or null when a job with the same unique key already exists. */
export async function enqueue(db: Executor, at: string, job: NewJob): Promise<string | null> {
  const id = newId();
  const result = await db
    .insertInto('jobs')
    .values({
      id,
      kind: job.kind,
      payload: JSON.stringify(job.payload ?? {}),
      run_at: job.runAt ?? at,
      status: 'queued',
      attempts: 0,
      max_attempts: job.maxAttempts ?? defaultMaxAttempts,
      locked_by: null,
      locked_until: null,
      last_error: null,
      unique_key: job.uniqueKey ?? null,
      created_at: at,
      updated_at: at,
      finished_at: null,
    })
    .onConflict((oc) => oc.column('unique_key').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0 ? id : null;
}

/**
 * Claims up to `limit` due jobs for `workerId`: queued ones whose time has come, and running ones
 * whose lease ran out with attempts left (their process died). Each claim counts as an attempt.
 * PostgreSQL: `FOR UPDATE SKIP LOCKED`, so concurrent workers take disjoint jobs; SQLite: the
 * claiming update runs under the single writer lock.
 */
export async function claimDue(
  db: Executor,
  dialect: DialectName,
  workerId: string,
  now: string,
  leaseUntil: string,
  limit: number,
  kinds: string[],
): Promise<JobRow[]> {
  if (kinds.length === 0) return [];
  const due = forUpdateSkipLocked(
    dialect,
    db
      .selectFrom('jobs')
      .select('id')
      .where('kind', 'in', kinds)
      .where((eb) =>
        eb.or([
          eb.and([eb('status', '=', 'queued'), eb('run_at', '<=', now)]),
          eb.and([
            eb('status', '=', 'running'),
            eb('locked_until', '<', now),
            eb('attempts', '<', eb.ref('max_attempts')),
          ]),
        ]),
      )
      .orderBy('run_at')
      .limit(limit),
  );
  return db
    .updateTable('jobs')
    .set({
      status: 'running',
      locked_by: workerId,
      locked_until: leaseUntil,
      attempts: sql`attempts + 1`,
      updated_at: now,
    })
    .where('id', 'in', due)
    .returningAll()
    .execute();
}

/**
 * Running jobs whose lease ran out with no attempts left are given up (their last process died on
 * the final attempt); returns how many.
 */
export async function failAbandoned(db: Executor, now: string): Promise<number> {
  const result = await db
    .updateTable('jobs')
    .set({
      status: 'failed',
      last_error: 'lease expired on the last attempt',
      locked_by: null,
      locked_until: null,
      finished_at: now,
      updated_at: now,
    })
    .where('status', '=', 'running')
    .where('locked_until', '<', now)
    .where((eb) => eb('attempts', '>=', eb.ref('max_attempts')))
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** The worker still holds the job: a lost lease must not overwrite another worker's outcome. */
function held(db: Executor, jobId: string, workerId: string) {
  return db
    .updateTable('jobs')
    .where('id', '=', jobId)
    .where('status', '=', 'running')
    .where('locked_by', '=', workerId);
}

export async function markDone(db: Executor, jobId: string, workerId: string, now: string): Promise<boolean> {
  const r = await held(db, jobId, workerId)
    .set({ status: 'done', locked_by: null, locked_until: null, finished_at: now, updated_at: now })
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** A failed attempt: queued again at `retryAt`, or failed for good when `retryAt` is null. */
export async function markFailed(
  db: Executor,
  jobId: string,
  workerId: string,
  now: string,
  error: string,
  retryAt: string | null,
): Promise<boolean> {
  const r = await held(db, jobId, workerId)
    .set(
      retryAt
        ? {
            status: 'queued',
            run_at: retryAt,
            last_error: error,
            locked_by: null,
            locked_until: null,
            updated_at: now,
          }
        : {
            status: 'failed',
            last_error: error,
            locked_by: null,
            locked_until: null,
            finished_at: now,
            updated_at: now,
          },
    )
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** Extends the lease of a long-running job. */
export async function renewLease(
  db: Executor,
  jobId: string,
  workerId: string,
  leaseUntil: string,
  now: string,
) {
  const r = await held(db, jobId, workerId)
    .set({ locked_until: leaseUntil, updated_at: now })
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** Jobs finished with `status` before `before` are deleted (a recurring job keeps the table small). */
export async function pruneFinished(
  db: Executor,
  status: 'done' | 'failed',
  before: string,
): Promise<number> {
  const r = await db
    .deleteFrom('jobs')
    .where('status', '=', status)
    .where('finished_at', '<', before)
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}

export async function findJob(db: Executor, id: string) {
  return db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();
}
