// Groups and staff (STAFF-1…6): temporary classes and their members, staff profiles and
// availability, the duty roster with swaps, outside staff under review, and the district's list of
// outside institutions (DIST-2; its full workflow comes with the district issue). Forward-only.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // STAFF-1…3: a temporary class (临时班) of one offering (hence one session and kind).
  await db.schema
    .createTable('temp_classes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('school_id', 'text', (c) => c.notNull().references('schools.id'))
    .addColumn('term_id', 'text', (c) => c.notNull().references('terms.id'))
    .addColumn('session_id', 'text', (c) => c.notNull().references('term_sessions.id'))
    .addColumn('offering_id', 'text', (c) => c.notNull().references('offerings.id'))
    // 'care' | 'interest' | 'noon': decides the cap (settings) and STAFF-2 grouping.
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('venue_id', 'text', (c) => c.references('venues.id'))
    // STAFF-3: the temporary head teacher (临时班主任).
    .addColumn('head_teacher_id', 'text', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('temp_classes_offering_name', ['offering_id', 'name'])
    .execute();
  await db.schema
    .createIndex('temp_classes_term')
    .on('temp_classes')
    .columns(['term_id', 'session_id'])
    .execute();

  // A student's membership of a temporary class. Moves end one row (left_at) and start another, so
  // the roster's history is kept (STAFF-3: kept current as students join and leave).
  await db.schema
    .createTable('temp_class_members')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('temp_class_id', 'text', (c) => c.notNull().references('temp_classes.id'))
    .addColumn('offering_id', 'text', (c) => c.notNull().references('offerings.id'))
    .addColumn('student_id', 'text', (c) => c.notNull().references('students.id'))
    .addColumn('seat_no', 'integer')
    .addColumn('joined_at', 'text', (c) => c.notNull())
    .addColumn('left_at', 'text')
    .addColumn('changed_by', 'text', (c) => c.references('users.id'))
    .execute();
  // One current class per student per offering.
  await db.schema
    .createIndex('temp_class_members_current')
    .on('temp_class_members')
    .columns(['offering_id', 'student_id'])
    .unique()
    .where(sql.ref('left_at'), 'is', null)
    .execute();
  await db.schema
    .createIndex('temp_class_members_class')
    .on('temp_class_members')
    .columns(['temp_class_id', 'left_at'])
    .execute();
  await db.schema
    .createIndex('temp_class_members_student')
    .on('temp_class_members')
    .column('student_id')
    .execute();

  // STAFF-5: what the roster needs to know of a staff member: subject (to mix subjects) and an
  // optional cap on duties per week.
  await db.schema
    .createTable('staff_profiles')
    .addColumn('school_id', 'text', (c) => c.notNull().references('schools.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('subject', 'text')
    .addColumn('max_duties_per_week', 'integer')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('staff_profiles_pk', ['school_id', 'user_id'])
    .execute();

  // STAFF-5: a teacher volunteers (自愿报名) for a session on a weekday of a term.
  await db.schema
    .createTable('staff_availability')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('school_id', 'text', (c) => c.notNull().references('schools.id'))
    .addColumn('term_id', 'text', (c) => c.notNull().references('terms.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('session_id', 'text', (c) => c.notNull().references('term_sessions.id'))
    .addColumn('weekday', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('staff_availability_slot', ['term_id', 'user_id', 'session_id', 'weekday'])
    .execute();

  // DIST-2: outside institutions on the district's list; only 'approved' ones may be booked.
  await db.schema
    .createTable('institutions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('district_id', 'text', (c) => c.notNull().references('districts.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('institutions_district_name', ['district_id', 'name'])
    .execute();

  // STAFF-6: outside staff (外聘人员, 家长义工) under review; rostered only when 'approved'.
  await db.schema
    .createTable('outside_staff')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('school_id', 'text', (c) => c.notNull().references('schools.id'))
    .addColumn('user_id', 'text', (c) => c.references('users.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    // 'coach' | 'retired_teacher' | 'volunteer_parent' | 'institution_staff'
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('institution_id', 'text', (c) => c.references('institutions.id'))
    .addColumn('phone', 'text', (c) => c.notNull())
    // Sensitive: shown masked in lists; a full read is logged (SAFE-2).
    .addColumn('id_number', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  // Each recorded check (qualification, agreement, safety training, no bad record, health); a
  // correction is a new row, the latest per check counts.
  await db.schema
    .createTable('outside_staff_checks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('outside_staff_id', 'text', (c) => c.notNull().references('outside_staff.id'))
    .addColumn('check_kind', 'text', (c) => c.notNull())
    .addColumn('passed', 'integer', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('valid_until', 'text')
    .addColumn('recorded_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .execute();

  // STAFF-5: a generated roster; versions are kept, the latest published one is in force.
  await db.schema
    .createTable('duty_rosters')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('school_id', 'text', (c) => c.notNull().references('schools.id'))
    .addColumn('term_id', 'text', (c) => c.notNull().references('terms.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    // 'draft' | 'published' | 'superseded'
    .addColumn('status', 'text', (c) => c.notNull())
    // JSON: the slots the generator could not fill, each with its reason.
    .addColumn('unfilled', 'text', (c) => c.notNull())
    .addColumn('generated_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('generated_at', 'text', (c) => c.notNull())
    .addColumn('published_at', 'text')
    .addUniqueConstraint('duty_rosters_version', ['term_id', 'version'])
    .execute();

  // One duty: a person on a school day in a session. `role` is 'care' (a temporary class),
  // 'duty' (the duty teacher who receives the last handover) or 'leader' (值班领导, patrols).
  await db.schema
    .createTable('duty_assignments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('roster_id', 'text', (c) => c.notNull().references('duty_rosters.id'))
    .addColumn('school_id', 'text', (c) => c.notNull().references('schools.id'))
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('session_id', 'text', (c) => c.notNull().references('term_sessions.id'))
    .addColumn('temp_class_id', 'text', (c) => c.references('temp_classes.id'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('outside_staff_id', 'text', (c) => c.references('outside_staff.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('duty_assignments_user_date')
    .on('duty_assignments')
    .columns(['user_id', 'date'])
    .execute();
  await db.schema
    .createIndex('duty_assignments_roster_date')
    .on('duty_assignments')
    .columns(['roster_id', 'date'])
    .execute();

  // STAFF-5: a swap of one duty to another teacher, approved by the school.
  await db.schema
    .createTable('duty_swaps')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('school_id', 'text', (c) => c.notNull().references('schools.id'))
    .addColumn('assignment_id', 'text', (c) => c.notNull().references('duty_assignments.id'))
    .addColumn('from_user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('to_user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('requested_at', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'text', (c) => c.references('users.id'))
    .addColumn('decided_at', 'text')
    .addColumn('decision_note', 'text')
    .execute();
}
