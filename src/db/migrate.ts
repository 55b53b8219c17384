// Forward-only migrations, listed here so they ship inside the bundle and run at start.
import { type Kysely, type Migration, type MigrationProvider, Migrator } from 'kysely';
import * as m0001 from './migrations/0001_people';
import * as m0002 from './migrations/0002_programme_enrolment';
import * as m0003 from './migrations/0003_groups_roster';
import * as m0004 from './migrations/0004_daily_core';
import * as m0005 from './migrations/0005_roster_extra';
import * as m0006 from './migrations/0006_daily_attendance';
import * as m0007 from './migrations/0007_pickup_gate';
import * as m0008 from './migrations/0008_incidents_jobs';
import * as m0009 from './migrations/0009_one_active_permit';
import * as m0010 from './migrations/0010_billing';
import * as m0011 from './migrations/0011_payment_secrets';
import * as m0012 from './migrations/0012_surveys';
import * as m0014 from './migrations/0014_pay';
import * as m0015 from './migrations/0015_district_dashboard';
import * as m0016 from './migrations/0016_institutions';

const migrations: Record<string, Migration> = {
  '0001_people': m0001,
  '0002_programme_enrolment': m0002,
  '0003_groups_roster': m0003,
  '0004_daily_core': m0004,
  '0005_roster_extra': m0005,
  '0006_daily_attendance': m0006,
  '0007_pickup_gate': m0007,
  '0008_incidents_jobs': m0008,
  '0009_one_active_permit': m0009,
  '0010_billing': m0010,
  '0011_payment_secrets': m0011,
  '0012_surveys': m0012,
  '0014_pay': m0014,
  '0015_district_dashboard': m0015,
  '0016_institutions': m0016,
};

class StaticProvider implements MigrationProvider {
  async getMigrations(): Promise<Record<string, Migration>> {
    return migrations;
  }
}

export async function migrateToLatest(db: Kysely<unknown>): Promise<string[]> {
  const migrator = new Migrator({ db, provider: new StaticProvider() });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

export const latestMigration = Object.keys(migrations).sort().at(-1)!;
