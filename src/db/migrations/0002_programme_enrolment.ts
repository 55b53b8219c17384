// Programme (terms, calendar, sessions, venues, offerings, notice, demand survey), enrolment
// (applications and their lines, the draw, agreements, consents, withdrawals), the in-app inbox
// with its outbox, per-school settings and idempotency keys. Forward-only; portable column types.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // One row per school; `settings` is JSON validated by the programme contract, defaults filled in.
  await db.schema
    .createTable('school_settings')
    .addColumn('school_id', 'text', (c) => c.primaryKey().references('schools.id'))
    .addColumn('settings', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.references('users.id'))
    .execute();

  // PROG-1: a term and its application window (instants) and the draw's seed commitment (ENR-4).
  await db.schema
    .createTable('terms')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('school_id', 'text', (c) => c.notNull().references('schools.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('starts_on', 'text', (c) => c.notNull())
    .addColumn('ends_on', 'text', (c) => c.notNull())
    .addColumn('window_opens_at', 'text', (c) => c.notNull())
    .addColumn('window_closes_at', 'text', (c) => c.notNull())
    // ENR-5: JSON list of the conditions a family must confirm when applying.
    .addColumn('conditions', 'text', (c) => c.notNull())
    .addColumn('seed_hash', 'text')
    .addColumn('seed', 'text')
    .addColumn('seed_committed_at', 'text')
    .addColumn('drawn_at', 'text')
    .addColumn('draw_result', 'text')
    .addColumn('seed_revealed_at', 'text')
    .addColumn('list_published_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('terms_school_name', ['school_id', 'name'])
    .execute();

  // PROG-1: the calendar's exceptions to "Monday to Friday": holidays, and make-up days (调休上班)
  // that follow another weekday's timetable.
  await db.schema
    .createTable('term_days')
    .addColumn('term_id', 'text', (c) => c.notNull().references('terms.id'))
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('follows_weekday', 'integer')
    .addColumn('note', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('term_days_pk', ['term_id', 'date'])
    .execute();

  // PROG-6
  await db.schema
    .createTable('venues')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('school_id', 'text', (c) => c.notNull().references('schools.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('capacity', 'integer', (c) => c.notNull())
    .addColumn('fire_safe', 'integer', (c) => c.notNull())
    .addColumn('fire_safe_checked_on', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('venues_school_name', ['school_id', 'name'])
    .execute();

  // PROG-2: a session (时段) of a term: weekdays ("1,2,3,4,5") and a local time window.
  await db.schema
    .createTable('term_sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('school_id', 'text', (c) => c.notNull().references('schools.id'))
    .addColumn('term_id', 'text', (c) => c.notNull().references('terms.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('weekdays', 'text', (c) => c.notNull())
    .addColumn('starts_at', 'text', (c) => c.notNull())
    .addColumn('ends_at', 'text', (c) => c.notNull())
    .addColumn('class_hours', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('term_sessions_term_name', ['term_id', 'name'])
    .execute();

  // PROG-5: what is offered in a session, with places. Fee standard in fen (FEE-3 checks come later).
  await db.schema
    .createTable('offerings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('school_id', 'text', (c) => c.notNull().references('schools.id'))
    .addColumn('term_id', 'text', (c) => c.notNull().references('terms.id'))
    .addColumn('session_id', 'text', (c) => c.notNull().references('term_sessions.id'))
    .addColumn('venue_id', 'text', (c) => c.references('venues.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    // A club's category (art, language, sport, science, other); null for other kinds.
    .addColumn('category', 'text')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('capacity', 'integer', (c) => c.notNull())
    .addColumn('teacher_user_id', 'text', (c) => c.references('users.id'))
    .addColumn('teacher_name', 'text')
    .addColumn('fee_basis', 'text')
    .addColumn('fee_fen', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('offerings_term_name', ['term_id', 'name'])
    .execute();
  await db.schema.createIndex('offerings_session').on('offerings').column('session_id').execute();

  // PROG-7: each published version of the notice keeps the snapshot parents saw.
  await db.schema
    .createTable('term_notices')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('term_id', 'text', (c) => c.notNull().references('terms.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('published_at', 'text', (c) => c.notNull())
    .addColumn('published_by', 'text', (c) => c.notNull().references('users.id'))
    .addUniqueConstraint('term_notices_version', ['term_id', 'version'])
    .execute();
  // The school's own words for the notice, edited before publishing.
  await db.schema
    .createTable('term_notice_drafts')
    .addColumn('term_id', 'text', (c) => c.primaryKey().references('terms.id'))
    .addColumn('texts', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  // PROG-8: the class teacher's record per child (family) of the class.
  await db.schema
    .createTable('demand_responses')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('school_id', 'text', (c) => c.notNull().references('schools.id'))
    .addColumn('term_id', 'text', (c) => c.notNull().references('terms.id'))
    .addColumn('class_id', 'text', (c) => c.notNull().references('classes.id'))
    .addColumn('student_id', 'text', (c) => c.notNull().references('students.id'))
    .addColumn('can_collect_on_time', 'integer', (c) => c.notNull())
    .addColumn('needs', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('demand_responses_term_student', ['term_id', 'student_id'])
    .execute();

  // ENR-2: the school's agreement text (安全责任书 / 服务协议), versioned per term.
  await db.schema
    .createTable('agreement_texts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('school_id', 'text', (c) => c.notNull().references('schools.id'))
    .addColumn('term_id', 'text', (c) => c.notNull().references('terms.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('agreement_texts_version', ['term_id', 'version'])
    .execute();

  // ENR-1…8: one application per child per term; its choices are lines below.
  await db.schema
    .createTable('applications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('school_id', 'text', (c) => c.notNull().references('schools.id'))
    .addColumn('term_id', 'text', (c) => c.notNull().references('terms.id'))
    .addColumn('student_id', 'text', (c) => c.notNull().references('students.id'))
    .addColumn('class_id', 'text', (c) => c.notNull().references('classes.id'))
    .addColumn('applicant_user_id', 'text', (c) => c.notNull().references('users.id'))
    // A short reference the family knows; the public draw list names candidates by it only.
    .addColumn('public_ref', 'text', (c) => c.notNull().unique())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('conditions', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('review_note', 'text')
    .addColumn('submitted_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('applications_term_student', ['term_id', 'student_id'])
    .execute();
  await db.schema
    .createIndex('applications_term_status')
    .on('applications')
    .columns(['term_id', 'status'])
    .execute();
  await db.schema
    .createIndex('applications_class')
    .on('applications')
    .columns(['class_id', 'term_id'])
    .execute();

  // ENR-3: each chosen offering. Lines of one choice group are alternatives (rank 1, rank 2).
  await db.schema
    .createTable('application_lines')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('application_id', 'text', (c) => c.notNull().references('applications.id'))
    .addColumn('term_id', 'text', (c) => c.notNull().references('terms.id'))
    .addColumn('student_id', 'text', (c) => c.notNull().references('students.id'))
    .addColumn('offering_id', 'text', (c) => c.notNull().references('offerings.id'))
    .addColumn('choice_group', 'integer', (c) => c.notNull())
    .addColumn('choice_rank', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('waitlist_position', 'integer')
    .addColumn('offer_expires_at', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('application_lines_student_offering', ['student_id', 'offering_id'])
    .execute();
  await db.schema
    .createIndex('application_lines_offering')
    .on('application_lines')
    .columns(['offering_id', 'status'])
    .execute();
  await db.schema
    .createIndex('application_lines_application')
    .on('application_lines')
    .column('application_id')
    .execute();

  // ENR-2: the parent's typed-name signature of one version of the agreement.
  await db.schema
    .createTable('agreement_signatures')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('application_id', 'text', (c) => c.notNull().unique().references('applications.id'))
    .addColumn('agreement_text_id', 'text', (c) => c.notNull().references('agreement_texts.id'))
    .addColumn('signed_name', 'text', (c) => c.notNull())
    .addColumn('signed_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('signed_at', 'text', (c) => c.notNull())
    .addColumn('ip', 'text')
    .execute();

  // PIPL: consent to processing the child's data, asked separately; each decision is a new row.
  await db.schema
    .createTable('data_consents')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('school_id', 'text', (c) => c.notNull().references('schools.id'))
    .addColumn('student_id', 'text', (c) => c.notNull().references('students.id'))
    .addColumn('term_id', 'text', (c) => c.notNull().references('terms.id'))
    .addColumn('granted', 'integer', (c) => c.notNull())
    .addColumn('decided_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('decided_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('data_consents_student')
    .on('data_consents')
    .columns(['student_id', 'term_id'])
    .execute();

  // ENR-6: a written request to leave, at least N days ahead, decided by the school.
  await db.schema
    .createTable('withdrawals')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('school_id', 'text', (c) => c.notNull().references('schools.id'))
    .addColumn('application_id', 'text', (c) => c.notNull().references('applications.id'))
    .addColumn('line_id', 'text', (c) => c.references('application_lines.id'))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('effective_on', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('requested_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('requested_at', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'text', (c) => c.references('users.id'))
    .addColumn('decided_at', 'text')
    .addColumn('decision_note', 'text')
    .execute();
  await db.schema
    .createIndex('withdrawals_school_status')
    .on('withdrawals')
    .columns(['school_id', 'status'])
    .execute();

  // A client-supplied key makes a retried write return the first answer (architecture: concurrency).
  await db.schema
    .createTable('idempotency_keys')
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('operation', 'text', (c) => c.notNull())
    .addColumn('request_hash', 'text', (c) => c.notNull())
    .addColumn('status_code', 'integer', (c) => c.notNull())
    .addColumn('response', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('idempotency_keys_pk', ['user_id', 'key'])
    .execute();

  // notify: the in-app inbox, and the outbox other channels (webhook, SMS, mail) will drain.
  await db.schema
    .createTable('notifications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('school_id', 'text', (c) => c.references('schools.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('params', 'text', (c) => c.notNull())
    .addColumn('link', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('read_at', 'text')
    .execute();
  await db.schema
    .createIndex('notifications_user')
    .on('notifications')
    .columns(['user_id', 'created_at'])
    .execute();
  await db.schema
    .createTable('notify_outbox')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('notification_id', 'text', (c) => c.notNull().references('notifications.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text')
    .execute();
  await db.schema
    .createIndex('notify_outbox_status')
    .on('notify_outbox')
    .columns(['status', 'created_at'])
    .execute();
}
