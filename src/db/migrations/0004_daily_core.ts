// The school day's core records, shared by roll call, pickup and the duty board: leave reported by
// families (DAY-3) and roll calls (DAY-1). A roll call is saved whole; a correction is a new
// version of the class's roll for that day, never an overwrite (SAFE-1). Forward-only.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // DAY-3: a family reports an absence for a day or a range, for one session or all of them.
  await db.schema
    .createTable('leave_requests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('school_id', 'text', (c) => c.notNull().references('schools.id'))
    .addColumn('student_id', 'text', (c) => c.notNull().references('students.id'))
    .addColumn('from_date', 'text', (c) => c.notNull())
    .addColumn('to_date', 'text', (c) => c.notNull())
    // null: every session of those days.
    .addColumn('session_id', 'text', (c) => c.references('term_sessions.id'))
    .addColumn('reason', 'text', (c) => c.notNull())
    // 'reported' | 'cancelled'
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('reported_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('reported_at', 'text', (c) => c.notNull())
    .addColumn('cancelled_by', 'text', (c) => c.references('users.id'))
    .addColumn('cancelled_at', 'text')
    .execute();
  await db.schema
    .createIndex('leave_requests_student')
    .on('leave_requests')
    .columns(['student_id', 'from_date'])
    .execute();
  await db.schema
    .createIndex('leave_requests_school_dates')
    .on('leave_requests')
    .columns(['school_id', 'from_date', 'to_date'])
    .execute();

  // DAY-1: one saved roll of a temporary class on a school day. Version 1 is the roll call; later
  // versions are corrections; the highest version is the record in force.
  await db.schema
    .createTable('roll_calls')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('school_id', 'text', (c) => c.notNull().references('schools.id'))
    .addColumn('temp_class_id', 'text', (c) => c.notNull().references('temp_classes.id'))
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('taken_by', 'text', (c) => c.notNull().references('users.id'))
    // When the teacher marked it (the phone's clock, kept for offline saves) and when it arrived.
    .addColumn('marked_at', 'text', (c) => c.notNull())
    .addColumn('saved_at', 'text', (c) => c.notNull())
    .addColumn('present_count', 'integer', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addUniqueConstraint('roll_calls_class_date_version', ['temp_class_id', 'date', 'version'])
    .execute();
  await db.schema
    .createIndex('roll_calls_school_date')
    .on('roll_calls')
    .columns(['school_id', 'date'])
    .execute();

  // Each child's mark in a saved roll: 'present' | 'late' | 'absent' | 'leave'.
  await db.schema
    .createTable('roll_call_marks')
    .addColumn('roll_call_id', 'text', (c) => c.notNull().references('roll_calls.id'))
    .addColumn('student_id', 'text', (c) => c.notNull().references('students.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('leave_request_id', 'text', (c) => c.references('leave_requests.id'))
    .addColumn('note', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('roll_call_marks_pk', ['roll_call_id', 'student_id'])
    .execute();
  await db.schema.createIndex('roll_call_marks_student').on('roll_call_marks').column('student_id').execute();
}
