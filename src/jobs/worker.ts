// Runs queued jobs: claims due ones under a lease, runs the registered handler, and records the
// outcome — done, queued again after a backoff, or failed once the attempts are spent. Stateless:
// any number of processes may run a worker against the same database.
import os from 'node:os';
import type { AppContext } from '../server/context';
import { newId } from '../server/context';
import { type BackoffOptions, backoffMs, defaultBackoff, isExhausted } from './backoff';
import * as queue from './queue';

export interface JobInfo {
  id: string;
  kind: string;
  attempt: number;
  maxAttempts: number;
}

export type JobHandler = (ctx: AppContext, payload: unknown, job: JobInfo) => Promise<void>;

export interface JobOptions {
  /** Used when the enqueuer does not say. */
  maxAttempts?: number;
  backoff?: BackoffOptions;
}

export interface Logger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

/** Abandoned jobs are rare (a process died on a job's last attempt): a look every half minute. */
const reapEveryMs = 30_000;

export const silentLogger: Logger = { info() {}, warn() {}, error() {} };

/** The handlers this process knows; it claims only jobs of these kinds. */
export class JobRegistry {
  private readonly handlers = new Map<string, { handler: JobHandler; options: JobOptions }>();

  register(kind: string, handler: JobHandler, options: JobOptions = {}): void {
    if (this.handlers.has(kind)) throw new Error(`job kind registered twice: ${kind}`);
    this.handlers.set(kind, { handler, options });
  }

  get(kind: string) {
    return this.handlers.get(kind);
  }

  kinds(): string[] {
    return [...this.handlers.keys()];
  }
}

export interface WorkerOptions {
  workerId?: string;
  /** How often an idle worker looks for due jobs. */
  pollMs?: number;
  /** How long a claim holds before another process may take the job over. */
  leaseMs?: number;
  /** Jobs claimed (and run side by side) per poll. */
  batch?: number;
  logger?: Logger;
  /** Injected for tests; Math.random by default. */
  random?: () => number;
}

export class JobWorker {
  readonly workerId: string;
  private readonly pollMs: number;
  private readonly leaseMs: number;
  private readonly batch: number;
  private readonly logger: Logger;
  private readonly random: () => number;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;
  private stopped = true;
  private lastReap = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly ctx: AppContext,
    private readonly registry: JobRegistry,
    options: WorkerOptions = {},
  ) {
    this.workerId = options.workerId ?? `${os.hostname()}:${process.pid}:${newId().slice(-8)}`;
    this.pollMs = options.pollMs ?? 1000;
    this.leaseMs = options.leaseMs ?? 5 * 60_000;
    this.batch = options.batch ?? 4;
    this.logger = options.logger ?? silentLogger;
    this.random = options.random ?? Math.random;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.schedule(0);
  }

  /** Stops polling and waits for the jobs in hand to finish. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }

  private schedule(delay: number) {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.runOnce()
        .catch((err: unknown) => {
          this.logger.error({ err }, 'job poll failed');
          return 0;
        })
        // A full batch suggests more are due: look again at once rather than after a poll.
        .then((n) => this.schedule(n >= this.batch ? 0 : this.pollMs));
    }, delay);
    this.timer.unref();
  }

  /** One poll: gives up abandoned jobs (now and then), claims a batch, runs it. Returns how many ran. */
  async runOnce(): Promise<number> {
    const now = this.ctx.now();
    const nowIso = now.toISOString();
    if (now.getTime() - this.lastReap >= reapEveryMs) {
      this.lastReap = now.getTime();
      await queue.failAbandoned(this.ctx.db, nowIso);
    }
    // One statement, atomic on its own: no explicit transaction, so an idle poll does not take
    // SQLite's writer lock (`begin immediate`) every second.
    const claimed = await queue.claimDue(
      this.ctx.db,
      this.ctx.dialect,
      this.workerId,
      nowIso,
      new Date(now.getTime() + this.leaseMs).toISOString(),
      this.batch,
      this.registry.kinds(),
    );
    await Promise.all(claimed.map((job) => this.run(job)));
    return claimed.length;
  }

  private async run(job: queue.JobRow): Promise<void> {
    const registration = this.registry.get(job.kind);
    if (!registration) return;
    const info: JobInfo = {
      id: job.id,
      kind: job.kind,
      attempt: job.attempts,
      maxAttempts: job.max_attempts,
    };
    // Long jobs keep their lease alive; a dead process stops renewing and the lease runs out.
    const heartbeat = setInterval(
      () => {
        const now = this.ctx.now();
        queue
          .renewLease(
            this.ctx.db,
            job.id,
            this.workerId,
            new Date(now.getTime() + this.leaseMs).toISOString(),
            now.toISOString(),
          )
          .catch((err: unknown) => this.logger.warn({ err, jobId: job.id }, 'lease renewal failed'));
      },
      Math.max(1000, Math.floor(this.leaseMs / 3)),
    );
    heartbeat.unref();
    try {
      await registration.handler(this.ctx, JSON.parse(job.payload) as unknown, info);
      clearInterval(heartbeat);
      await queue.markDone(this.ctx.db, job.id, this.workerId, this.ctx.now().toISOString());
    } catch (err) {
      clearInterval(heartbeat);
      const message = (err instanceof Error ? err.message : String(err)).slice(0, 2000);
      const now = this.ctx.now();
      const retryAt = isExhausted(job.attempts, job.max_attempts)
        ? null
        : new Date(
            now.getTime() +
              backoffMs(job.attempts, this.random(), registration.options.backoff ?? defaultBackoff),
          ).toISOString();
      (retryAt ? this.logger.warn : this.logger.error).call(
        this.logger,
        { err, jobId: job.id, kind: job.kind, attempt: job.attempts },
        retryAt ? 'job failed; will retry' : 'job failed; giving up',
      );
      await queue.markFailed(this.ctx.db, job.id, this.workerId, now.toISOString(), message, retryAt);
    }
  }
}
