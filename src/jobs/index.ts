// The job system of one process: a registry of handlers, a worker that runs queued jobs, and a
// scheduler that enqueues recurring ticks. `main.ts` builds it, registers the app's jobs
// (src/jobs/app-jobs.ts) and starts it unless KEHOU_JOBS=0; test apps never start it.
import type { AppContext } from '../server/context';
import { type RecurringHandler, type RecurringOptions, Scheduler } from './scheduler';
import {
  type JobHandler,
  type JobOptions,
  JobRegistry,
  JobWorker,
  type Logger,
  type WorkerOptions,
} from './worker';

export { enqueue, type NewJob } from './queue';
export type { RecurringHandler } from './scheduler';
export type { JobHandler, JobInfo } from './worker';

export interface Jobs {
  register(kind: string, handler: JobHandler, options?: JobOptions): void;
  registerRecurring(
    name: string,
    pattern: string,
    handler: RecurringHandler,
    options?: RecurringOptions,
  ): void;
  start(): void;
  stop(): Promise<void>;
  readonly worker: JobWorker;
  readonly scheduler: Scheduler;
}

export function createJobs(ctx: AppContext, options: WorkerOptions & { logger?: Logger } = {}): Jobs {
  const registry = new JobRegistry();
  const worker = new JobWorker(ctx, registry, options);
  const scheduler = new Scheduler(ctx, registry, options.logger);
  return {
    register: (kind, handler, opts) => registry.register(kind, handler, opts),
    registerRecurring: (name, pattern, handler, opts) =>
      scheduler.registerRecurring(name, pattern, handler, opts),
    start() {
      scheduler.start();
      worker.start();
    },
    async stop() {
      scheduler.stop();
      await worker.stop();
    },
    worker,
    scheduler,
  };
}
