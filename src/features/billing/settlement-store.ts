// Kysely queries of the monthly settlement (FEE-5): the attendance aggregate over the rolls in
// force, the ledger sums per student, offering and month, and the settlement documents. No
// decisions here (settlement-rules.ts decides).
import { sql } from 'kysely';
import { toNumber } from '../../db/dialect';
import type { DB } from '../../db/schema';
import type { Executor } from '../../server/context';

export interface Attendance {
  offeringId: string;
  studentId: string;
  month: string;
  attended: number;
}

/**
 * DAY-1 / FEE-5: distinct dates each student was marked present or late in the roll in force (the
 * highest version of a class's roll for a day), per offering and month, between two dates. One
 * aggregate over roll_calls, roll_call_marks and temp_classes: the settlement's only attendance read.
 */
export async function attendanceBetween(
  db: Executor,
  schoolId: string,
  termId: string,
  from: string,
  to: string,
): Promise<Attendance[]> {
  const rows = await sql<{
    offering_id: string;
    student_id: string;
    month: string;
    attended: number | string;
  }>`
    select t.offering_id, m.student_id, substr(r.date, 1, 7) as month, count(distinct r.date) as attended
    from roll_calls r
    join temp_classes t on t.id = r.temp_class_id
    join roll_call_marks m on m.roll_call_id = r.id
    where r.school_id = ${schoolId}
      and r.date >= ${from} and r.date <= ${to}
      and t.term_id = ${termId}
      and m.status in ('present', 'late')
      and not exists (
        select 1 from roll_calls later
        where later.temp_class_id = r.temp_class_id and later.date = r.date and later.version > r.version
      )
    group by t.offering_id, m.student_id, substr(r.date, 1, 7)`.execute(db);
  return rows.rows.map((r) => ({
    offeringId: r.offering_id,
    studentId: r.student_id,
    month: r.month,
    attended: toNumber(r.attended),
  }));
}

/**
 * How long before a settlement's `settled_at` a write still counts as "after" it. On PostgreSQL a
 * roll is stamped `saved_at` inside its transaction, before it commits: a roll saved while a
 * settlement runs can carry a `saved_at` earlier than the settlement's `settled_at` yet be invisible
 * to it (read committed). Treating the 15 minutes before `settled_at` as "after" makes the next
 * settlement look at that month again. Re-assessing costs little, and it is idempotent by
 * construction: it writes only the difference between the refund now due and what was credited.
 */
export const SETTLED_MARGIN_MS = 15 * 60 * 1000;

/** The instant from which writes are treated as made after a settlement (see SETTLED_MARGIN_MS). */
export function changedSince(settledAt: string): string {
  return new Date(Date.parse(settledAt) - SETTLED_MARGIN_MS).toISOString();
}

/**
 * FEE-4, FEE-5: whether the term bill's rows of a month changed since `since`: a service `charge` or
 * `waiver` (or a reversal of one) for any student and offering of the month, written at or after it
 * (a waiver granted later, a student billed late for a settled month).
 */
export async function chargesWrittenSince(
  db: Executor,
  schoolId: string,
  termId: string,
  month: string,
  since: string,
): Promise<boolean> {
  const row = await sql<{ id: string }>`
    select e.id from ledger_entries e
    left join ledger_entries o on o.id = e.reverses_id
    where e.school_id = ${schoolId} and e.term_id = ${termId} and e.book = 'family'
      and e.stream = 'service' and e.month = ${month}
      and coalesce(o.kind, e.kind) in ('charge', 'waiver')
      and e.created_at >= ${since}
    limit 1`.execute(db);
  return row.rows.length > 0;
}

