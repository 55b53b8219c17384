// Surveys (SURV-1, SURV-2): the school builds a survey of questions; families answer once per
// survey (or once per child when the survey asks per child). A response holds the family key that
// makes it unique, never shown to teachers; answers hang off the response.
//
// Glossary: 问卷 survey · 需求调查 demand survey · 满意度调查 satisfaction survey · 评分 rating.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('surveys')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('school_id', 'text', (c) => c.notNull().references('schools.id'))
    .addColumn('term_id', 'text', (c) => c.notNull().references('terms.id'))
    // 'demand' (SURV-1, before the term) | 'satisfaction' (SURV-2, at its end, feeds PAY-7)
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('intro', 'text', (c) => c.notNull().defaultTo(''))
    // 1: one response per child; 0: one per family
    .addColumn('per_child', 'integer', (c) => c.notNull().defaultTo(0))
    // 'draft' → 'open' → 'closed' (a state machine in surveys/rules.ts)
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('closes_on', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('opened_at', 'text')
    .addColumn('closed_at', 'text')
    .execute();
  await db.schema
    .createIndex('surveys_school_term')
    .on('surveys')
    .columns(['school_id', 'term_id'])
    .execute();

  await db.schema
    .createTable('survey_questions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('survey_id', 'text', (c) => c.notNull().references('surveys.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    // 'single' | 'multiple' | 'rating' (1–5 of the service) | 'rating_teacher' | 'rating_offering' | 'text'
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('prompt', 'text', (c) => c.notNull())
    // JSON: the options of a choice question, as an array of strings
    .addColumn('options', 'text', (c) => c.notNull().defaultTo('[]'))
    // JSON: the ids rated by a per-teacher (users.id) or per-offering (offerings.id) question
    .addColumn('targets', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('required', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .createIndex('survey_questions_position')
    .on('survey_questions')
    .columns(['survey_id', 'position'])
    .unique()
    .execute();

  await db.schema
    .createTable('survey_responses')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('survey_id', 'text', (c) => c.notNull().references('surveys.id'))
    .addColumn('school_id', 'text', (c) => c.notNull().references('schools.id'))
    // One response per family (or per child): the unique index below decides a race.
    .addColumn('family_key', 'text', (c) => c.notNull())
    .addColumn('student_id', 'text', (c) => c.references('students.id'))
    .addColumn('submitted_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('submitted_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('survey_responses_once')
    .on('survey_responses')
    .columns(['survey_id', 'family_key'])
    .unique()
    .execute();

  await db.schema
    .createTable('survey_answers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('response_id', 'text', (c) => c.notNull().references('survey_responses.id'))
    .addColumn('survey_id', 'text', (c) => c.notNull().references('surveys.id'))
    .addColumn('question_id', 'text', (c) => c.notNull().references('survey_questions.id'))
    // the rated teacher or offering of a per-target rating; '' otherwise
    .addColumn('target_id', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('rating', 'integer')
    // JSON array of chosen option indexes
    .addColumn('choices', 'text')
    .addColumn('text', 'text')
    .execute();
  await db.schema
    .createIndex('survey_answers_question')
    .on('survey_answers')
    .columns(['survey_id', 'question_id', 'target_id'])
    .execute();
  await db.schema
    .createIndex('survey_answers_once')
    .on('survey_answers')
    .columns(['response_id', 'question_id', 'target_id'])
    .unique()
    .execute();

  // Each child a response answers for; the unique index makes a family answer once even when its
  // two parents are linked to different children (mother: A and B; father: B only).
  await db.schema
    .createTable('survey_claims')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('survey_id', 'text', (c) => c.notNull().references('surveys.id'))
    .addColumn('student_id', 'text', (c) => c.notNull().references('students.id'))
    .addColumn('response_id', 'text', (c) => c.notNull().references('survey_responses.id'))
    .execute();
  await db.schema
    .createIndex('survey_claims_once')
    .on('survey_claims')
    .columns(['survey_id', 'student_id'])
    .unique()
    .execute();
}
