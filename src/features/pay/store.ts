// Teacher pay storage (migration 0014) and the reads pay computes from: staff attendance in force
// (DAY-7), activity records (DAY-8), duty assignments and head teachers (to match a teacher's
// session to its class's record), upheld incidents (PAY-4) and the school's pay events.
import type { Executor } from '../../server/context';
import { incidentsAffectingPay } from '../daily/incident-pay';
import { activityRecordsOf } from '../daily/record-store';
import { staffAttendanceOf } from '../daily/staff-store';
import { type DayLoss, inPay, type MonthLoss, type SessionSlot } from './rules';

// ---- pay events ----

export async function insertEvent(db: Executor, row: import('../../db/schema').PayEventTable) {
  await db.insertInto('pay_events').values(row).execute();
}

export async function findEvent(db: Executor, schoolId: string, eventId: string) {
  return db
    .selectFrom('pay_events')
    .selectAll()
    .where('school_id', '=', schoolId)
    .where('id', '=', eventId)
    .executeTakeFirst();
}

export async function withdrawalOf(db: Executor, eventId: string) {
  return db.selectFrom('pay_events').selectAll().where('withdraws_id', '=', eventId).executeTakeFirst();
}

/** Events of a term with their withdrawal (if any), newest first. */
export async function listEvents(db: Executor, schoolId: string, termId: string) {
  const rows = await db
    .selectFrom('pay_events as e')
    .innerJoin('users as u', 'u.id', 'e.user_id')
    .leftJoin('pay_events as w', 'w.withdraws_id', 'e.id')
    .select([
      'e.id',
      'e.term_id as termId',
      'e.user_id as userId',
      'u.display_name as userName',
      'e.kind',
      'e.date',
      'e.note',
      'e.recorded_by as recordedBy',
      'e.recorded_at as recordedAt',
      'w.note as wReason',
      'w.recorded_by as wBy',
      'w.recorded_at as wAt',
    ])
    .where('e.school_id', '=', schoolId)
    .where('e.term_id', '=', termId)
    .where('e.kind', '!=', 'withdrawal')
    .orderBy('e.date', 'desc')
    .orderBy('e.id', 'desc')
    .execute();
  return rows.map(({ wReason, wBy, wAt, ...r }) => ({
    ...r,
    kind: r.kind as 'dereliction' | 'safety' | 'ethics',
    withdrawal: wBy ? { reason: wReason ?? '', by: wBy, at: wAt ?? '' } : null,
  }));
}

// ---- inputs of a computation ----

export interface PayInputs {
  slots: SessionSlot[];
  dayLosses: (DayLoss & { note: string; source: 'incident' | 'pay_event' })[];
  monthLosses: (MonthLoss & { note: string })[];
}

/**
 * Everything pay counts for a term between `from` and `to`. The activity record of a teacher's
 * session (DAY-8) is matched, most specific first, to: (1) a record of that date for a temporary
 * class of that session WRITTEN by the teacher; else (2) the record of a class of that session the
 * published roster puts the teacher on that date (duty_assignments.temp_class_id); else, ONLY when
 * the roster puts the teacher on no class that session and date, (3) the record of a class of that
 * session the teacher is head teacher of. Among several, a complete one
 * wins. The writer is the strongest evidence (pay counts the person who wrote the version in force),
 * the roster covers a substitute's day, the head teacher covers a record kept by an assistant.
 */
