// The job queue and its schedule, notify channels (webhook, SMTP) with per-channel deliveries, an
// email address per account, and incidents (DAY-6, 事故/突发事件) with their append-only follow-ups.
// Forward-only. `notify_outbox` (0002) gains a lease and a retry time so several processes can drain it.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // The queue: a job runs once per claim; a claim is a lease (locked_until) so a crashed process's
  // job is picked up again. `unique_key` dedupes (a recurring tick is enqueued by every process).
  await db.schema
    .createTable('jobs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('run_at', 'text', (c) => c.notNull())
    // 'queued' | 'running' | 'done' | 'failed'
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('max_attempts', 'integer', (c) => c.notNull())
    .addColumn('locked_by', 'text')
    .addColumn('locked_until', 'text')
    .addColumn('last_error', 'text')
    .addColumn('unique_key', 'text', (c) => c.unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .execute();
  await db.schema.createIndex('jobs_due').on('jobs').columns(['status', 'run_at']).execute();
  await db.schema.createIndex('jobs_lease').on('jobs').columns(['status', 'locked_until']).execute();

  await db.schema.alterTable('users').addColumn('email', 'text').execute();

  // A school's delivery channels. `config` is JSON without secrets; `secret` (webhook signing key or
  // SMTP password) is write-only through the API.
  await db.schema
    .createTable('notify_channels')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('school_id', 'text', (c) => c.notNull().references('schools.id'))
    // 'webhook' | 'smtp'
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('enabled', 'integer', (c) => c.notNull())
    .addColumn('config', 'text', (c) => c.notNull())
    .addColumn('secret', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('notify_channels_school').on('notify_channels').column('school_id').execute();

  await db.schema.alterTable('notify_outbox').addColumn('next_attempt_at', 'text').execute();
  await db.schema.alterTable('notify_outbox').addColumn('locked_until', 'text').execute();
  await db.schema.alterTable('notify_outbox').addColumn('last_error', 'text').execute();

  // One row per (outbox row, channel): what was delivered where, so a retry resends only the rest.
  await db.schema
    .createTable('notify_deliveries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('outbox_id', 'text', (c) => c.notNull().references('notify_outbox.id'))
    .addColumn('channel_id', 'text', (c) => c.notNull().references('notify_channels.id'))
    .addColumn('school_id', 'text', (c) => c.notNull().references('schools.id'))
    // 'pending' | 'sent' | 'skipped' | 'failed' (given up)
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('last_error', 'text')
    .addColumn('sent_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('notify_deliveries_outbox_channel', ['outbox_id', 'channel_id'])
    .execute();
  await db.schema
    .createIndex('notify_deliveries_school')
    .on('notify_deliveries')
    .columns(['school_id', 'created_at'])
    .execute();

  // DAY-6: an incident, recorded at once. Status changes only through the rules' state machine.
  await db.schema
    .createTable('incidents')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('school_id', 'text', (c) => c.notNull().references('schools.id'))
    .addColumn('temp_class_id', 'text', (c) => c.references('temp_classes.id'))
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('occurred_at', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    // 'minor' | 'serious' | 'critical'
    .addColumn('severity', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('action_taken', 'text', (c) => c.notNull())
    // PAY-4: the staff member a dereliction or safety incident concerns.
    .addColumn('staff_user_id', 'text', (c) => c.references('users.id'))
    // 'reported' | 'following_up' | 'closed'
    .addColumn('status', 'text', (c) => c.notNull())
    // On close: 'upheld' | 'not_upheld' (a dereliction found groundless does not touch pay).
    .addColumn('finding', 'text')
    .addColumn('reported_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('reported_at', 'text', (c) => c.notNull())
    .addColumn('guardians_notified', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('incidents_school_date')
    .on('incidents')
    .columns(['school_id', 'date'])
    .execute();
  await db.schema.createIndex('incidents_class').on('incidents').column('temp_class_id').execute();

  await db.schema
    .createTable('incident_students')
    .addColumn('incident_id', 'text', (c) => c.notNull().references('incidents.id'))
    .addColumn('student_id', 'text', (c) => c.notNull().references('students.id'))
    .addPrimaryKeyConstraint('incident_students_pk', ['incident_id', 'student_id'])
    .execute();
  await db.schema
    .createIndex('incident_students_student')
    .on('incident_students')
    .column('student_id')
    .execute();

  // Follow-ups and status changes, appended, never edited (SAFE-1). `internal` notes are for staff.
  await db.schema
    .createTable('incident_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('incident_id', 'text', (c) => c.notNull().references('incidents.id'))
    // 'followup' | 'close' | 'reopen'
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('internal', 'integer', (c) => c.notNull())
    .addColumn('from_status', 'text', (c) => c.notNull())
    .addColumn('to_status', 'text', (c) => c.notNull())
    .addColumn('by_user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('incident_events_incident')
    .on('incident_events')
    .columns(['incident_id', 'at'])
    .execute();
}
