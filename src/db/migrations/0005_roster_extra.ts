// Duty roster and outside staff additions (STAFF-5, STAFF-6) to the tables of 0003: the date a
// check was done (its record time is only when it was typed in), when a colleague accepted a swap,
// and the indexes the roster's reads use. Forward-only; nullable columns, so older rows stay valid.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('outside_staff_checks').addColumn('checked_on', 'text').execute();
  await db.schema.alterTable('duty_swaps').addColumn('accepted_at', 'text').execute();
  await db.schema
    .createIndex('duty_swaps_assignment')
    .on('duty_swaps')
    .columns(['assignment_id', 'status'])
    .execute();
  await db.schema
    .createIndex('duty_rosters_term_status')
    .on('duty_rosters')
    .columns(['term_id', 'status'])
    .execute();
  await db.schema
    .createIndex('outside_staff_checks_person')
    .on('outside_staff_checks')
    .column('outside_staff_id')
    .execute();
}
