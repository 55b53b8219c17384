// Payments' queries: the payment rows, the lock a payment decision takes, the school's provider
// secret and the notification log. No decisions here.
import { sql } from 'kysely';
import { type DialectName, forUpdate, toNumber } from '../../db/dialect';
import type { DB } from '../../db/schema';
import type { Executor } from '../../server/context';
import type { Stream } from './rules';

export type PaymentRow = DB['payments'];

/**
 * The student's row locked for the transaction: payments for one student (by hand or by
 * notification) decide one at a time, so the outstanding amount and a provider's id are read after
 * the previous payment committed. SQLite already serialises writers.
 */
export async function lockStudent(db: Executor, dialect: DialectName, schoolId: string, studentId: string) {
  return forUpdate(
    dialect,
    db
      .selectFrom('students')
      .select(['id', 'name'])
      .where('school_id', '=', schoolId)
      .where('id', '=', studentId),
  ).executeTakeFirst();
}

/** What the family owes now in a term and stream: the sum of its ledger rows. */
export async function outstanding(db: Executor, termId: string, studentId: string, stream: Stream) {
  const row = await db
    .selectFrom('ledger_entries')
    .select(sql<number>`coalesce(sum(amount_fen), 0)`.as('total'))
    .where('term_id', '=', termId)
    .where('student_id', '=', studentId)
    .where('book', '=', 'family')
    .where('stream', '=', stream)
    .executeTakeFirst();
  return toNumber(row?.total);
}

export async function findByKey(db: Executor, schoolId: string, key: string) {
  return db
    .selectFrom('payments')
    .selectAll()
    .where('school_id', '=', schoolId)
    .where('idempotency_key', '=', key)
    .executeTakeFirst();
}

export async function findByProviderRef(db: Executor, providerRef: string) {
  return db.selectFrom('payments').selectAll().where('provider_ref', '=', providerRef).executeTakeFirst();
}

export async function findPayment(db: Executor, schoolId: string, paymentId: string) {
  return db
    .selectFrom('payments')
    .selectAll()
    .where('school_id', '=', schoolId)
    .where('id', '=', paymentId)
    .executeTakeFirst();
}

export async function insertPayment(db: Executor, row: PaymentRow) {
  await db.insertInto('payments').values(row).execute();
}

export interface PaymentFilter {
  termId: string;
  studentId?: string;
  stream?: Stream;
  method?: string;
  from?: string;
  to?: string;
}

/** Payments with the student's name and class and the recorder's name, newest first. */
export async function listPayments(db: Executor, schoolId: string, f: PaymentFilter) {
  let q = db
    .selectFrom('payments as p')
    .innerJoin('students as s', 's.id', 'p.student_id')
    .innerJoin('classes as c', 'c.id', 's.class_id')
    .leftJoin('users as u', 'u.id', 'p.recorded_by')
    .selectAll('p')
    .select(['s.name as student_name', 'c.grade', 'c.class_no', 'u.display_name as recorder_name'])
    .where('p.school_id', '=', schoolId)
    .where('p.term_id', '=', f.termId);
  if (f.studentId) q = q.where('p.student_id', '=', f.studentId);
  if (f.stream) q = q.where('p.stream', '=', f.stream);
  if (f.method) q = q.where('p.method', '=', f.method);
  if (f.from) q = q.where('p.received_at', '>=', f.from);
  if (f.to) q = q.where('p.received_at', '<', f.to);
  return q.orderBy('p.received_at', 'desc').orderBy('p.id', 'desc').execute();
}
export type ListedPayment = Awaited<ReturnType<typeof listPayments>>[number];

export async function paymentWithNames(db: Executor, schoolId: string, paymentId: string) {
  return db
    .selectFrom('payments as p')
    .innerJoin('students as s', 's.id', 'p.student_id')
    .innerJoin('classes as c', 'c.id', 's.class_id')
    .innerJoin('terms as t', 't.id', 'p.term_id')
    .innerJoin('schools as sc', 'sc.id', 'p.school_id')
    .leftJoin('users as u', 'u.id', 'p.recorded_by')
    .selectAll('p')
    .select([
      's.name as student_name',
      'c.grade',
      'c.class_no',
      'u.display_name as recorder_name',
      't.name as term_name',
      'sc.name as school_name',
    ])
    .where('p.school_id', '=', schoolId)
    .where('p.id', '=', paymentId)
    .executeTakeFirst();
}

// ---- the provider's shared secret and the notification log ----

export async function secretOf(db: Executor, schoolId: string) {
  return db
    .selectFrom('payment_secrets')
    .select(['secret', 'updated_at', 'updated_by'])
    .where('school_id', '=', schoolId)
    .executeTakeFirst();
}

export async function saveSecret(db: Executor, schoolId: string, secret: string, by: string, at: string) {
  await db
    .insertInto('payment_secrets')
    .values({ school_id: schoolId, secret, updated_by: by, updated_at: at })
    .onConflict((oc) => oc.column('school_id').doUpdateSet({ secret, updated_by: by, updated_at: at }))
    .execute();
}

export async function schoolExists(db: Executor, schoolId: string) {
  return (
    (await db.selectFrom('schools').select('id').where('id', '=', schoolId).executeTakeFirst()) !== undefined
  );
}

export async function logNotification(db: Executor, row: DB['payment_notifications']) {
  await db.insertInto('payment_notifications').values(row).execute();
}

export async function listNotifications(db: Executor, schoolId: string, limit: number) {
  return db
    .selectFrom('payment_notifications')
    .select(['id', 'provider_ref', 'received_at', 'outcome', 'detail', 'payment_id'])
    .where('school_id', '=', schoolId)
    .orderBy('received_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}
