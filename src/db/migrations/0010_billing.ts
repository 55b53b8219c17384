// Fees and funds (FEE-1…11). Forward-only.
// Glossary: 收费标准 fee standard; 限价 cap; 学期账单 term bill; 减免 waiver; 月结 monthly settlement;
// 退费 refund (payout); 多还少补 term-end balance; 伙食费 meals; 财政补助 subsidy; 支出 expense;
// 经费公示 fund statement; 台账 ledger.
//
// The ledger (`ledger_entries`) is the money: every other table here is a document that explains
// why entries were written. Entries are never updated or deleted (FEE-11); a correction is a new
// entry that reverses another (`reverses_id`, unique: an entry is reversed at most once).
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // FEE-3, DIST-3: the district's caps per kind of fee, with the approving document.
  await db.schema
    .createTable('fee_caps')
    .addColumn('district_id', 'text', (c) => c.notNull().references('districts.id'))
    // 'care_month' | 'afterschool_hour' | 'noon_hour' | 'weekend_hour' | 'special_hour'
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('min_fen', 'integer')
    .addColumn('max_fen', 'integer', (c) => c.notNull())
    .addColumn('document_no', 'text', (c) => c.notNull())
    .addColumn('approved_on', 'text')
    .addColumn('updated_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('fee_caps_pk', ['district_id', 'kind'])
    .execute();

  // FEE-11: the append-only ledger, in fen. Two books:
  //  - 'family': what a family owes for one student (positive: owed; charges +, waivers, credits and
  //    payments −, payouts +);
  //  - 'fund': the service fund (income +, expenses −).
  // `stream` keeps meals apart from service fees (FEE-7).
  await db.schema
    .createTable('ledger_entries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('school_id', 'text', (c) => c.notNull().references('schools.id'))
    .addColumn('term_id', 'text', (c) => c.references('terms.id'))
    .addColumn('book', 'text', (c) => c.notNull())
    .addColumn('stream', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('student_id', 'text', (c) => c.references('students.id'))
    .addColumn('offering_id', 'text', (c) => c.references('offerings.id'))
    // The month the entry concerns ('2026-10'), when it concerns one.
    .addColumn('month', 'text')
    .addColumn('amount_fen', 'integer', (c) => c.notNull())
    // The document behind the entry: 'term_bill' | 'settlement' | 'payment' | 'refund' | …
    .addColumn('source_type', 'text', (c) => c.notNull())
    .addColumn('source_id', 'text', (c) => c.notNull())
    // A derived entry's identity, so deriving it again writes nothing (nothing charged twice).
    .addColumn('entry_key', 'text', (c) => c.unique())
    // No foreign key to its own table, so a backup restores rows in any order; the service checks it.
    .addColumn('reverses_id', 'text', (c) => c.unique())
    // Why, as a message code and its parameters (rendered in zh-CN or en by billing/explain.ts).
    .addColumn('reason_code', 'text', (c) => c.notNull())
    .addColumn('reason_params', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .execute();
  await db.schema
    .createIndex('ledger_student')
    .on('ledger_entries')
    .columns(['student_id', 'term_id', 'stream'])
    .execute();
  await db.schema
    .createIndex('ledger_school_book')
    .on('ledger_entries')
    .columns(['school_id', 'book', 'term_id', 'month'])
    .execute();
  await db.schema
    .createIndex('ledger_source')
    .on('ledger_entries')
    .columns(['source_type', 'source_id'])
    .execute();

  // FEE-4: one term bill per student and term; its lines are ledger entries (source 'term_bill').
  await db.schema
    .createTable('term_bills')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('school_id', 'text', (c) => c.notNull().references('schools.id'))
    .addColumn('term_id', 'text', (c) => c.notNull().references('terms.id'))
    .addColumn('student_id', 'text', (c) => c.notNull().references('students.id'))
    // Numbered per school (a counter per school and series), so unique per school.
    .addColumn('bill_no', 'text', (c) => c.notNull())
    .addColumn('issued_at', 'text', (c) => c.notNull())
    .addColumn('issued_by', 'text', (c) => c.notNull().references('users.id'))
    .addUniqueConstraint('term_bills_term_student', ['term_id', 'student_id'])
    .addUniqueConstraint('term_bills_school_no', ['school_id', 'bill_no'])
    .execute();

  // Payments received, recorded by finance or by the provider's signed notification.
  await db.schema
    .createTable('payments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('school_id', 'text', (c) => c.notNull().references('schools.id'))
    .addColumn('term_id', 'text', (c) => c.notNull().references('terms.id'))
    .addColumn('student_id', 'text', (c) => c.notNull().references('students.id'))
    .addColumn('stream', 'text', (c) => c.notNull())
    // 'cash' | 'transfer' | 'online'
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('amount_fen', 'integer', (c) => c.notNull())
    .addColumn('reference', 'text')
    .addColumn('idempotency_key', 'text', (c) => c.notNull())
    // The provider's own id for an online payment: one payment per provider event.
    .addColumn('provider_ref', 'text', (c) => c.unique())
    .addColumn('receipt_no', 'text', (c) => c.notNull())
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.references('users.id'))
    .addColumn('note', 'text', (c) => c.notNull())
    .addUniqueConstraint('payments_school_key', ['school_id', 'idempotency_key'])
    .addUniqueConstraint('payments_school_receipt', ['school_id', 'receipt_no'])
    .execute();
  await db.schema.createIndex('payments_student').on('payments').columns(['student_id', 'term_id']).execute();

  // Every payment notification received, accepted or not (a bad signature is refused and logged).
  await db.schema
    .createTable('payment_notifications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('school_id', 'text', (c) => c.references('schools.id'))
    .addColumn('provider_ref', 'text')
    .addColumn('received_at', 'text', (c) => c.notNull())
    // 'accepted' | 'duplicate' | 'bad_signature' | 'stale' | 'rejected'
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('detail', 'text', (c) => c.notNull())
    .addColumn('payment_id', 'text', (c) => c.references('payments.id'))
    .addColumn('body', 'text', (c) => c.notNull())
    .execute();

  // FEE-5: one settlement per term and month; settling it again changes nothing.
  await db.schema
    .createTable('settlements')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('school_id', 'text', (c) => c.notNull().references('schools.id'))
    .addColumn('term_id', 'text', (c) => c.notNull().references('terms.id'))
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('settled_at', 'text', (c) => c.notNull())
    .addColumn('settled_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('line_count', 'integer', (c) => c.notNull())
    .addColumn('refund_fen', 'integer', (c) => c.notNull())
    .addColumn('adjustment_fen', 'integer', (c) => c.notNull())
    .addUniqueConstraint('settlements_term_month', ['term_id', 'month'])
    .execute();
  // Each line says why: the month assessed (an earlier month for an adjustment), days, and amounts.
  await db.schema
    .createTable('settlement_lines')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('settlement_id', 'text', (c) => c.notNull().references('settlements.id'))
    .addColumn('student_id', 'text', (c) => c.notNull().references('students.id'))
    .addColumn('offering_id', 'text', (c) => c.notNull().references('offerings.id'))
    .addColumn('for_month', 'text', (c) => c.notNull())
    .addColumn('school_days', 'integer', (c) => c.notNull())
    .addColumn('attended', 'integer', (c) => c.notNull())
    .addColumn('billed_fen', 'integer', (c) => c.notNull())
    // The refund the month earns in total, and what this line writes now (the difference for an adjustment).
    .addColumn('refund_fen', 'integer', (c) => c.notNull())
    .addColumn('delta_fen', 'integer', (c) => c.notNull())
    .addColumn('reason_code', 'text', (c) => c.notNull())
    .addColumn('reason_params', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('settlement_lines_settlement')
    .on('settlement_lines')
    .column('settlement_id')
    .execute();
  await db.schema
    .createIndex('settlement_lines_student')
    .on('settlement_lines')
    .columns(['student_id', 'for_month'])
    .execute();

  // Money paid back to a family: finance proposes, the school admin approves (a second person).
  await db.schema
    .createTable('refunds')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('school_id', 'text', (c) => c.notNull().references('schools.id'))
    .addColumn('term_id', 'text', (c) => c.notNull().references('terms.id'))
    .addColumn('student_id', 'text', (c) => c.notNull().references('students.id'))
    .addColumn('stream', 'text', (c) => c.notNull())
    .addColumn('amount_fen', 'integer', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    // 'proposed' | 'approved' | 'rejected'
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('proposed_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('proposed_at', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'text', (c) => c.references('users.id'))
    .addColumn('decided_at', 'text')
    .addColumn('decision_note', 'text')
    .execute();
  await db.schema
    .createIndex('refunds_school_status')
    .on('refunds')
    .columns(['school_id', 'status'])
    .execute();
  await db.schema.createIndex('refunds_student').on('refunds').columns(['student_id', 'term_id']).execute();

  // FEE-4 多还少补: the term-end balance per student and stream, once.
  await db.schema
    .createTable('term_closings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('school_id', 'text', (c) => c.notNull().references('schools.id'))
    .addColumn('term_id', 'text', (c) => c.notNull().references('terms.id'))
    .addColumn('student_id', 'text', (c) => c.notNull().references('students.id'))
    .addColumn('stream', 'text', (c) => c.notNull())
    .addColumn('paid_fen', 'integer', (c) => c.notNull())
    .addColumn('net_fen', 'integer', (c) => c.notNull())
    .addColumn('balance_fen', 'integer', (c) => c.notNull())
    // 'even' | 'refund' | 'shortfall'
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('refund_id', 'text', (c) => c.references('refunds.id'))
    .addColumn('closed_at', 'text', (c) => c.notNull())
    .addColumn('closed_by', 'text', (c) => c.notNull().references('users.id'))
    .addUniqueConstraint('term_closings_once', ['term_id', 'student_id', 'stream'])
    .execute();

  // FEE-7: families who opt in to meals (when meals are counted by opt-in rather than attendance).
  await db.schema
    .createTable('meal_optins')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('school_id', 'text', (c) => c.notNull().references('schools.id'))
    .addColumn('term_id', 'text', (c) => c.notNull().references('terms.id'))
    .addColumn('student_id', 'text', (c) => c.notNull().references('students.id'))
    .addColumn('from_date', 'text', (c) => c.notNull())
    .addColumn('to_date', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('meal_optins_student')
    .on('meal_optins')
    .columns(['student_id', 'term_id'])
    .execute();

  // FEE-7: one meal bill per student and month; its amount is a ledger entry (stream 'meal').
  await db.schema
    .createTable('meal_bills')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('school_id', 'text', (c) => c.notNull().references('schools.id'))
    .addColumn('term_id', 'text', (c) => c.notNull().references('terms.id'))
    .addColumn('student_id', 'text', (c) => c.notNull().references('students.id'))
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('meals', 'integer', (c) => c.notNull())
    .addColumn('price_fen', 'integer', (c) => c.notNull())
    .addColumn('amount_fen', 'integer', (c) => c.notNull())
    .addColumn('due_on', 'text', (c) => c.notNull())
    .addColumn('bill_no', 'text', (c) => c.notNull())
    .addColumn('issued_at', 'text', (c) => c.notNull())
    .addColumn('issued_by', 'text', (c) => c.notNull().references('users.id'))
    .addUniqueConstraint('meal_bills_student_month', ['student_id', 'month'])
    .addUniqueConstraint('meal_bills_school_no', ['school_id', 'bill_no'])
    .execute();

  // FEE-2: subsidy income; FEE-8: expenses by category with a voucher number.
  await db.schema
    .createTable('fund_documents')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('school_id', 'text', (c) => c.notNull().references('schools.id'))
    .addColumn('term_id', 'text', (c) => c.notNull().references('terms.id'))
    // 'subsidy' | 'expense' | 'other_income'
    .addColumn('kind', 'text', (c) => c.notNull())
    // FEE-8 category for an expense; 'subsidy' / 'other' for income.
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('occurred_on', 'text', (c) => c.notNull())
    .addColumn('amount_fen', 'integer', (c) => c.notNull())
    .addColumn('voucher_no', 'text', (c) => c.notNull())
    .addColumn('counterparty', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    // A subsidy's basis: participating students counted.
    .addColumn('students', 'integer')
    .addColumn('recorded_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('fund_documents_voucher', ['school_id', 'voucher_no'])
    .execute();

  // FEE-9: each published fund statement keeps the snapshot parents saw.
  await db.schema
    .createTable('fund_statements')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('school_id', 'text', (c) => c.notNull().references('schools.id'))
    .addColumn('term_id', 'text', (c) => c.notNull().references('terms.id'))
    // '2026-10' for a month, 'term' for the whole term
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('published_at', 'text', (c) => c.notNull())
    .addColumn('published_by', 'text', (c) => c.notNull().references('users.id'))
    .addUniqueConstraint('fund_statements_version', ['term_id', 'period', 'version'])
    .execute();

  // Numbering for bills and receipts, per school and series (a row per series, bumped in the writing transaction).
  await db.schema
    .createTable('billing_counters')
    .addColumn('school_id', 'text', (c) => c.notNull().references('schools.id'))
    .addColumn('series', 'text', (c) => c.notNull())
    .addColumn('last_no', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('billing_counters_pk', ['school_id', 'series'])
    .execute();
}
