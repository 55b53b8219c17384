// DAY-5: a child holds at most one walk-home permit in force per term. Without this, two signatures
// at the same instant (a double tap, or both guardians) could leave two active permits on
// PostgreSQL, and revoking the one the family sees would leave the other valid. Forward-only.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('walk_home_permits_one_active')
    .on('walk_home_permits')
    .columns(['student_id', 'term_id'])
    .unique()
    .where(sql.ref('revoked_at'), 'is', null)
    .execute();
}
