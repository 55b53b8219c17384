// The job queue on both databases: concurrent claims, retries with backoff, giving up, lease expiry
// after a crash, and recurring ticks enqueued by several processes running once.
import { describe, expect, it } from 'vitest';
import { describeBothDatabases } from '../../test/db-matrix';
import { registerAppJobs } from './app-jobs';
import { createJobs } from './index';
import * as queue from './queue';

const fast = { baseMs: 1000, maxMs: 1000 };

describeBothDatabases('jobs', (h) => {
  const now = () => h().ctx.now().toISOString();
  const later = (ms: number) => h().setNow(new Date(h().ctx.now().getTime() + ms).toISOString());

  it('enqueues inside the caller’s transaction: a rollback leaves no job', async () => {
    const { ctx } = h();
    await expect(
      ctx.db.transaction().execute(async (trx) => {
        await queue.enqueue(trx, now(), { kind: 'test.rollback', uniqueKey: 'rollback-1' });
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    const rows = await ctx.db.selectFrom('jobs').selectAll().where('kind', '=', 'test.rollback').execute();
    expect(rows).toEqual([]);
  });

  it('two workers polling at once run each job exactly once', async () => {
    const { ctx } = h();
    const ran: string[] = [];
    const systems = [0, 1].map((i) => {
      const jobs = createJobs(ctx, { workerId: `w${i}`, batch: 3 });
      jobs.register('test.once', async (_ctx, payload) => {
        await new Promise((r) => setTimeout(r, 5));
        ran.push((payload as { n: number }).n.toString());
      });
      return jobs;
    });
    for (let n = 0; n < 24; n++) await queue.enqueue(ctx.db, now(), { kind: 'test.once', payload: { n } });
    let total = 0;
    for (let round = 0; round < 20; round++) {
      const counts = await Promise.all(systems.map((s) => s.worker.runOnce()));
      total += counts[0]! + counts[1]!;
      if (counts[0] === 0 && counts[1] === 0) break;
    }
    expect(total).toBe(24);
    expect(ran.length).toBe(24);
    expect(new Set(ran).size).toBe(24);
    const rows = await ctx.db
      .selectFrom('jobs')
      .select(['status', 'attempts'])
      .where('kind', '=', 'test.once')
      .execute();
    expect(rows.every((r) => r.status === 'done' && r.attempts === 1)).toBe(true);
  });

  it('retries a failing job after its backoff and then finishes it', async () => {
    const { ctx } = h();
    const jobs = createJobs(ctx, { workerId: 'retry', random: () => 0.5 });
    let calls = 0;
    jobs.register(
      'test.flaky',
      async () => {
        calls++;
        if (calls < 3) throw new Error(`flaky ${calls}`);
      },
      { backoff: fast },
    );
    const id = (await queue.enqueue(ctx.db, now(), { kind: 'test.flaky', maxAttempts: 5 }))!;
    expect(await jobs.worker.runOnce()).toBe(1);
    let job = await queue.findJob(ctx.db, id);
    expect(job).toMatchObject({ status: 'queued', attempts: 1, last_error: 'flaky 1' });
    // Not due until the backoff has passed.
    expect(await jobs.worker.runOnce()).toBe(0);
    later(1000);
    expect(await jobs.worker.runOnce()).toBe(1);
    later(1000);
    expect(await jobs.worker.runOnce()).toBe(1);
    job = await queue.findJob(ctx.db, id);
    expect(job).toMatchObject({ status: 'done', attempts: 3, locked_by: null });
    expect(calls).toBe(3);
  });

  it('gives up after the maximum attempts and keeps the last error', async () => {
    const { ctx } = h();
    const jobs = createJobs(ctx, { workerId: 'dead' });
    let calls = 0;
    jobs.register(
      'test.broken',
      async () => {
        calls++;
        throw new Error('always broken');
      },
      { backoff: fast },
    );
    const id = (await queue.enqueue(ctx.db, now(), { kind: 'test.broken', maxAttempts: 2 }))!;
    await jobs.worker.runOnce();
    later(2000);
    await jobs.worker.runOnce();
    later(60_000);
    expect(await jobs.worker.runOnce()).toBe(0);
    const job = await queue.findJob(ctx.db, id);
    expect(job).toMatchObject({ status: 'failed', attempts: 2, last_error: 'always broken' });
    expect(job?.finished_at).not.toBeNull();
    expect(calls).toBe(2);
  });

  it('a job whose process died is taken over when its lease runs out', async () => {
    const { ctx } = h();
    const id = (await queue.enqueue(ctx.db, now(), { kind: 'test.lease', maxAttempts: 3 }))!;
    // A process claims it and dies without finishing.
    const leaseUntil = new Date(h().ctx.now().getTime() + 60_000).toISOString();
    const claimed = await queue.claimDue(ctx.db, ctx.dialect, 'crashed', now(), leaseUntil, 10, [
      'test.lease',
    ]);
    expect(claimed.map((j) => j.id)).toEqual([id]);
    const jobs = createJobs(ctx, { workerId: 'survivor', leaseMs: 60_000 });
    const ran: string[] = [];
    jobs.register('test.lease', async (_c, _p, info) => {
      ran.push(`${info.id}#${info.attempt}`);
    });
    // Still leased: nobody else may run it.
    expect(await jobs.worker.runOnce()).toBe(0);
    later(61_000);
    expect(await jobs.worker.runOnce()).toBe(1);
    expect(ran).toEqual([`${id}#2`]);
    // The dead process's late answer cannot overwrite the outcome.
    expect(await queue.markFailed(ctx.db, id, 'crashed', now(), 'late', null)).toBe(false);
    expect(await queue.findJob(ctx.db, id)).toMatchObject({ status: 'done', attempts: 2 });
  });

  it('a job abandoned on its last attempt is failed, not run again', async () => {
    const { ctx } = h();
    const id = (await queue.enqueue(ctx.db, now(), { kind: 'test.lastLease', maxAttempts: 1 }))!;
    const leaseUntil = new Date(h().ctx.now().getTime() + 1000).toISOString();
    await queue.claimDue(ctx.db, ctx.dialect, 'crashed', now(), leaseUntil, 10, ['test.lastLease']);
    const jobs = createJobs(ctx, { workerId: 'reaper' });
    let calls = 0;
    jobs.register('test.lastLease', async () => {
      calls++;
    });
    later(5000);
    expect(await jobs.worker.runOnce()).toBe(0);
    expect(calls).toBe(0);
    expect(await queue.findJob(ctx.db, id)).toMatchObject({
      status: 'failed',
      last_error: 'lease expired on the last attempt',
    });
  });

  it('a recurring tick enqueued by several processes runs once', async () => {
    const { ctx } = h();
    const seen: string[] = [];
    const systems = [0, 1, 2].map((i) => {
      const jobs = createJobs(ctx, { workerId: `p${i}` });
      jobs.registerRecurring('test.tick', '*/5 * * * *', async (_c, tick) => {
        seen.push(tick.scheduledAt.toISOString());
      });
      return jobs;
    });
    const tickAt = new Date(h().ctx.now().getTime() - 1000);
    const ids = await Promise.all(systems.map((s) => s.scheduler.tick('test.tick', tickAt)));
    expect(ids.filter((x) => x !== null)).toHaveLength(1);
    await Promise.all(systems.map((s) => s.worker.runOnce()));
    await Promise.all(systems.map((s) => s.worker.runOnce()));
    expect(seen).toEqual([new Date(Math.floor(tickAt.getTime() / 1000) * 1000).toISOString()]);
  });

  it('prunes finished jobs by age, keeping queued ones', async () => {
    const { ctx } = h();
    const jobs = createJobs(ctx, { workerId: 'pruner' });
    jobs.register('test.prune', async () => {});
    const old = (await queue.enqueue(ctx.db, now(), { kind: 'test.prune' }))!;
    await jobs.worker.runOnce();
    later(2 * 86_400_000);
    const fresh = (await queue.enqueue(ctx.db, now(), {
      kind: 'test.prune',
      runAt: '2099-01-01T00:00:00.000Z',
    }))!;
    const removed = await queue.pruneFinished(
      ctx.db,
      'done',
      new Date(h().ctx.now().getTime() - 86_400_000).toISOString(),
    );
    expect(removed).toBeGreaterThanOrEqual(1);
    expect(await queue.findJob(ctx.db, old)).toBeUndefined();
    expect(await queue.findJob(ctx.db, fresh)).toMatchObject({ status: 'queued' });
  });

  it('croner fires every process’s schedule; each second’s tick is queued once', async () => {
    const { ctx } = h();
    const systems = [0, 1].map((i) => {
      const jobs = createJobs(ctx, { workerId: `c${i}` });
      jobs.registerRecurring('test.everySecond', '* * * * * *', async () => {});
      return jobs;
    });
    for (const s of systems) s.scheduler.start();
    await new Promise((r) => setTimeout(r, 2600));
    for (const s of systems) s.scheduler.stop();
    await new Promise((r) => setTimeout(r, 200));
    const rows = await ctx.db
      .selectFrom('jobs')
      .select('unique_key')
      .where('kind', '=', 'recurring:test.everySecond')
      .execute();
    expect(rows.length).toBeGreaterThanOrEqual(2);
    expect(new Set(rows.map((r) => r.unique_key)).size).toBe(rows.length);
  });
});

describe('job registry', () => {
  it('registers the app’s recurring jobs, the offer sweep among them', () => {
    const jobs = createJobs({} as never);
    registerAppJobs(jobs);
    expect(jobs.scheduler.names()).toEqual(
      expect.arrayContaining(['enrolment.sweepExpiredOffers', 'notify.drain', 'jobs.prune']),
    );
  });

  it('refuses a bad cron pattern at registration', () => {
    const jobs = createJobs({} as never);
    expect(() => jobs.registerRecurring('bad', 'not a cron', async () => {})).toThrow();
  });
});
