// The demo's records for the district dashboard (DIST-1) that no earlier part writes: staff
// attendance for every past session-day with a roll call (enough staff for 1:30 on most days, one
// short on about one day in eight, some late), and a few incidents of the running term (two still
// open). Deterministic, so the same demo always shows the same figures. Session-days that already
// have staff attendance (written by another part of the demo) are left as they are.
import type { Kysely } from 'kysely';
import { insertInChunks } from '../db/batch';
import type { DB } from '../db/schema';
import { parseSettings } from '../features/programme/settings';
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
  const ratio = parseSettings(settings?.settings).staffRatio;
  const staff = (
    await db
      .selectFrom('role_grants')
      .select('user_id')
      .distinct()
      .where('school_id', '=', school.id)
      .where('role', 'in', ['care_teacher', 'class_teacher', 'outside_staff'])
      .orderBy('user_id')
      .execute()
  ).map((r) => r.user_id);
  if (staff.length === 0) return { attendance: 0, incidents: 0 };
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