export async function loadInputs(
  db: Executor,
  schoolId: string,
  termId: string,
  from: string,
  to: string,
): Promise<PayInputs> {
  const sessions = await db
    .selectFrom('term_sessions')
    .select(['id', 'kind'])
    .where('school_id', '=', schoolId)
    .where('term_id', '=', termId)
    .execute();
  const kindOf = new Map(sessions.map((s) => [s.id, s.kind]));
  if (from > to || sessions.length === 0) return { slots: [], dayLosses: [], monthLosses: [] };
  const [attendance, records, classes, duties, incidents, events] = await Promise.all([
    staffAttendanceOf(db, schoolId, from, to),
    activityRecordsOf(db, schoolId, from, to),
    db
      .selectFrom('temp_classes')
      .select(['id', 'session_id', 'head_teacher_id'])
      .where('school_id', '=', schoolId)
      .where('term_id', '=', termId)
      .execute(),
    db
      .selectFrom('duty_assignments as a')
      .innerJoin('duty_rosters as r', 'r.id', 'a.roster_id')
      .select(['a.user_id', 'a.date', 'a.session_id', 'a.temp_class_id'])
      .where('a.school_id', '=', schoolId)
      .where('r.term_id', '=', termId)
      .where('r.status', '=', 'published')
      .where('a.date', '>=', from)
      .where('a.date', '<=', to)
      .where('a.temp_class_id', 'is not', null)
      .execute(),
    incidentsAffectingPay(db, schoolId, from, to),
    activeEvents(db, schoolId, termId),
  ]);
  const sessionOfClass = new Map(classes.map((c) => [c.id, c.session_id]));
  // records by class|date, and by writer|session|date
  const byClassDay = new Map<string, boolean>();
  const byWriter = new Map<string, boolean>();
  const best = (m: Map<string, boolean>, k: string, complete: boolean) =>
    m.set(k, (m.get(k) ?? false) || complete);
  for (const r of records) {
    const sessionId = sessionOfClass.get(r.tempClassId);
    if (!sessionId) continue;
    byClassDay.set(`${r.tempClassId}|${r.date}`, r.complete);
    best(byWriter, `${r.userId}|${sessionId}|${r.date}`, r.complete);
  }
  const rostered = new Map<string, string[]>();
  for (const d of duties) {
    const k = `${d.user_id}|${d.session_id}|${d.date}`;
    rostered.set(k, [...(rostered.get(k) ?? []), d.temp_class_id!]);
  }
  const headed = new Map<string, string[]>();
  for (const c of classes) {
    if (!c.head_teacher_id) continue;
    const k = `${c.head_teacher_id}|${c.session_id}`;
    headed.set(k, [...(headed.get(k) ?? []), c.id]);
  }
  const fromClasses = (ids: string[] | undefined, date: string): boolean | undefined => {
    let found: boolean | undefined;
    for (const id of ids ?? []) {
      const c = byClassDay.get(`${id}|${date}`);
      if (c !== undefined) found = (found ?? false) || c;
    }
    return found;
  };
  const slots: SessionSlot[] = [];
  for (const a of attendance) {
    const kind = kindOf.get(a.sessionId);
    if (kind === undefined) continue;
    const onRoster = rostered.get(`${a.userId}|${a.sessionId}|${a.date}`);
    // The head-teacher fallback only when the roster puts the teacher on no class that session and
    // day: rostered on another class, their home class's record is someone else's work.
    const complete =
      byWriter.get(`${a.userId}|${a.sessionId}|${a.date}`) ??
      (onRoster
        ? fromClasses(onRoster, a.date)
        : fromClasses(headed.get(`${a.userId}|${a.sessionId}`), a.date));
    slots.push({
      userId: a.userId,
      date: a.date,
      sessionId: a.sessionId,
      sessionKind: kind,
      status: a.status as SessionSlot['status'],
      excused: a.excused === null ? null : a.excused === 1,
      record: complete === undefined ? null : complete ? 'complete' : 'incomplete',
    });
  }
  const dayLosses: PayInputs['dayLosses'] = incidents.map((i) => ({
    userId: i.staffUserId,
    date: i.date,
    kind: i.kind === 'staff_dereliction' ? 'dereliction' : 'safety',
    note: i.incidentId,
    source: 'incident',
  }));
  const monthLosses: PayInputs['monthLosses'] = [];
  for (const e of events) {
    if (e.date < from || e.date > to) continue;
    if (e.kind === 'ethics') monthLosses.push({ userId: e.user_id, month: e.date.slice(0, 7), note: e.note });
    else
      dayLosses.push({
        userId: e.user_id,
        date: e.date,
        kind: e.kind as 'dereliction' | 'safety',
        note: e.note,
        source: 'pay_event',
      });
  }
  return { slots, dayLosses, monthLosses };
}

