// Payments (FEE-4): the shared secret a school's online payment provider signs its notifications
// with (HMAC-SHA256). One per school; set by the school admin, written only, never answered.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('payment_secrets')
    .addColumn('school_id', 'text', (c) => c.primaryKey().references('schools.id'))
    .addColumn('secret', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  // The receipts list and the webhook's look-up by provider reference read payments per term.
  await db.schema.createIndex('payments_term').on('payments').columns(['term_id', 'received_at']).execute();
}
