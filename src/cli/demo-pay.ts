// The demo's teacher-pay history (issue 6): the running term has been going since September, so on
// every past school day each temporary class's teacher checked in (DAY-7) and wrote the activity
// record (DAY-8). The teachers are those the published roster puts on the class that day, else the
// class's head teacher; the record is written by the head teacher when present. A few lates, absences and incomplete records are chosen by a hash, so the
// same demo always has the same history. The demo care teacher `care` (孙老师) always has, on their
// first five past sessions: on time, LATE, on time with an INCOMPLETE record, LATE, and a
// DERELICTION incident reported against them (incidents table, as the incident feature writes it);
// every other afternoon session of theirs is on time with a complete record, and they have no noon
// check-ins. So with A past afternoon school days care has A − 5.5 points (A − 4 complete, one
// incomplete 0.5, two lates −1 each, the incident day 0) and no final reward (PAY-4).
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { insertInChunks } from '../db/batch';
import type { DB } from '../db/schema';
import {
  type DayLoss,
  pointsByUser,
  pointValues,
  type SessionSlot,
  sessionLines,
} from '../features/pay/rules';
import { defaultSettings } from '../features/programme/settings';
import { localDate } from '../features/programme/time';
import type { AppContext } from '../server/context';
import { newId } from '../server/context';
import { pastSchoolDays } from './demo-attendance';

function roll(key: string): number {
  return createHash('sha1').update(key).digest().readUInt16BE(0) % 100;
}

export interface DemoPayFacts {
  /** care's dates: the two lates, the incomplete record, the dereliction incident. */
  care: { late: string[]; incomplete: string | null; incident: string | null; pointsTenths: number } | null;
  slots: number;
}

