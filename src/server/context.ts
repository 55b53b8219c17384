// What every service receives: the database, its dialect, the clock and the settings.
import type { Kysely, Transaction } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { Database } from '../db/connect';
import type { DialectName } from '../db/dialect';
import type { DB } from '../db/schema';
import type { Config } from './config';
import type { Locale } from './errors';

export interface AppContext {
  db: Kysely<DB>;
  dialect: DialectName;
  database: Database;
  config: Config;
  /** The clock; tests replace it. Rules never read it themselves. */
  now(): Date;
}

/** A connection or a transaction: stores accept either. */
export type Executor = Kysely<DB> | Transaction<DB>;

export interface RequestMeta {
  ip: string | null;
  locale: Locale;
  userAgent?: string | null;
}

export function newId(): string {
  return uuidv7();
}

export function nowIso(ctx: Pick<AppContext, 'now'>): string {
  return ctx.now().toISOString();
}
