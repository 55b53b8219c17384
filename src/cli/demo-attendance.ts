// The demo's attendance history (issue 5): the running term has been going since September, so
// every past school day has a roll call in each temporary class, as the head teacher would have
// saved it. Most children are present; a few are absent or late on days chosen by a hash, so the
// same demo always has the same history. The demo family's first child came on the first 14 school
// days of every month and missed the rest, so finance has a FEE-5 refund to settle in any month
// (`attended 14 of N days < 15 → refund`).
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';
import { schoolDays } from '../features/programme/rules';
import { listTermDays } from '../features/programme/store';
import { localDate } from '../features/programme/time';
import type { AppContext } from '../server/context';
import { newId } from '../server/context';

const chunk = 400;

function roll(studentId: string, date: string): number {
  return createHash('sha1').update(`${studentId}:${date}`).digest().readUInt16BE(0) % 100;
}

/** The term's school days before `today` (the demo writes the past, never today or ahead). */
export async function pastSchoolDays(db: Kysely<DB>, termId: string, today: string) {
  const term = await db
    .selectFrom('terms')
    .select(['starts_on', 'ends_on'])
    .where('id', '=', termId)
    .executeTakeFirstOrThrow();
  return schoolDays(
    { startsOn: term.starts_on, endsOn: term.ends_on },
    await listTermDays(db, termId),
  ).filter((d) => d.date < today);
}

export async function seedDemoAttendance(
  ctx: AppContext,
  school: { id: string; termId: string; timeZone: string; adminUserId: string; steadyStudentId?: string },
): Promise<{ rolls: number; marks: number }> {
  const db = ctx.db as Kysely<DB>;
  const today = localDate(ctx.now().toISOString(), school.timeZone);
  const days = await pastSchoolDays(db, school.termId, today);
  const classes = await db
    .selectFrom('temp_classes as t')
    .innerJoin('term_sessions as s', 's.id', 't.session_id')
    .select(['t.id', 't.head_teacher_id', 's.weekdays', 's.starts_at'])
    .where('t.term_id', '=', school.termId)
    .execute();
  const members = await db
    .selectFrom('temp_class_members as m')
    .innerJoin('temp_classes as t', 't.id', 'm.temp_class_id')
    .select(['m.temp_class_id as classId', 'm.student_id as studentId'])
    .where('t.term_id', '=', school.termId)
    .where('m.left_at', 'is', null)
    .orderBy('m.student_id')
    .execute();
  const byClass = new Map<string, string[]>();
  for (const m of members) byClass.set(m.classId, [...(byClass.get(m.classId) ?? []), m.studentId]);

  const rolls: DB['roll_calls'][] = [];
  const marks: DB['roll_call_marks'][] = [];
  for (const c of classes) {
    const weekdays = new Set(c.weekdays.split(',').map(Number));
    const pupils = byClass.get(c.id) ?? [];
    if (pupils.length === 0) continue;
    const seenInMonth = new Map<string, number>();
    for (const day of days) {
      if (!weekdays.has(day.timetableWeekday)) continue;
      const month = day.date.slice(0, 7);
      const nth = (seenInMonth.get(month) ?? 0) + 1;
      seenInMonth.set(month, nth);
      const id = newId();
      const at = new Date(`${day.date}T${c.starts_at}:00+08:00`).toISOString();
      let present = 0;
      for (const studentId of pupils) {
        const r = roll(studentId, day.date);
        const status =
          studentId === school.steadyStudentId
            ? nth <= 14
              ? 'present'
              : 'absent'
            : r < 3
              ? 'absent'
              : r < 5
                ? 'late'
                : 'present';
        if (status !== 'absent') present += 1;
        marks.push({ roll_call_id: id, student_id: studentId, status, leave_request_id: null, note: '' });
      }
      rolls.push({
        id,
        school_id: school.id,
        temp_class_id: c.id,
        date: day.date,
        version: 1,
        taken_by: c.head_teacher_id ?? school.adminUserId,
        marked_at: at,
        saved_at: at,
        present_count: present,
        note: '',
      });
    }
  }
  for (let i = 0; i < rolls.length; i += chunk)
    await db
      .insertInto('roll_calls')
      .values(rolls.slice(i, i + chunk))
      .execute();
  for (let i = 0; i < marks.length; i += chunk)
    await db
      .insertInto('roll_call_marks')
      .values(marks.slice(i, i + chunk))
      .execute();
  return { rolls: rolls.length, marks: marks.length };
}