/** The term's pay events not withdrawn. */
async function activeEvents(db: Executor, schoolId: string, termId: string) {
  return db
    .selectFrom('pay_events as e')
    .selectAll('e')
    .where('e.school_id', '=', schoolId)
    .where('e.term_id', '=', termId)
    .where('e.kind', '!=', 'withdrawal')
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('pay_events as w').select('w.id').whereRef('w.withdraws_id', '=', 'e.id'))),
    )
    .orderBy('e.date')
    .execute();
}

/**
 * The users of a school not in teacher pay: outside staff (外聘人员, 家长义工) registered only as
 * institution staff or volunteer parents, with no other role at the school (`inPay`).
 */
export async function usersNotInPay(db: Executor, schoolId: string): Promise<Set<string>> {
  const outside = await db
    .selectFrom('outside_staff')
    .select(['user_id', 'kind'])
    .where('school_id', '=', schoolId)
    .where('user_id', 'is not', null)
    .execute();
  if (outside.length === 0) return new Set();
  const ids = [...new Set(outside.map((o) => o.user_id!))];
  const grants = await db
    .selectFrom('role_grants')
    .select(['user_id', 'role'])
    .where('school_id', '=', schoolId)
    .where('user_id', 'in', ids)
    .execute();
  const out = new Set<string>();
  for (const id of ids) {
    const roles = grants.filter((g) => g.user_id === id).map((g) => g.role);
    const kinds = outside.filter((o) => o.user_id === id).map((o) => o.kind);
    if (!inPay(roles, kinds)) out.add(id);
  }
  return out;
}

// ---- runs ----

export async function runsOf(db: Executor, schoolId: string, termId: string) {
  return db
    .selectFrom('pay_runs')
    .selectAll()
    .where('school_id', '=', schoolId)
    .where('term_id', '=', termId)
    .orderBy('version', 'desc')
    .execute();
}

export async function findRun(db: Executor, schoolId: string, runId: string) {
  return db
    .selectFrom('pay_runs')
    .selectAll()
    .where('school_id', '=', schoolId)
    .where('id', '=', runId)
    .executeTakeFirst();
}

/** The term's newest approved run with a line for the user (undefined if none). */
export async function latestApprovedRunWithLine(
  db: Executor,
  schoolId: string,
  termId: string,
  userId: string,
): Promise<string | undefined> {
  const row = await db
    .selectFrom('pay_runs as r')
    .innerJoin('pay_lines as l', 'l.run_id', 'r.id')
    .select('r.id')
    .where('r.school_id', '=', schoolId)
    .where('r.term_id', '=', termId)
    .where('r.status', '=', 'approved')
    .where('l.user_id', '=', userId)
    .orderBy('r.version', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.id;
}

export async function linesOf(db: Executor, runId: string, userId?: string) {
  let q = db
    .selectFrom('pay_lines as l')
    .innerJoin('users as u', 'u.id', 'l.user_id')
    .selectAll('l')
    .select('u.display_name as userName')
    .where('l.run_id', '=', runId);
  if (userId) q = q.where('l.user_id', '=', userId);
  return q.orderBy('u.display_name').orderBy('l.user_id').execute();
}

export async function sessionLinesOf(db: Executor, runId: string, userId: string) {
  return db
    .selectFrom('pay_session_lines as l')
    .innerJoin('term_sessions as s', 's.id', 'l.session_id')
    .select([
      'l.date',
      'l.session_id as sessionId',
      's.name as sessionName',
      'l.status',
      'l.points_tenths as pointsTenths',
      'l.reason',
    ])
    .where('l.run_id', '=', runId)
    .where('l.user_id', '=', userId)
    .orderBy('l.date')
    .orderBy('s.starts_at')
    .execute();
}

/** What the approved runs of a term gave each teacher so far (sum of their amounts due). */
export async function approvedTotals(
  db: Executor,
  schoolId: string,
  termId: string,
): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('pay_lines as l')
    .innerJoin('pay_runs as r', 'r.id', 'l.run_id')
    .select(['l.user_id', 'l.due_fen'])
    .where('r.school_id', '=', schoolId)
    .where('r.term_id', '=', termId)
    .where('r.status', '=', 'approved')
    .execute();
  const out = new Map<string, number>();
  for (const r of rows) out.set(r.user_id, (out.get(r.user_id) ?? 0) + Number(r.due_fen));
  return out;
}
