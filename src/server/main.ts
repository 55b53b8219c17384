// Starts the server: opens the database, migrates it, loads the demo on first start, listens,
// and on SIGTERM/SIGINT finishes the requests in flight before closing.
import { connect } from '../db/connect';
import { migrateToLatest } from '../db/migrate';
import { registerAppJobs } from '../jobs/app-jobs';
import { createJobs } from '../jobs/index';
import { buildApp } from './app';
import { type Config, loadConfig, sqliteFile } from './config';
import type { AppContext } from './context';
import { movableClock, type TestClock } from './test-clock';

const shutdownGraceMs = 30_000;

export function contextFor(config: Config, clock?: TestClock): AppContext {
  const database = connect({ databaseUrl: config.databaseUrl, sqliteFile: sqliteFile(config) });
  const now = clock ? clock.now : () => new Date();
  return { db: database.db, dialect: database.dialect, database, config, now };
}

export async function startServer(config: Config = loadConfig()) {
  const clock = config.testClock ? movableClock() : undefined;
  const ctx = contextFor(config, clock);
  await migrateToLatest(ctx.db as never);
  if (config.loadDemo) {
    const { loadDemoIfEmpty } = await import('../cli/demo');
    const logins = await loadDemoIfEmpty(ctx);
    if (logins) printLogins(logins, config);
  }
  const app = await buildApp(ctx, { testClock: clock });
  // Background work (the offer sweep, notify deliveries, …) runs on the table-backed queue; every
  // process may run a worker, and each recurring tick runs once across them (src/jobs).
  const jobs = createJobs(ctx, { logger: app.log, pollMs: config.jobPollMs });
  registerAppJobs(jobs);
  if (config.jobsEnabled) jobs.start();
  app.addHook('onClose', async () => jobs.stop());
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down: finishing requests in flight');
    // A keep-alive connection whose request finishes after close() began would otherwise stay open
    // until its idle timeout: close such connections as they fall idle, and give up after a deadline.
    const sweep = setInterval(() => app.server.closeIdleConnections(), 100);
    const deadline = setTimeout(() => app.server.closeAllConnections(), shutdownGraceMs);
    await app.close();
    clearInterval(sweep);
    clearTimeout(deadline);
    await ctx.database.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
  await app.listen({ port: config.port, host: config.host });
  return app;
}

function printLogins(
  logins: { role: string; account: string; password: string; note?: string }[],
  config: Config,
) {
  const lines = [
    '',
    '  Kehou 课后 — demo district loaded / 演示数据已载入',
    `  Open http://localhost:${config.port} and sign in with / 请用以下账号登录:`,
    '',
    ...logins.map(
      (l) => `    ${l.role.padEnd(28)} ${l.account.padEnd(14)} ${l.password}${l.note ? `   ${l.note}` : ''}`,
    ),
    '',
  ];
  console.log(lines.join('\n'));
}