export async function seedDemoPay(
  ctx: AppContext,
  school: { id: string; termId: string; timeZone: string; adminUserId: string; careUserId?: string },
): Promise<DemoPayFacts> {
  const db = ctx.db as Kysely<DB>;
  const today = localDate(ctx.now().toISOString(), school.timeZone);
  const days = await pastSchoolDays(db, school.termId, today);
  const classes = await db
    .selectFrom('temp_classes as t')
    .innerJoin('term_sessions as s', 's.id', 't.session_id')
    .select(['t.id', 't.session_id', 't.head_teacher_id', 's.weekdays', 's.kind', 's.starts_at'])
    .where('t.term_id', '=', school.termId)
    .execute();
  const duties = await db
    .selectFrom('duty_assignments as a')
    .innerJoin('duty_rosters as r', 'r.id', 'a.roster_id')
    .select(['a.date', 'a.temp_class_id', 'a.user_id'])
    .where('r.term_id', '=', school.termId)
    .where('r.status', '=', 'published')
    .where('a.temp_class_id', 'is not', null)
    .where('a.date', '<', today)
    .execute();
  const rostered = new Map<string, string[]>();
  for (const d of duties) {
    const k = `${d.temp_class_id}|${d.date}`;
    rostered.set(k, [...(rostered.get(k) ?? []), d.user_id]);
  }

  // Every teacher on a class that day (the roster's, else the head teacher) checks in once per
  // session and day; the class's record is written by its head teacher if present, else by the
  // first teacher present.
  interface ClassDay {
    classId: string;
    sessionId: string;
    kind: string;
    date: string;
    startsAt: string;
    users: string[];
    head: string | null;
  }
  const classDays: ClassDay[] = [];
  const seen = new Set<string>();
  for (const day of days)
    for (const c of classes) {
      if (!c.weekdays.split(',').map(Number).includes(day.timetableWeekday)) continue;
      const all = rostered.get(`${c.id}|${day.date}`) ?? (c.head_teacher_id ? [c.head_teacher_id] : []);
      const users = all.filter((u) => {
        // care's noon duties (the roster's draw varies) stay out, so care's points are fixed.
        if (u === school.careUserId && c.kind === 'noon') return false;
        const key = `${u}|${c.session_id}|${day.date}`;
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      });
      if (users.length === 0) continue;
      classDays.push({
        classId: c.id,
        sessionId: c.session_id,
        kind: c.kind,
        date: day.date,
        startsAt: c.starts_at,
        users,
        head: c.head_teacher_id,
      });
    }
  // care's first five non-noon sessions carry the facts the e2e test reads.
  const careDays = classDays
    .filter((d) => school.careUserId && d.users.includes(school.careUserId) && d.kind !== 'noon')
    .sort((a, b) => a.date.localeCompare(b.date))
    .slice(0, 5);
  const special = new Map(careDays.map((d, i) => [d, i]));

  const attendance: DB['staff_attendance'][] = [];
  const logs: DB['care_logs'][] = [];
  const incidents: DB['incidents'][] = [];
  const ruleSlots: SessionSlot[] = [];
  const losses: DayLoss[] = [];
  for (const d of classDays) {
    const i = special.get(d);
    const startsAt = new Date(`${d.date}T${d.startsAt}:00+08:00`);
    const statusOf = (userId: string): 'on_time' | 'late' | 'absent' => {
      if (userId === school.careUserId) return i === 1 || i === 3 ? 'late' : 'on_time';
      const r = roll(`${userId}:${d.sessionId}:${d.date}`);
      return r < 3 ? 'late' : r < 4 ? 'absent' : 'on_time';
    };
    const statuses = new Map(d.users.map((u) => [u, statusOf(u)]));
    const present = d.users.filter((u) => statuses.get(u) !== 'absent');
    const writer = d.head && present.includes(d.head) ? d.head : present[0];
    const careThere = !!school.careUserId && d.users.includes(school.careUserId);
    const complete = i === 2 ? false : careThere ? true : roll(`log:${d.classId}:${d.date}`) >= 8;
    for (const userId of d.users) {
      const status = statuses.get(userId)!;
      const excused = status === 'absent' ? (roll(`x:${userId}:${d.date}`) % 2 === 0 ? 1 : 0) : null;
      const checkedIn = new Date(startsAt.getTime() + (status === 'late' ? 12 : -5) * 60_000).toISOString();
      attendance.push({
        id: newId(),
        school_id: school.id,
        date: d.date,
        session_id: d.sessionId,
        user_id: userId,
        version: 1,
        status,
        minutes_late: status === 'late' ? 12 : 0,
        excused,
        reason: excused ? '事假' : '',
        source: status === 'absent' ? 'close' : 'check_in',
        checked_in_at: status === 'absent' ? null : checkedIn,
        recorded_by: status === 'absent' ? null : userId,
        recorded_at: status === 'absent' ? startsAt.toISOString() : checkedIn,
      });
      ruleSlots.push({
        userId,
        date: d.date,
        sessionId: d.sessionId,
        sessionKind: d.kind,
        status,
        excused: excused === null ? null : excused === 1,
        record: writer ? (complete ? 'complete' : 'incomplete') : null,
      });
    }
    if (writer)
      logs.push({
        id: newId(),
        school_id: school.id,
        temp_class_id: d.classId,
        date: d.date,
        version: 1,
        content: complete ? '完成当日作业，订正错题，阅读二十分钟' : '作业辅导',
        topic: complete ? '作业辅导与阅读' : '',
        head_count: null,
        started_at: null,
        ended_at: null,
        homework: null,
        behaviour: complete ? '秩序良好' : '',
        notes: '',
        complete: complete ? 1 : 0,
        written_by: writer,
        written_at: new Date(startsAt.getTime() + 100 * 60_000).toISOString(),
      });
    if (i === 4 && school.careUserId) {
      const at = new Date(startsAt.getTime() + 60 * 60_000).toISOString();
      incidents.push({
        id: newId(),
        school_id: school.id,
        temp_class_id: d.classId,
        date: d.date,
        occurred_at: at,
        kind: 'staff_dereliction',
        severity: 'minor',
        description: '看护期间离开教室约十分钟，学生无人看管',
        action_taken: '值班教师到场接管，已与当事教师谈话',
        staff_user_id: school.careUserId,
        status: 'reported',
        finding: null,
        reported_by: school.adminUserId,
        reported_at: at,
        guardians_notified: 0,
        updated_at: at,
      });
      losses.push({ userId: school.careUserId, date: d.date, kind: 'dereliction' });
    }
  }
  await insertInChunks(db, 'staff_attendance', attendance, 300);
  await insertInChunks(db, 'care_logs', logs, 200);
  if (incidents.length) await db.insertInto('incidents').values(incidents).execute();

  const points = pointsByUser(sessionLines(ruleSlots, losses, [], pointValues(defaultSettings)));
  const care = school.careUserId
    ? {
        late: careDays.filter((_, i) => i === 1 || i === 3).map((d) => d.date),
        incomplete: careDays[2]?.date ?? null,
        incident: careDays[4]?.date ?? null,
        pointsTenths: points.get(school.careUserId) ?? 0,
      }
    : null;
  return { care, slots: ruleSlots.length };
}
