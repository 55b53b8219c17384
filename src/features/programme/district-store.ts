// Kysely queries for the district's view (DIST-1): its schools and their settings.
import type { Executor } from '../../server/context';

export async function listDistrictSchools(db: Executor, districtId: string) {
  return db
    .selectFrom('schools')
    .select(['id', 'code', 'name', 'district_id as districtId'])
    .where('district_id', '=', districtId)
    .orderBy('code')
    .execute();
}

export async function settingsOfSchools(db: Executor, schoolIds: string[]) {
  if (schoolIds.length === 0) return new Map<string, string>();
  const rows = await db
    .selectFrom('school_settings')
    .select(['school_id', 'settings'])
    .where('school_id', 'in', schoolIds)
    .execute();
  return new Map(rows.map((r) => [r.school_id, r.settings]));
}
