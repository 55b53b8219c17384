// Kysely queries of the dashboard's derived figures (0015): session-days and per-school-term figures,
// the watermark of the incremental refresh, and the rows stamped since it. No decisions here.
import { sql } from 'kysely';
import { chunks } from '../../db/batch';
import type { Executor } from '../../server/context';

export interface SessionDayRow {
  sessionId: string;
  date: string;
  schoolId: string;
  termId: string;
  studentsPresent: number;
  staffPresent: number;
  /** The day has a roll call: only then is it a session-day for the staff ratio. */
  hasRoll: boolean;
}

export interface TermFigures {
  participation: { grade: number; students: number; enrolled: number }[];
  arrears: { grade: number; families: number; totalFen: number }[];
}

export async function watermark(db: Executor): Promise<string | null> {
  const row = await db
    .selectFrom('dashboard_watermarks')
    .select('at')
    .where('name', '=', 'dashboard')
    .executeTakeFirst();
  return row?.at ?? null;
}

export async function setWatermark(db: Executor, at: string): Promise<void> {
  await db
    .insertInto('dashboard_watermarks')
    .values({ name: 'dashboard', at })
    .onConflict((oc) => oc.column('name').doUpdateSet({ at }))
    .execute();
}

/** Sets the watermark only where none is kept yet (the first build). */
export async function initWatermark(db: Executor, at: string): Promise<void> {
  await db
    .insertInto('dashboard_watermarks')
    .values({ name: 'dashboard', at })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
}

export async function builtTerms(db: Executor, termIds?: string[]) {
  if (termIds && termIds.length === 0) return [];
  let q = db
    .selectFrom('dashboard_school_terms')
    .select(['school_id as schoolId', 'term_id as termId', 'figures', 'refreshed_at as refreshedAt']);
  if (termIds) q = q.where('term_id', 'in', termIds);
  const rows = await q.execute();
  return rows.map((r) => ({ ...r, figures: JSON.parse(r.figures) as TermFigures }));
}

export async function upsertTermFigures(
  db: Executor,
  row: { schoolId: string; termId: string; figures: TermFigures; at: string },
): Promise<void> {
  const figures = JSON.stringify(row.figures);
  await db
    .insertInto('dashboard_school_terms')
    .values({ school_id: row.schoolId, term_id: row.termId, figures, refreshed_at: row.at })
    .onConflict((oc) => oc.columns(['school_id', 'term_id']).doUpdateSet({ figures, refreshed_at: row.at }))
    .execute();
}

export async function upsertSessionDays(db: Executor, rows: SessionDayRow[], at: string): Promise<void> {
  for (const part of chunks(rows, 100)) {
    await db
      .insertInto('dashboard_session_days')
      .values(
        part.map((r) => ({
          session_id: r.sessionId,
          date: r.date,
          school_id: r.schoolId,
          term_id: r.termId,
          students_present: r.studentsPresent,
          staff_present: r.staffPresent,
          has_roll: r.hasRoll ? 1 : 0,
          refreshed_at: at,
        })),
      )
      .onConflict((oc) =>
        oc.columns(['session_id', 'date']).doUpdateSet({
          students_present: sql`excluded.students_present`,
          staff_present: sql`excluded.staff_present`,
          has_roll: sql`excluded.has_roll`,
          refreshed_at: sql`excluded.refreshed_at`,
        }),
      )
      .execute();
  }
}

/** Session-days (days with a roll call) of some terms up to a date, as kept. */
export async function sessionDaysOf(
  db: Executor,
  termIds: string[],
  until: string,
): Promise<SessionDayRow[]> {
  if (termIds.length === 0) return [];
  const rows = await db
    .selectFrom('dashboard_session_days')
    .select([
      'session_id as sessionId',
      'date',
      'school_id as schoolId',
      'term_id as termId',
      'students_present as studentsPresent',
      'staff_present as staffPresent',
    ])
    .where('term_id', 'in', termIds)
    .where('date', '<=', until)
    .where('has_roll', '=', 1)
    .execute();
  return rows.map((r) => ({
    ...r,
    studentsPresent: Number(r.studentsPresent),
    staffPresent: Number(r.staffPresent),
    hasRoll: true,
  }));
}

/** Session-days with a roll call or staff attendance saved at or after `since`. */
export async function changedSessionDays(db: Executor, since: string) {
  const rolls = await db
    .selectFrom('roll_calls as r')
    .innerJoin('temp_classes as tc', 'tc.id', 'r.temp_class_id')
    .select(['tc.session_id as sessionId', 'r.date'])
    .distinct()
    .where('r.saved_at', '>=', since)
    .execute();
  const staff = await db
    .selectFrom('staff_attendance')
    .select(['session_id as sessionId', 'date'])
    .distinct()
    .where('recorded_at', '>=', since)
    .execute();
  return [...rolls, ...staff];
}

/** Schools with a ledger row, an application (or its line) or a student changed at or after `since`. */
export async function changedSchools(db: Executor, since: string): Promise<Set<string>> {
  const [ledger, apps, lines, students] = await Promise.all([
    db.selectFrom('ledger_entries').select('school_id').distinct().where('created_at', '>=', since).execute(),
    db.selectFrom('applications').select('school_id').distinct().where('updated_at', '>=', since).execute(),
    db
      .selectFrom('application_lines as l')
      .innerJoin('applications as a', 'a.id', 'l.application_id')
      .select('a.school_id')
      .distinct()
      .where('l.updated_at', '>=', since)
      .execute(),
    db.selectFrom('students').select('school_id').distinct().where('updated_at', '>=', since).execute(),
  ]);
  return new Set([...ledger, ...apps, ...lines, ...students].map((r) => r.school_id));
}
