// Term bills' queries (FEE-4, FEE-6): the offerings with their fees and sessions, the students'
// waiver categories, the bills and charges already written, and the per-student sums of the bills
// list. No decisions here.
import { sql } from 'kysely';
import { toNumber } from '../../db/dialect';
import type { DB } from '../../db/schema';
import type { Executor } from '../../server/context';
import type { EntryKind } from './ledger';
import type { Stream } from './rules';

export async function offeringsForBilling(db: Executor, termId: string) {
  const rows = await db
    .selectFrom('offerings as o')
    .innerJoin('term_sessions as s', 's.id', 'o.session_id')
    .select([
      'o.id',
      'o.name',
      'o.fee_basis',
      'o.fee_fen',
      's.class_hours',
      's.weekdays',
      's.kind as session_kind',
    ])
    .where('o.term_id', '=', termId)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    feeBasis: (r.fee_basis as 'month' | 'class_hour' | null) ?? null,
    feeFen: r.fee_fen === null ? null : Number(r.fee_fen),
    classHours: Number(r.class_hours),
    weekdays: r.weekdays.split(',').filter(Boolean).map(Number),
  }));
}

const chunk = 500;

async function inChunks<T>(ids: readonly string[], run: (part: string[]) => Promise<T[]>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < ids.length; i += chunk) out.push(...(await run(ids.slice(i, i + chunk))));
  return out;
}

/** The ids among `ids` that are students of the school. */
export async function studentsOfSchool(db: Executor, schoolId: string, ids: readonly string[]) {
  const rows = await inChunks(ids, (part) =>
    db
      .selectFrom('students')
      .select('id')
      .where('school_id', '=', schoolId)
      .where('id', 'in', part)
      .execute(),
  );
  return new Set(rows.map((r) => r.id));
}

export async function categoriesOf(db: Executor, studentIds: readonly string[]) {
  const rows = await inChunks(studentIds, (part) =>
    db
      .selectFrom('student_categories')
      .select(['student_id', 'category'])
      .where('student_id', 'in', part)
      .execute(),
  );
  const map = new Map<string, string[]>();
  for (const r of rows) map.set(r.student_id, [...(map.get(r.student_id) ?? []), r.category]);
  return map;
}

export async function billsOf(db: Executor, termId: string) {
  const rows = await db
    .selectFrom('term_bills')
    .select(['id', 'student_id', 'bill_no', 'issued_at'])
    .where('term_id', '=', termId)
    .execute();
  return new Map(rows.map((r) => [r.student_id, r]));
}

export async function insertBills(db: Executor, rows: DB['term_bills'][]) {
  for (let i = 0; i < rows.length; i += 200)
    await db
      .insertInto('term_bills')
      .values(rows.slice(i, i + 200))
      .execute();
}

/** The term bill charges already written, by entry key (a later waiver is a share of what was charged). */
export async function chargesOf(db: Executor, schoolId: string, termId: string) {
  const rows = await db
    .selectFrom('ledger_entries')
    .select(['entry_key', 'amount_fen'])
    .where('school_id', '=', schoolId)
    .where('term_id', '=', termId)
    .where('book', '=', 'family')
    .where('kind', '=', 'charge')
    .where('entry_key', 'is not', null)
    .execute();
  return new Map(rows.map((r) => [r.entry_key!, Number(r.amount_fen)]));
}

/** Students whose term-end balance of a stream is closed (多还少补 done): nothing more is billed. */
export async function closedStudents(db: Executor, termId: string, stream: Stream) {
  const rows = await db
    .selectFrom('term_closings')
    .select('student_id')
    .where('term_id', '=', termId)
    .where('stream', '=', stream)
    .execute();
  return new Set(rows.map((r) => r.student_id));
}

export async function studentCard(db: Executor, schoolId: string, studentId: string) {
  return db
    .selectFrom('students as s')
    .innerJoin('classes as c', 'c.id', 's.class_id')
    .select(['s.id', 's.name', 's.student_no', 's.class_id', 'c.grade', 'c.class_no'])
    .where('s.school_id', '=', schoolId)
    .where('s.id', '=', studentId)
    .executeTakeFirst();
}

export async function studentCards(db: Executor, schoolId: string, ids: readonly string[]) {
  const rows = await inChunks(ids, (part) =>
    db
      .selectFrom('students as s')
      .innerJoin('classes as c', 'c.id', 's.class_id')
      .select(['s.id', 's.name', 's.student_no', 's.class_id', 'c.grade', 'c.class_no'])
      .where('s.school_id', '=', schoolId)
      .where('s.id', 'in', part)
      .execute(),
  );
  return new Map(rows.map((r) => [r.id, r]));
}

export async function offeringNames(db: Executor, termId: string) {
  const rows = await db
    .selectFrom('offerings')
    .select(['id', 'name'])
    .where('term_id', '=', termId)
    .execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

/**
 * One row per student and kind of the family book of a term and stream: the sums behind the
 * bills list. A reversal is summed under the kind of the entry it reverses.
 */
export async function sumsByStudent(db: Executor, schoolId: string, termId: string, stream: Stream) {
  const kind = sql<string>`coalesce(o.kind, e.kind)`;
  const rows = await db
    .selectFrom('ledger_entries as e')
    .leftJoin('ledger_entries as o', 'o.id', 'e.reverses_id')
    .select(['e.student_id', kind.as('kind'), sql<number>`sum(e.amount_fen)`.as('total')])
    .where('e.school_id', '=', schoolId)
    .where('e.term_id', '=', termId)
    .where('e.book', '=', 'family')
    .where('e.stream', '=', stream)
    .groupBy(['e.student_id', kind])
    .execute();
  const map = new Map<string, Partial<Record<EntryKind, number>>>();
  for (const r of rows) {
    if (!r.student_id) continue;
    const sums = map.get(r.student_id) ?? {};
    sums[r.kind as EntryKind] = (sums[r.kind as EntryKind] ?? 0) + toNumber(r.total);
    map.set(r.student_id, sums);
  }
  return map;
}

/** A parent account's children at a school. */
export async function childrenAt(db: Executor, schoolId: string, userId: string) {
  return db
    .selectFrom('students as s')
    .innerJoin('classes as c', 'c.id', 's.class_id')
    .innerJoin('student_guardians as sg', 'sg.student_id', 's.id')
    .innerJoin('guardians as g', 'g.id', 'sg.guardian_id')
    .select(['s.id', 's.name', 's.student_no', 's.class_id', 'c.grade', 'c.class_no'])
    .where('s.school_id', '=', schoolId)
    .where('g.user_id', '=', userId)
    .orderBy('s.name')
    .execute();
}

export async function refundsOf(db: Executor, termId: string, studentId: string) {
  return db
    .selectFrom('refunds')
    .select(['id', 'stream', 'amount_fen', 'reason', 'status', 'proposed_at', 'decided_at', 'decision_note'])
    .where('term_id', '=', termId)
    .where('student_id', '=', studentId)
    .orderBy('proposed_at')
    .execute();
}
