// The care teacher's day beyond the roll (0004): handovers (DAY-2), the care log and activity
// record (DAY-6, DAY-8), staff attendance (DAY-7) and the school's emergency plan (SAFE-3). Every
// table is append-only: a correction is a new row or version, never an overwrite (SAFE-1).
// Forward-only.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // DAY-2 交接: 'last_period_to_care' (the last-period teacher hands the class to the care teacher)
  // or 'care_to_duty' (the care teacher hands the remaining children to the duty teacher). The
  // giver of the first stage may be a teacher without an account, so names are kept beside ids.
  await db.schema
    .createTable('handovers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('school_id', 'text', (c) => c.notNull().references('schools.id'))
    .addColumn('temp_class_id', 'text', (c) => c.notNull().references('temp_classes.id'))
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('stage', 'text', (c) => c.notNull())
    .addColumn('from_user_id', 'text', (c) => c.references('users.id'))
    .addColumn('from_name', 'text', (c) => c.notNull())
    .addColumn('to_user_id', 'text', (c) => c.references('users.id'))
    .addColumn('to_name', 'text', (c) => c.notNull())
    .addColumn('handed_at', 'text', (c) => c.notNull())
    .addColumn('head_count', 'integer', (c) => c.notNull())
    // What the roll in force says should be handed over, and whether the count differs.
    .addColumn('expected_count', 'integer')
    .addColumn('mismatch', 'integer', (c) => c.notNull())
    .addColumn('leave_note', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('handovers_class_date')
    .on('handovers')
    .columns(['temp_class_id', 'date', 'stage'])
    .execute();
  await db.schema
    .createIndex('handovers_school_date')
    .on('handovers')
    .columns(['school_id', 'date'])
    .execute();

  // DAY-6 看管记录 and DAY-8 活动记录表: one record per class per day; corrections are new versions.
  await db.schema
    .createTable('care_logs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('school_id', 'text', (c) => c.notNull().references('schools.id'))
    .addColumn('temp_class_id', 'text', (c) => c.notNull().references('temp_classes.id'))
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('topic', 'text', (c) => c.notNull())
    .addColumn('head_count', 'integer')
    .addColumn('started_at', 'text')
    .addColumn('ended_at', 'text')
    // 'all' | 'most' | 'few' | 'none' | null (not answered); homework care only.
    .addColumn('homework', 'text')
    .addColumn('behaviour', 'text', (c) => c.notNull())
    .addColumn('notes', 'text', (c) => c.notNull())
    // DAY-8: all required fields filled (drives PAY-3).
    .addColumn('complete', 'integer', (c) => c.notNull())
    .addColumn('written_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('written_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('care_logs_class_date_version', ['temp_class_id', 'date', 'version'])
    .execute();
  await db.schema
    .createIndex('care_logs_school_date')
    .on('care_logs')
    .columns(['school_id', 'date'])
    .execute();

  // DAY-7 教师考勤: per person, session and date; version 1 is the check-in (or the absence written
  // at the session's end); an administrator's ruling is a later version. The highest one counts.
  await db.schema
    .createTable('staff_attendance')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('school_id', 'text', (c) => c.notNull().references('schools.id'))
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('session_id', 'text', (c) => c.notNull().references('term_sessions.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    // 'on_time' | 'late' | 'absent'
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('minutes_late', 'integer', (c) => c.notNull())
    // For an absence: 1 with reason (excused), 0 without; null otherwise.
    .addColumn('excused', 'integer')
    .addColumn('reason', 'text', (c) => c.notNull())
    // 'check_in' | 'close' | 'admin'
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('checked_in_at', 'text')
    .addColumn('recorded_by', 'text', (c) => c.references('users.id'))
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('staff_attendance_slot_version', ['date', 'session_id', 'user_id', 'version'])
    .execute();
  await db.schema
    .createIndex('staff_attendance_school_date')
    .on('staff_attendance')
    .columns(['school_id', 'date'])
    .execute();

  // SAFE-3 应急预案: the plan text and contacts per school, versioned; the highest version is shown.
  await db.schema
    .createTable('emergency_plans')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('school_id', 'text', (c) => c.notNull().references('schools.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('plan', 'text', (c) => c.notNull())
    // JSON: [{ label, phone }] e.g. 校门保安, 派出所; 110/120/119 are always shown.
    .addColumn('contacts', 'text', (c) => c.notNull())
    .addColumn('written_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('written_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('emergency_plans_school_version', ['school_id', 'version'])
    .execute();
}
