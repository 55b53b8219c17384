// The demo's records for the district dashboard (DIST-1) that no earlier part writes: staff
// attendance for past session-days with a roll call and no check-in yet (enough staff for 1:30 on
// most days, one short on about one day in eight, some late), and a few incidents of the running
// term (two still open). Deterministic, so the same demo always shows the same figures.
// The teacher-pay history (demo-pay.ts, run before) owns the check-ins of everyone it seeded, so
// that pay's figures stay as it states them (care = A − 5.5 points): this fill writes only days
// before today, only staff the published roster puts on that session-day, and never anyone with a
// check-in already in the term (so never care's noon sessions, which demo-pay leaves empty on
// purpose). Session-days that already have staff attendance are left as they are.
import type { Kysely } from 'kysely';
import { insertInChunks } from '../db/batch';
import type { DB } from '../db/schema';
import { parseSettings } from '../features/programme/settings';
import { localDate } from '../features/programme/time';
import type { AppContext } from '../server/context';
import { newId } from '../server/context';

export async function seedDemoDistrict(
  ctx: AppContext,
  school: { id: string; termId: string; adminUserId: string },
): Promise<{ attendance: number; incidents: number }> {
  const db = ctx.db as Kysely<DB>;
  const at = ctx.now().toISOString();
  const settings = await db
    .selectFrom('school_settings')
    .select('settings')
    .where('school_id', '=', school.id)
    .executeTakeFirst();
  const { staffRatio: ratio, timezone } = parseSettings(settings?.settings);
  const today = localDate(at, timezone);
  // Who the published roster puts on each past session-day, less anyone already checked in during
  // the term (the pay history's teachers).
  const seeded = new Set(
    (
      await db
        .selectFrom('staff_attendance as a')
        .innerJoin('term_sessions as s', 's.id', 'a.session_id')
        .select('a.user_id')
        .distinct()
        .where('s.term_id', '=', school.termId)
        .execute()
    ).map((r) => r.user_id),
  );
  const duties = await db
    .selectFrom('duty_assignments as d')
    .innerJoin('duty_rosters as r', 'r.id', 'd.roster_id')
    .select(['d.session_id', 'd.date', 'd.user_id'])
    .distinct()
    .where('r.term_id', '=', school.termId)
    .where('r.status', '=', 'published')
    .where('d.date', '<', today)
    .orderBy('d.user_id')
    .execute();
  const rostered = new Map<string, string[]>();
  for (const d of duties) {
    if (seeded.has(d.user_id)) continue;
    const key = `${d.session_id}:${d.date}`;
    rostered.set(key, [...(rostered.get(key) ?? []), d.user_id]);
  }
  // Children present per session-day: the rolls in force (highest version per class and day).
  const rolls = await db
    .selectFrom('roll_calls as r')
    .innerJoin('temp_classes as tc', 'tc.id', 'r.temp_class_id')
    .select([
      'tc.session_id as sessionId',
      'r.date',
      'r.temp_class_id as classId',
      'r.version',
      'r.present_count as present',
    ])
    .where('tc.term_id', '=', school.termId)
    .where('r.date', '<', today)
    .execute();
  const inForce = new Map<string, (typeof rolls)[number]>();
  for (const r of rolls) {
    const key = `${r.classId}:${r.date}`;
    const seen = inForce.get(key);
    if (!seen || Number(seen.version) < Number(r.version)) inForce.set(key, r);
  }
  const present = new Map<string, { sessionId: string; date: string; n: number }>();
  for (const r of inForce.values()) {
    const key = `${r.sessionId}:${r.date}`;
    const p = present.get(key) ?? { sessionId: r.sessionId, date: r.date, n: 0 };
    p.n += Number(r.present);
    present.set(key, p);
  }
  const recorded = new Set(
    (
      await db
        .selectFrom('staff_attendance')
        .select(['session_id', 'date'])
        .distinct()
        .where('school_id', '=', school.id)
        .execute()
    ).map((r) => `${r.session_id}:${r.date}`),
  );
  const rows: DB['staff_attendance'][] = [];
  const days = [...present.values()].sort(
    (a, b) => a.date.localeCompare(b.date) || a.sessionId.localeCompare(b.sessionId),
  );
  for (const [d, p] of days.entries()) {
    if (recorded.has(`${p.sessionId}:${p.date}`)) continue;
    const staff = rostered.get(`${p.sessionId}:${p.date}`) ?? [];
    if (staff.length === 0) continue;
    const need = Math.ceil(p.n / ratio);
    const short = d % 8 === 5 ? 1 : 0;
    const count = Math.min(staff.length, Math.max(need - short, 1));
    for (let u = 0; u < count; u++) {
      const late = (u + d) % 11 === 0;
      rows.push({
        id: newId(),
        school_id: school.id,
        date: p.date,
        session_id: p.sessionId,
        user_id: staff[(u + d) % staff.length]!,
        version: 1,
        status: late ? 'late' : 'on_time',
        minutes_late: late ? 6 : 0,
        excused: null,
        reason: '',
        source: 'roster',
        checked_in_at: at,
        recorded_by: school.adminUserId,
        recorded_at: at,
      });
    }
  }
  await insertInChunks(db, 'staff_attendance', rows, 60);

  const dates = [...new Set(days.map((d) => d.date))];
  const pick = (i: number) => dates[Math.floor((dates.length * i) / 5)] ?? dates[0];
  const incidents: [string, string, string, string][] = [
    ['injury', 'minor', 'closed', '课间追跑擦伤膝盖，已消毒处理并告知家长'],
    ['conflict', 'minor', 'closed', '两名学生争抢座位发生推搡，已调解'],
    ['illness', 'minor', 'following_up', '学生自述头痛，已联系家长提前接回'],
    ['safety_hazard', 'serious', 'reported', '活动室一处插座面板松动，已停用待维修'],
  ];
  const made = incidents.flatMap(([kind, severity, status, description], i) => {
    const date = pick(i + 1);
    if (!date) return [];
    return [
      {
        id: newId(),
        school_id: school.id,
        temp_class_id: null,
        date,
        occurred_at: `${date}T08:30:00.000Z`,
        kind,
        severity,
        description,
        action_taken: '',
        staff_user_id: null,
        status,
        finding: status === 'closed' ? '已处理完毕' : null,
        reported_by: school.adminUserId,
        reported_at: `${date}T08:40:00.000Z`,
        guardians_notified: 1,
        updated_at: at,
      },
    ];
  });
  if (made.length) await db.insertInto('incidents').values(made).execute();
  return { attendance: rows.length, incidents: made.length };
}
