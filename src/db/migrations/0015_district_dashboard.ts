// District dashboard (DIST-1): figures kept per school, term and day so the district's dashboard
// does not aggregate a whole term of roll calls, staff attendance and ledger rows on every request
// (measured: ~500 ms for 20 schools of 1,500; see src/features/district/dashboard-design.md). They
// are derived data, rebuilt incrementally from rows stamped after a watermark; the stamp indexes
// below make finding those rows cheap.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // One row per session and school day with a roll call or staff attendance: children present (the
  // rolls in force) and staff present (on time or late), STAFF-4. `has_roll` (0/1): whether the day
  // has a roll call; only those are session-days for the staff ratio (staff checked in on a day
  // without a roll call leave a row, but it is not counted).
  await db.schema
    .createTable('dashboard_session_days')
    .addColumn('session_id', 'text', (c) => c.notNull().references('term_sessions.id'))
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('school_id', 'text', (c) => c.notNull().references('schools.id'))
    .addColumn('term_id', 'text', (c) => c.notNull().references('terms.id'))
    .addColumn('students_present', 'integer', (c) => c.notNull())
    .addColumn('staff_present', 'integer', (c) => c.notNull())
    .addColumn('has_roll', 'integer', (c) => c.notNull())
    .addColumn('refreshed_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('dashboard_session_days_pk', ['session_id', 'date'])
    .execute();
  await db.schema
    .createIndex('dashboard_session_days_term')
    .on('dashboard_session_days')
    .columns(['term_id', 'date'])
    .execute();
  // One row per school and term once its figures were first built: participation and arrears by
  // grade (JSON). The row also marks that the term's session-days above are built.
  await db.schema
    .createTable('dashboard_school_terms')
    .addColumn('school_id', 'text', (c) => c.notNull().references('schools.id'))
    .addColumn('term_id', 'text', (c) => c.notNull().references('terms.id'))
    .addColumn('figures', 'text', (c) => c.notNull())
    .addColumn('refreshed_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('dashboard_school_terms_pk', ['school_id', 'term_id'])
    .execute();
  // Where the last incremental refresh got to (one row, name 'dashboard').
  await db.schema
    .createTable('dashboard_watermarks')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  for (const [table, column] of [
    ['roll_calls', 'saved_at'],
    ['staff_attendance', 'recorded_at'],
    ['ledger_entries', 'created_at'],
    ['applications', 'updated_at'],
    ['application_lines', 'updated_at'],
    ['students', 'updated_at'],
  ] as const)
    await db.schema.createIndex(`${table}_${column}`).on(table).column(column).execute();
}