/** Whether any roll of the term's classes for dates in [from, to] was saved at or after `since`. */
export async function rollsSavedSince(
  db: Executor,
  schoolId: string,
  termId: string,
  from: string,
  to: string,
  since: string,
): Promise<boolean> {
  const row = await db
    .selectFrom('roll_calls as r')
    .innerJoin('temp_classes as t', 't.id', 'r.temp_class_id')
    .select('r.id')
    .where('r.school_id', '=', schoolId)
    .where('r.date', '>=', from)
    .where('r.date', '<=', to)
    .where('t.term_id', '=', termId)
    .where('r.saved_at', '>=', since)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

export interface MonthSums {
  studentId: string;
  offeringId: string;
  month: string;
  /** charge + waiver (their reversals folded in). */
  netFen: number;
  /** −(credit + adjustment): what the settlements gave back so far. */
  creditedFen: number;
  charges: number;
}

/**
 * The service-fee family book per student, offering and month for the given months: the month's
 * net billed and what was credited so far (design.md "Month-grained charges"). Only pairs that
 * carry a `charge` row are returned.
 */
export async function monthSums(
  db: Executor,
  schoolId: string,
  termId: string,
  months: readonly string[],
): Promise<MonthSums[]> {
  if (months.length === 0) return [];
  const rows = await sql<{
    student_id: string;
    offering_id: string;
    month: string;
    net: number | string;
    credited: number | string;
    charges: number | string;
  }>`
    select e.student_id, e.offering_id, e.month,
      sum(case when coalesce(o.kind, e.kind) in ('charge', 'waiver') then e.amount_fen else 0 end) as net,
      sum(case when coalesce(o.kind, e.kind) in ('credit', 'adjustment') then e.amount_fen else 0 end) as credited,
      sum(case when e.kind = 'charge' then 1 else 0 end) as charges
    from ledger_entries e
    left join ledger_entries o on o.id = e.reverses_id
    where e.school_id = ${schoolId} and e.book = 'family' and e.term_id = ${termId}
      and e.month in (${sql.join(months)}) and e.stream = 'service'
      and e.student_id is not null and e.offering_id is not null
    group by e.student_id, e.offering_id, e.month`.execute(db);
  return rows.rows
    .map((r) => ({
      studentId: r.student_id,
      offeringId: r.offering_id,
      month: r.month,
      netFen: toNumber(r.net),
      creditedFen: -toNumber(r.credited),
      charges: toNumber(r.charges),
    }))
    .filter((r) => r.charges > 0);
}

/** FEE-4 多还少补: students of the term whose service stream was closed at the term end. */
export async function serviceClosedStudents(db: Executor, termId: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom('term_closings')
    .select('student_id')
    .where('term_id', '=', termId)
    .where('stream', '=', 'service')
    .execute();
  return new Set(rows.map((r) => r.student_id));
}

/** Students of the term with an approved withdrawal (of a line or of the whole application). */
export async function withdrawnStudents(db: Executor, termId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('withdrawals as w')
    .innerJoin('applications as a', 'a.id', 'w.application_id')
    .select('a.student_id')
    .distinct()
    .where('a.term_id', '=', termId)
    .where('w.status', '=', 'approved')
    .execute();
  return rows.map((r) => r.student_id);
}

export type SettlementRow = DB['settlements'];

export async function findSettlement(db: Executor, termId: string, month: string) {
  return db
    .selectFrom('settlements')
    .selectAll()
    .where('term_id', '=', termId)
    .where('month', '=', month)
    .executeTakeFirst();
}

export async function settlementsOf(db: Executor, termId: string) {
  return db.selectFrom('settlements').selectAll().where('term_id', '=', termId).orderBy('month').execute();
}

export async function settlementById(db: Executor, schoolId: string, id: string) {
  return db
    .selectFrom('settlements')
    .selectAll()
    .where('school_id', '=', schoolId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** The original line of each pair a settlement wrote for its own month (attended as then assessed). */
export async function insertSettlement(
  db: Executor,
  row: DB['settlements'],
  lines: DB['settlement_lines'][],
): Promise<void> {
  await db.insertInto('settlements').values(row).execute();
  for (let i = 0; i < lines.length; i += 500)
    await db
      .insertInto('settlement_lines')
      .values(lines.slice(i, i + 500))
      .execute();
}

export async function linesOf(db: Executor, settlementId: string, studentId?: string) {
  let q = db
    .selectFrom('settlement_lines as l')
    .innerJoin('students as s', 's.id', 'l.student_id')
    .innerJoin('offerings as o', 'o.id', 'l.offering_id')
    .leftJoin('classes as c', 'c.id', 's.class_id')
    .select([
      'l.id',
      'l.student_id',
      'l.offering_id',
      'l.for_month',
      'l.school_days',
      'l.attended',
      'l.billed_fen',
      'l.refund_fen',
      'l.delta_fen',
      'l.reason_code',
      'l.reason_params',
      's.name as student_name',
      's.student_no',
      'c.grade',
      'c.class_no',
      'o.name as offering_name',
    ])
    .where('l.settlement_id', '=', settlementId);
  if (studentId) q = q.where('l.student_id', '=', studentId);
  return q.orderBy('c.grade').orderBy('c.class_no').orderBy('s.student_no').orderBy('l.for_month').execute();
}
