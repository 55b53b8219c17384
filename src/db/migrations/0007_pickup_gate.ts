// Safe pickup (DAY-4), walk-home-alone permits (DAY-5), late-pickup alerts for the duty board
// (DAY-10) and the gate's visitor register (DAY-9). Releases are records of fact: a child is
// released at most once a day (unique), and a release is never edited except by its own workflow
// (awaiting_confirmation → confirmed). Forward-only.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // DAY-4: each authorised adult's own 6-digit pickup code (接送码). Stored readable on purpose:
  // the family must be able to show it again on the phone; only family-scoped services read it
  // and release compares it in constant time. One row per adult; a change replaces it (audited,
  // without the code itself).
  await db.schema
    .createTable('pickup_codes')
    .addColumn('adult_id', 'text', (c) => c.primaryKey().references('authorised_adults.id'))
    .addColumn('school_id', 'text', (c) => c.notNull().references('schools.id'))
    .addColumn('student_id', 'text', (c) => c.notNull().references('students.id'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('set_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('set_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('pickup_codes_student').on('pickup_codes').column('student_id').execute();

  // DAY-4 篇五: a child the school says must be handed over by a teacher personally. The current
  // flag is the row without cleared_at; clearing keeps the row (history).
  await db.schema
    .createTable('pickup_handover_flags')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('school_id', 'text', (c) => c.notNull().references('schools.id'))
    .addColumn('student_id', 'text', (c) => c.notNull().references('students.id'))
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('set_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('set_at', 'text', (c) => c.notNull())
    .addColumn('cleared_by', 'text', (c) => c.references('users.id'))
    .addColumn('cleared_at', 'text')
    .execute();
  await db.schema
    .createIndex('pickup_handover_flags_student')
    .on('pickup_handover_flags')
    .columns(['student_id', 'cleared_at'])
    .execute();

  // DAY-5: the walk-home-alone permit (独自回家证) a parent signs for a term and some weekdays.
  await db.schema
    .createTable('walk_home_permits')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('school_id', 'text', (c) => c.notNull().references('schools.id'))
    .addColumn('student_id', 'text', (c) => c.notNull().references('students.id'))
    .addColumn('term_id', 'text', (c) => c.notNull().references('terms.id'))
    // '1,2,5': ISO weekdays the child may walk home.
    .addColumn('weekdays', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('signed_name', 'text', (c) => c.notNull())
    .addColumn('signed_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('signed_at', 'text', (c) => c.notNull())
    .addColumn('ip', 'text')
    .addColumn('user_agent', 'text')
    // Random token printed as a QR on the card; the gate checks it.
    .addColumn('token', 'text', (c) => c.notNull().unique())
    .addColumn('revoked_at', 'text')
    .addColumn('revoked_by', 'text', (c) => c.references('users.id'))
    .execute();
  await db.schema
    .createIndex('walk_home_permits_student')
    .on('walk_home_permits')
    .columns(['student_id', 'term_id'])
    .execute();

  // DAY-4: a release (放学交接). One per child per school day; method 'code' | 'id_check' |
  // 'walk_home'; status 'awaiting_confirmation' | 'confirmed' | 'walked_home'.
  await db.schema
    .createTable('pickup_releases')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('school_id', 'text', (c) => c.notNull().references('schools.id'))
    .addColumn('student_id', 'text', (c) => c.notNull().references('students.id'))
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('temp_class_id', 'text', (c) => c.notNull().references('temp_classes.id'))
    .addColumn('session_id', 'text', (c) => c.notNull().references('term_sessions.id'))
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('adult_id', 'text', (c) => c.references('authorised_adults.id'))
    // The adult's name and relation as they were at release (the list may change later).
    .addColumn('adult_name', 'text')
    .addColumn('permit_id', 'text', (c) => c.references('walk_home_permits.id'))
    .addColumn('id_last4', 'text')
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('handover_flagged', 'integer', (c) => c.notNull())
    .addColumn('released_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('released_at', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('confirmed_by', 'text', (c) => c.references('users.id'))
    .addColumn('confirmed_at', 'text')
    .addUniqueConstraint('pickup_releases_student_date', ['student_id', 'date'])
    .execute();
  await db.schema
    .createIndex('pickup_releases_school_date')
    .on('pickup_releases')
    .columns(['school_id', 'date'])
    .execute();

  // Failed code attempts (the log of wrong codes) and attempts in flight. Counted per child and
  // per teacher inside a window to lock guessing.
  await db.schema
    .createTable('pickup_attempts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('school_id', 'text', (c) => c.notNull().references('schools.id'))
    .addColumn('student_id', 'text', (c) => c.notNull().references('students.id'))
    .addColumn('teacher_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('ip', 'text')
    .execute();
  await db.schema
    .createIndex('pickup_attempts_student')
    .on('pickup_attempts')
    .columns(['student_id', 'at'])
    .execute();
  await db.schema
    .createIndex('pickup_attempts_teacher')
    .on('pickup_attempts')
    .columns(['teacher_id', 'at'])
    .execute();

  // An administrator lifting a code lock early, for a child or for a teacher.
  await db.schema
    .createTable('pickup_unlocks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('school_id', 'text', (c) => c.notNull().references('schools.id'))
    .addColumn('student_id', 'text', (c) => c.references('students.id'))
    .addColumn('teacher_id', 'text', (c) => c.references('users.id'))
    .addColumn('unlocked_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('pickup_unlocks_student').on('pickup_unlocks').column('student_id').execute();
  await db.schema.createIndex('pickup_unlocks_teacher').on('pickup_unlocks').column('teacher_id').execute();

  // DAY-10: one late-pickup alert per child per day.
  await db.schema
    .createTable('pickup_late_alerts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('school_id', 'text', (c) => c.notNull().references('schools.id'))
    .addColumn('student_id', 'text', (c) => c.notNull().references('students.id'))
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('temp_class_id', 'text', (c) => c.notNull().references('temp_classes.id'))
    .addColumn('session_id', 'text', (c) => c.notNull().references('term_sessions.id'))
    .addColumn('raised_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('pickup_late_alerts_student_date', ['student_id', 'date'])
    .execute();
  await db.schema
    .createIndex('pickup_late_alerts_school_date')
    .on('pickup_late_alerts')
    .columns(['school_id', 'date'])
    .execute();

  // DAY-9: the gate's visitor register (来访登记). The ID number is sensitive (SAFE-2).
  await db.schema
    .createTable('gate_visitors')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('school_id', 'text', (c) => c.notNull().references('schools.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('id_number', 'text', (c) => c.notNull())
    .addColumn('phone', 'text', (c) => c.notNull())
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('host', 'text', (c) => c.notNull())
    .addColumn('in_at', 'text', (c) => c.notNull())
    .addColumn('out_at', 'text')
    .addColumn('recorded_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('signed_out_by', 'text', (c) => c.references('users.id'))
    .execute();
  await db.schema
    .createIndex('gate_visitors_school_in')
    .on('gate_visitors')
    .columns(['school_id', 'in_at'])
    .execute();
}
