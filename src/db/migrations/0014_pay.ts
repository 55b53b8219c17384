// Teacher pay (PAY-1…8): the school's pay events (PAY-4 dereliction or safety, PAY-5 ethics),
// append-only and withdrawn by a later row; pay runs per school and term (a draft computed, then
// approved and locked; a later computation is an adjustment run); one pay line per teacher and
// run; and the session lines behind each teacher's points.
//
// Glossary: 课后服务费 after-school pay · 过程性奖励 process pool · 终结性奖励 final pool ·
// 失职 dereliction · 安全事故 safety incident · 师德 ethics · 工作量 points.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('pay_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('school_id', 'text', (c) => c.notNull().references('schools.id'))
    .addColumn('term_id', 'text', (c) => c.notNull().references('terms.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    // 'dereliction' | 'safety' (PAY-4: that day 0, no final reward) | 'ethics' (PAY-5: the month
    // of `date` forfeited) | 'withdrawal' (withdraws `withdraws_id`, with the reason in `note`)
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('withdraws_id', 'text', (c) => c.references('pay_events.id').unique())
    .addColumn('recorded_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('pay_events_school_term')
    .on('pay_events')
    .columns(['school_id', 'term_id'])
    .execute();

  await db.schema
    .createTable('pay_runs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('school_id', 'text', (c) => c.notNull().references('schools.id'))
    .addColumn('term_id', 'text', (c) => c.notNull().references('terms.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    // 'term' (the first) | 'adjustment' (computed after an approval: amounts due are differences)
    .addColumn('kind', 'text', (c) => c.notNull())
    // 'draft' → 'approved' (locked) | 'superseded' (a newer draft replaced it)
    .addColumn('status', 'text', (c) => c.notNull())
    // 'amount' (entered by finance) | 'fee_share' (a share of the term's net service-fee income)
    .addColumn('fund_source', 'text', (c) => c.notNull())
    .addColumn('fund_fen', 'integer', (c) => c.notNull())
    .addColumn('process_fen', 'integer', (c) => c.notNull())
    .addColumn('final_fen', 'integer', (c) => c.notNull())
    .addColumn('process_unpaid_fen', 'integer', (c) => c.notNull())
    .addColumn('final_unpaid_fen', 'integer', (c) => c.notNull())
    // The last day the records were counted to (min(today, term end)).
    .addColumn('as_of', 'text', (c) => c.notNull())
    .addColumn('survey_id', 'text', (c) => c.references('surveys.id'))
    // JSON: the pay settings used (PAY-2, PAY-3).
    .addColumn('settings', 'text', (c) => c.notNull())
    .addColumn('computed_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('computed_at', 'text', (c) => c.notNull())
    .addColumn('approved_by', 'text', (c) => c.references('users.id'))
    .addColumn('approved_at', 'text')
    .addUniqueConstraint('pay_runs_version', ['school_id', 'term_id', 'version'])
    .execute();

  await db.schema
    .createTable('pay_lines')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('run_id', 'text', (c) => c.notNull().references('pay_runs.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('points_tenths', 'integer', (c) => c.notNull())
    .addColumn('process_fen', 'integer', (c) => c.notNull())
    .addColumn('final_fen', 'integer', (c) => c.notNull())
    // process + final; `previous_fen` is what approved runs already gave; `due_fen` the difference.
    .addColumn('total_fen', 'integer', (c) => c.notNull())
    .addColumn('previous_fen', 'integer', (c) => c.notNull())
    .addColumn('due_fen', 'integer', (c) => c.notNull())
    .addColumn('eligible', 'integer', (c) => c.notNull())
    // null | 'incident' | 'no_score': why there is no final reward
    .addColumn('final_reason', 'text')
    .addColumn('survey_hundredths', 'integer', (c) => c.notNull())
    // PAY-8 term record: counts of the teacher's session lines and events
    .addColumn('sessions', 'integer', (c) => c.notNull())
    .addColumn('lates', 'integer', (c) => c.notNull())
    .addColumn('absences', 'integer', (c) => c.notNull())
    .addColumn('incidents', 'integer', (c) => c.notNull())
    // JSON: the deductions with their reasons ({ code, date|month, note }[])
    .addColumn('reasons', 'text', (c) => c.notNull())
    .addUniqueConstraint('pay_lines_run_user', ['run_id', 'user_id'])
    .execute();

  await db.schema
    .createTable('pay_session_lines')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('run_id', 'text', (c) => c.notNull().references('pay_runs.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('session_id', 'text', (c) => c.notNull().references('term_sessions.id'))
    // 'on_time' | 'late' | 'absent'
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('points_tenths', 'integer', (c) => c.notNull())
    // rules.ts reasonCodes
    .addColumn('reason', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('pay_session_lines_run_user')
    .on('pay_session_lines')
    .columns(['run_id', 'user_id', 'date'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('pay_session_lines').execute();
  await db.schema.dropTable('pay_lines').execute();
  await db.schema.dropTable('pay_runs').execute();
  await db.schema.dropTable('pay_events').execute();
}
