// Meals (FEE-7): reads of the noon roll and the family's opt-ins, and the meal bills.
import { sql } from 'kysely';
import type { DB } from '../../db/schema';
import type { Executor } from '../../server/context';
import { rollInForce } from '../daily/roll-read';

/**
 * Days each student was marked present or late in the roll in force (the highest version, DAY-1)
 * of a temporary class of a noon-session offering, between two dates.
 */
export async function noonAttendance(
  db: Executor,
  termId: string,
  from: string,
  to: string,
): Promise<{ studentId: string; date: string }[]> {
  const rows = await db
    .selectFrom('roll_calls as r')
    .innerJoin('temp_classes as tc', 'tc.id', 'r.temp_class_id')
    .innerJoin('offerings as o', 'o.id', 'tc.offering_id')
    .innerJoin('term_sessions as s', 's.id', 'o.session_id')
    .innerJoin('roll_call_marks as m', 'm.roll_call_id', 'r.id')
    .select(['m.student_id as studentId', 'r.date as date'])
    .distinct()
    .where('tc.term_id', '=', termId)
    .where('s.kind', '=', 'noon')
    .where('r.date', '>=', from)
    .where('r.date', '<=', to)
    .where('m.status', 'in', ['present', 'late'])
    .where(rollInForce)
    .execute();
  return rows;
}

export interface OptInRow {
  id: string;
  studentId: string;
  from: string;
  to: string | null;
  createdAt: string;
}

export async function optIns(db: Executor, termId: string, studentId?: string): Promise<OptInRow[]> {
  let q = db
    .selectFrom('meal_optins')
    .select([
      'id',
      'student_id as studentId',
      'from_date as from',
      'to_date as to',
      'created_at as createdAt',
    ])
    .where('term_id', '=', termId);
  if (studentId) q = q.where('student_id', '=', studentId);
  return q.orderBy('from_date').orderBy('id').execute();
}

export async function insertOptIn(db: Executor, row: DB['meal_optins']) {
  await db.insertInto('meal_optins').values(row).execute();
}

export async function updateOptIn(
  db: Executor,
  id: string,
  changes: { from_date?: string; to_date: string | null },
) {
  await db.updateTable('meal_optins').set(changes).where('id', '=', id).execute();
}

/** Holidays of any of the school's terms (the due date skips them). */
export async function schoolHolidays(db: Executor, schoolId: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom('term_days')
    .innerJoin('terms', 'terms.id', 'term_days.term_id')
    .select('term_days.date')
    .where('terms.school_id', '=', schoolId)
    .where('term_days.kind', '=', 'holiday')
    .execute();
  return new Set(rows.map((r) => r.date));
}

export interface MealBillRow {
  id: string;
  studentId: string;
  studentName: string;
  studentNo: string;
  grade: number;
  classNo: number;
  month: string;
  meals: number;
  priceFen: number;
  amountFen: number;
  dueOn: string;
  billNo: string;
  issuedAt: string;
}

export async function mealBills(
  db: Executor,
  f: { schoolId: string; termId: string; month?: string; studentId?: string },
): Promise<MealBillRow[]> {
  let q = db
    .selectFrom('meal_bills as b')
    .innerJoin('students as st', 'st.id', 'b.student_id')
    .innerJoin('classes as c', 'c.id', 'st.class_id')
    .select([
      'b.id',
      'b.student_id as studentId',
      'st.name as studentName',
      'st.student_no as studentNo',
      'c.grade',
      'c.class_no as classNo',
      'b.month',
      'b.meals',
      'b.price_fen as priceFen',
      'b.amount_fen as amountFen',
      'b.due_on as dueOn',
      'b.bill_no as billNo',
      'b.issued_at as issuedAt',
    ])
    .where('b.school_id', '=', f.schoolId)
    .where('b.term_id', '=', f.termId);
  if (f.month) q = q.where('b.month', '=', f.month);
  if (f.studentId) q = q.where('b.student_id', '=', f.studentId);
  const rows = await q.orderBy('b.month').orderBy('st.student_no').execute();
  return rows.map((r) => ({
    ...r,
    grade: Number(r.grade),
    classNo: Number(r.classNo),
    meals: Number(r.meals),
    priceFen: Number(r.priceFen),
    amountFen: Number(r.amountFen),
  }));
}

/** Everything charged so far in the meal stream per student and month (charges, corrections, reversals). */
export async function mealChargedByMonth(
  db: Executor,
  schoolId: string,
  termId: string,
  months: readonly string[],
): Promise<Map<string, number>> {
  if (months.length === 0) return new Map();
  const rows = await db
    .selectFrom('ledger_entries')
    .select(['student_id', 'month', sql<number>`sum(amount_fen)`.as('total')])
    .where('school_id', '=', schoolId)
    .where('term_id', '=', termId)
    .where('book', '=', 'family')
    .where('stream', '=', 'meal')
    .where('kind', 'in', ['meal_charge', 'adjustment', 'reversal'])
    .where('month', 'in', [...months])
    .groupBy(['student_id', 'month'])
    .execute();
  return new Map(rows.map((r) => [`${r.student_id}|${r.month}`, Number(r.total)]));
}

/** The corrections each bill carries (adjustment entries it wrote for earlier months). */
export async function correctionsOf(
  db: Executor,
  billIds: readonly string[],
): Promise<Map<string, { forMonth: string; amountFen: number; meals: number; mealsBefore: number }[]>> {
  const result = new Map<
    string,
    { forMonth: string; amountFen: number; meals: number; mealsBefore: number }[]
  >();
  for (let i = 0; i < billIds.length; i += 200) {
    const rows = await db
      .selectFrom('ledger_entries')
      .select(['source_id', 'month', 'amount_fen', 'reason_params'])
      .where('source_type', '=', 'meal_bill')
      .where('kind', '=', 'adjustment')
      .where('source_id', 'in', billIds.slice(i, i + 200))
      .orderBy('month')
      .execute();
    for (const r of rows) {
      const p = JSON.parse(r.reason_params) as { meals?: number; mealsBefore?: number };
      const list = result.get(r.source_id) ?? [];
      list.push({
        forMonth: r.month ?? '',
        amountFen: Number(r.amount_fen),
        meals: Number(p.meals ?? 0),
        mealsBefore: Number(p.mealsBefore ?? 0),
      });
      result.set(r.source_id, list);
    }
  }
  return result;
}

export async function insertMealBill(db: Executor, row: DB['meal_bills']) {
  await db.insertInto('meal_bills').values(row).execute();
}

/** The students of the school (id → name), to check a student belongs to it. */
export async function schoolStudent(db: Executor, schoolId: string, studentId: string) {
  return db
    .selectFrom('students')
    .select(['id', 'name'])
    .where('school_id', '=', schoolId)
    .where('id', '=', studentId)
    .executeTakeFirst();
}
