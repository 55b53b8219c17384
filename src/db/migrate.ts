// Forward-only migrations, listed here so they ship inside the bundle and run at start.
import { type Kysely, type Migration, type MigrationProvider, Migrator } from 'kysely';
import * as m0001 from './migrations/0001_people';
import * as m0002 from './migrations/0002_programme_enrolment';
import * as m0003 from './migrations/0003_groups_roster';
import * as m0004 from './migrations/0004_daily_core';
// duty roster and outside staff (STAFF-5, STAFF-6)
import * as m0005 from './migrations/0005_roster_extra';
// daily attendance: handovers, care logs, staff attendance, emergency plans (DAY-2, DAY-6…8, SAFE-3)
import * as m0006 from './migrations/0006_daily_attendance';
// pickup and gate
import * as m0007 from './migrations/0007_pickup_gate';
// incidents, jobs and notify channels (DAY-6, SAFE-1)
import * as m0008 from './migrations/0008_incidents_jobs';

const migrations: Record<string, Migration> = {
  '0001_people': m0001,
  '0002_programme_enrolment': m0002,
  '0003_groups_roster': m0003,
  '0004_daily_core': m0004,
  // incidents, jobs and notify channels (DAY-6, SAFE-1)
  '0008_incidents_jobs': m0008,
  // daily attendance (DAY-2, DAY-6…8, SAFE-3)
  '0006_daily_attendance': m0006,
  // pickup and gate
  '0007_pickup_gate': m0007,
  // duty roster and outside staff (STAFF-5, STAFF-6)
  '0005_roster_extra': m0005,
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
