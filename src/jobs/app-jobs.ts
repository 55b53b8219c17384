// The application's background jobs, in one list. To add a recurring job, add a line here:
//   jobs.registerRecurring('<area>.<name>', '<cron>', (ctx, tick) => yourUseCase(ctx, tick.scheduledAt));
// The pattern is croner's (5 fields; 6 with seconds first); `timezone` in the options reads it in a
// zone (e.g. 'Asia/Shanghai' for "17:45 every school day"). A tick runs once however many processes
// run, is retried (3 attempts by default) and must therefore be idempotent. One-off work is
// `jobs.register(kind, handler)` plus `enqueue(trx, at, { kind, payload })` in the caller's transaction.
import { raiseLatePickupAlerts } from '../features/daily/service/board';
import { closeStaffAttendance } from '../features/daily/service/staff-attendance';
import { refreshDashboard } from '../features/district/service/dashboard-refresh';
import { localDate } from '../features/enrolment/application-rules';
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
  // DAY-10: each minute, children still on site past their session's end plus the grace period
  // raise one alert each to their guardians and the duty leader (once per child and day). Read
  // from the context's clock, so end-to-end tests that move the clock see the alert.
  jobs.registerRecurring('daily.latePickupAlerts', '* * * * *', async (ctx) => {
    await raiseLatePickupAlerts(ctx);
  });
  // DAY-7: in the evening, rostered staff without a check-in are recorded absent (without a reason
  // until the school rules otherwise); the next morning's tick catches a missed evening.
  jobs.registerRecurring(
    'daily.closeStaffAttendance',
    '30 19,7 * * *',
    async (ctx, tick) => {
      const schools = await ctx.db.selectFrom('schools').select(['id', 'timezone']).execute();
      const failures: unknown[] = [];
      for (const school of schools) {
        const today = localDate(tick.scheduledAt, school.timezone);
        const yesterday = localDate(new Date(tick.scheduledAt.getTime() - 86_400_000), school.timezone);
        // Evening: today is over; morning: yesterday is.
        const hour = Number(
          new Intl.DateTimeFormat('en-GB', {
            hour: '2-digit',
            hourCycle: 'h23',
            timeZone: school.timezone,
          }).format(tick.scheduledAt),
        );
        // One school's failure must not leave the others' day open; it is reported after the rest.
        try {
          await closeStaffAttendance(ctx, school.id, hour >= 12 ? today : yesterday);
        } catch (err) {
          failures.push(err);
        }
      }
      if (failures.length)
        throw new AggregateError(failures, `staff attendance close failed for ${failures.length} school(s)`);
    },
    { timezone: 'Asia/Shanghai' },
  );
  // district dashboard (DIST-1): the kept figures catch up with the rows saved since the last run.
  // Recomputing from source rows, so a missed or repeated tick is harmless.
  jobs.registerRecurring(
    'district.refreshDashboard',
    '* * * * *',
    async (ctx) => {
      await refreshDashboard(ctx);
    },
    { maxAttempts: 1 },
  );
}
