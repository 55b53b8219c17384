// Settings from environment variables; the README lists each one.
import path from 'node:path';

export interface Config {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  trustProxy: boolean;
  sessionDays: number;
  sessionMaxDays: number;
  logLevel: string;
  loadDemo: boolean;
  loginMaxFailuresPerAccount: number;
  loginMaxFailuresPerAddress: number;
  loginWindowMinutes: number;
  setupCodeDays: number;
  webDir: string;
  // jobs and notify channels
  /** Run the job worker and scheduler in this process (KEHOU_JOBS=0 turns them off). */
  jobsEnabled: boolean;
  jobPollMs: number;
  /** How long a webhook call or an SMTP step may take before it counts as failed. */
  notifyTimeoutMs: number;
  /** The web app's public address, for absolute links in mails (e.g. https://kehou.example.cn). */
  publicUrl: string | null;
  /** Let webhooks reach loopback and private addresses (off: a school's URL cannot probe our network). */
  webhookAllowInternal: boolean;
  /** End-to-end tests only: a clock the tests may move (`server/test-clock.ts`). */
  testClock: boolean;
}

function intFrom(value: string | undefined, fallback: number): number {
  const n = Number(value);
  return value !== undefined && value !== '' && Number.isFinite(n) ? n : fallback;
}

function boolFrom(value: string | undefined, fallback: boolean): boolean {
  if (value === undefined || value === '') return fallback;
  return !['0', 'false', 'no', 'off'].includes(value.toLowerCase());
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    port: intFrom(env.PORT, 3000),
    host: env.HOST || '0.0.0.0',
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: env.KEHOU_DATA_DIR || 'data',
    trustProxy: boolFrom(env.KEHOU_TRUST_PROXY, false),
    sessionDays: intFrom(env.KEHOU_SESSION_DAYS, 14),
    sessionMaxDays: intFrom(env.KEHOU_SESSION_MAX_DAYS, 90),
    logLevel: env.KEHOU_LOG_LEVEL || 'info',
    // The demo (with its published passwords) loads into an empty embedded database by default, never
    // into PostgreSQL unless asked: a production database must not start with known logins.
    loadDemo: boolFrom(env.KEHOU_DEMO, !env.DATABASE_URL),
    loginMaxFailuresPerAccount: intFrom(env.KEHOU_LOGIN_MAX_FAILURES, 5),
    loginMaxFailuresPerAddress: intFrom(env.KEHOU_LOGIN_MAX_FAILURES_PER_ADDRESS, 30),
    loginWindowMinutes: intFrom(env.KEHOU_LOGIN_WINDOW_MINUTES, 15),
    setupCodeDays: intFrom(env.KEHOU_SETUP_CODE_DAYS, 14),
    webDir: env.KEHOU_WEB_DIR || path.resolve('dist/web'),
    // jobs and notify channels
    jobsEnabled: boolFrom(env.KEHOU_JOBS, true),
    jobPollMs: intFrom(env.KEHOU_JOB_POLL_MS, 1000),
    notifyTimeoutMs: intFrom(env.KEHOU_NOTIFY_TIMEOUT_MS, 10_000),
    publicUrl: env.KEHOU_PUBLIC_URL?.replace(/\/+$/, '') || null,
    webhookAllowInternal: boolFrom(env.KEHOU_WEBHOOK_ALLOW_INTERNAL, false),
    testClock: boolFrom(env.KEHOU_TEST_CLOCK, false),
  };
}

export function sqliteFile(config: Config): string {
  return path.join(config.dataDir, 'kehou.db');
}
