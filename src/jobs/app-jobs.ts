// The application's background jobs, in one list. To add a recurring job, add a line here:
//   jobs.registerRecurring('<area>.<name>', '<cron>', (ctx, tick) => yourUseCase(ctx, tick.scheduledAt));
// The pattern is croner's (5 fields; 6 with seconds first); `timezone` in the options reads it in a
// zone (e.g. 'Asia/Shanghai' for "17:45 every school day"). A tick runs once however many processes
// run, is retried (3 attempts by default) and must therefore be idempotent. One-off work is
// `jobs.register(kind, handler)` plus `enqueue(trx, at, { kind, payload })` in the caller's transaction.
import { sweepExpiredOffers } from '../features/enrolment/service/waitlist';
import { drainNowKind, drainOutbox } from '../features/notify/service/drain';
import type { Jobs } from './index';
import { pruneFinished } from './queue';

export function registerAppJobs(jobs: Jobs): void {
  // ENR-4: waitlist offers past their deadline lapse and move on even when nobody calls. The sweep
  // is idempotent and locks each offering, so an overlap with a request is harmless.
  jobs.registerRecurring('enrolment.sweepExpiredOffers', '* * * * *', async (ctx) => {
    await sweepExpiredOffers(ctx);
  });
  // The notify outbox goes out to the schools' webhook and mail channels every 15 s. A drain that
  // fails is simply the next tick's work, so one attempt per tick.
  jobs.registerRecurring(
    'notify.drain',
    '*/15 * * * * *',
    async (ctx) => {
      // Several batches per tick when a burst is waiting, bounded so a tick ends well before the next.
      for (let i = 0; i < 10; i++) if ((await drainOutbox(ctx, { limit: 20 })).claimed < 20) break;
    },
    { maxAttempts: 1 },
  );
  // An urgent message (an incident) asks for a drain at once rather than at the next tick.
  jobs.register(
    drainNowKind,
    async (ctx) => {
      await drainOutbox(ctx, { limit: 20 });
    },
    { maxAttempts: 1 },
  );
  // Done jobs (mostly the drain's ticks, ~6,000 a day) are kept a day; failed ones a month, for
  // whoever looks into why.
  jobs.registerRecurring('jobs.prune', '17 3 * * *', async (ctx) => {
    const now = ctx.now().getTime();
    await pruneFinished(ctx.db, 'done', new Date(now - 86_400_000).toISOString());
    await pruneFinished(ctx.db, 'failed', new Date(now - 30 * 86_400_000).toISOString());
  });
}
