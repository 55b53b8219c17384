// Kysely queries of the district dashboard (DIST-1): one aggregate per figure across every school
// of the district at once (grouped by school), never a loop per school or per student. Each takes
// the chosen term of each school; counts are cast to integers so both databases answer numbers.
import { sql } from 'kysely';
import type { Executor } from '../../server/context';
import { rollInForce } from '../daily/roll-read';
import { staffRecordInForce } from '../daily/staff-store';

const int = (n: unknown) => Number(n ?? 0);

export interface TermRow {
  id: string;
  schoolId: string;
  name: string;
  startsOn: string;
  endsOn: string;
}

/** Terms of the schools that have started on or before `date` (the candidates for "running"). */
export async function startedTerms(db: Executor, schoolIds: string[], date: string): Promise<TermRow[]> {
  if (schoolIds.length === 0) return [];
  return db
    .selectFrom('terms')
    .select(['id', 'school_id as schoolId', 'name', 'starts_on as startsOn', 'ends_on as endsOn'])
    .where('school_id', 'in', schoolIds)
    .where('starts_on', '<=', date)
    .execute();
}

/**
 * Students of each term's school by grade, with those enrolled in that term (accepted line). One
 * row per term and grade: terms of the same school are counted apart, never mixed.
 */
export async function participationByGrade(db: Executor, termIds: string[]) {
  if (termIds.length === 0) return [];
  const enrolled = db
    .selectFrom('applications as a')
    .innerJoin('application_lines as l', 'l.application_id', 'a.id')
    .select(['a.student_id', 'a.term_id'])
    .distinct()
    .where('a.term_id', 'in', termIds)
    .where('a.status', '=', 'enrolled')
    .where('l.status', '=', 'accepted');
  const rows = await db
    .selectFrom('terms as t')
    .innerJoin('students as s', 's.school_id', 't.school_id')
    .innerJoin('classes as c', 'c.id', 's.class_id')
    .leftJoin(enrolled.as('e'), (j) => j.onRef('e.student_id', '=', 's.id').onRef('e.term_id', '=', 't.id'))
    .select([
      't.school_id as schoolId',
      't.id as termId',
      'c.grade',
      sql<number>`cast(count(*) as integer)`.as('students'),
      sql<number>`cast(count(e.student_id) as integer)`.as('enrolled'),
    ])
    .where('t.id', 'in', termIds)
    .groupBy(['t.school_id', 't.id', 'c.grade'])
    .orderBy('c.grade')
    .execute();
  return rows.map((r) => ({
    schoolId: r.schoolId,
    termId: r.termId,
    grade: int(r.grade),
    students: int(r.students),
    enrolled: int(r.enrolled),
  }));
}

/** Which session-days to count: every day of some terms, or some days of some sessions. */
export type DayScope = { by: 'term' | 'session'; ids: string[]; dates?: string[] };

/**
 * Children present per school, session and day of the scope: the sum of the rolls
 * in force (highest version per class and day), as the roll call counted them (present or late).
 */
export async function presentBySessionDay(db: Executor, scope: DayScope) {
  if (scope.ids.length === 0) return [];
  let q = db
    .selectFrom('roll_calls as r')
    .innerJoin('temp_classes as tc', 'tc.id', 'r.temp_class_id')
    .select([
      'r.school_id as schoolId',
      'tc.session_id as sessionId',
      'r.date',
      'tc.term_id as termId',
      sql<number>`cast(sum(r.present_count) as integer)`.as('present'),
    ])
    .where(scope.by === 'term' ? 'tc.term_id' : 'tc.session_id', 'in', scope.ids)
    .where(rollInForce)
    .groupBy(['r.school_id', 'tc.term_id', 'tc.session_id', 'r.date']);
  if (scope.dates) q = q.where('r.date', 'in', scope.dates);
  const rows = await q.execute();
  return rows.map((r) => ({ ...r, present: int(r.present) }));
}

