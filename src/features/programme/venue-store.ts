// Kysely queries for venues (PROG-6). No decisions here.
import { type DialectName, forUpdate } from '../../db/dialect';
import type { DB } from '../../db/schema';
import type { Executor } from '../../server/context';

const venueColumns = [
  'id',
  'name',
  'kind',
  'capacity',
  'fire_safe',
  'fire_safe_checked_on',
  'updated_at',
] as const;

export interface VenueRecord {
  id: string;
  name: string;
  kind: string;
  capacity: number;
  fireSafe: boolean;
  fireSafeCheckedOn: string | null;
  updatedAt: string;
}

function toVenue(r: Pick<DB['venues'], (typeof venueColumns)[number]>): VenueRecord {
  return {
    id: r.id,
    name: r.name,
    kind: r.kind,
    capacity: r.capacity,
    fireSafe: r.fire_safe === 1,
    fireSafeCheckedOn: r.fire_safe_checked_on,
    updatedAt: r.updated_at,
  };
}

export async function listVenues(db: Executor, schoolId: string) {
  const rows = await db
    .selectFrom('venues')
    .select(venueColumns)
    .where('school_id', '=', schoolId)
    .orderBy('name')
    .execute();
  return rows.map(toVenue);
}

export async function findVenue(db: Executor, dialect: DialectName, schoolId: string, venueId: string) {
  const row = await forUpdate(
    dialect,
    db.selectFrom('venues').select(venueColumns).where('school_id', '=', schoolId).where('id', '=', venueId),
  ).executeTakeFirst();
  return row ? toVenue(row) : undefined;
}

export async function venueNameTaken(db: Executor, schoolId: string, name: string, exceptId?: string) {
  let q = db.selectFrom('venues').select('id').where('school_id', '=', schoolId).where('name', '=', name);
  if (exceptId) q = q.where('id', '!=', exceptId);
  return (await q.executeTakeFirst()) !== undefined;
}

export async function insertVenue(db: Executor, row: DB['venues']) {
  await db.insertInto('venues').values(row).execute();
}

export async function updateVenue(db: Executor, venueId: string, changes: Partial<DB['venues']>) {
  await db.updateTable('venues').set(changes).where('id', '=', venueId).execute();
}

export async function deleteVenue(db: Executor, venueId: string) {
  await db.deleteFrom('venues').where('id', '=', venueId).execute();
}

/** The offerings (of any term) held at a venue, for the checks a venue change must pass. */
export async function offeringsAtVenue(db: Executor, venueId: string) {
  return db
    .selectFrom('offerings')
    .select(['id', 'name', 'kind', 'capacity'])
    .where('venue_id', '=', venueId)
    .execute();
}
