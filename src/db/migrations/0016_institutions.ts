// Approved outside institutions (DIST-2): the district registers each institution's courses and
// prices, records every status change with its reason, and keeps the schools' bookings, evaluations
// and complaints. Forward-only.
//
// Glossary: 非学科类校外培训机构 non-subject outside institution · 准入 approval · 课程 course ·
// 课时单价 price per class-hour · 评价 evaluation · 投诉 complaint · 清退 removal.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('institution_courses')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('institution_id', 'text', (c) => c.notNull().references('institutions.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    // a club category (non-subject only)
    .addColumn('kind', 'text', (c) => c.notNull())
    // fen per class-hour, at most the district's cap for special activities (FEE-3)
    .addColumn('price_fen', 'integer', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    // 'active' | 'retired' (never edited in place: retire and add)
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('retired_at', 'text')
    .execute();
  await db.schema
    .createIndex('institution_courses_institution')
    .on('institution_courses')
    .column('institution_id')
    .execute();

  await db.schema
    .createTable('institution_transitions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('institution_id', 'text', (c) => c.notNull().references('institutions.id'))
    // null: the registration itself
    .addColumn('from_status', 'text')
    .addColumn('to_status', 'text', (c) => c.notNull())
    .addColumn('event', 'text', (c) => c.notNull())
    // removal: 'low_quality' | 'touting' | 'not_as_agreed' | 'disrupting' | 'other'; else null
    .addColumn('reason', 'text')
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('by_user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('institution_transitions_institution')
    .on('institution_transitions')
    .columns(['institution_id', 'at'])
    .execute();

  await db.schema
    .createTable('institution_bookings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('institution_id', 'text', (c) => c.notNull().references('institutions.id'))
    .addColumn('course_id', 'text', (c) => c.notNull().references('institution_courses.id'))
    .addColumn('school_id', 'text', (c) => c.notNull().references('schools.id'))
    .addColumn('term_id', 'text', (c) => c.notNull().references('terms.id'))
    .addColumn('offering_id', 'text', (c) => c.references('offerings.id'))
    // copied from the course when booked
    .addColumn('price_fen', 'integer', (c) => c.notNull())
    // 'active' | 'ended'
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('ends_on', 'text')
    .addColumn('end_reason', 'text')
    .addColumn('booked_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('institution_bookings_institution')
    .on('institution_bookings')
    .columns(['institution_id', 'status'])
    .execute();
  await db.schema
    .createIndex('institution_bookings_school')
    .on('institution_bookings')
    .columns(['school_id', 'term_id'])
    .execute();

  await db.schema
    .createTable('institution_evaluations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('institution_id', 'text', (c) => c.notNull().references('institutions.id'))
    .addColumn('school_id', 'text', (c) => c.notNull().references('schools.id'))
    .addColumn('term_id', 'text', (c) => c.notNull().references('terms.id'))
    // 1–5
    .addColumn('score', 'integer', (c) => c.notNull())
    .addColumn('comment', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    // One evaluation per institution, school and term: a double click's second insert fails here
    // and is answered INSTITUTION_ALREADY_EVALUATED.
    .addUniqueConstraint('institution_evaluations_once', ['institution_id', 'school_id', 'term_id'])
    .execute();

  await db.schema
    .createTable('institution_complaints')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('institution_id', 'text', (c) => c.notNull().references('institutions.id'))
    .addColumn('school_id', 'text', (c) => c.notNull().references('schools.id'))
    // one of the DIST-2 removal reasons
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('occurred_on', 'text', (c) => c.notNull())
    // 'open' | 'handled'
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('handled_note', 'text')
    .addColumn('handled_by', 'text', (c) => c.references('users.id'))
    .addColumn('handled_at', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('institution_complaints_institution')
    .on('institution_complaints')
    .columns(['institution_id', 'school_id'])
    .execute();
}