/** Staff present (on time or late, DAY-7 record in force) per school, session and day. */
export async function staffBySessionDay(db: Executor, scope: DayScope) {
  if (scope.ids.length === 0) return [];
  let q = db
    .selectFrom('staff_attendance as a')
    .innerJoin('term_sessions as s', 's.id', 'a.session_id')
    .select([
      'a.school_id as schoolId',
      'a.session_id as sessionId',
      'a.date',
      's.term_id as termId',
      sql<number>`cast(count(distinct a.user_id) as integer)`.as('staff'),
    ])
    .where(scope.by === 'term' ? 's.term_id' : 'a.session_id', 'in', scope.ids)
    .where('a.status', 'in', ['on_time', 'late'])
    .where(staffRecordInForce)
    .groupBy(['a.school_id', 's.term_id', 'a.session_id', 'a.date']);
  if (scope.dates) q = q.where('a.date', 'in', scope.dates);
  const rows = await q.execute();
  return rows.map((r) => ({ ...r, staff: int(r.staff) }));
}

/** Offerings with a fee, with their session's kind (what the cap kind depends on, FEE-3). */
export async function feesOfTerms(db: Executor, termIds: string[]) {
  if (termIds.length === 0) return [];
  const rows = await db
    .selectFrom('offerings as o')
    .innerJoin('term_sessions as s', 's.id', 'o.session_id')
    .select([
      'o.school_id as schoolId',
      'o.kind',
      'o.fee_basis as feeBasis',
      'o.fee_fen as feeFen',
      's.kind as sessionKind',
    ])
    .where('o.term_id', 'in', termIds)
    .where('o.fee_basis', 'is not', null)
    .where('o.fee_fen', 'is not', null)
    .execute();
  return rows.map((r) => ({ ...r, feeFen: int(r.feeFen) }));
}

/**
 * Service balances owed per school, term (and grade): the same sum per child as billing's
 * `familyBalances(db, school, term, 'service')`, kept where above zero, for every term at once.
 * Each term is summed apart: a child's balance of one term never offsets or adds to another's.
 */
export async function arrearsByGrade(db: Executor, termIds: string[]) {
  if (termIds.length === 0) return [];
  const balances = db
    .selectFrom('ledger_entries')
    .select(['school_id', 'term_id', 'student_id', sql<number>`sum(amount_fen)`.as('balance')])
    .where('term_id', 'in', termIds)
    .where('book', '=', 'family')
    .where('stream', '=', 'service')
    .groupBy(['school_id', 'term_id', 'student_id'])
    .having(sql<number>`sum(amount_fen)`, '>', 0);
  const rows = await db
    .selectFrom(balances.as('b'))
    .innerJoin('students as st', 'st.id', 'b.student_id')
    .innerJoin('classes as c', 'c.id', 'st.class_id')
    .select([
      'b.school_id as schoolId',
      'b.term_id as termId',
      'c.grade',
      sql<number>`cast(count(*) as integer)`.as('families'),
      sql<number>`cast(sum(b.balance) as integer)`.as('totalFen'),
    ])
    .groupBy(['b.school_id', 'b.term_id', 'c.grade'])
    .orderBy('c.grade')
    .execute();
  return rows.map((r) => ({
    schoolId: r.schoolId,
    termId: r.termId,
    grade: int(r.grade),
    families: int(r.families),
    totalFen: int(r.totalFen),
  }));
}

/** Incidents of each school's term (by date within the term), counted by kind, severity and status. */
export async function incidentCounts(db: Executor, termIds: string[]) {
  if (termIds.length === 0) return [];
  const rows = await db
    .selectFrom('incidents as i')
    .innerJoin('terms as t', (j) =>
      j
        .onRef('t.school_id', '=', 'i.school_id')
        .onRef('i.date', '>=', 't.starts_on')
        .onRef('i.date', '<=', 't.ends_on'),
    )
    .select([
      'i.school_id as schoolId',
      'i.kind',
      'i.severity',
      'i.status',
      sql<number>`cast(count(*) as integer)`.as('n'),
    ])
    .where('t.id', 'in', termIds)
    .groupBy(['i.school_id', 'i.kind', 'i.severity', 'i.status'])
    .execute();
  return rows.map((r) => ({ ...r, n: int(r.n) }));
}
