// Recurring jobs on a cron schedule (croner). Every process runs the same schedule; each tick is
// enqueued with a unique key naming the job and the tick's scheduled time, so however many
// processes fire, the tick runs once (by whichever worker claims it).
import { Cron } from 'croner';
import type { AppContext } from '../server/context';
import * as queue from './queue';
import type { JobOptions, JobRegistry, Logger } from './worker';
import { silentLogger } from './worker';

/** A recurring handler receives the tick it runs for (not the moment it happens to run). */
export type RecurringHandler = (ctx: AppContext, tick: { scheduledAt: Date }) => Promise<void>;

export interface RecurringOptions extends JobOptions {
  /** The cron pattern's time zone (default: the server's). */
  timezone?: string;
}

interface Recurring {
  name: string;
  pattern: string;
  options: RecurringOptions;
  cron: Cron | null;
}

export const recurringKind = (name: string) => `recurring:${name}`;

export class Scheduler {
  private readonly recurring = new Map<string, Recurring>();
  private started = false;

  constructor(
    private readonly ctx: AppContext,
    private readonly registry: JobRegistry,
    private readonly logger: Logger = silentLogger,
  ) {}

  /**
   * `registerRecurring('enrolment.sweepExpiredOffers', '* * * * *', (ctx) => …)`: the pattern is
   * croner's (5 fields, or 6 with seconds first). Register before `start()`.
   */
  registerRecurring(
    name: string,
    pattern: string,
    handler: RecurringHandler,
    options: RecurringOptions = {},
  ) {
    if (this.recurring.has(name)) throw new Error(`recurring job registered twice: ${name}`);
    // Validates the pattern now rather than at start.
    new Cron(pattern, { paused: true, ...(options.timezone ? { timezone: options.timezone } : {}) }).stop();
    this.registry.register(
      recurringKind(name),
      (ctx, payload) =>
        handler(ctx, { scheduledAt: new Date((payload as { scheduledAt: string }).scheduledAt) }),
      { maxAttempts: options.maxAttempts ?? 3, ...(options.backoff ? { backoff: options.backoff } : {}) },
    );
    this.recurring.set(name, { name, pattern, options, cron: null });
  }

  names(): string[] {
    return [...this.recurring.keys()];
  }

  start(): void {
    if (this.started) return;
    this.started = true;
    for (const r of this.recurring.values()) {
      r.cron = new Cron(
        r.pattern,
        { ...(r.options.timezone ? { timezone: r.options.timezone } : {}), protect: true },
        (self: Cron) => {
          // The scheduled instant, the same in every process whose clock is within a second: the
          // latest match of the pattern at or before now (+1 s for a process that fired early).
          const scheduledAt = self.previousRuns(1, new Date(Date.now() + 1000))[0] ?? new Date();
          this.tick(r.name, scheduledAt).catch((err: unknown) =>
            this.logger.error({ err, job: r.name }, 'could not enqueue a recurring job'),
          );
        },
      );
    }
  }

  stop(): void {
    for (const r of this.recurring.values()) {
      r.cron?.stop();
      r.cron = null;
    }
    this.started = false;
  }

  /** Enqueues the tick of `name` scheduled at `scheduledAt`, once; returns the job id or null. */
  async tick(name: string, scheduledAt: Date): Promise<string | null> {
    const r = this.recurring.get(name);
    if (!r) throw new Error(`no recurring job named ${name}`);
    const at = new Date(Math.floor(scheduledAt.getTime() / 1000) * 1000).toISOString();
    return queue.enqueue(this.ctx.db, this.ctx.now().toISOString(), {
      kind: recurringKind(name),
      payload: { scheduledAt: at },
      runAt: at,
      uniqueKey: `${recurringKind(name)}@${at}`,
      maxAttempts: r.options.maxAttempts ?? 3,
    });
  }
}
